"""While voting is open, the ballot's questions (offices, candidates in ballot order,
resolutions) are read once and shared through the cache by every app server
(services/elections.py): each ballot page and vote then reads only the voter's own rows.
With the cache of the tests (in process) and with a real Redis server, as in production."""

import pickle
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.elections_factories import make_delegate, make_election
from tests.events_factories import EventFactory
from tests.factories import make_member
from wego.events.domain import elections as domain
from wego.events.models import Ballot
from wego.events.services import elections as service

pytestmark = pytest.mark.django_db

QUESTION_TABLES = ("events_candidacy", "events_office", "events_resolution")
RECEIPT = re.compile(r'id="receipt-code"[^>]*>\s*([0-9A-Z]{4}(?:-[0-9A-Z]{4}){3})')
OPTIONS = re.compile(r'<label for="id_office-[^"]+" dir="auto">([^<]+)</label>')


@pytest.fixture
def assembly():
    cities = [make_member(name=n, name_en=n) for n in ("Seoul", "Nairobi", "Hebron", "Agra")]
    event = EventFactory()
    election = make_election(
        event=event,
        candidates={domain.PRESIDENT: cities[:3], domain.VICE_PRESIDENTS: cities},
        resolutions=["statutes"],
    )
    service.close_candidacies(election)  # the order is drawn; voting has not opened
    delegates = [make_delegate(event, city)[0] for city in cities]
    return election, cities, delegates


def ballot_page(client, election, delegate):
    client.force_login(delegate)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("events:election_vote", args=[election.event.slug, election.pk]))
    assert page.status_code == 200
    read = [
        q["sql"] for q in queries.captured_queries if any(t in q["sql"] for t in QUESTION_TABLES)
    ]
    return page.content.decode(), read


def cast(client, election, city, president):
    address = reverse("events:election_vote", args=[election.event.slug, election.pk])
    data = {"city": city.pk, f"office-{domain.PRESIDENT}": [president.pk]}
    response = client.post(address, {**data, "resolution-statutes": "yes"})
    assert response.status_code == 200, response.content.decode()[:2000]
    return RECEIPT.search(response.content.decode()).group(1)


def test_before_voting_opens_the_questions_are_read_anew_each_time(assembly):
    """Until voting opens staff may still change the seats: nothing is shared."""
    election, _cities, _delegates = assembly
    assert not election.voting_is_open()
    for _ in range(2):
        fresh = type(election).objects.get(pk=election.pk)
        with CaptureQueriesContext(connection) as queries:
            service.ballot_offices(fresh)
        assert any("events_candidacy" in q["sql"] for q in queries.captured_queries)


def test_while_voting_is_open_the_questions_are_read_once_for_all_ballots(client, assembly):
    election, cities, delegates = assembly
    service.open_voting(election)
    first, _read = ballot_page(client, election, delegates[0])
    second, read = ballot_page(client, election, delegates[1])
    assert read == []  # the second delegate's page read no question from the database
    assert OPTIONS.findall(first) == OPTIONS.findall(second)  # the same ballot, same order
    names = [c.member.name for c in service.candidacies_in_order(election.offices.first())]
    assert OPTIONS.findall(second)[:3] == names


def test_with_redis_the_questions_are_shared_and_nothing_of_a_ballot_is_cached(
    client, assembly, redis_cache
):
    election, cities, delegates = assembly
    service.open_voting(election)
    receipts = []
    for delegate, city in zip(delegates, cities, strict=True):
        page, _read = ballot_page(client, election, delegate)
        assert "Cast the ballot" in page
        receipts.append(cast(client, election, city, president=cities[1]))
    keys = [key.decode() for key in redis_cache.keys("*")]
    assert [
        key
        for key in keys
        if key.endswith(f"wego:election:{election.pk}:{election.seed}:questions")
    ]
    cached = [redis_cache.get(key) for key in keys]
    digests = {domain.receipt_digest(receipt) for receipt in receipts}
    secrets = set(receipts) | {r.replace("-", "") for r in receipts} | digests
    for value in cached:
        text = repr(pickle.loads(value)) if value[:1] == b"\x80" else repr(value)
        assert not any(secret in text for secret in secrets)
    ballots = Ballot.objects.filter(election=election)
    assert {b.receipt_digest for b in ballots} == digests
    assert all(b.choices["offices"][domain.PRESIDENT] == [cities[1].pk] for b in ballots)


def test_the_shared_questions_read_in_the_language_of_each_reader(client, assembly):
    """What is shared is the questions, not a page: a ballot read in English first is then
    in Korean and Arabic for delegates reading in those languages."""
    from django.utils import translation

    election, _cities, delegates = assembly
    service.open_voting(election)
    pages = {}
    for language, delegate in zip(("en", "ko", "ar"), delegates, strict=False):
        client.force_login(delegate)
        with translation.override(language):
            address = reverse("events:election_vote", args=[election.event.slug, election.pk])
        pages[language] = client.get(address).content.decode()
    office = election.offices.get(key=domain.PRESIDENT)
    for language, page in pages.items():
        title = getattr(office, f"title_{language}")
        assert title and f'<span dir="auto">{title}</span>' in page, language
    assert office.title_ko != office.title_en != office.title_ar
