"""The trend across cycles scores older versions on the current yardstick via the crosswalk."""

import copy

import pytest
from django.urls import reverse

from tests.factories import make_assessment, make_member, make_user
from tests.unit.diagnostic.small_framework import DOMAINS, HEADER, write_framework
from wego.accounts.models import Role
from wego.diagnostic.domain.answers import AnswerValue
from wego.diagnostic.domain.framework import load_framework
from wego.diagnostic.services import assessments as lifecycle
from wego.diagnostic.services.frameworks import store_framework

pytestmark = pytest.mark.django_db


def test_results_show_an_older_version_scored_through_the_crosswalk(client, tmp_path):
    v1, _ = store_framework(load_framework(write_framework(tmp_path / "v1")))
    header = {
        **copy.deepcopy(HEADER),
        "version": "2.0",
        "crosswalk": {"from_version": "1.0", "questions": {"AA1.2": "AA1.4"}},
    }
    domains = copy.deepcopy(DOMAINS)
    domains["AA"]["indicators"][0]["questions"][1]["code"] = "AA1.4"
    v2, _ = store_framework(load_framework(write_framework(tmp_path / "v2", header, domains)))
    city = make_member(population=1_000_000)
    old = make_assessment(city, v1, year=2025)
    lifecycle.save_answers(
        old,
        [
            lifecycle.AnswerChange("AA1.1", AnswerValue(2)),
            lifecycle.AnswerChange("AA1.2", AnswerValue(True)),
        ],
        None,
        "form",
    )
    new = make_assessment(city, v2, year=2026)
    lifecycle.save_answers(
        new,
        [
            lifecycle.AnswerChange("AA1.1", AnswerValue(4)),
            lifecycle.AnswerChange("AA1.4", AnswerValue(True)),
        ],
        None,
        "form",
    )
    client.force_login(make_user(Role.FOCAL_POINT, member=city))
    response = client.get(reverse("diagnostic:results", args=[new.pk]))
    history = response.context["history"]
    assert [row["year"] for row in history] == [2025, 2026]
    earlier = history[0]
    # The 2025 answers, carried to 2.0 (AA1.2 became AA1.4), score 50*1/3 + 100*2/3 on AA1.
    assert earlier["comparable"] and earlier["score"] == pytest.approx((0.5 + 2) / 3 * 100)
    assert response.context["trend_chart"]["marks"][0]["year"] == 2025
