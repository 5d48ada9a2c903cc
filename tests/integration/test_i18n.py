"""English, Korean and Arabic from day one; every interface string translated."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

import wego

LOCALE_DIR = Path(wego.__file__).parent / "locale"
pytestmark = pytest.mark.django_db


def untranslated_entries(po_file: Path) -> list[str]:
    """msgids whose translation is empty or marked fuzzy (header excluded)."""
    text = po_file.read_text(encoding="utf-8")
    missing = []
    for block in text.split("\n\n")[1:]:
        msgid = re.search(r'^msgid "(.*)"', block, re.M)
        if not msgid:
            continue
        strings = re.findall(r'^msgstr(?:\[\d\])? "(.*)"((?:\n".*")*)', block, re.M)
        empty = any(first == "" and not rest.strip() for first, rest in strings)
        if empty or "#, fuzzy" in block:
            missing.append(msgid.group(1) or block.splitlines()[1])
    return missing


@pytest.mark.parametrize("language", ["ko", "ar"])
def test_every_string_is_translated(language):
    po_file = LOCALE_DIR / language / "LC_MESSAGES" / "django.po"
    assert untranslated_entries(po_file) == []


def test_korean_pages_are_in_korean(client, demo_network):
    page = client.get("/ko/members/").content.decode()
    assert 'lang="ko"' in page
    assert "회원 명부" in page
    assert "서울" in page


def test_arabic_pages_are_right_to_left(client, demo_network):
    page = client.get("/ar/").content.decode()
    assert 'lang="ar" dir="rtl"' in page
    assert "الأعضاء" in page


def test_language_choice_is_remembered(client):
    response = client.post(reverse("set_language"), {"language": "ko", "next": "/members/"})
    assert response.status_code == 302
    assert response["Location"] == "/ko/members/"
