from django import template
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe

from wego.practices.domain.sanitise import has_markup, rich_text

register = template.Library()


@register.filter
def rich(text: str) -> str:
    """A practice text: its little formatting kept (cleaned again, to be sure), or paragraphs."""
    if not text:
        return ""
    if has_markup(text):
        return mark_safe(rich_text(text))  # noqa: S308 - sanitised by nh3 just above
    return linebreaks(text, autoescape=True)
