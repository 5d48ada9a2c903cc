from django import template
from django.utils.translation import get_language

from wego.core.i18n import translate

register = template.Library()


@register.filter
def tr(text, language=None):
    """A framework text ({en: ..., ko: ...}) in the reader's language, falling back to English."""
    return translate(text, language or get_language() or "en")
