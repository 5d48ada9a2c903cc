"""Texts kept in several languages at once ({"en": ..., "ko": ..., "ar": ...}), as framework files
and demo data hold them. Plain Python: domain modules use it too.

A text shown in another language than the reader's (a translation is missing) must say so and
keep its own direction: `localise` tells which language it found, and the `in_its_language`
template filter (core/templatetags/wego_text.py) marks and isolates it.
"""

from dataclasses import dataclass

FALLBACK = "en"


@dataclass(frozen=True)
class Localised:
    """A text and the language it is written in (not always the reader's)."""

    text: str
    language: str

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


def localise(text: dict[str, str] | None, language: str = FALLBACK) -> Localised:
    """The text in `language` (or its base language), else in English, saying which."""
    if not text:
        return Localised("", language)
    for candidate in (language, language.split("-")[0]):
        if text.get(candidate):
            return Localised(text[candidate], candidate)
    return Localised(text.get(FALLBACK, ""), FALLBACK)


def translate(text: dict[str, str] | None, language: str = FALLBACK) -> str:
    """The text in `language`, falling back to English."""
    return localise(text, language).text
