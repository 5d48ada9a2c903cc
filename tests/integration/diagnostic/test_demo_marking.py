"""Invented demo results are said to be demo data on every page and export that shows them."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from tests.factories import make_member, make_secretariat
from tests.integration.diagnostic.test_master_plan import needs_pdftotext, pdf_text
from wego.core.regions import Region
from wego.diagnostic.domain.answers import AnswerValue
from wego.diagnostic.domain.benchmarking import POPULATION_BANDS, GroupKind
from wego.diagnostic.interfaces.benchmark import group_label
from wego.diagnostic.services import assessments as lifecycle

pytestmark = pytest.mark.django_db
NOTICE = "invented results for trying the platform"
PEERS_NOTICE = "the peer figures on this page include invented results of the demo network"
LIST_NOTICE = "the results marked “demo data” are invented"


def published(frameworks, name: str, demo: bool, level: int = 3):
    """A validated and published CeDS assessment, through the lifecycle services."""
    member = make_member(
        name=name,
        name_en=name,
        slug=name.lower().replace(" ", "-"),
        country="KE",
        region=Region.AFRICA,
        population=6_000_000,
        income_group="lower-middle",
        latitude=Decimal("-1.2921"),
        longitude=Decimal("36.8219"),
    )
    assessment = lifecycle.start_assessment(member, frameworks["ceds"], 2026, None, demo=demo)
    changes = [
        lifecycle.AnswerChange(code, AnswerValue(level)) for code in ("GM1.1", "PI1.1", "IN2.1")
    ]
    lifecycle.save_answers(assessment, changes, None, "form")
    lifecycle.submit(assessment, None)
    lifecycle.validate(assessment, None)
    lifecycle.set_published(assessment, None, True)
    assessment.refresh_from_db()
    return assessment


@pytest.fixture
def cities(frameworks):
    return published(frameworks, "Demo City", demo=True), published(frameworks, "Real City", False)


def html_of(client, name, *args, **query) -> str:
    response = client.get(reverse(f"diagnostic:{name}", args=args), query)
    assert response.status_code == 200
    return response.content.decode()


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))


def sheet_rows(content: bytes, sheet: str) -> list[list]:
    book = load_workbook(io.BytesIO(content))
    return [[cell.value for cell in row] for row in book[sheet].iter_rows()]


def test_the_results_page_of_a_demo_assessment_says_so(client, cities):
    demo, real = cities
    assert "Demo data:" in html_of(client, "results", demo.pk)
    assert NOTICE in html_of(client, "results", demo.pk)
    assert "Demo data:" not in html_of(client, "results", real.pk)
    client.force_login(make_secretariat())
    assert NOTICE in html_of(client, "assessment", demo.pk)
    assert NOTICE in html_of(client, "roadmap", demo.pk)
    assert "Demo data:" not in html_of(client, "assessment", real.pk)


def test_the_peers_page_says_when_demo_results_are_among_the_peers(client, cities):
    demo, real = cities
    assert PEERS_NOTICE in html_of(client, "benchmark", real.pk)
    # The indicator comparison is on the same page, under the same notice.
    compared = html_of(client, "benchmark", real.pk, domain="GM", group="all")
    assert PEERS_NOTICE in compared and "Governance Mechanism: All members" in compared
    own = html_of(client, "benchmark", demo.pk)
    assert NOTICE in own and PEERS_NOTICE not in own  # one notice, the assessment's own


def test_without_demo_results_no_page_mentions_them(client, frameworks):
    real = published(frameworks, "Real City", demo=False)
    for page in ("results", "benchmark"):
        assert "Demo data" not in html_of(client, page, real.pk)
    assert "Demo data:" not in html_of(client, "map")


def test_the_map_marks_demo_results_in_its_markers_table_and_exports(client, cities):
    html = html_of(client, "map")
    assert LIST_NOTICE in html
    assert 'Demo City</a> <span class="map-note">(demo data)</span>' in html
    assert "Real City</a></th>" in html
    assert re.search(
        r'aria-label="Demo City, Kenya: 75 out of 100 in 2026 [^"]* · demo data"', html
    )
    assert re.search(r'aria-label="Real City, Kenya: 75 out of 100 in 2026 [^"]*\)"', html)
    rows = csv_rows(client.get(reverse("diagnostic:map"), {"format": "csv"}))
    assert rows[0][-1] == "Demo data"
    assert {row[0]: row[-1] for row in rows[1:]} == {"Demo City": "yes", "Real City": "no"}
    excel = client.get(reverse("diagnostic:map"), {"format": "xlsx"}).content
    marked = {row[0]: row[-1] for row in sheet_rows(excel, "Published results")[1:]}
    assert marked == {"Demo City": "yes", "Real City": "no"}


def test_the_published_results_list_and_its_export_mark_demo_results(client, cities):
    html = html_of(client, "home")
    assert LIST_NOTICE in html
    assert html.count("· demo data") == 1
    rows = csv_rows(client.get(reverse("diagnostic:home"), {"format": "csv"}))
    assert rows[0][-1] == "Demo data"
    assert {row[0]: row[-1] for row in rows[1:]} == {"Demo City": "yes", "Real City": "no"}


def test_the_network_dashboard_and_its_exports_say_how_many_are_demo(client, cities):
    client.force_login(make_secretariat())
    html = html_of(client, "network")
    assert "1 of the validated results here is invented, for trying the platform" in html
    excel = client.get(reverse("diagnostic:network"), {"format": "xlsx"}).content
    participation = sheet_rows(excel, "Participation")
    assert participation[0][-1] == "Of which demo data"
    assert [row[0] for row in participation[1:]] == ["Africa"]
    assert participation[1][3:] == [2, 1.0, 1]  # validated, share, of which demo data


@needs_pdftotext
def test_the_dashboard_pdf_and_the_report_pdf_say_so(client, cities):
    demo, real = cities
    client.force_login(make_secretariat())
    dashboard = pdf_text(client.get(reverse("diagnostic:network"), {"format": "pdf"}).content)
    assert "1 of the validated results here is invented" in " ".join(dashboard.split())
    report = " ".join(
        pdf_text(client.get(reverse("diagnostic:report_pdf", args=[demo.pk])).content).split()
    )
    assert "Demo data: " + NOTICE in report
    assert "Demo data" not in pdf_text(
        client.get(reverse("diagnostic:report_pdf", args=[real.pk])).content
    )


def test_results_workbook_says_so(client, cities):
    demo, real = cities
    for assessment, expected in ((demo, "yes"), (real, "no")):
        content = client.get(reverse("diagnostic:results_xlsx", args=[assessment.pk])).content
        summary = sheet_rows(content, "Summary")
        assert summary[0][-1] == "Demo data" and summary[1][-1] == expected


def test_the_member_page_maturity_section_says_so(client, cities):
    demo, real = cities
    page = client.get(reverse("members:detail", args=[demo.member.slug])).content.decode()
    section = page[page.index('id="maturity-title"') :]
    assert NOTICE in section[: section.index("</section>")]
    other = client.get(reverse("members:detail", args=[real.member.slug])).content.decode()
    assert "Latest published CeDS self-assessment" in other and "Demo data" not in other


def test_the_api_says_which_assessments_are_demo(client, cities):
    found = client.get("/api/v1/diagnostic/assessments").json()
    assert {a["member"]["name"]: a["demo"] for a in found} == {
        "Demo City": True,
        "Real City": False,
    }
    schema = client.get("/api/v1/openapi.json").json()
    assert "demo" in schema["components"]["schemas"]["AssessmentOut"]["required"]


@pytest.mark.parametrize(
    ("band", "label"),
    [
        ("under-100k", "under 100,000 inhabitants"),
        ("100k-500k", "100,000 to 500,000 inhabitants"),
        ("500k-1m", "500,000 to 1 million inhabitants"),
        ("1m-5m", "1 to 5 million inhabitants"),
        ("over-5m", "over 5 million inhabitants"),
    ],
)
def test_population_bands_read_as_people_say_them(band, label):
    assert band in dict(POPULATION_BANDS)
    assert group_label(GroupKind.POPULATION, band) == f"Population band: {label}"


def test_the_peers_page_shows_no_raw_group_key(client, cities):
    html = html_of(client, "benchmark", cities[1].pk)
    assert "Population band: over 5 million inhabitants" in html
    assert "Income group: Lower-middle income" in html
    assert "over-5m" not in html and "lower-middle" not in html


def test_the_master_plan_says_so_on_its_cover(client, cities):
    demo, real = cities
    client.force_login(make_secretariat())
    for assessment, marked in ((demo, True), (real, False)):
        url = reverse("diagnostic:master_plan", args=[assessment.pk])
        document = Document(io.BytesIO(client.get(url, {"format": "docx"}).content))
        cover = [paragraph.text for paragraph in document.paragraphs[:8]]
        assert ("Demo data: " + NOTICE + "; they are not the city's own." in cover) is marked
