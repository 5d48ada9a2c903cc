"""A strict Content-Security-Policy holds: no inline script or style anywhere."""

import re
from pathlib import Path

import pytest

import wego

TEMPLATES = list(Path(wego.__file__).parent.rglob("templates/**/*.html"))


@pytest.mark.django_db
def test_pages_send_a_strict_csp(client):
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"


def test_templates_were_found():
    assert len(TEMPLATES) > 10


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_no_inline_script_style_or_handlers(template):
    source = template.read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", source), "inline <script>"
    assert "<style" not in source
    assert not re.search(r"\sstyle=", source)
    assert not re.search(r"\son[a-z]+=", source), "inline event handler"
