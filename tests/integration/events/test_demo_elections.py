"""The demo elections: the 2014 election at the 3rd General Assembly in Chengdu, published with
the WeGO 2014 Annual Report's outcome, and an election open to try at the Executive Committee
meeting in Ulyanovsk, where Nairobi's demo account votes for Nairobi and, by proxy, Maputo."""

import json
import re
from datetime import date
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.core.management import call_command

from wego.accounts.models import User
from wego.events.domain import elections as domain
from wego.events.domain import elections_publish as publish
from wego.events.models import (
    Accreditation,
    Ballot,
    Candidacy,
    Election,
    Event,
    Office,
    Resolution,
    VoterRecord,
)
from wego.events.services import elections as service
from wego.events.services.demo_data import load_demo_events

pytestmark = pytest.mark.django_db

HANGUL = re.compile(r"[\uac00-\ud7a3]")
ARABIC = re.compile(r"[\u0600-\u06ff]")

# "Election Results" of the WeGO 2014 Annual Report, in its order, and the host of 2017.
REPORT = {
    domain.PRESIDENT: ["Seoul"],
    domain.EXECUTIVE_VICE_PRESIDENT: ["Ulyanovsk Region"],
    domain.VICE_PRESIDENTS: [
        "Barcelona",
        "Chengdu",
        "Hebron",
        "Jakarta",
        "Khartoum State",
        "Sennar State",
    ],
    domain.EXECUTIVE_COMMITTEE: [
        "Agra",
        "Barcelona",
        "Chengdu",
        "Frankfurt",
        "Gimpo",
        "Hebron",
        "Jakarta",
        "Khartoum State",
        "Maputo",
        "Nairobi",
        "Sennar State",
        "Seoul",
        "Ulaanbaatar",
        "Ulyanovsk Region",
    ],
    domain.HOST_CITY: ["Ulyanovsk Region"],
}
ILLUSTRATIVE = "The counts are illustrative: the annual report gives the outcome, not the ballots."
VOTER = "nairobi@demo.we-gov.org"


@pytest.fixture
def demo(demo_network):
    return load_demo_events()


def election_2014() -> Election:
    return Election.objects.get(event__slug="wego-general-assembly-2014")


def election_to_try() -> Election:
    return Election.objects.get(event__slug="excom-ulyanovsk")


def elected_names(document: dict) -> dict[str, list[str]]:
    names = {
        c["id"]: c["name"]
        for office in document["election"]["offices"]
        for c in office["candidates"]
    }
    return {
        office["office"]: sorted(names[pk] for pk in office["elected"])
        for office in document["result"]["offices"]
    }


def check_the_2014_election_is_published_with_the_reports_outcome():
    election = election_2014()
    document = service.published_document(election)

    assert election.status == Election.Status.PUBLISHED
    assert publish.check_published(document) == []
    assert publish.fingerprint(document) == election.fingerprint
    assert elected_names(document) == REPORT
    result = document["result"]
    assert result["status"] == "decided" and result["quorum_met"]
    assert all(office["tie"] == [] for office in result["offices"])
    # No resolution: the report tells of none put to the vote.
    assert document["election"]["resolutions"] == []
    # Every full member in good standing counted; the ballots reach the quorum of half.
    assert result["eligible"] == election.eligible == service.eligible_members().count()
    assert result["ballots"] >= result["quorum_required"] == -(-result["eligible"] // 2)
    assert (
        len(document["voted"])
        == result["ballots"]
        == Ballot.objects.filter(election=election).count()
    )
    assert {"Seoul", "Nairobi", "Chengdu", "Ulyanovsk Region"} <= set(document["voted"])


def check_the_2014_election_says_its_counts_are_illustrative_in_three_languages():
    election = election_2014()
    assert ILLUSTRATIVE in election.description_en
    assert "득표수는 예시입니다" in election.description_ko
    assert "الأعداد توضيحية" in election.description_ar
    assert HANGUL.search(election.title_ko) and ARABIC.search(election.title_ar)
    for office in election.offices.all():
        assert office.title_en and HANGUL.search(office.title_ko), office.key
        assert ARABIC.search(office.title_ar), office.key
    host = election.offices.get(key=domain.HOST_CITY)
    assert (host.seats, host.title_en) == (1, "Host of the 4th WeGO General Assembly (2017)")


def check_the_2014_election_was_held_in_the_assemblys_election_session():
    election = election_2014()
    session = election.event.sessions.get(title_en__startswith="General Assembly: election")
    assert (election.opens_at, election.closes_at) == (session.starts_at, session.ends_at)
    assert election.closed_at == election.published_at == session.ends_at
    assert election.closed_at.astimezone(ZoneInfo("Asia/Shanghai")).date() == date(2014, 11, 4)


def check_the_2014_candidates_stand_in_the_order_drawn_from_the_published_seed():
    election = election_2014()
    document = service.published_document(election)
    assert election.seed
    for office in document["election"]["offices"]:
        ids = [c["id"] for c in office["candidates"]]
        assert ids == domain.ballot_order(election.seed, ids, office["key"])


def check_delegates_of_the_2014_assembly_are_demo_people_with_accounts():
    accreditations = Accreditation.objects.filter(event__slug="wego-general-assembly-2014")
    voted = set(
        VoterRecord.objects.filter(election=election_2014()).values_list("member", flat=True)
    )
    assert set(accreditations.values_list("member", flat=True)) == voted
    delegates = {
        a.member.slug: a.registration for a in accreditations.select_related("registration")
    }
    assert delegates["seoul"].user.email == "seoul@demo.we-gov.org"
    assert delegates["chengdu"].full_name == "Chengdu delegate"  # not Chengdu's Vice Mayor
    berlin = delegates["berlin"]  # a delegation added for the vote
    assert (berlin.full_name, berlin.status) == ("Berlin delegate", "approved")
    assert berlin.user.email == berlin.email and berlin.email.endswith("@demo.we-gov.org")
    assert not berlin.user.has_usable_password()  # nobody signs in with it


def check_the_election_to_try_is_open_and_nobody_has_voted():
    election = election_to_try()
    event = Event.objects.get(slug="excom-ulyanovsk")

    assert election.status == Election.Status.OPEN and election.voting_is_open()
    assert election.closes_at == event.ends_at
    assert election.allows_proxies and election.seed
    assert not Ballot.objects.filter(election=election).exists()
    assert not VoterRecord.objects.filter(election=election).exists()
    office = election.offices.get()
    candidacies = list(office.candidacies.select_related("member"))
    assert {c.member.name_en for c in candidacies} == {"Jakarta", "Khartoum State", "Gimpo"}
    for candidacy in candidacies:
        assert HANGUL.search(candidacy.statement_ko) and ARABIC.search(candidacy.statement_ar)
        assert not HANGUL.search(candidacy.statement_en)
    resolutions = list(election.resolutions.all())
    assert [r.key for r in resolutions] == ["work_plan", "budget"]
    assert all(ARABIC.search(r.title_ar) and HANGUL.search(r.text_ko) for r in resolutions)


def check_the_demo_election_texts_fit_their_fields():
    elections = Election.objects.all()
    rows = [*elections, *Office.objects.all(), *Candidacy.objects.all(), *Resolution.objects.all()]
    assert len(elections) == 2
    for row in rows:
        row.clean_fields()  # raises on a text longer than its field allows


def check_nairobis_demo_account_votes_for_nairobi_and_by_proxy_for_maputo():
    election = election_to_try()
    voter = User.objects.get(email=VOTER)

    cities = service.cities_voted_for_by(voter, election)

    assert [(c.member.name_en, c.by_proxy, c.voted) for c in cities] == [
        ("Nairobi", False, False),
        ("Maputo", True, False),
    ]
    # And the vote is taken.
    office = election.offices.get()
    choices = domain.Choices(
        offices={office.key: [office.candidacies.first().member_id]},
        resolutions={"work_plan": "yes", "budget": "abstain"},
    )
    receipt = service.cast_vote(election, voter, cities[1].member.pk, choices)
    assert domain.normalise_receipt(receipt)
    assert [c.voted for c in service.cities_voted_for_by(voter, election)] == [False, True]


def check_seoul_stays_unregistered_at_the_executive_committee():
    """The events demo leaves Seoul for its focal point to register; the election keeps it so."""
    event = Event.objects.get(slug="excom-ulyanovsk")
    assert not event.delegations.filter(member__slug="seoul").exists()
    seoul = User.objects.get(email="seoul@demo.we-gov.org")
    assert service.cities_voted_for_by(seoul, election_to_try()) == []


def test_the_demo_elections_as_loaded(demo):
    """One load of the demo for every check of what it holds (a load takes seconds; the
    check that casts a vote comes last)."""
    for check in (
        check_the_2014_election_is_published_with_the_reports_outcome,
        check_the_2014_election_says_its_counts_are_illustrative_in_three_languages,
        check_the_2014_election_was_held_in_the_assemblys_election_session,
        check_the_2014_candidates_stand_in_the_order_drawn_from_the_published_seed,
        check_delegates_of_the_2014_assembly_are_demo_people_with_accounts,
        check_the_election_to_try_is_open_and_nobody_has_voted,
        check_the_demo_election_texts_fit_their_fields,
        check_seoul_stays_unregistered_at_the_executive_committee,
        check_nairobis_demo_account_votes_for_nairobi_and_by_proxy_for_maputo,
    ):
        check()


def loaded_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in ("accounts", "events", "members")
    }


def test_loading_twice_changes_nothing(demo):
    counts = loaded_counts()
    published = election_2014()

    load_demo_events()

    assert loaded_counts() == counts
    again = election_2014()
    assert (again.pk, again.fingerprint, again.published_list) == (
        published.pk,
        published.fingerprint,
        published.published_list,
    )
    election = election_to_try()
    assert election.voting_is_open() and not election.voter_records.exists()
    assert [
        c.member.name_en
        for c in service.cities_voted_for_by(User.objects.get(email=VOTER), election)
    ] == [
        "Nairobi",
        "Maputo",
    ]


def test_load_demo_data_holds_the_elections_once(db, capsys):
    call_command("load_demo_data", "--no-assessments")
    call_command("load_demo_data", "--if-empty")

    assert Election.objects.count() == 2
    document = json.loads(election_2014().published_list)
    assert elected_names(document) == REPORT


def test_without_the_demo_accounts_there_is_no_election(db):
    call_command("load_demo_data", "--no-users", "--no-assessments")

    assert not Election.objects.exists()
    assert not User.objects.exists()
