"""The city edits its roadmap: move, drop, restore, annotate; the exports follow the edits."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import make_user
from tests.integration.diagnostic.test_peers import scored
from wego.accounts.models import Role
from wego.diagnostic.models import RoadmapEdit

pytestmark = pytest.mark.django_db


@pytest.fixture
def mine(frameworks):
    return scored(frameworks, 1, share="none", country="NP")


@pytest.fixture
def planner(client, mine):
    client.force_login(make_user(Role.CITY_USER, member=mine.member))
    return client


def page(client, assessment):
    return client.get(reverse("diagnostic:roadmap", args=[assessment.pk]))


def edit(client, assessment, code, **data):
    url = reverse("diagnostic:roadmap_item", args=[assessment.pk, code])
    return client.post(url, data)


def year_codes(response, year):
    return [r["code"] for r in response.context["years"][year - 1]["rows"]]


def test_moving_an_item_down_swaps_it_with_the_next(planner, mine):
    first, second = year_codes(page(planner, mine), 1)[:2]
    response = edit(planner, mine, first, action="down")
    assert response.status_code == 302 and response.url.endswith(f"#item-{first}")
    assert year_codes(page(planner, mine), 1)[:2] == [second, first]


def test_drop_restore_and_note_are_kept(planner, mine):
    code = year_codes(page(planner, mine), 1)[0]
    edit(planner, mine, code, action="drop")
    response = page(planner, mine)
    assert code not in year_codes(response, 1)
    assert [d["code"] for d in response.context["dropped"]] == [code]
    edit(planner, mine, code, action="restore")
    edit(planner, mine, code, action="save", year="2", note="Budget approved by council")
    response = page(planner, mine)
    assert code in year_codes(response, 2) and not response.context["dropped"]
    assert "Budget approved by council" in response.content.decode()
    sheet = load_workbook(
        io.BytesIO(
            planner.get(reverse("diagnostic:roadmap", args=[mine.pk]), {"format": "xlsx"}).content
        )
    ).active
    rows = {r[3]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows[code][0] == mine.year + 2  # the Excel export follows the edited plan


def test_an_impossible_year_is_refused_and_keeps_the_note(planner, mine):
    code = year_codes(page(planner, mine), 1)[0]
    response = edit(planner, mine, code, action="save", year="7", note="Keep this text")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Select a valid choice" in body and "Keep this text" in body
    assert not RoadmapEdit.objects.filter(assessment=mine).exists()


def test_an_indicator_outside_the_plan_gets_a_message(planner, mine):
    response = edit(planner, mine, "NOPE9", action="save", year="1", note="")
    assert response.status_code == 302
    messages = [str(m) for m in page(planner, mine).context["messages"]]
    assert any("not part of the roadmap" in m for m in messages)


def test_moving_past_the_top_says_so(planner, mine):
    code = year_codes(page(planner, mine), 1)[0]
    edit(planner, mine, code, action="up")
    messages = [str(m) for m in page(planner, mine).context["messages"]]
    assert any("already at that end" in m for m in messages)


def test_reset_brings_back_the_proposed_plan(planner, mine):
    proposed = year_codes(page(planner, mine), 1)
    edit(planner, mine, proposed[0], action="drop")
    planner.post(reverse("diagnostic:roadmap_reset", args=[mine.pk]))
    assert year_codes(page(planner, mine), 1) == proposed
    assert not RoadmapEdit.objects.filter(assessment=mine).exists()


def test_staff_see_the_roadmap_but_only_the_city_edits_it(client, mine):
    client.force_login(make_user(Role.SECRETARIAT))
    response = page(client, mine)
    assert response.status_code == 200 and not response.context["can_plan"]
    assert "Move up" not in response.content.decode()
    code = year_codes(response, 1)[0]
    assert edit(client, mine, code, action="drop").status_code == 403


def test_the_roadmap_pdf_carries_the_edits(planner, mine):
    from tests.integration.diagnostic.test_master_plan import pdf_text

    code = year_codes(page(planner, mine), 1)[0]
    edit(planner, mine, code, action="save", year="1", note="Council decision in March")
    response = planner.get(reverse("diagnostic:roadmap", args=[mine.pk]), {"format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "e-Government roadmap" in text and "Master Plan" not in text
    assert "Council" in text and "March" in text  # the note, wrapped in its narrow column
