"""Showing a text whose language may not be the page's: {{ value|in_its_language }}."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language, get_language_info

from wego.core.i18n import Localised

register = template.Library()


@register.filter(needs_autoescape=True)
def in_its_language(value, autoescape=True):
    """A Localised text in the page's language as it is; in another language (a translation is
    missing) isolated in its own language and direction, never laid out right-to-left when it
    is English, and marked "(English)" in the reader's language. Any other value: escaped."""
    if not isinstance(value, Localised):
        return conditional_escape(value)
    page = (get_language() or "en").split("-")[0]
    if not value.text or value.language == page:
        return conditional_escape(value.text)
    info = get_language_info(value.language)
    return format_html(
        '<span lang="{}" dir="{}" class="untranslated">{}</span>'
        ' <span class="untranslated-note">({})</span>',
        value.language,
        "rtl" if info["bidi"] else "ltr",
        value.text,
        info["name_translated"],
    )
