from django import template
from django.utils.html import format_html

from incubator import eenmalig

register = template.Library()


@register.simple_tag
def eenmalig_token() -> str:
    """A hidden one-time token for a form that creates something (incubator.eenmalig)."""
    return format_html('<input type="hidden" name="{}" value="{}">', eenmalig.FIELD, eenmalig.new_token())
