"""A fill-in domain of the shipped CeDS framework in Korean and Arabic, in real Chromium: a text
is marked as untranslated exactly when the framework lacks it in that language, and such a text
keeps its own language and direction."""

import pytest

from tests.e2e.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD, make_assessment, make_member, make_user
from wego.accounts.models import Role
from wego.diagnostic.domain.framework import QuestionType
from wego.diagnostic.domain.scoring import Status, question_status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DOMAIN = "GM"


@pytest.fixture
def assessment(frameworks):
    city = make_member(name="Gwangju", name_en="Gwangju", slug="gwangju", population=1_400_000)
    focal = make_user(Role.FOCAL_POINT, member=city, email="focal@gwangju.example.org")
    return make_assessment(city, frameworks["ceds"], user=focal), focal


def shown_texts(assessment):
    """Every framework text the fill-in page of DOMAIN shows, once per place it is shown."""
    framework = assessment.framework
    domain = framework.domain(DOMAIN)
    city = assessment.city_context()
    texts = [domain.title, domain.title]  # the breadcrumb and the heading
    for indicator in domain.indicators:
        texts.append(indicator.title)
        for question in indicator.questions:
            texts.append(question.text)
            if question_status(question, None, city) == Status.EXCLUDED:
                continue  # its text only, with a note that it does not apply
            texts += [question.help] if question.help else []
            if question.type == QuestionType.LEVEL:
                texts += list(framework.levels_of(question).values())
            if question.type == QuestionType.CHOICE:
                texts += [choice.label for choice in framework.choices_of(question)]
            if question.unit and question.type == QuestionType.NUMBER:
                texts.append(question.unit)
    return texts


@pytest.mark.parametrize("language", ["ko", "ar"])
def test_a_fill_in_domain_marks_exactly_the_missing_translations(page, assessment, language):
    assessment, focal = assessment
    sign_in(page, focal.email, PASSWORD)

    page.goto(f"/{language}/diagnostic/assessments/{assessment.pk}/domains/{DOMAIN}/")

    html = page.locator("html")
    assert html.get_attribute("lang") == language
    assert html.get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    missing = sorted(text["en"] for text in shown_texts(assessment) if not text.get(language))
    marked = page.locator(".untranslated")
    assert sorted(" ".join(text.split()) for text in marked.all_inner_texts()) == sorted(
        " ".join(text.split()) for text in missing
    )
    for index in range(marked.count()):  # English in its own direction, whatever the page's
        assert marked.nth(index).get_attribute("lang") == "en"
        assert marked.nth(index).get_attribute("dir") == "ltr"
        assert marked.nth(index).evaluate("node => getComputedStyle(node).direction") == "ltr"
    assert_accessible(page)
