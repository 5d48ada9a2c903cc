"""The demo events follow the WeGO 2014 Annual Report: the 3rd General Assembly in Chengdu with
its 33 pre-arranged meetings, the 2014 trainings and webinars, and the 2015 calendar moved to
upcoming dates, its Executive Committee meeting in Ulyanovsk open for registration."""

import re
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from wego.events.models import (
    Delegation,
    Event,
    Meeting,
    MeetingRequest,
    Registration,
    Session,
)
from wego.events.services.demo_data import load_demo_events
from wego.members.models import Member

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
ARABIC = re.compile(r"[\u0600-\u06ff]")


@pytest.fixture
def demo_events(demo_network):
    return load_demo_events()


def local(moment: datetime, zone: ZoneInfo) -> datetime:
    return moment.astimezone(zone)


def general_assembly() -> Event:
    return Event.objects.get(slug="wego-general-assembly-2014")


def excom() -> Event:
    return Event.objects.get(slug="excom-ulyanovsk")


def test_the_3rd_general_assembly_in_chengdu_3_to_6_november_2014(demo_events):
    event = general_assembly()
    assert event.time_zone == "Asia/Shanghai"
    assert local(event.starts_at, SHANGHAI).date() == date(2014, 11, 3)
    assert local(event.ends_at, SHANGHAI).date() == date(2014, 11, 6)
    assert (event.kind, event.audience) == (Event.Kind.GENERAL_ASSEMBLY, Event.Audience.PUBLIC)
    assert event.published and event.has_matchmaking and event.is_demo
    assert event.host_member.slug == "chengdu"
    assert "Engaging Citizens: Open, Sharing, and Collaborative Cities" in event.summary_en
    assert event.city_ko == "청두"
    assert event.is_over()


def test_the_mayors_roundtable_keynote_and_awards_ceremony_are_on_5_november(demo_events):
    sessions = general_assembly().sessions.prefetch_related("speakers")
    by_title = {session.title_en: session for session in sessions}
    roundtable = by_title["Mayors' Roundtable: Innovation Success, Challenges, and the Way Forward"]
    ceremony = by_title["The 2nd WeGO Awards Ceremony"]
    keynote = by_title["Keynote speech of the World Bank"]
    for session in (roundtable, ceremony, keynote):
        assert local(session.starts_at, SHANGHAI).date() == date(2014, 11, 5)
    assert [(s.name, s.member.slug) for s in roundtable.speakers.all()] == [
        ("Won-soon Park", "seoul"),
        ("Xie Ruiwu", "chengdu"),
    ]
    assert "(chair)" in roundtable.speakers.all()[0].affiliation_en
    assert [s.name for s in keynote.speakers.all()] == ["Randeep Sudan"]
    assert ceremony.kind == Session.Kind.CEREMONY
    assert {Session.Kind.MEETING, Session.Kind.MASTER_CLASS, Session.Kind.SITE_VISIT} <= {
        session.kind for session in sessions
    }
    assert "Master class: the WeGO eGovFrame" in by_title


def test_33_meetings_with_nobody_and_no_table_twice_at_a_time(demo_events):
    event = general_assembly()
    meetings = Meeting.objects.filter(request__event=event).select_related(
        "slot", "table", "request"
    )
    assert demo_events["event_meetings"] == 33
    assert meetings.count() == 33
    assert {m.request.status for m in meetings} == {MeetingRequest.Status.ACCEPTED}
    people_at = defaultdict(list)
    tables_at = defaultdict(list)
    delegations_at = defaultdict(list)
    for meeting in meetings:
        attendees = list(meeting.request.attendees.all())
        assert len(attendees) >= 2
        assert meeting.table.seats >= len(attendees)
        assert meeting.slot.event_id == meeting.table.event_id == event.pk
        tables_at[meeting.slot_id].append(meeting.table_id)
        people_at[meeting.slot_id] += [person.pk for person in attendees]
        delegations_at[meeting.slot_id] += [
            meeting.request.from_delegation_id,
            meeting.request.to_delegation_id,
        ]
    for slot in people_at:
        assert len(people_at[slot]) == len(set(people_at[slot]))
        assert len(tables_at[slot]) == len(set(tables_at[slot]))
        assert len(delegations_at[slot]) == len(set(delegations_at[slot]))
    # The meetings happen in the programme's matchmaking sessions.
    matchmaking = event.sessions.filter(kind=Session.Kind.MATCHMAKING)
    for meeting in meetings:
        assert any(
            s.starts_at <= meeting.slot.starts_at and meeting.slot.ends_at <= s.ends_at
            for s in matchmaking
        )


def test_delegations_of_demo_members_and_partners_are_approved(demo_events):
    delegations = Delegation.objects.filter(event=general_assembly())
    names = {d.name for d in delegations}
    assert {"Seoul", "Chengdu", "Helsinki", "World Bank", "City of Pittsburgh"} <= names
    registrations = Registration.objects.filter(event=general_assembly())
    assert set(registrations.values_list("status", flat=True)) == {Registration.Status.APPROVED}
    seoul = registrations.filter(delegation__member__slug="seoul")
    assert set(seoul.values_list("full_name", flat=True)) == {"Won-soon Park", "Ji-won Park"}
    # The demo focal point's registration is hers: she sees it signed in.
    assert seoul.get(full_name="Ji-won Park").user.email == "seoul@demo.we-gov.org"
    assert registrations.filter(full_name="Helsinki delegate 1").exists()


def test_the_trainings_and_webinars_of_2014(demo_events):
    past = Event.objects.past().filter(is_demo=True)
    kinds = defaultdict(set)
    for event in past:
        kinds[event.kind].add(event.slug)
        assert event.starts_at.year == 2014
        assert event.recording_url == ""  # the report gives no recordings
    assert kinds[Event.Kind.TRAINING] == {"seoul-programme-2014", "chengdu-egov-training-2014"}
    assert len(kinds[Event.Kind.WEBINAR]) == 3
    chengdu = Event.objects.get(slug="chengdu-egov-training-2014")
    assert "19 participants from 9 countries" in chengdu.summary_en
    assert local(chengdu.starts_at, SHANGHAI).date() == date(2014, 5, 26)
    webinar = Event.objects.get(slug="ulyanovsk-open-data-webinar-2014")
    assert "50 people from 19 cities" in webinar.summary_en
    assert webinar.time_zone == "Europe/Ulyanovsk"
    december = Event.objects.get(slug="wbi-smart-cities-webinar-2014-12")
    assert local(december.starts_at, ZoneInfo(december.time_zone)).date() == date(2014, 12, 16)


def test_the_ulyanovsk_executive_committee_is_open_for_registration(demo_events):
    event = excom()
    now = timezone.now()
    zone = ZoneInfo("Europe/Ulyanovsk")
    assert event.time_zone == "Europe/Ulyanovsk"
    assert event.registration_is_open(now)
    assert now < event.registration_deadline < event.starts_at
    assert event.starts_at >= now + timedelta(days=30)
    starts = local(event.starts_at, zone)
    assert (starts.month, starts.day) == (9, 16)
    assert local(event.ends_at, zone).date() == starts.date() + timedelta(days=2)
    assert (event.capacity, event.quota_per_member) == (120, 5)
    assert event.needs_approval and event.offers_visa_letters and event.has_matchmaking
    assert event.published and event.audience == Event.Audience.PUBLIC
    assert event.questions.count() == 3
    arrival = event.questions.get(required=True)
    assert arrival.choice_list[1] == f"{starts.day - 1} September {starts.year}"
    assert {r.answers[str(arrival.pk)] for r in event.registrations.all()} <= set(
        arrival.choice_list
    )
    assert event.slots.count() == 8
    assert sorted(event.tables.values_list("seats", flat=True)) == [4] * 10 + [6] * 2
    days = {local(session.starts_at, zone).date() for session in event.sessions.all()}
    assert len(days) == 3
    assert "demo event modelled on the 2015 calendar" in event.summary_en


def test_seoul_is_not_registered_at_the_excom_but_other_members_are(demo_events):
    event = excom()
    members = set(event.delegations.values_list("member__slug", flat=True))
    assert "seoul" not in members
    assert 4 <= len(members) <= 6
    statuses = set(event.registrations.values_list("status", flat=True))
    assert {Registration.Status.APPROVED, Registration.Status.PENDING} <= statuses
    pending = event.meeting_requests.filter(status=MeetingRequest.Status.PENDING)
    assert pending.count() >= 2
    assert not Meeting.objects.filter(request__event=event).exists()  # for the scheduler to do


def test_every_demo_event_and_session_has_korean_and_arabic_titles(demo_events):
    events = Event.objects.filter(is_demo=True)
    assert events.count() == demo_events["demo_events"] == 13
    for event in events:
        assert HANGUL.search(event.title_ko), event.slug
        assert ARABIC.search(event.title_ar), event.slug
        assert HANGUL.search(event.summary_ko) and ARABIC.search(event.summary_ar), event.slug
        if event.city_en:
            assert event.city_ko and event.city_ar, event.slug
    sessions = Session.objects.filter(event__is_demo=True)
    assert sessions.count() > 40
    for session in sessions:
        assert HANGUL.search(session.title_ko), session.title_en
        assert ARABIC.search(session.title_ar), session.title_en
        if session.description_en:
            assert session.description_ko and session.description_ar, session.title_en
    for room in general_assembly().rooms.all():
        assert HANGUL.search(room.name_ko) and ARABIC.search(room.name_ar)


def test_upcoming_events_keep_month_and_day_at_least_30_days_ahead(demo_network):
    later = datetime(2030, 4, 20, 12, 0, tzinfo=UTC)
    load_demo_events(now=later)
    seoul = ZoneInfo("Asia/Seoul")
    brasilia = Event.objects.get(slug="wego-awards-workshop-brasilia")
    programme = Event.objects.get(slug="seoul-programme-1")
    jeju = Event.objects.get(slug="jeju-forum-egov-track")
    webinar = Event.objects.get(slug="inaugural-wego-webinar")
    assert local(brasilia.starts_at, ZoneInfo(brasilia.time_zone)).date() == date(2031, 4, 7)
    # 18 May is 28 days after 20 April: next year; the Jeju track stays with the programme.
    assert local(programme.starts_at, seoul).date() == date(2031, 5, 18)
    assert local(jeju.starts_at, seoul).date() == date(2031, 5, 20)
    assert local(webinar.starts_at, seoul).date() == date(2030, 11, 24)
    assert Event.objects.upcoming(later).filter(is_demo=True).count() == 7


def test_loading_again_keeps_a_delegation_someone_registered(demo_events):
    event = excom()
    seoul = Delegation.objects.create(event=event, member=Member.objects.get(slug="seoul"))
    Registration.objects.create(
        event=event, delegation=seoul, full_name="Ji-won Park", email="seoul@demo.we-gov.org"
    )
    counts = (Delegation.objects.count(), Meeting.objects.count(), Session.objects.count())

    load_demo_events()

    assert Event.objects.filter(is_demo=True).count() == 13
    assert event.registrations.filter(email="seoul@demo.we-gov.org").exists()
    assert (Delegation.objects.count(), Meeting.objects.count(), Session.objects.count()) == counts


def test_load_demo_data_loads_the_events_without_the_accounts(db, capsys):
    call_command("load_demo_data", "--no-users", "--no-assessments")

    assert "13 demo events" in capsys.readouterr().out
    assert Meeting.objects.filter(request__event__slug="wego-general-assembly-2014").count() == 33
    ji_won = Registration.objects.get(event=general_assembly(), email="seoul@demo.we-gov.org")
    assert ji_won.user is None
    call_command("load_demo_data", "--if-empty")
    assert Event.objects.filter(is_demo=True).count() == 13
