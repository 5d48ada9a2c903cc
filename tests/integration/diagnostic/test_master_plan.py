"""The city e-Government Master Plan, as PDF and as Word, through the web."""

import io
import random
import shutil
import subprocess

import pytest
from django.urls import reverse
from django.utils import translation
from docx import Document
from docx.oxml.ns import qn

from tests.factories import make_assessment, make_member, make_user
from tests.integration.diagnostic.test_peers import scored
from wego.accounts.models import Role
from wego.diagnostic.domain.framework import QuestionType
from wego.diagnostic.interfaces.roadmap import roadmap_steps
from wego.diagnostic.models import Answer
from wego.diagnostic.services.assessments import recompute_scores
from wego.diagnostic.services.roadmaps import edit_item

pytestmark = pytest.mark.django_db

SECTIONS = [
    "Executive summary",
    "Current state by domain",
    "Where the city stands among its peers",
    "The roadmap by year",
    "e-Government modules proposed",
    "Who can help",
    "Annex: every indicator's score",
]
NOTHING_TO_PLAN = "there is nothing to plan yet"
needs_pdftotext = pytest.mark.skipif(
    not shutil.which("pdftotext"), reason="poppler-utils is installed by make test"
)


def value_for(question, framework, rng):
    return {
        QuestionType.LEVEL: lambda: rng.randint(0, 4),
        QuestionType.YES_NO: lambda: rng.random() < 0.6,
        QuestionType.PERCENTAGE: lambda: round(rng.uniform(0, 100), 1),
        QuestionType.NUMBER: lambda: round(rng.uniform(0, 20), 1),
        QuestionType.CHOICE: lambda: rng.choice(framework.choices_of(question)).code,
        QuestionType.TEXT: lambda: "Notes",
        QuestionType.EVIDENCE: lambda: "https://example.org/evidence",
    }[question.type]()


def fully_answered(frameworks, seed=7):
    """A CeDS assessment with every question answered."""
    assessment = make_assessment(
        make_member(name="Kathmandu Test", name_en="Kathmandu Test", country="NP"),
        frameworks["ceds"],
    )
    framework, rng = assessment.framework, random.Random(seed)
    Answer.objects.bulk_create(
        Answer(assessment=assessment, question_code=q.code, value=value_for(q, framework, rng))
        for _domain, _indicator, q in framework.questions()
    )
    recompute_scores(assessment)
    return assessment


@pytest.fixture
def city(frameworks):
    peers = [scored(frameworks, level) for level in (1, 2, 3, 4, 4)]  # published: a full group
    return fully_answered(frameworks), peers


@pytest.fixture
def signed_in(client, city):
    mine, _peers = city
    client.force_login(make_user(Role.CITY_USER, member=mine.member))
    return client


def url(assessment, language="en"):
    with translation.override(language):
        return reverse("diagnostic:master_plan", args=[assessment.pk])


def pdf_text(data: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return " ".join(done.stdout.decode().split())


def docx_text(document) -> list[str]:
    """Every paragraph's text, those inside table cells included, in document order."""
    return [
        "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in document.element.iter(qn("w:p"))
    ]


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def table_rows(document) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


@needs_pdftotext
def test_pdf_has_the_member_and_the_roadmap(signed_in, city):
    mine, _peers = city
    response = signed_in.get(url(mine))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "ceds-master-plan-" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    rows, _result = roadmap_steps(mine, "en")
    assert mine.member.name in text
    assert " ".join(rows[0]["title"].text.split()) in text
    assert "Prepared with the CeDS toolkit" in text
    for title in SECTIONS:
        assert title in text


def test_docx_has_every_section_roadmap_item_and_indicator(signed_in, city):
    mine, peers = city
    rows, _result = roadmap_steps(mine, "en")
    dropped, annotated = rows[1]["code"], rows[0]["code"]
    edit_item(mine, annotated, None, note="Budget agreed with the mayor's office")
    edit_item(mine, dropped, None, dropped=True)
    response = signed_in.get(url(mine), {"format": "docx"})
    assert response.status_code == 200
    assert response["Content-Type"].endswith("wordprocessingml.document")
    document = Document(io.BytesIO(response.content))
    assert headings(document, 1) == SECTIONS
    assert document.core_properties.title == f"e-Government Master Plan of {mine.member.name}"
    text = "\n".join(docx_text(document))
    assert mine.member.name in text and "Prepared with the CeDS toolkit" in text
    cells = table_rows(document)
    planned = {row[1] for row in cells if len(row) == 9}  # the roadmap tables' indicator column
    kept = [r for r in rows if r["code"] != dropped]
    assert planned == {f"{r['code']} {r['title']}" for r in kept} | {"Indicator"}
    assert any(row[-1] == "Budget agreed with the mayor's office" for row in cells)
    annex = {row[0] for row in cells if len(row) == 4}
    assert {i.code for d in mine.framework.domains for i in d.indicators} <= annex
    assert "Year 1 (2027)" in headings(document, 2)
    assert any(peers[-1].member.name in row[1] for row in cells if len(row) == 2)
    assert any(row[0] == "All members" and row[1] == "5" for row in cells)  # peer group figures


def test_arabic_docx_is_right_to_left(signed_in, city):
    mine, _peers = city
    response = signed_in.get(url(mine, "ar"), {"format": "docx"})
    document = Document(io.BytesIO(response.content))
    body = document.element.body
    assert body.find(qn("w:sectPr")).find(qn("w:bidi")) is not None
    paragraphs = list(body.iter(qn("w:p")))
    assert paragraphs and all(
        p.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is not None for p in paragraphs
    )
    assert all(
        t.find(f"{qn('w:tblPr')}/{qn('w:bidiVisual')}") is not None for t in body.iter(qn("w:tbl"))
    )
    assert any(r.find(f"{qn('w:rPr')}/{qn('w:rtl')}") is not None for r in body.iter(qn("w:r")))
    assert document.core_properties.language == "ar"
    english = signed_in.get(url(mine), {"format": "docx"})
    assert Document(io.BytesIO(english.content)).element.body.find(f".//{qn('w:bidi')}") is None


def test_arabic_and_korean_pdfs_are_made(signed_in, city):
    mine, _peers = city
    for language in ("ar", "ko"):
        response = signed_in.get(url(mine, language))
        assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_another_members_city_user_cannot_see_it(client, city):
    mine, peers = city
    client.force_login(make_user(Role.CITY_USER, member=peers[0].member))
    assert client.get(url(mine)).status_code == 403
    assert client.get(url(mine), {"format": "docx"}).status_code == 403
    client.logout()
    assert client.get(url(mine)).status_code == 302  # to the sign-in page


def test_nothing_answered_says_there_is_nothing_to_plan(client, frameworks):
    empty = make_assessment(framework_version=frameworks["ceds"])
    client.force_login(make_user(Role.CITY_USER, member=empty.member))
    document = Document(io.BytesIO(client.get(url(empty), {"format": "docx"}).content))
    assert headings(document, 1) == SECTIONS
    assert NOTHING_TO_PLAN in "\n".join(docx_text(document))
    pdf = client.get(url(empty))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        assert NOTHING_TO_PLAN in pdf_text(pdf.content)


@needs_pdftotext
@pytest.mark.skipif(not shutil.which("libreoffice"), reason="LibreOffice is installed by make test")
def test_word_file_opens_in_libreoffice(signed_in, city, tmp_path):
    mine, _peers = city
    source = tmp_path / "master-plan.docx"
    source.write_bytes(signed_in.get(url(mine), {"format": "docx"}).content)
    subprocess.run(
        [
            "libreoffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = pdf_text((tmp_path / "out" / "master-plan.pdf").read_bytes())
    rows, _result = roadmap_steps(mine, "en")
    assert mine.member.name in text and "Annex: every indicator's score" in text
    assert " ".join(rows[0]["title"].text.split()) in text
