"""Nothing links a ballot to the city that cast it: after a vote through the pages, search the
whole database, every log record and every response of every election page (for every kind of
reader) for a receipt, a ballot's digest or an order that would tie them to a city.

What may know a receipt: the response to the vote, sent to the delegate who cast it, and
nothing else. What may hold a digest: the ballot row, the published list and the pages that
show it after publication. The list of cities that voted is ordered by name, the ballots by
digest, never by the time of casting (docs/elections.md)."""

import logging
import pickle
import re

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.urls import get_resolver, reverse

from tests.elections_factories import make_delegate, make_election, open_election
from tests.events_factories import EventFactory
from tests.factories import make_member, make_secretariat, make_user
from wego.accounts.models import Role
from wego.events.domain import elections as domain
from wego.events.models import Ballot, Election, VoterRecord
from wego.events.services import elections as service

pytestmark = pytest.mark.django_db

RECEIPT = re.compile(r'id="receipt-code"[^>]*>\s*([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})')
CITIES = ["Zanzibar", "Ulaanbaatar", "Maputo", "Hebron", "Agra"]  # they vote in this order


@pytest.fixture
def voted(client, caplog):
    caplog.set_level(logging.DEBUG)
    event = EventFactory()
    cities = [make_member(name=name, name_en=name) for name in CITIES]
    election = make_election(
        event=event,
        candidates={
            domain.PRESIDENT: cities[:2],
            domain.VICE_PRESIDENTS: cities,
        },
        resolutions=["statutes"],
    )
    open_election(election)
    delegates = {city.pk: make_delegate(event, city)[0] for city in cities}
    receipts = {}  # city pk -> receipt, as each delegate's own response showed it
    vote_responses = {}
    vote = reverse("events:election_vote", args=[event.slug, election.pk])
    for number, city in enumerate(cities):  # reverse alphabetical: casting order != name order
        client.force_login(delegates[city.pk])
        page = client.get(vote)
        assert page.status_code == 200
        response = client.post(
            vote,
            {
                "city": city.pk,
                f"office-{domain.PRESIDENT}": [cities[number % 2].pk],
                f"office-{domain.VICE_PRESIDENTS}": [c.pk for c in cities[: 1 + number % 3]],
                "resolution-statutes": ["yes", "no", "abstain"][number % 3],
            },
        )
        assert response.status_code == 200, response.content.decode()[:2000]
        receipts[city.pk] = RECEIPT.search(response.content.decode()).group(1)
        vote_responses[city.pk] = response.content.decode()
        client.logout()
    return {
        "event": event,
        "election": election,
        "cities": cities,
        "delegates": delegates,
        "receipts": receipts,
        "vote_responses": vote_responses,
        "client": client,
        "caplog": caplog,
    }


def forms_of(receipt: str) -> set[str]:
    return {receipt, receipt.replace("-", ""), receipt.lower(), receipt.replace("-", "").lower()}


def digests(voted) -> set[str]:
    return {domain.receipt_digest(r) for r in voted["receipts"].values()}


def database_text() -> dict[str, str]:
    """Every row of every table the models know, as text, by table."""
    dump = {}
    for model in apps.get_models(include_auto_created=True):
        rows = model._base_manager.values_list(*[f.attname for f in model._meta.concrete_fields])
        dump[model._meta.db_table] = "\n".join(repr(row) for row in rows)
    return dump


def check_each_delegate_got_their_own_receipt_once(voted):
    receipts = voted["receipts"]
    assert len(set(receipts.values())) == len(CITIES)
    for city, page in voted["vote_responses"].items():
        others = [r for c, r in receipts.items() if c != city]
        assert not any(form in page for r in others for form in forms_of(r))


def check_the_database_holds_no_receipt_and_digests_only_in_ballots(voted):
    dump = database_text()
    for table, text in dump.items():
        for receipt in voted["receipts"].values():
            assert not any(form in text for form in forms_of(receipt)), table
        holding = [d for d in digests(voted) if d in text]
        if table != Ballot._meta.db_table:
            assert not holding, f"a ballot's digest is in {table}"


def check_voter_records_and_ballots_share_nothing_and_carry_no_time(voted):
    assert {f.name for f in Ballot._meta.concrete_fields} == {
        "receipt_digest",
        "election",
        "choices",
    }
    assert {f.name for f in VoterRecord._meta.concrete_fields} == {"id", "election", "member"}
    records = list(VoterRecord.objects.filter(election=voted["election"]))
    assert len(records) == Ballot.objects.filter(election=voted["election"]).count() == 5
    assert all(record.id.version == 4 for record in records)  # random, not a sequence
    listed = [r.member.name for r in VoterRecord.objects.filter(election=voted["election"])]
    assert listed == sorted(CITIES)  # by name, not by casting order


def check_sessions_and_cache_hold_nothing_of_a_ballot(voted):
    secrets = {form for r in voted["receipts"].values() for form in forms_of(r)} | digests(voted)
    for session in Session.objects.all():
        data = repr(session.get_decoded())
        assert not any(secret in data for secret in secrets)
        assert "office-" not in data and "statutes" not in data
    cache = caches["default"]
    stored = getattr(cache, "_cache", {})  # the local-memory cache of the tests
    for value in stored.values():
        text = repr(pickle.loads(value)) if isinstance(value, bytes) else repr(value)
        assert not any(secret in text for secret in secrets)


def check_logs_name_no_receipt_digest_or_choice(voted):
    secrets = {form for r in voted["receipts"].values() for form in forms_of(r)} | digests(voted)
    for record in voted["caplog"].records:
        text = f"{record.name} {record.getMessage()} {record.__dict__}"
        assert not any(secret in text for secret in secrets), record.getMessage()
        assert "office-" not in text


def test_after_a_vote_nothing_links_a_ballot_to_its_city(voted):
    """The checks of one vote's traces, on one vote (casting it through the pages takes a
    while): receipts, database, records, sessions and cache, logs."""
    for check in (
        check_each_delegate_got_their_own_receipt_once,
        check_the_database_holds_no_receipt_and_digests_only_in_ballots,
        check_voter_records_and_ballots_share_nothing_and_carry_no_time,
        check_sessions_and_cache_hold_nothing_of_a_ballot,
        check_logs_name_no_receipt_digest_or_choice,
    ):
        check(voted)


def every_page(voted, reader):
    """Every GET route of the events namespace that takes (event slug, election id), plus the
    event's own elections list and accreditation page, as `reader` sees them."""
    from django.urls import NoReverseMatch

    client = voted["client"]
    client.logout()
    if reader is not None:
        client.force_login(reader)
    event, election = voted["event"], voted["election"]
    resolver = get_resolver()
    namespaced = resolver.namespace_dict["events"][1].reverse_dict.keys()
    names = sorted(key for key in namespaced if isinstance(key, str))
    pages = {}
    for name in names:
        for args in ([event.slug, election.pk], [event.slug]):
            try:
                url = reverse(f"events:{name}", args=args)
            except NoReverseMatch:
                continue
            if "election" not in name and name not in {"accreditation", "detail"}:
                continue
            response = client.get(url)
            if response.status_code == 200 and not response.streaming:
                pages[url] = response.content.decode("utf-8", "replace")
    return pages


def readers(voted):
    staff = make_secretariat()
    focal_point = make_user(Role.FOCAL_POINT, member=voted["cities"][0])
    return [None, staff, focal_point, *list(voted["delegates"].values())[:2]]


@pytest.mark.parametrize("phase", ["open", "published"])
def test_no_page_shows_a_receipt_or_ties_a_digest_to_a_city(voted, phase):
    election = voted["election"]
    if phase == "published":
        service.close_voting(election)
        service.count_and_publish(election)
        assert election.status == Election.Status.PUBLISHED
    secrets = {form for r in voted["receipts"].values() for form in forms_of(r)}
    seen_any = False
    for reader in readers(voted):
        for url, page in every_page(voted, reader).items():
            seen_any = True
            assert not any(secret in page for secret in secrets), url
            if phase == "open":
                assert not any(d in page for d in digests(voted)), url
    assert seen_any


def test_after_sealing_the_ballots_lie_in_digest_order(voted):
    election = voted["election"]
    service.close_voting(election)
    service.count_and_publish(election)
    position = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT receipt_digest FROM {Ballot._meta.db_table} "  # noqa: S608 (no input)
            f"WHERE election_id = %s ORDER BY {position}",
            [election.pk],
        )
        physical = [row[0] for row in cursor.fetchall()]
    assert physical == sorted(digests(voted))
    document = service.published_document(election)
    assert [b["receipt_digest"] for b in document["ballots"]] == sorted(digests(voted))
    assert document["voted"] == sorted(CITIES)
