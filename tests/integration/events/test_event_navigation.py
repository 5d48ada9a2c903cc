"""Moving between an event's pages: the staff tab bar on every staff page of the event, the
Registration box's links for a registered delegation's users, the schedule grid by day, the
waiting list promoted when staff raise the capacity, and the demo's suggestions of whom to
meet at the Executive Committee meeting in Ulyanovsk."""

import io
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.events_factories import DelegationFactory, EventFactory, RegistrationFactory
from tests.factories import make_assessment, make_member, make_secretariat, make_user
from wego.accounts.models import Role, RoleAssignment
from wego.events.models import (
    Delegation,
    MatchmakingInterest,
    MeetingSlot,
    MeetingTable,
    Registration,
)
from wego.events.services.suggestions import suggestions_for
from wego.members.models import Member

pytestmark = pytest.mark.django_db

SEOUL = ZoneInfo("Asia/Seoul")


def staff_tabs(page: str) -> list[tuple[str, str, bool]]:
    """The staff tab bar: (label, address, is the current page) of each tab."""
    found = re.search(r'<nav class="tabs staff-tabs"[^>]*>(.*?)</nav>', page, re.S)
    assert found, "no staff tab bar on the page"
    return [
        (re.sub(r"<[^>]+>", "", label).strip(), href, "aria-current" in rest)
        for href, rest, label in re.findall(r'<a href="([^"]+)"([^>]*)>(.*?)</a>', found.group(1))
    ]


def registration_box(page: str) -> str:
    found = re.search(r'<section aria-labelledby="registration-title".*?</section>', page, re.S)
    assert found, "no Registration box on the event's page"
    return found.group(0)


def links(fragment: str) -> dict[str, str]:
    return {
        re.sub(r"<[^>]+>", "", label).strip(): href
        for href, label in re.findall(r'<a href="([^"]+)"[^>]*>(.*?)</a>', fragment, re.S)
    }


# --- staff tab bar ---


@pytest.fixture
def staff_client(client):
    client.force_login(make_secretariat())
    return client


def test_staff_reach_every_page_of_the_event_from_its_tab_bar(staff_client):
    event = EventFactory(has_matchmaking=True)
    slug = event.slug

    tabs = staff_tabs(staff_client.get(event.get_absolute_url()).content.decode())

    assert tabs == [
        ("Event page", event.get_absolute_url(), True),
        ("Details", reverse("events:edit", args=[slug]), False),
        ("Programme and rooms", reverse("events:programme", args=[slug]), False),
        ("Registrations", reverse("events:registrations", args=[slug]), False),
        ("Meeting schedule", reverse("events:schedule", args=[slug]), False),
        ("Elections", reverse("events:elections", args=[slug]), False),
        ("Voting delegates", reverse("events:accreditation", args=[slug]), False),
        ("Check-in", reverse("events:check_in_desk", args=[slug]), False),
        ("Badges (PDF)", reverse("events:badges", args=[slug]), False),
    ]


@pytest.mark.parametrize(
    ("route", "current"),
    [
        ("events:registrations", "Registrations"),
        ("events:schedule", "Meeting schedule"),
        ("events:check_in_desk", "Check-in"),
    ],
)
def test_the_staff_pages_show_the_same_tab_bar_with_their_own_tab_current(
    staff_client, route, current
):
    event = EventFactory(has_matchmaking=True)

    response = staff_client.get(reverse(route, args=[event.slug]))

    assert response.status_code == 200
    tabs = staff_tabs(response.content.decode())
    assert [label for label, _href, on in tabs if on] == [current]
    assert ("Event page", event.get_absolute_url(), False) in tabs
    assert len(tabs) == 9


def test_an_event_without_matchmaking_has_no_schedule_tab(staff_client):
    event = EventFactory(has_matchmaking=False)

    tabs = staff_tabs(staff_client.get(event.get_absolute_url()).content.decode())

    assert "Meeting schedule" not in [label for label, _href, _on in tabs]
    assert "Registrations" in [label for label, _href, _on in tabs]


def test_a_training_without_elections_has_no_election_tabs(staff_client):
    event = EventFactory(kind="training")

    tabs = [
        label
        for label, _href, _on in staff_tabs(
            staff_client.get(event.get_absolute_url()).content.decode()
        )
    ]

    assert "Elections" not in tabs and "Voting delegates" not in tabs


def test_staff_start_the_first_election_of_an_assembly_from_its_elections_tab(staff_client):
    event = EventFactory()

    page = staff_client.get(reverse("events:elections", args=[event.slug])).content.decode()

    assert reverse("events:election_new", args=[event.slug]) in page
    assert "No election is announced at this event yet." in page


# --- a registered delegation's links ---


@pytest.fixture
def delegation_world():
    event = EventFactory(has_matchmaking=True)
    nairobi = make_member(name="Nairobi", name_en="Nairobi")
    user = make_user(Role.CITY_USER, member=nairobi)
    delegation = DelegationFactory(event=event, member=nairobi)
    return {"event": event, "member": nairobi, "user": user, "delegation": delegation}


def test_a_delegation_at_the_event_reaches_its_page_matchmaking_and_agenda(
    client, delegation_world
):
    world = delegation_world
    event, delegation = world["event"], world["delegation"]
    RegistrationFactory(delegation=delegation, user=world["user"], role=Registration.Role.HEAD)
    client.force_login(world["user"])

    page = client.get(event.get_absolute_url()).content.decode()

    box = links(registration_box(page))
    assert box["See and change your delegation"] == reverse(
        "events:delegation", args=[event.slug, delegation.pk]
    )
    assert box["Matchmaking: whom to meet, meeting requests"] == reverse(
        "events:meetings", args=[event.slug]
    )
    assert box["My agenda"] == reverse("events:agenda", args=[event.slug])
    assert "staff-tabs" not in page
    # The links lead to pages that are theirs.
    assert client.get(box["Matchmaking: whom to meet, meeting requests"]).status_code == 200
    assert client.get(box["My agenda"]).status_code == 200


def test_no_matchmaking_link_before_anyone_is_approved_nor_at_an_event_without_it(
    client, delegation_world
):
    world = delegation_world
    RegistrationFactory(
        delegation=world["delegation"], status=Registration.Status.PENDING, listed=False
    )
    client.force_login(world["user"])

    box = links(registration_box(client.get(world["event"].get_absolute_url()).content.decode()))

    assert "See and change your delegation" in box
    assert "Matchmaking: whom to meet, meeting requests" not in box
    assert "My agenda" not in box  # the user has no registration of their own

    plain = EventFactory(has_matchmaking=False)
    DelegationFactory(event=plain, member=world["member"])
    RegistrationFactory(event=plain, delegation=Delegation.objects.get(event=plain))
    box = links(registration_box(client.get(plain.get_absolute_url()).content.decode()))
    assert "See and change your delegation" in box
    assert "Matchmaking: whom to meet, meeting requests" not in box


def test_a_user_acting_for_two_delegations_gets_each_ones_matchmaking_page(client):
    event = EventFactory(has_matchmaking=True)
    first, second = make_member(name="Gimpo"), make_member(name="Incheon")
    user = make_user(Role.CITY_USER, member=first)
    RoleAssignment.objects.create(user=user, role=Role.CITY_USER, member=second)
    ours = [DelegationFactory(event=event, member=m) for m in (first, second)]
    for delegation in ours:
        RegistrationFactory(delegation=delegation)
    client.force_login(user)

    box = registration_box(client.get(event.get_absolute_url()).content.decode())

    meetings = reverse("events:meetings", args=[event.slug])
    for delegation in ours:
        assert f'href="{meetings}?delegation={delegation.pk}"' in box


# --- the schedule grid ---


def test_the_schedule_grid_names_tables_over_their_seats_and_groups_times_by_day(staff_client):
    event = EventFactory(has_matchmaking=True)
    first = datetime(2027, 5, 10, 14, 0, tzinfo=SEOUL)
    for start in (first, first + timedelta(minutes=30), first + timedelta(days=1)):
        MeetingSlot.objects.create(
            event=event, starts_at=start, ends_at=start + timedelta(minutes=30)
        )
    MeetingTable.objects.create(event=event, name="Table 1", seats=4)

    page = staff_client.get(reverse("events:schedule", args=[event.slug])).content.decode()

    grid = re.search(r'<table class="schedule-grid">.*?</table>', page, re.S).group(0)
    assert re.search(r'Table 1 <span class="schedule-grid__seats">4 seats</span>', grid)
    assert "(4" not in grid
    days = re.findall(r'<th scope="rowgroup"[^>]*><time datetime="([\d-]+)">([^<]+)</time>', grid)
    assert days == [("2027-05-10", "Monday 10 May 2027"), ("2027-05-11", "Tuesday 11 May 2027")]
    times = re.findall(r'<th scope="row" class="schedule-grid__time"><time[^>]*>([^<]+)<', grid)
    assert times == ["14:00", "14:30", "14:00"]


# --- capacity raised: the waiting list promoted ---


def test_raising_the_capacity_promotes_the_waiting_list_and_says_how_many(staff_client):
    event = EventFactory(capacity=2, needs_approval=False)
    for _number in range(2):
        RegistrationFactory(event=event)
    joined = timezone.now() - timedelta(days=3)
    waiting = [
        RegistrationFactory(
            event=event,
            status=Registration.Status.WAITLISTED,
            waitlisted_at=joined + timedelta(hours=hours),
            full_name=name,
        )
        for hours, name in ((0, "First Waiting"), (1, "Second Waiting"), (2, "Third Waiting"))
    ]
    data = edit_data(event, capacity="4")

    response = staff_client.post(reverse("events:edit", args=[event.slug]), data, follow=True)

    assert response.status_code == 200
    page = response.content.decode()
    assert "2 people on the waiting list got a place and are emailed." in page
    statuses = {
        r.full_name: r.status for r in Registration.objects.filter(pk__in=[w.pk for w in waiting])
    }
    assert statuses == {
        "First Waiting": Registration.Status.APPROVED,
        "Second Waiting": Registration.Status.APPROVED,
        "Third Waiting": Registration.Status.WAITLISTED,
    }
    assert sorted(m.to[0] for m in mail.outbox) == sorted([waiting[0].email, waiting[1].email])


def test_saving_without_more_places_promotes_nobody_and_says_nothing_of_it(staff_client):
    event = EventFactory(capacity=1, needs_approval=False)
    RegistrationFactory(event=event)
    late = RegistrationFactory(
        event=event, status=Registration.Status.WAITLISTED, waitlisted_at=timezone.now()
    )

    response = staff_client.post(
        reverse("events:edit", args=[event.slug]), edit_data(event, capacity="1"), follow=True
    )

    page = response.content.decode()
    assert "The changes to" in page and "waiting list got a place" not in page
    late.refresh_from_db()
    assert late.status == Registration.Status.WAITLISTED
    assert mail.outbox == []


def edit_data(event, **changes) -> dict:
    """The edit form as staff submit it, with the event's own values."""
    local = event.starts_at.astimezone(ZoneInfo(event.time_zone))
    ends = event.ends_at.astimezone(ZoneInfo(event.time_zone))
    deadline = event.registration_deadline.astimezone(ZoneInfo(event.time_zone))
    data = {
        "kind": event.kind,
        "title_en": event.title_en,
        "slug": event.slug,
        "audience": event.audience,
        "language": "en",
        "time_zone": event.time_zone,
        "starts_at": f"{local:%Y-%m-%dT%H:%M}",
        "ends_at": f"{ends:%Y-%m-%dT%H:%M}",
        "venue_en": "Seoul City Hall",
        "city_en": "Seoul",
        "country": "KR",
        "registration_deadline": f"{deadline:%Y-%m-%dT%H:%M}",
        "published": "on",
    }
    if event.needs_approval:
        data["needs_approval"] = "on"
    data.update(changes)
    return data


# --- the demo's suggestions ---


@pytest.fixture
def demo(db, frameworks):
    call_command("load_demo_data", "--no-assessments", stdout=io.StringIO())


def excom_delegation(slug: str) -> Delegation:
    return Delegation.objects.get(event__slug="excom-ulyanovsk", member__slug=slug)


def test_nairobi_sees_whom_to_meet_in_ulyanovsk_from_the_demo_interests(demo, client):
    nairobi = excom_delegation("nairobi")

    found = suggestions_for(nairobi)

    assert len(found) >= 2
    assert {"Ulyanovsk Region", "Chengdu"} <= {s.delegation.name for s in found}
    by_city = {s.delegation.name: s for s in found}
    assert by_city["Ulyanovsk Region"].subject == "Open data portal"
    # And on the page, as the demo account sees it.
    client.force_login(nairobi.registrations.get(role=Registration.Role.HEAD).user)
    page = client.get(reverse("events:meetings", args=["excom-ulyanovsk"])).content.decode()
    section = page[page.index('id="suggestions-title"') : page.index('id="received-title"')]
    assert "offers to share Open data portal, which you seek." in section
    assert "No suggestion yet" not in section


def test_seoul_once_registered_is_offered_help_on_its_weakest_indicators(demo):
    seoul = Member.objects.get(slug="seoul")
    # Seoul's 2026 draft in the demo is weakest on CR3, EB7, EI1, EI5 and IN2.
    make_assessment(
        member=seoul,
        indicator_scores={"CR3": 41.7, "EB7": 50.0, "EI1": 50.0, "EI5": 50.0, "IN2": 50.0},
    )
    delegation = DelegationFactory(event=excom_delegation("nairobi").event, member=seoul)
    RegistrationFactory(delegation=delegation, role=Registration.Role.HEAD)

    found = suggestions_for(delegation)

    assert {s.indicator_code for s in found} >= {"EB7", "EI1"}
    why = " ".join(reason for s in found for reason in s.reasons)
    assert "offers to share Open data and APIs for business, one of your weakest indicators." in why
    assert MatchmakingInterest.objects.filter(
        registration__event__slug="excom-ulyanovsk", indicator_code="EB7"
    ).exists()
