"""How much is answered reads the same everywhere, as a person reads it: "28 of 190 (15%)" on
the assessment, results, validation and submission pages, the PDF report, the Excel results
and the Master Plan (never the weighted coverage, 0.20, nor a second percentage); answers read
as the form shows them (Yes, 50%, 12 meetings, a level's label) in the workbook preview and
the history."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import make_assessment, make_member, make_user
from wego.accounts.models import Role
from wego.core.regions import Region
from wego.diagnostic.domain.answers import parse_answer
from wego.diagnostic.interfaces.master_plan import master_plan_context
from wego.diagnostic.interfaces.results import results_context
from wego.diagnostic.models import AnswerRevision
from wego.diagnostic.services import assessments as lifecycle

pytestmark = pytest.mark.django_db

SAMPLES = {"level": "2", "yes-no": "yes", "percentage": "50", "number": "12", "choice": None}


def answer_domains(assessment, user, domains=("GM", "PI")):
    """Every scored question of these domains answered, through the real service."""
    framework = assessment.framework
    changes = []
    for domain, _indicator, question in framework.questions():
        if domain.code not in domains or not question.is_scored:
            continue
        raw = SAMPLES[question.type.value] or framework.choices_of(question)[0].code
        changes.append(
            lifecycle.AnswerChange(question.code, parse_answer(framework, question, raw))
        )
    lifecycle.save_answers(assessment, changes, user, AnswerRevision.Source.FORM)
    assessment.refresh_from_db()
    return len(changes)


@pytest.fixture
def seoul_like(frameworks):
    """A city of nine million (every CeDS question applies: 190 to answer), two domains of ten
    answered: 28 questions, 15%; the weighted coverage says 0.20."""
    city = make_member(
        name="Busan",
        name_en="Busan",
        slug="busan",
        region=Region.ASIA_PACIFIC,
        population=9_000_000,
    )
    user = make_user(Role.FOCAL_POINT, member=city)
    assessment = make_assessment(city, frameworks["ceds"], user=user)
    assert answer_domains(assessment, user) == 28
    assert round(assessment.coverage, 2) == 0.2  # what the pages used to show
    return assessment, user


def page(client, name, assessment) -> str:
    response = client.get(reverse(f"diagnostic:{name}", args=[assessment.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_assessment_page_counts_the_questions_that_apply(client, seoul_like):
    assessment, user = seoul_like
    client.force_login(user)
    text = page(client, "assessment", assessment)
    assert "28 of the 190 questions that apply to Busan are answered (15%)." in text
    assert "Not counted: the requests for evidence" in text
    tfoot = text[text.index("<tfoot>") : text.index("</tfoot>")]
    assert "All domains" in tfoot and "28 of 190" in tfoot and "15%" in tfoot


def test_the_results_page_says_the_same_percentage(client, seoul_like):
    assessment, user = seoul_like
    client.force_login(user)
    text = page(client, "results", assessment)
    assert '<span class="figure__value">15%</span>' in text
    assert "of the questions answered (28 of 190)" in text
    assert "20%" not in text and "0.20" not in text
    gm = text[text.index(">Governance Mechanism<") :]
    assert gm[: gm.index("</tr>")].endswith('<td class="numeric">100%</td>')


def test_the_validation_page_says_the_same_percentage(client, seoul_like):
    assessment, user = seoul_like
    lifecycle.submit(assessment, user)
    client.force_login(make_user(Role.REGIONAL_STAFF, region=Region.ASIA_PACIFIC))
    text = page(client, "review", assessment)
    assert "28 of the 190 questions that apply to Busan are answered (15%)." in text
    assert "(coverage) 0.20" not in text


def test_the_pdf_report_says_the_same_percentage(seoul_like):
    assessment, _user = seoul_like
    context = results_context(assessment, "en")
    html = render_to_string("diagnostic/report.html", {**context, "assessment": assessment})
    assert "28 of the 190 questions that apply to it are answered (15%)." in html
    assert "1.00 means all" not in html and "0.20" not in html


def test_the_excel_results_give_percentages_of_questions(client, seoul_like):
    assessment, user = seoul_like
    client.force_login(user)
    response = client.get(reverse("diagnostic:results_xlsx", args=[assessment.pk]))
    book = load_workbook(io.BytesIO(response.content))
    summary = {cell.value: value.value for cell, value in zip(*book["Summary"].rows, strict=True)}
    assert summary["Questions answered"] == 28
    assert summary["Questions to answer"] == 190
    assert summary["Answered (%)"] == 15
    domains = {row[0].value: row[3].value for row in book["Domains"].iter_rows(min_row=2)}
    assert domains["GM"] == 100 and domains["RC"] == 0


def test_the_master_plan_says_the_same_percentage(seoul_like):
    assessment, _user = seoul_like
    context = master_plan_context(assessment, "en")
    blocks = context["sections"][0]["blocks"]
    facts = {label: value for (label, _n), (value, _m) in blocks[0]["rows"]}
    assert facts["Questions answered"] == "28 of 190 (15%)"
    assert (
        "28 of the 190 questions that apply to the city are answered (15%)." in (blocks[1]["text"])
    )


def test_the_framework_page_says_why_200_questions_are_190(client, frameworks):
    text = client.get(reverse("diagnostic:framework", args=["ceds", "1.0"])).content.decode()
    assert "200: 190 scored and 10 asking for evidence, not scored." in text
    assert "6 questions apply only to some cities, by population size or kind of member." in text


def test_a_smaller_city_has_fewer_questions_to_answer(client, frameworks):
    city = make_member(name="Gimpo", name_en="Gimpo", slug="gimpo", population=480_000)
    user = make_user(Role.FOCAL_POINT, member=city)
    assessment = make_assessment(city, frameworks["ceds"], user=user)
    client.force_login(user)
    assert "0 of the 185 questions that apply to Gimpo" in page(client, "assessment", assessment)


# ---- answers as the form shows them -----------------------------------------------------------


def test_the_workbook_preview_shows_answers_as_the_form_does(client, frameworks):
    city = make_member(name="Gimpo", name_en="Gimpo", slug="gimpo", population=480_000)
    user = make_user(Role.FOCAL_POINT, member=city)
    assessment = make_assessment(city, frameworks["ceds"], user=user)
    client.force_login(user)
    data = client.get(reverse("diagnostic:workbook", args=[assessment.pk])).content
    book = load_workbook(io.BytesIO(data))
    for cell, value in {"C3": "3", "C4": "Yes", "C8": 12, "C11": 50}.items():
        book["GM"][cell] = value  # a level, yes or no, meetings, a percentage
    book["EA"]["C3"] = "In operation across the city"
    out = io.BytesIO()
    book.save(out)
    file = SimpleUploadedFile("filled.xlsx", out.getvalue())
    response = client.post(
        reverse("diagnostic:workbook_upload", args=[assessment.pk]), {"workbook": file}
    )
    preview = client.get(response["Location"]).content.decode()
    table = preview[preview.index("<tbody>") : preview.index("</tbody>")]
    assert "<td>Yes</td>" in table
    assert "<td>50%</td>" in table
    assert "<td>12 meetings</td>" in table
    assert "<td>3: e-Government is one of the mayor&#x27;s written priorities" in table
    assert "<td>In operation across the city</td>" in table
    assert "True" not in table and "50.0" not in table and "operational" not in table


def test_the_history_shows_answers_as_the_form_does(client, seoul_like):
    assessment, user = seoul_like
    client.force_login(user)
    text = page(client, "history", assessment)
    assert "<td>Yes</td>" in text and "<td>50%</td>" in text and "<td>12 meetings</td>" in text
    assert "True" not in text and "50.0" not in text
