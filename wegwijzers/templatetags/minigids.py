from django import template

from wegwijzers import markup

register = template.Library()


@register.filter
def opmaak(text: str, heading_level: int = 2):
    """Render the booklet's small markup (paragraphs, "## " subheadings, "- " lists, links) as safe HTML."""
    return markup.render(text, heading_level=int(heading_level))
