"""Django's `{# #}` comment ends on its own line: one that goes on to the next is not a
comment, and the page shows it to the reader as text (it did, on the ballot and on the CeDS
answer page). Longer comments are `{% comment %}` blocks."""

import re
from pathlib import Path

import wego

TEMPLATES = Path(wego.__file__).parent
OPENED = re.compile(r"\{#(?!.*#\})")


def test_every_one_line_comment_ends_on_its_line():
    unclosed = [
        f"{path.relative_to(TEMPLATES)}:{number}"
        for path in sorted(TEMPLATES.glob("**/templates/**/*"))
        if path.is_file() and path.suffix in {".html", ".txt", ".xml", ".ics", ".svg"}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if OPENED.search(line)
    ]
    assert unclosed == []
