"""The results as Excel (a sheet per category, the judges, every score) and CSV."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import make_application, make_cycle, make_judge, make_member, make_user
from tests.integration.awards.results_helpers import decide, record_review
from wego.accounts.models import Role

pytestmark = pytest.mark.django_db


def city(name):
    return make_member(name=name, name_en=name)


@pytest.fixture
def scored_cycle(client):
    """Two judges, three applications in Services and one in Efficiency."""
    cycle = make_cycle("deliberation", slug="awards-export")
    one = make_application(cycle, city("Alpha"), title="Alpha portal")
    two = make_application(cycle, city("Beta"), title="Beta data")
    three = make_application(cycle, city("Gamma"), title="Gamma kiosks")
    other = make_application(cycle, city("Delta"), category="efficiency", title="Delta paper")
    kim = make_judge(cycle, full_name="Prof. Kim", organisation="Yonsei University")
    lee = make_judge(cycle, full_name="Dr. Lee", organisation="NIA")
    # Every criterion gets the same score: totals (v - 1) × 25.
    for application, score_kim, score_lee in ((one, 5, 4), (two, 3, 3), (three, 2, 1)):
        record_review(application, kim, score_kim, comment=f"Kim on {application.title}")
        record_review(application, lee, score_lee)
    record_review(other, kim, 4, notes={"Impact": "Good figures."})
    decide(one, "best", "Clear winner.")
    client.force_login(make_user(Role.SECRETARIAT))
    return cycle, one, two, three, other


def test_excel_workbook_has_a_sheet_per_category_judges_and_scores(client, scored_cycle):
    cycle, one, two, three, other = scored_cycle
    response = client.get(reverse("awards:results", args=[cycle.slug]) + "?format=xlsx")

    assert response.status_code == 200
    assert 'filename="awards-export-results.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [
        "Services",
        "Efficiency",
        "Open City",
        "Urban Management",
        "Digital Divide",
        "Judges",
        "Scores",
    ]
    services = list(workbook["Services"].iter_rows(values_only=True))
    assert services[0][:3] == ("Rank", "Tie", "Reference")
    # Alpha: Kim 100, Lee 75 -> raw mean 87.5, first; Gamma: Kim 25, Lee 0 -> 12.5, last.
    assert [(row[0], row[3], row[7]) for row in services[1:]] == [
        (1, "Alpha", 87.5),
        (2, "Beta", 50.0),
        (3, "Gamma", 12.5),
    ]
    assert services[1][11:] == ("Best e-Government Prize", "Clear winner.")
    assert len(list(workbook["Open City"].iter_rows())) == 1  # the heading only

    judges = {row[0]: row for row in workbook["Judges"].iter_rows(min_row=2, values_only=True)}
    assert judges["Prof. Kim"][3] == 4  # applications scored
    assert judges["Dr. Lee"][3] == 3
    # Lee's totals 75, 50, 0 average 41.67; Kim's 100, 50, 25, 75 average 62.5.
    assert judges["Dr. Lee"][4] == pytest.approx(41.67)

    scores = list(workbook["Scores"].iter_rows(values_only=True))
    assert scores[0][:5] == ("Reference", "Category", "City", "Judge", "Innovation (1-5, ×20)")
    assert len(scores) == 1 + 7  # one row per submitted review
    kim_on_alpha = next(r for r in scores if r[2] == "Alpha" and r[3] == "Prof. Kim")
    assert kim_on_alpha[4:9] == (5, 5, 5, 5, 5)
    assert kim_on_alpha[9] == 100
    assert kim_on_alpha[10] == "Kim on Alpha portal"
    delta = next(r for r in scores if r[2] == "Delta")
    assert "Impact: Good figures." in delta[10]


def test_csv_has_every_ranking(client, scored_cycle):
    cycle, *_ = scored_cycle
    response = client.get(reverse("awards:results", args=[cycle.slug]) + "?format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Category", "Rank", "Tie", "Reference"]
    assert [(row[0], row[1], row[4]) for row in rows[1:]] == [
        ("Services", "1", "Alpha"),
        ("Services", "2", "Beta"),
        ("Services", "3", "Gamma"),
        ("Efficiency", "1", "Delta"),
    ]


def test_arabic_workbook_reads_right_to_left(client, scored_cycle):
    cycle, *_ = scored_cycle
    response = client.get(f"/ar/awards/{cycle.slug}/results/?format=xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.worksheets[0].sheet_view.rightToLeft
    assert workbook.sheetnames[0] == "الخدمات"
