"""Plain text from what people type or paste (often copied from a web page or a Word file)."""

import html

import nh3


def plain_text(text: str) -> str:
    """The words without any HTML: tags go, scripts and styles go with their content.

    nh3 escapes the text it keeps; a plain field is escaped again when shown, so it is
    unescaped once here.
    """
    return html.unescape(nh3.clean(text, tags=set())).strip()
