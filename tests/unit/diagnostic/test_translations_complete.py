"""Every text of the shipped frameworks and module guides is in every interface language, so the
Korean and Arabic forms have no English passage (the fallback marks one, should a translation be
missing in a framework someone loads later)."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings

import wego.diagnostic

DIAGNOSTIC = Path(wego.diagnostic.__file__).parent
SHIPPED = sorted(DIAGNOSTIC.glob("frameworks/**/*.yaml")) + sorted(
    DIAGNOSTIC.glob("modules/*.yaml")
)
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def texts(node, where=""):
    """(place, {language: text}) for each text in several languages in a parsed YAML tree."""
    if isinstance(node, dict):
        if "en" in node and all(isinstance(value, str) for value in node.values()):
            yield where, node
            return
        for key, value in node.items():
            yield from texts(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from texts(value, f"{where}[{index}]")


def test_the_shipped_files_were_found():
    assert len(SHIPPED) > 15


@pytest.mark.parametrize("path", SHIPPED, ids=lambda path: path.relative_to(DIAGNOSTIC).as_posix())
def test_every_text_is_in_every_language(path):
    found = list(texts(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert found
    missing = [
        f"{where}: no {language}"
        for where, text in found
        for language in LANGUAGES
        if not (text.get(language) or "").strip()
    ]
    assert not missing, "\n".join(missing[:20])
