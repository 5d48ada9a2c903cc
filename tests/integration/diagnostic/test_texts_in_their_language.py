"""Framework texts in the reader's language; a missing translation is marked and keeps its own
language and direction (never laid out right-to-left when it is English)."""

import copy
import re

import pytest
from django.urls import reverse

from tests.factories import make_assessment, make_member, make_user
from tests.unit.diagnostic.small_framework import DOMAINS, HEADER, write_framework
from wego.accounts.models import Role
from wego.diagnostic.domain.framework import load_framework
from wego.diagnostic.services.frameworks import store_framework

pytestmark = pytest.mark.django_db

ONLY_ENGLISH = "Count the services a resident can finish online."
MARKED = (
    f'<span lang="en" dir="ltr" class="untranslated">{ONLY_ENGLISH}</span>'
    ' <span class="untranslated-note">(الإنجليزية)</span>'
)


def in_every_language(data):
    """`data` with every text {en: ...} also in Korean and Arabic."""
    if isinstance(data, dict):
        if "en" in data and all(isinstance(value, str) for value in data.values()):
            return {**data, "ko": f"한국어 {data['en']}", "ar": f"بالعربية {data['en']}"}
        return {key: in_every_language(value) for key, value in data.items()}
    if isinstance(data, list):
        return [in_every_language(item) for item in data]
    return data


def translated_framework(folder, untranslated_help=False):
    """The small framework wholly in English, Korean and Arabic; with `untranslated_help`, the
    help text of AA2.2 (a number question with a unit) in English only."""
    header, domains = in_every_language(copy.deepcopy(HEADER)), in_every_language(DOMAINS)
    question = domains["AA"]["indicators"][1]["questions"][1]
    question["unit"] = {"en": "services", "ko": "서비스", "ar": "خدمات"}
    if untranslated_help:
        question["help"] = {"en": ONLY_ENGLISH}
    return load_framework(write_framework(folder, header, domains))


def fill_in_page(client, folder, language, **options):
    stored, _outcome = store_framework(translated_framework(folder, **options))
    city = make_member(population=500_000)
    user = make_user(Role.FOCAL_POINT, member=city)
    assessment = make_assessment(city, stored, user=user)
    client.force_login(user)
    prefix = "" if language == "en" else f"/{language}"
    response = client.get(prefix + reverse("diagnostic:fill_in", args=[assessment.pk, "AA"]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_help_text_without_arabic_is_isolated_in_english_and_marked(client, tmp_path):
    page = fill_in_page(client, tmp_path, "ar", untranslated_help=True)

    assert '<html lang="ar" dir="rtl">' in page
    help_paragraph = re.search(r'<p class="hint" id="q-AA2-2-help">(.*?)</p>', page).group(1)
    assert help_paragraph == MARKED
    assert page.count(ONLY_ENGLISH) == 1  # never bare anywhere else on the page
    # The texts that have their Arabic are shown as they are, unmarked.
    assert "بالعربية How many?</label>" in page
    assert "<span>خدمات</span>" in page
    assert page.count('class="untranslated"') == 1


def test_the_same_text_is_marked_in_korean_in_korean(client, tmp_path):
    page = fill_in_page(client, tmp_path, "ko", untranslated_help=True)

    assert (
        f'<span lang="en" dir="ltr" class="untranslated">{ONLY_ENGLISH}</span>'
        ' <span class="untranslated-note">(영어)</span>'
    ) in page


@pytest.mark.parametrize("language", ["ar", "ko", "en"])
def test_a_fully_translated_domain_has_no_untranslated_marker(client, tmp_path, language):
    page = fill_in_page(client, tmp_path, language)

    assert "untranslated" not in page
    # Level descriptions and choice labels are the translated ones.
    shown = {"ar": "بالعربية Level 2", "ko": "한국어 Level 2", "en": "Level 2"}[language]
    assert f"<strong>2</strong> {shown}</label>" in page
