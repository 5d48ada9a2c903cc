"""One small world in which every route of the platform has something to show: the demo network
with its demo accounts, and around Seoul an object of each kind in each state that matters."""

from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import make_application, make_cycle, make_judge, make_user
from wego.accounts.models import Invitation, Role, User
from wego.awards.models import (
    Application,
    ApplicationFile,
    Assignment,
    AwardCycle,
    Conflict,
    Review,
)
from wego.awards.services.demo_data import load_awards_demo
from wego.core.models import Job
from wego.diagnostic.domain.modules import modules_for
from wego.diagnostic.models import Answer, FrameworkVersion, PeerGroup, WorkbookUpload
from wego.diagnostic.services import assessments as lifecycle
from wego.diagnostic.services.frameworks import store_framework
from wego.events.models import MatchmakingRequest
from wego.members.models import Member
from wego.members.services import profiles
from wego.members.services.demo_data import load_demo_network
from wego.practices.models import Practice, PracticeFile
from wego.practices.services.demo_data import load_demo_practices

PDF = b"%PDF-1.4\n% evidence\n"

# Who opens each route: the demo accounts, a judge with a conflict of interest, and nobody.
SUBJECTS = (
    "anonymous",
    "secretariat",  # secretariat@demo.we-gov.org
    "asia-office",  # regional office staff of Seoul's region
    "seoul",  # focal point of Seoul, the city that owns the world's objects
    "nairobi",  # city user of another city
    "judge",  # judge@demo.we-gov.org, assigned to Seoul's application, no conflict
    "conflicted judge",  # a Korean judge, assigned to it before the conflict was recorded
    "partner",  # partner@demo.we-gov.org
)
DEMO_ACCOUNTS = {
    "secretariat": "secretariat@demo.we-gov.org",
    "asia-office": "asia-office@demo.we-gov.org",
    "seoul": "seoul@demo.we-gov.org",
    "nairobi": "nairobi@demo.we-gov.org",
    "judge": "judge@demo.we-gov.org",
    "partner": "partner@demo.we-gov.org",
}


def pdf(name="evidence.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def build_world(shipped_frameworks) -> SimpleNamespace:
    world = SimpleNamespace()
    for framework in shipped_frameworks:
        store_framework(framework)
    load_demo_network(with_users=True)
    load_demo_practices()
    load_awards_demo()
    world.users = {name: User.objects.get(email=email) for name, email in DEMO_ACCOUNTS.items()}
    world.users["conflicted judge"] = make_user(Role.JUDGE, email="judge.korea@example.org")
    world.seoul = Member.objects.get(slug="seoul")
    world.nairobi = Member.objects.get(slug="nairobi")
    seoul_user = world.users["seoul"]
    _assessments(world, seoul_user)
    _practices(world, seoul_user)
    _profile(world, seoul_user)
    _awards(world, seoul_user)
    world.request = MatchmakingRequest.objects.create(
        from_member=world.nairobi,
        to_member=world.seoul,
        topic="Open data",
        message="Could we meet?",
        requested_by=world.users["nairobi"],
    )
    _arrival(world, seoul_user)
    _calendar(world)
    _meetings(world, seoul_user)
    _registration(world, seoul_user)
    _elections(world)
    world.job = Job.objects.create(kind="test", title="A job of Seoul's", started_by=seoul_user)
    invitation = Invitation(email="new@seoul.example", role=Role.CITY_USER, member=world.seoul)
    world.invitation_token = invitation.issue_token()
    invitation.save()
    return world


def _assessments(world, user):
    ceds = FrameworkVersion.objects.get(code="ceds", is_current=True)
    framework = ceds.framework
    world.domain = framework.domains[0].code
    world.question = framework.domains[0].indicators[0].questions[0].code
    world.module = modules_for(framework)[0].code
    world.draft = lifecycle.start_assessment(world.seoul, ceds, 2026, user)
    lifecycle.attach_evidence(world.draft, world.question, pdf(), "pdf", user)
    Answer.objects.filter(assessment=world.draft).update(comment="Draft note of Seoul")
    world.upload = WorkbookUpload.objects.create(
        assessment=world.draft, uploaded_by=user, filename="seoul.xlsx", changes=[]
    )
    world.submitted = lifecycle.start_assessment(world.seoul, ceds, 2025, user)
    lifecycle.submit(world.submitted, user)
    world.published = lifecycle.start_assessment(world.seoul, ceds, 2024, user)
    lifecycle.submit(world.published, user)
    lifecycle.validate(world.published, world.users["secretariat"])
    lifecycle.set_published(world.published, user, True)
    world.indicator = framework.domains[0].indicators[0].code
    world.peer_group = PeerGroup.objects.create(owner=world.seoul, name="Capitals")


def _practices(world, user):
    def practice(slug, status, **fields):
        made = Practice.objects.create(
            slug=slug,
            title=f"Seoul {status} practice",
            member=world.seoul,
            status=status,
            published_at=timezone.now() if status == Practice.Status.PUBLISHED else None,
            **fields,
        )
        upload = pdf()
        PracticeFile.objects.create(
            practice=made, file=upload, kind="pdf", title="Plan", size=len(PDF), uploaded_by=user
        )
        return made

    world.draft_practice = practice("seoul-draft-practice", Practice.Status.DRAFT)
    world.practice_in_review = practice("seoul-practice-in-review", Practice.Status.REVIEW)
    world.published_practice = practice("seoul-published-practice", Practice.Status.PUBLISHED)


def _profile(world, user):
    profile = profiles.submit_changes(
        world.seoul, {"overview": "Seoul's proposed overview, not public yet."}, user
    )
    world.profile = profile


def _awards(world, user):
    world.open_cycle = AwardCycle.objects.get(slug="wego-awards-2027")
    world.draft_application = make_application(
        world.open_cycle, member=world.seoul, category="services", status="draft"
    )
    ApplicationFile.objects.create(
        application=world.draft_application,
        file=pdf(),
        kind="pdf",
        title="Evidence",
        size=len(PDF),
        uploaded_by=user,
    )
    world.judging_cycle = make_cycle(phase="judging", slug="judging-cycle")
    world.judged_application = make_application(
        world.judging_cycle, member=world.seoul, category="open-city"
    )
    world.panel_judge = make_judge(world.judging_cycle, user=world.users["judge"], country="CA")
    assigned = Assignment.objects.create(
        judge=world.panel_judge, application=world.judged_application
    )
    Review.objects.create(assignment=assigned)  # started, not submitted
    korean = make_judge(world.judging_cycle, user=world.users["conflicted judge"], country="KR")
    Assignment.objects.create(judge=korean, application=world.judged_application)
    Conflict.objects.create(
        judge=korean, application=world.judged_application, reason="own-country"
    )
    world.past_cycle = AwardCycle.objects.filter(results_published_at__isnull=False).first()
    world.winner = (
        Application.objects.filter(cycle=world.past_cycle, decision__isnull=False)
        .order_by("pk")
        .first()
    )


def _arrival(world, user):
    """Badges, check-in and letters: an event offering invitation letters where Seoul's
    approved registration has passport details, and a badge of another event (Nairobi's)."""
    from tests.events_factories import DelegationFactory, EventFactory, RegistrationFactory
    from wego.events.models import PassportDetails

    world.letters_event = EventFactory(slug="arrival-assembly", offers_visa_letters=True)
    world.letters_delegation = DelegationFactory(event=world.letters_event, member=world.seoul)
    world.passport_registration = RegistrationFactory(
        delegation=world.letters_delegation, user=user, needs_visa_letter=True, language="ko"
    )
    PassportDetails.objects.create(
        registration=world.passport_registration,
        name_in_passport="PARK JIWON",
        passport_number="M12345678",
        nationality="KR",
        date_of_birth=timezone.now().date().replace(year=1985),
        expires_on=world.letters_event.ends_at.date().replace(year=2035),
    )
    other_event = EventFactory(slug="arrival-other-event")
    world.other_event_registration = RegistrationFactory(
        delegation=DelegationFactory(event=other_event, member=world.nairobi)
    )


def _calendar(world):
    """The public side of events: a published public event, a members-only one, a draft."""
    from tests.events_factories import EventFactory

    world.public_event = EventFactory(slug="calendar-public-forum", host_member=world.seoul)
    world.members_event = EventFactory(slug="calendar-members-meeting", audience="members")
    world.draft_event = EventFactory(slug="calendar-draft-training", published=False)
    _event_rows(world)


def _event_rows(world):
    """A row of each events model, for the administration's pages of one object: the public
    event's programme, and at the arrival event a meeting between Seoul and Nairobi."""
    from datetime import timedelta

    from tests.events_factories import DelegationFactory, QuestionFactory, SessionFactory
    from wego.events import models as events

    event = world.public_event
    room = events.Room.objects.create(event=event, name="Hall", name_en="Hall", capacity=100)
    session = SessionFactory(event=event, room=room)
    events.Speaker.objects.create(session=session, name="Kim Min-su", affiliation_en="Seoul")
    QuestionFactory(event=event)
    at = world.letters_event
    events.MatchmakingInterest.objects.create(
        registration=world.passport_registration, direction="offer", text="Open data"
    )
    nairobi = DelegationFactory(event=at, member=world.nairobi)
    asked = events.MeetingRequest.objects.create(
        event=at, from_delegation=nairobi, to_delegation=world.letters_delegation, topic="Data"
    )
    slot = events.MeetingSlot.objects.create(
        event=at, starts_at=at.starts_at, ends_at=at.starts_at + timedelta(minutes=30)
    )
    table = events.MeetingTable.objects.create(event=at, name="Table 1")
    run = events.ScheduleRun.objects.create(event=at)
    events.Meeting.objects.create(request=asked, slot=slot, table=table, run=run)


def _meetings(world, user):
    """Matchmaking at an event: Seoul's and Nairobi's approved delegations, a pending request
    from Nairobi to Seoul (to answer), another (to cancel), an accepted one scheduled at a
    slot and table (to pin and move)."""
    from datetime import timedelta

    from tests.events_factories import DelegationFactory, EventFactory, RegistrationFactory
    from wego.events.models import (
        Meeting,
        MeetingRequest,
        MeetingSlot,
        MeetingTable,
        ScheduleRun,
    )

    event = EventFactory(slug="meetings-assembly", has_matchmaking=True)
    world.meetings_event = event
    seoul = DelegationFactory(event=event, member=world.seoul)
    nairobi = DelegationFactory(event=event, member=world.nairobi)
    world.meetings_registration = RegistrationFactory(delegation=seoul, user=user, role="head")
    RegistrationFactory(delegation=nairobi, role="head")
    common = {"event": event, "from_delegation": nairobi, "to_delegation": seoul}
    world.meeting_request = MeetingRequest.objects.create(topic="Open data", **common)
    world.meeting_to_cancel = MeetingRequest.objects.create(
        topic="Chatbots", status="accepted", **common
    )
    world.meeting_accepted = MeetingRequest.objects.create(
        topic="Smart parking", status="accepted", **common
    )
    slot = MeetingSlot.objects.create(
        event=event, starts_at=event.starts_at, ends_at=event.starts_at + timedelta(minutes=30)
    )
    table = MeetingTable.objects.create(event=event, name="Table 1", seats=4)
    run = ScheduleRun.objects.create(event=event, started_by=world.users["secretariat"])
    Meeting.objects.create(request=world.meeting_accepted, slot=slot, table=table, run=run)


def _registration(world, user):
    """Registration by delegation: an open event where Seoul's delegation has a person
    waiting for approval (and a question to answer)."""
    from tests.events_factories import (
        DelegationFactory,
        EventFactory,
        QuestionFactory,
        RegistrationFactory,
    )

    world.registration_event = EventFactory(slug="registration-assembly", capacity=100)
    QuestionFactory(event=world.registration_event, label="Dietary needs")
    world.seoul_delegation = DelegationFactory(event=world.registration_event, member=world.seoul)
    world.seoul_registration = RegistrationFactory(
        delegation=world.seoul_delegation, user=user, status="pending", role="head"
    )


def _elections(world):
    """Elections at a General Assembly where Seoul's focal point and Nairobi's city user are
    their cities' accredited delegates: one election in preparation (staff only), one whose
    candidacies are closed (proxies may be declared), one open (nobody has voted), and one
    published after both cities voted (world.published_receipt is Seoul's receipt)."""
    from tests.elections_factories import make_delegate, make_election, open_election
    from tests.events_factories import EventFactory
    from wego.events.domain import elections as domain
    from wego.events.services import elections as service

    event = EventFactory(slug="elections-assembly")
    world.elections_event = event
    _user, world.seoul_accreditation = make_delegate(event, world.seoul, user=world.users["seoul"])
    _user, world.nairobi_accreditation = make_delegate(
        event, world.nairobi, user=world.users["nairobi"]
    )
    candidates = {domain.PRESIDENT: [world.seoul, world.nairobi]}
    world.preparing_election = make_election(event=event, candidates=candidates)
    world.ready_election = make_election(event=event, candidates=candidates)
    service.close_candidacies(world.ready_election)
    world.open_election = open_election(make_election(event=event, candidates=candidates))
    published = open_election(
        make_election(event=event, candidates=candidates, resolutions=["statutes"])
    )
    ballot = domain.Choices(
        offices={domain.PRESIDENT: [world.seoul.pk]}, resolutions={"statutes": "yes"}
    )
    world.published_receipt = service.cast_vote(
        published, world.users["seoul"], world.seoul.pk, ballot
    )
    service.cast_vote(published, world.users["nairobi"], world.nairobi.pk, ballot)
    service.close_voting(published)
    service.count_and_publish(published)
    world.published_election = published
