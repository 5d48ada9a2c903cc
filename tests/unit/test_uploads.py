"""Stored names of evidence files come from the kind the content showed, never the uploader."""

import pytest

from wego.core.uploads import evidence_name


@pytest.mark.parametrize(
    ("name", "kind", "stored"),
    [
        ("evil.html", "pdf", "evil.pdf"),
        ("evil.svg", "png", "evil.png"),
        ("photo.JPG.html", "jpg", "photo.JPG.jpg"),
        ("../../etc/passwd", "pdf", "passwd.pdf"),
        ("C:\\Users\\me\\report 2024.pdf", "pdf", "report-2024.pdf"),
        (".htaccess", "pdf", "file.pdf"),
        ("보고서.pdf", "pdf", "보고서.pdf"),
        ("page.pdf", "svg", "page.bin"),  # a kind we do not accept is never its own extension
        ("page.pdf", None, "page.bin"),
    ],
)
def test_evidence_names(name, kind, stored):
    assert evidence_name(name, kind) == stored
