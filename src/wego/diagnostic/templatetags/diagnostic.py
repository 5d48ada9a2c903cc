from django import template
from django.utils.translation import get_language

from wego.core.i18n import localise

register = template.Library()


@register.filter
def tr(text, language=None):
    """A framework text ({en: ..., ko: ...}) in the reader's language, falling back to English:
    a Localised text, shown plain as it is ({{ x|tr }} in an attribute or an <option>), or
    marked and isolated where it is not in the reader's language ({{ x|tr|in_its_language }})."""
    return localise(text, language or get_language() or "en")
