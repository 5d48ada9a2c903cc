"""Peer statistics: only shared results count, groups under 5 show nothing, updates are local."""

import numpy as np
import pytest
from django.urls import reverse

from tests.factories import make_assessment, make_member, make_user
from wego.accounts.models import Role
from wego.core.regions import Region
from wego.diagnostic.domain.answers import AnswerValue
from wego.diagnostic.domain.benchmarking import GroupKind
from wego.diagnostic.models import PeerScore
from wego.diagnostic.services import assessments as lifecycle
from wego.diagnostic.services.peers import compare

pytestmark = pytest.mark.django_db


def scored(
    frameworks,
    level: int,
    country="KR",
    region=Region.ASIA_PACIFIC,
    share="public",
    year=2026,
    member=None,
):
    member = member or make_member(
        country=country, region=region, population=800_000, income_group="high"
    )
    assessment = make_assessment(member, frameworks["ceds"], year=year)
    changes = [
        lifecycle.AnswerChange(code, AnswerValue(level))
        for code in ("GM1.1", "GM2.1", "PI1.1", "IN2.1")
    ]
    lifecycle.save_answers(assessment, changes, None, "form")
    lifecycle.submit(assessment, None)
    lifecycle.validate(assessment, None)
    if share == "public":
        lifecycle.set_published(assessment, None, True)
    elif share == "anonymous":
        lifecycle.set_shared_with_peers(assessment, None, True)
    assessment.refresh_from_db()
    return assessment


@pytest.fixture
def network(frameworks):
    published = [scored(frameworks, level) for level in (1, 2, 3, 4)]
    anonymous = [scored(frameworks, level, share="anonymous", country="JP") for level in (0, 2)]
    private = scored(frameworks, 4, share="none")
    own = scored(frameworks, 3, share="none", country="MN")
    return {"published": published, "anonymous": anonymous, "private": private, "own": own}


def test_only_published_or_shared_results_count(network):
    own = network["own"]
    group = compare(own, ["overall"], {"overall": own.overall_score}, GroupKind.ALL)
    peers = network["published"] + network["anonymous"]
    reference = np.array([a.overall_score for a in peers])
    assert group.peers == 6
    found = group.metrics[0]
    assert found.distribution.median == pytest.approx(np.median(reference))
    assert found.distribution.best == pytest.approx(reference.max())
    below = (reference < own.overall_score).mean() + (reference <= own.overall_score).mean()
    assert found.percentile == pytest.approx(100 * below / 2)


def test_groups_under_five_show_nothing(network):
    own = network["own"]
    country = compare(own, ["overall"], {"overall": own.overall_score}, GroupKind.COUNTRY)
    assert country.peers == 0 and country.too_small
    korean = network["published"][0]
    country = compare(korean, ["overall"], {"overall": korean.overall_score}, GroupKind.COUNTRY)
    assert country.peers == 3  # the other published Korean cities; private ones never count
    assert country.too_small and country.metrics[0].distribution is None
    assert country.metrics[0].percentile is None


def test_publishing_touches_only_that_members_rows(frameworks, network):
    others = PeerScore.objects.exclude(member=network["private"].member)
    before = list(others.order_by("id").values_list("id", "value"))
    lifecycle.set_published(network["private"], None, True)
    assert PeerScore.objects.filter(member=network["private"].member, metric="overall").exists()
    assert list(others.order_by("id").values_list("id", "value")) == before
    lifecycle.set_published(network["private"], None, False)
    assert not PeerScore.objects.filter(member=network["private"].member).exists()


def test_a_newer_year_replaces_the_older_one(frameworks, network):
    first = network["published"][0]
    newer = scored(frameworks, 4, member=first.member, year=2027)
    rows = PeerScore.objects.filter(member=first.member, metric="overall")
    assert list(rows.values_list("year", "value")) == [(2027, newer.overall_score)]


def test_benchmark_page(client, network):
    own = network["own"]
    client.force_login(make_user(Role.FOCAL_POINT, member=own.member))
    page = client.get(reverse("diagnostic:benchmark", args=[own.pk])).content.decode()
    assert "All members" in page and "(6 other cities)" in page
    assert "Country: Mongolia" in page
    assert "Only 0 other cities in this group have shared their results." in page
    assert "Region: Asia-Pacific" in page


def test_benchmark_of_a_private_assessment_is_private(client, network):
    other = make_user(Role.FOCAL_POINT, member=network["published"][0].member)
    client.force_login(other)
    url = reverse("diagnostic:benchmark", args=[network["own"].pk])
    assert client.get(url).status_code == 403


def test_group_lists_kept_up_to_date_equal_a_rebuild(frameworks, network):
    from wego.diagnostic.models import PeerGroupScores
    from wego.diagnostic.services.peers import rebuild_lists

    lifecycle.set_published(network["private"], None, True)
    lifecycle.set_published(network["published"][1], None, False)
    lifecycle.set_shared_with_peers(network["anonymous"][0], None, False)
    scored(frameworks, 2, member=network["published"][2].member, year=2027)

    def snapshot():
        return {
            (r.kind, r.key, r.metric): r.values for r in PeerGroupScores.objects.all() if r.values
        }

    kept = snapshot()
    rebuild_lists(frameworks["ceds"])
    assert kept == snapshot()
    assert ("all", "", "overall") in kept and ("region", "asia-pacific", "GM") in kept
