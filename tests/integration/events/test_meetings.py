"""Meeting requests at an event: asking, refusals, answers, matchmaking requests brought in."""

import logging

import pytest
from django.core import mail
from django.urls import reverse

from tests.events_factories import DelegationFactory, EventFactory, RegistrationFactory
from tests.factories import make_member, make_user
from wego.accounts.models import Role
from wego.events.models import MatchmakingRequest, MeetingRequest, Registration
from wego.events.services import meetings

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    event = EventFactory(has_matchmaking=True)
    seoul = make_member(name="Seoul", name_en="Seoul")
    busan, away = make_member(name="Busan", name_en="Busan"), make_member()
    ours = DelegationFactory(event=event, member=seoul)
    theirs = DelegationFactory(event=event, member=busan)
    absent = DelegationFactory(event=event, member=away)  # nobody approved
    RegistrationFactory(delegation=ours, role=Registration.Role.HEAD, full_name="Ji-won Park")
    RegistrationFactory(delegation=theirs, role=Registration.Role.HEAD, full_name="Min-jun Kim")
    RegistrationFactory(delegation=absent, status=Registration.Status.PENDING)
    seoul_user = make_user(Role.FOCAL_POINT, member=seoul)
    busan_user = make_user(Role.FOCAL_POINT, member=busan, preferred_language="ko")
    return {
        "event": event,
        "ours": ours,
        "theirs": theirs,
        "absent": absent,
        "seoul_user": seoul_user,
        "busan_user": busan_user,
    }


def signed_in(client, user):
    client.force_login(user)
    return client


def new_url(world):
    return reverse("events:meeting_new", kwargs={"slug": world["event"].slug})


def test_a_request_to_another_delegation_is_sent_and_emailed_in_their_language(client, world):
    client = signed_in(client, world["seoul_user"])
    response = client.post(
        new_url(world),
        {"to_delegation": world["theirs"].pk, "topic": "Open data", "priority": 2},
    )
    assert response.status_code == 302
    sent = MeetingRequest.objects.get()
    assert (sent.from_delegation, sent.to_delegation, sent.priority) == (
        world["ours"],
        world["theirs"],
        2,
    )
    assert [m.to for m in mail.outbox] == [[world["busan_user"].email]]
    assert "Seoul" in mail.outbox[0].subject and "Open data" in mail.outbox[0].body
    page = client.get(reverse("events:meetings", kwargs={"slug": world["event"].slug}))
    assert "Busan" in page.content.decode() and "Open data" in page.content.decode()


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("ours", "You cannot ask your own delegation for a meeting"),
        ("absent", "is not registered at this event"),
    ],
)
def test_a_request_to_oneself_or_to_someone_not_at_the_event_is_refused_and_logged(
    client, world, caplog, target, words
):
    client = signed_in(client, world["seoul_user"])
    with caplog.at_level(logging.WARNING, logger="wego.events"):
        response = client.post(
            new_url(world),
            {
                "to_delegation": world[target].pk,
                "topic": "Chatbots for citizens",
                "message": "We would like to learn how you did it.",
                "priority": 3,
            },
        )
    page = response.content.decode()
    assert response.status_code == 400
    assert words in page
    assert 'aria-describedby="id_to_delegation_error' in page or "id_to_delegation_error" in page
    assert "Chatbots for citizens" in page and "We would like to learn how you did it." in page
    assert MeetingRequest.objects.count() == 0 and not mail.outbox
    assert any("Meeting request refused" in r.getMessage() for r in caplog.records)


def test_a_second_request_between_the_same_two_and_after_the_event_are_refused(world):
    asked = meetings.Ask(to_delegation=world["theirs"], topic="Open data")
    meetings.ask(world["event"], world["ours"], asked, world["seoul_user"])
    back = meetings.Ask(to_delegation=world["ours"], topic="Again")
    with pytest.raises(meetings.Refused, match="already a meeting request"):
        meetings.ask(world["event"], world["theirs"], back, world["busan_user"])
    from datetime import timedelta

    event = world["event"]
    with pytest.raises(meetings.Refused, match="The event is over"):
        meetings.check_request(
            event, world["ours"], world["theirs"], now=event.ends_at + timedelta(hours=1)
        )


def test_only_the_asked_side_answers(client, world):
    asked = meetings.ask(
        world["event"],
        world["ours"],
        meetings.Ask(to_delegation=world["theirs"], topic="Open data"),
        world["seoul_user"],
    )
    mail.outbox.clear()
    url = reverse("events:meeting_answer", kwargs={"slug": world["event"].slug, "pk": asked.pk})
    answer = {f"r{asked.pk}-decision": "accept", f"r{asked.pk}-answer": "Gladly"}
    # The asking side cannot answer its own request.
    assert signed_in(client, world["seoul_user"]).post(url, answer).status_code == 403
    client.logout()
    response = signed_in(client, world["busan_user"]).post(url, answer)
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == MeetingRequest.Status.ACCEPTED and asked.answer == "Gladly"
    assert [m.to for m in mail.outbox] == [[world["seoul_user"].email]]
    assert "Busan" in mail.outbox[0].subject and "Gladly" in mail.outbox[0].body
    # Answered once: a second answer is refused.
    assert client.post(url, answer).status_code == 403


def test_declining_is_told_to_the_asking_side(world):
    asked = meetings.ask(
        world["event"],
        world["ours"],
        meetings.Ask(to_delegation=world["theirs"], topic="Open data"),
        world["seoul_user"],
    )
    meetings.answer(asked, False, "Not this time", world["busan_user"])
    assert asked.status == MeetingRequest.Status.DECLINED
    assert "declined" in mail.outbox[-1].subject


def test_matchmaking_requests_between_registered_members_are_brought_in_once(world):
    seoul, busan = world["ours"].member, world["theirs"].member
    accepted = MatchmakingRequest.objects.create(
        from_member=seoul,
        to_member=busan,
        topic="Smart parking",
        message="Hello",
        status=MatchmakingRequest.Status.ACCEPTED,
    )
    MatchmakingRequest.objects.create(
        from_member=seoul, to_member=world["absent"].member, topic="Not there", message="Hi"
    )
    MatchmakingRequest.objects.create(
        from_member=busan,
        to_member=seoul,
        topic="Declined",
        message="Hi",
        status=MatchmakingRequest.Status.DECLINED,
    )
    assert meetings.bring_in_matchmaking(world["event"]) == 1
    assert meetings.bring_in_matchmaking(world["event"]) == 0
    brought = MeetingRequest.objects.get()
    assert brought.source == accepted
    assert brought.status == MeetingRequest.Status.ACCEPTED
    assert (brought.from_delegation, brought.to_delegation) == (world["ours"], world["theirs"])


def test_someone_without_a_delegation_at_the_event_cannot_open_its_matchmaking(client, world):
    stranger = make_user(Role.FOCAL_POINT, member=make_member())
    url = reverse("events:meetings", kwargs={"slug": world["event"].slug})
    assert signed_in(client, stranger).get(url).status_code == 403


def test_interests_are_stated_and_offers_matching_seeks_are_suggested(client, world):
    from wego.events.models import MatchmakingInterest

    busan_head = world["theirs"].registrations.get()
    MatchmakingInterest.objects.create(
        registration=busan_head, direction="offer", text="Chatbots answering citizens"
    )
    client = signed_in(client, world["seoul_user"])
    url = reverse("events:meetings", kwargs={"slug": world["event"].slug})
    refused = client.post(url, {"action": "add-interest", "direction": "seek"})
    assert refused.status_code == 400
    assert "Choose an indicator or a practice, or write a few words." in refused.content.decode()
    client.post(url, {"action": "add-interest", "direction": "seek", "text": "chatbots"})
    page = client.get(url).content.decode()
    assert "offers to share" in page and "Ask Busan for a meeting" in page
