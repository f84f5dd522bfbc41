"""The error summary: every error of a form as a link to its field."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()


def _anker(bound_field) -> str:
    # Radio buttons and checkboxes have no single label target: link to the first choice.
    return bound_field.id_for_label or f"{bound_field.auto_id}_0"


@register.filter
def fouten(form) -> list[tuple[str, str]]:
    """(anchor, message) per error of the form, in field order; errors of the whole form link to its first field."""
    if form is None or not getattr(form, "errors", None):
        return []
    visible = form.visible_fields()
    eerste = _anker(visible[0]) if visible else ""
    result = [(eerste, str(message)) for message in form.non_field_errors()]
    for bound_field in visible:
        result += [(_anker(bound_field), str(message)) for message in bound_field.errors]
    for bound_field in form.hidden_fields():
        # A hidden field the user cannot fix (a tampered or missing version): say what to do instead.
        if bound_field.errors:
            result.append(
                (eerste, _("Het formulier was niet compleet. Laad de pagina opnieuw en probeer het nog eens."))
            )
    return result
