import html

from django import template
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

from wego.core.i18n import Localised
from wego.practices.domain.sanitise import has_markup, rich_text

register = template.Library()


@register.filter
def rich(text) -> str:
    """A practice text: its little formatting kept (cleaned again, to be sure), or paragraphs.
    A Localised text in another language than the page's keeps its own language and direction
    (an English story on an Arabic page is not laid out right-to-left)."""
    if isinstance(text, Localised):
        return _in_its_language(text)
    if not text:
        return ""
    if has_markup(text):
        return mark_safe(rich_text(text))  # noqa: S308 - sanitised by nh3 just above
    # Saved texts come out of nh3 escaped ("&amp;"): unescaped once, escaped once into
    # paragraphs (unmarked, the paragraphs' own tags were escaped as text).
    return mark_safe(linebreaks(html.unescape(text), autoescape=True))  # noqa: S308


def _in_its_language(text: Localised) -> str:
    html = rich(text.text)
    if not html or text.language == (get_language() or "en").split("-")[0]:
        return html
    direction = "rtl" if get_language_info(text.language)["bidi"] else "ltr"
    return format_html('<div lang="{}" dir="{}">{}</div>', text.language, direction, html)
