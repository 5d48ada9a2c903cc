"""Texts kept in several languages at once ({"en": ..., "ko": ..., "ar": ...}), as framework files
and demo data hold them. Plain Python: domain modules use it too."""


def translate(text: dict[str, str] | None, language: str = "en") -> str:
    """The text in `language`, falling back to English."""
    if not text:
        return ""
    return text.get(language) or text.get(language.split("-")[0]) or text.get("en", "")
