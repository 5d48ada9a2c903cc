"""Peer groups the city picks, and the indicator-by-indicator comparison."""

import numpy as np
import pytest
from django.urls import reverse

from tests.factories import make_user
from tests.integration.diagnostic.test_peers import scored
from wego.accounts.models import Role
from wego.diagnostic.models import PeerGroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities(frameworks):
    published = [scored(frameworks, level) for level in (0, 1, 2, 3, 4)]
    anonymous = [scored(frameworks, level, share="anonymous") for level in (1, 3)]
    own = scored(frameworks, 2, share="none", country="MN")
    return {"published": published, "anonymous": anonymous, "own": own}


@pytest.fixture
def planner(client, cities):
    client.force_login(make_user(Role.CITY_USER, member=cities["own"].member))
    return client


def make_group(planner, cities, name, members):
    return planner.post(
        reverse("diagnostic:peer_group_new"),
        {"for": cities["own"].member.slug, "name": name, "members": [m.pk for m in members]},
    )


def benchmark(planner, cities, **query):
    return planner.get(reverse("diagnostic:benchmark", args=[cities["own"].pk]), query)


def test_a_city_builds_a_group_and_sees_it_on_its_benchmark_page(planner, cities):
    chosen = [a.member for a in cities["published"]]
    response = make_group(planner, cities, "Cities we learn from", chosen)
    assert response.status_code == 302
    group = PeerGroup.objects.get(name="Cities we learn from")
    assert group.owner == cities["own"].member and set(group.members.all()) == set(chosen)
    page = benchmark(planner, cities)
    section = next(g for g in page.context["groups"] if g.get("custom") == group)
    assert section["peers"] == 5 and not section["too_small"]
    overall = section["rows"][0]
    reference = np.array([a.overall_score for a in cities["published"]])
    assert overall["distribution"].median == pytest.approx(np.median(reference))
    assert "Your peer group: Cities we learn from" in page.content.decode()


def test_a_custom_group_never_counts_anonymously_shared_results(planner, cities):
    chosen = [a.member for a in cities["published"][:3] + cities["anonymous"]]
    make_group(planner, cities, "Mixed", chosen)
    page = benchmark(planner, cities)
    section = next(g for g in page.context["groups"] if g.get("custom"))
    assert section["peers"] == 3 and section["too_small"]
    assert "Only 3 other cities in this group have shared their results" in page.content.decode()


def test_a_group_of_cities_that_published_nothing_says_so(planner, cities, frameworks):
    silent = scored(frameworks, 4, share="none").member
    make_group(planner, cities, "Quiet ones", [silent])
    page = benchmark(planner, cities)
    section = next(g for g in page.context["groups"] if g.get("custom"))
    assert section["peers"] == 0 and section["too_small"]


def test_group_form_names_the_problem_and_keeps_the_input(planner, cities):
    chosen = [a.member for a in cities["published"]]
    make_group(planner, cities, "Neighbours", chosen)
    response = make_group(planner, cities, "neighbours", chosen[:2])
    assert response.status_code == 400
    body = response.content.decode()
    assert "You already have a peer group with this name." in body
    assert body.count("checked") >= 2  # the ticked cities are still ticked
    response = make_group(planner, cities, "", [])
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()


def test_only_the_owner_changes_its_groups(client, planner, cities):
    make_group(planner, cities, "Mine", [a.member for a in cities["published"]])
    group = PeerGroup.objects.get(name="Mine")
    other = make_user(Role.FOCAL_POINT, member=cities["published"][0].member)
    client.force_login(other)
    assert client.get(reverse("diagnostic:peer_group", args=[group.pk])).status_code == 403
    delete = reverse("diagnostic:peer_group_delete", args=[group.pk])
    assert client.post(delete).status_code == 403
    client.force_login(make_user(Role.CITY_USER, member=cities["own"].member))
    assert client.post(delete).status_code == 302
    assert not PeerGroup.objects.exists()


def test_staff_and_public_have_no_peer_group_pages(client, cities):
    assert client.get(reverse("diagnostic:peer_groups")).status_code == 302  # sign in first
    client.force_login(make_user(Role.PARTNER))
    assert client.get(reverse("diagnostic:peer_groups")).status_code == 403


def test_indicator_comparison_of_one_domain(planner, cities):
    response = benchmark(planner, cities, domain="GM", group="all")
    section = response.context["indicator_section"]
    assert section["peers"] == 7  # five published, two shared anonymously
    gm1 = next(r for r in section["rows"] if r["code"] == "GM1")
    peers = cities["published"] + cities["anonymous"]
    reference = np.array([a.indicator_scores["GM1"] for a in peers])
    assert gm1["distribution"].median == pytest.approx(np.median(reference))
    assert gm1["own"] == pytest.approx(cities["own"].indicator_scores["GM1"])


def test_indicator_comparison_refuses_what_does_not_exist(planner, cities):
    response = benchmark(planner, cities, domain="ZZ", group="custom-999")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Domain: there is no domain “ZZ”" in body
    assert "Group: this peer group does not exist" in body
    assert response.context["groups"]  # the rest of the page is still there
