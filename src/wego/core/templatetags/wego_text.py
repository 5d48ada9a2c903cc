"""Showing a text whose language may not be the page's: {{ value|in_its_language }}, and for an
element that holds only text (an <option>) {{ value|language_attributes }} and
{{ value|language_note }}."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language, get_language_info, pgettext

from wego.core.i18n import Localised

register = template.Library()


@register.filter(needs_autoescape=True)
def in_its_language(value, autoescape=True):
    """A Localised text in the page's language as it is; in another language (a translation is
    missing) isolated in its own language and direction, never laid out right-to-left when it
    is English, and marked "(English)" in the reader's language. Any other value: escaped."""
    info = _in_another_language(value)
    if info is None:
        return conditional_escape(value)
    return format_html(
        '<span lang="{}" dir="{}" class="untranslated">{}</span>'
        ' <span class="untranslated-note">({})</span>',
        value.language,
        _direction(info),
        value.text,
        info["name_translated"],
    )


@register.filter
def language_attributes(value):
    """` lang=".." dir=".."` for an element that holds only text (an <option> cannot hold the
    span of `in_its_language`) when a Localised text is in another language than the page's,
    so that it keeps its own direction; nothing otherwise."""
    info = _in_another_language(value)
    if info is None:
        return ""
    return format_html(' lang="{}" dir="{}"', value.language, _direction(info))


@register.filter
def language_note(value):
    """The note " (English)", in the reader's language, after a Localised text in another
    language than the page's where `in_its_language` cannot mark it (an <option>); nothing
    otherwise."""
    info = _in_another_language(value)
    return "" if info is None else f" ({info['name_translated']})"


def _in_another_language(value):
    """Django's description of the language of a Localised text that is not in the page's
    language (its translation is missing); None for any other value."""
    if not isinstance(value, Localised) or not value.text:
        return None
    if value.language == (get_language() or "en").split("-")[0]:
        return None
    return get_language_info(value.language)


def _direction(info) -> str:
    return "rtl" if info["bidi"] else "ltr"


@register.simple_tag
def list_separator():
    """The reader's comma between the items of a short list (Arabic: "، ")."""
    return pgettext("between the items of a short list", ", ")


@register.simple_tag
def listed(*items):
    """Items joined with the reader's comma ("Seoul, 2026"; in Arabic "سيول، 2026"); empty ones
    left out. Escaped like any variable."""
    return list_separator().join(str(item) for item in items if item not in (None, ""))
