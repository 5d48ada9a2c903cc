"""A city asks a peer strong on an indicator for a meeting; the peer answers; both get email."""

import pytest
from django.urls import reverse

from tests.factories import make_member, make_user
from tests.integration.diagnostic.test_peers import scored
from wego.accounts.models import Role
from wego.events.models import MatchmakingRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def cities(frameworks):
    asking = scored(frameworks, 1, share="none", country="NP")
    strong = scored(frameworks, 4)  # published: named as a helper on the roadmap
    requester = make_user(Role.CITY_USER, member=asking.member, email="asker@np.example.org")
    focal = make_user(
        Role.FOCAL_POINT,
        member=strong.member,
        email="focal@kr.example.org",
        preferred_language="ko",
    )
    return asking, strong, requester, focal


def test_the_roadmap_links_to_a_prefilled_request(client, cities):
    asking, strong, requester, _focal = cities
    client.force_login(requester)
    page = client.get(reverse("diagnostic:roadmap", args=[asking.pk])).content.decode()
    link = reverse("events:matchmaking_new") + f"?to={strong.member.slug}&amp;indicator="
    assert link in page
    form = client.get(
        reverse("events:matchmaking_new"),
        {"to": strong.member.slug, "indicator": "GM1", "topic": "e-Government strategy"},
    )
    assert form.context["form"]["to_member"].value() == strong.member.slug
    assert 'value="e-Government strategy"' in form.content.decode()


def test_request_and_answer_are_emailed_to_the_other_side(client, cities, smtp_server):
    asking, strong, requester, focal = cities
    client.force_login(requester)
    response = client.post(
        reverse("events:matchmaking_new"),
        {
            "from_member": asking.member.pk,
            "to_member": strong.member.slug,
            "topic": "e-Government strategy",
            "indicator": "GM1",
            "message": "How did you get the mayor to sign the strategy?",
        },
    )
    assert response.status_code == 302
    asked = MatchmakingRequest.objects.get()
    assert asked.to_member == strong.member and asked.indicator_code == "GM1"
    assert smtp_server.messages[-1]["To"] == "focal@kr.example.org"
    assert "How did you get the mayor" in smtp_server.body()
    assert asking.member.name in smtp_server.body()

    client.force_login(focal)
    received = client.get(reverse("events:matchmaking")).content.decode()
    assert "How did you get the mayor" in received
    answer = reverse("events:matchmaking_answer", args=[asked.pk])
    refused = client.post(answer, {f"r{asked.pk}-answer": "Next week?"})
    assert refused.status_code == 400 and "Next week?" in refused.content.decode()
    client.post(answer, {f"r{asked.pk}-decision": "accept", f"r{asked.pk}-answer": "Next week?"})
    asked.refresh_from_db()
    assert asked.status == MatchmakingRequest.Status.ACCEPTED
    assert smtp_server.messages[-1]["To"] == "asker@np.example.org"
    assert "accepted" in smtp_server.body() and "focal@kr.example.org" in smtp_server.body()
    # Answered once: a second answer is refused.
    assert client.post(answer, {f"r{asked.pk}-decision": "decline"}).status_code == 403


def test_a_request_to_a_city_without_users_goes_to_the_secretariat(client, cities, smtp_server):
    asking, _strong, requester, _focal = cities
    make_user(Role.SECRETARIAT, email="secretariat@we-gov.example.org")
    lonely = make_member()
    client.force_login(requester)
    client.post(
        reverse("events:matchmaking_new"),
        {
            "from_member": asking.member.pk,
            "to_member": lonely.slug,
            "topic": "Open data",
            "message": "Hello",
        },
    )
    assert smtp_server.messages[-1]["To"] == "secretariat@we-gov.example.org"


def test_bad_requests_name_the_field_and_keep_the_message(client, cities):
    asking, _strong, requester, _focal = cities
    client.force_login(requester)
    response = client.post(
        reverse("events:matchmaking_new"),
        {"from_member": asking.member.pk, "to_member": "no-such-city", "message": "Keep me"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "City to meet" in body and "Topic" in body and "Keep me" in body
    assert not MatchmakingRequest.objects.exists()


def test_only_city_users_and_only_the_asked_city_answer(client, cities):
    asking, strong, requester, _focal = cities
    asked = MatchmakingRequest.objects.create(
        from_member=asking.member, to_member=strong.member, topic="x", message="y"
    )
    assert client.get(reverse("events:matchmaking")).status_code == 302
    client.force_login(make_user(Role.PARTNER))
    assert client.get(reverse("events:matchmaking_new")).status_code == 403
    client.force_login(requester)  # the asking side cannot answer its own request
    answer = reverse("events:matchmaking_answer", args=[asked.pk])
    assert client.post(answer, {f"r{asked.pk}-decision": "accept"}).status_code == 403


def test_a_request_from_a_roadmap_item_names_its_indicator_in_the_reader_s_language(
    client, frameworks
):
    """Roadmap links carry the indicator's code only; the form words the topic itself."""
    from django.utils import translation

    asking = make_member()
    client.force_login(make_user(Role.FOCAL_POINT, member=asking))
    for language, title in (("en", "e-Government leadership"), ("ko", "전자정부 리더십")):
        with translation.override(language):
            url = reverse("events:matchmaking_new")
        page = client.get(url, {"to": "seoul", "indicator": "GM1"}).content.decode()
        assert f'value="{title}"' in page
