"""Submitting takes a confirmation that shows what is answered, missing and without evidence;
the validator decides from a page that shows every answer with its comment and evidence."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import make_assessment, make_member, make_user
from wego.accounts.models import Role
from wego.core.regions import Region
from wego.diagnostic.models import Assessment, AssessmentEvent

pytestmark = pytest.mark.django_db

GM_ANSWERS = {  # every scored question of GM but GM2.3 (meetings), GM3.3 not applicable
    "q-GM1.1": "3",
    "e-GM1.1": "https://daegu.example/decree-2025-14",
    "c-GM1.1": "Signed by the mayor in March",
    "q-GM1.2": "yes",
    "q-GM1.3": "no",
    "q-GM2.1": "2",
    "q-GM2.2": "1",
    "q-GM3.1": "4",
    "q-GM3.2": "2",
    "q-GM3.3": "na",
    "q-GM3.4": "https://daegu.example/strategy.pdf",  # the domain's evidence request
    "q-GM4.1": "3",
    "q-GM4.2": "no",
    "q-GM4.3": "2",
    "q-GM5.1": "1",
    "q-GM5.2": "0",
}


@pytest.fixture
def draft(client, frameworks, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    city = make_member(
        name="Daegu",
        name_en="Daegu",
        slug="daegu",
        region=Region.ASIA_PACIFIC,
        population=2_400_000,
    )
    focal = make_user(Role.FOCAL_POINT, member=city)
    assessment = make_assessment(city, frameworks["ceds"], user=focal)
    client.force_login(focal)
    decree = SimpleUploadedFile("decree.pdf", b"%PDF-1.7\n%...", content_type="application/pdf")
    response = client.post(
        reverse("diagnostic:fill_in", args=[assessment.pk, "GM"]),
        {**GM_ANSWERS, "f-GM1.2": decree},
    )
    assert response.status_code == 302
    return assessment


def submit_url(assessment):
    return reverse("diagnostic:submit", args=[assessment.pk])


def row_of(page: str, title: str) -> str:
    start = page.index(f">{title}</a></th>")
    return page[start : page.index("</tr>", start)]


def links(html: str) -> list[str]:
    return re.findall(r'href="[^"#]*#(q-[\w-]+)"', html)


def test_the_confirmation_counts_answered_missing_and_without_evidence(client, draft):
    page = client.get(submit_url(draft)).content.decode()
    assert "13 of the 190 questions that apply to Daegu are answered (7%)." in page
    assert "177 questions are not answered: they will be shown as missing" in page
    # 12 answers in GM (GM3.3 is "not applicable"), 2 with evidence; 9 empty evidence requests.
    assert "19 answers and evidence requests have no evidence (no link and no file)." in page
    gm = row_of(page, "Governance Mechanism")
    assert "13 of 14 (93%)" in gm
    missing, without = gm.split("</td>")[1:3]
    assert links(missing) == ["q-GM2-3"]
    assert f'href="/diagnostic/assessments/{draft.pk}/domains/GM/#q-GM2-3"' in missing
    assert len(links(without)) == 10
    assert not {"q-GM1-1", "q-GM1-2", "q-GM3-3", "q-GM3-4"} & set(links(without))
    pi = row_of(page, "Policy &amp; Institution")
    assert (
        "0 of 14 (0%)" in pi and "14 questions" in pi and links(pi.split("</td>")[2]) == ["q-PI1-3"]
    )  # its evidence request
    assert 'name="confirm" value="yes"' in page


def test_submitting_needs_the_confirmation(client, draft):
    response = client.post(submit_url(draft))
    assert response.status_code == 400
    assert "Nothing was submitted" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.DRAFT
    assert not draft.events.filter(kind=AssessmentEvent.Kind.SUBMITTED).exists()

    response = client.post(submit_url(draft), {"confirm": "yes"})
    assert response["Location"] == draft.get_absolute_url()
    draft.refresh_from_db()
    assert draft.status == Assessment.Status.SUBMITTED
    assert draft.events.filter(kind=AssessmentEvent.Kind.SUBMITTED).count() == 1


def test_the_assessment_page_leads_to_the_confirmation_not_to_a_submission(client, draft):
    page = client.get(draft.get_absolute_url()).content.decode()
    assert f'href="{submit_url(draft)}"' in page
    assert f'action="{submit_url(draft)}"' not in page


@pytest.fixture
def submitted(client, draft):
    client.post(submit_url(draft), {"confirm": "yes"})
    client.force_login(make_user(Role.REGIONAL_STAFF, region=Region.ASIA_PACIFIC))
    return draft


def review_page(client, assessment, language=""):
    response = client.get(language + reverse("diagnostic:review", args=[assessment.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_validator_sees_every_answer_with_its_comment_and_evidence(client, submitted):
    page = review_page(client, submitted)
    assert (
        page.index('id="answers-GM"') < page.index('id="answers-PI"') < page.index('id="decision"')
    )
    gm = page[page.index('id="answers-GM"') : page.index('id="answers-PI"')]
    assert "13 of 14 answered (93%)" in gm
    first = gm[gm.index("GM1.1</span>") :]
    first = first[: first.index("</tr>")]
    assert "3: e-Government is one of the mayor&#x27;s written priorities" in first
    assert "Signed by the mayor in March" in first
    assert 'href="https://daegu.example/decree-2025-14"' in first
    evidence = reverse("diagnostic:evidence", args=[submitted.pk, "GM1.2"])
    assert f'href="{evidence}"' in gm and "File: GM1.2" in gm
    assert "not applicable" in gm and "not answered" in gm
    assert "https://daegu.example/strategy.pdf" in gm  # the evidence request's answer
    assert 'name="decision"' in page


def test_the_validator_reads_the_answers_in_their_language(client, submitted):
    page = review_page(client, submitted, "/ko")
    gm = page[page.index('id="answers-GM"') : page.index('id="answers-PI"')]
    assert "시장은 전자정부를 얼마나 적극적으로 지원합니까?" in gm  # GM1.1 in Korean
    assert "<td>예</td>" in gm  # GM1.2: yes


def test_a_decision_without_its_reason_keeps_the_answers_on_the_page(client, submitted):
    url = reverse("diagnostic:review", args=[submitted.pk])
    response = client.post(url, {"decision": "return", "comment": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert 'id="answers-GM"' in page and 'action="#decision"' in page
    submitted.refresh_from_db()
    assert submitted.status == Assessment.Status.SUBMITTED
