"""Texts of practices may carry a little formatting; everything else in HTML is removed."""

import nh3

RICH_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote"}
RICH_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def rich_text(text: str) -> str:
    """Keep paragraphs, emphasis, lists and links; drop scripts, styles, events, everything else."""
    return nh3.clean(
        text.strip(),
        tags=RICH_TAGS,
        attributes=RICH_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def has_markup(text: str) -> bool:
    return "<" in text and ">" in text
