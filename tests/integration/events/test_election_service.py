"""The election service against the database: a vote cast, refused twice, counted, published
and recounted."""

import json

import pytest

from tests.elections_factories import make_delegate, make_election, open_election
from tests.events_factories import EventFactory
from tests.factories import make_member, make_user
from wego.events.domain import elections as domain
from wego.events.domain import elections_publish as publish
from wego.events.models import Ballot, Election, VoterRecord
from wego.events.services import elections as service

pytestmark = pytest.mark.django_db


@pytest.fixture
def held():
    event = EventFactory()
    seoul, nairobi, hebron = (
        make_member(name=n, name_en=n) for n in ("Seoul", "Nairobi", "Hebron")
    )
    election = make_election(
        event=event,
        candidates={domain.PRESIDENT: [seoul, nairobi], domain.VICE_PRESIDENTS: [hebron]},
        resolutions=["statutes"],
    )
    open_election(election)
    return election, {m.name: m for m in (seoul, nairobi, hebron)}


def choices(president, resolution="yes"):
    return domain.Choices(
        offices={domain.PRESIDENT: [president.pk]}, resolutions={"statutes": resolution}
    )


def test_a_vote_is_cast_once_counted_and_recounted(held):
    election, city = held
    seoul_delegate, _ = make_delegate(election.event, city["Seoul"])
    nairobi_delegate, _ = make_delegate(election.event, city["Nairobi"])

    receipt = service.cast_vote(election, seoul_delegate, city["Seoul"].pk, choices(city["Seoul"]))
    service.cast_vote(election, nairobi_delegate, city["Nairobi"].pk, choices(city["Seoul"], "no"))
    with pytest.raises(service.Refused) as refused:
        service.cast_vote(election, seoul_delegate, city["Seoul"].pk, choices(city["Nairobi"]))
    assert refused.value.code == "already-voted"
    assert Ballot.objects.filter(election=election).count() == 2
    assert VoterRecord.objects.filter(election=election).count() == 2

    service.close_voting(election)
    result = service.count_and_publish(election)
    assert election.status == Election.Status.PUBLISHED
    assert result.offices[0].elected == (city["Seoul"].pk,)
    document = json.loads(election.published_list)
    assert publish.check_published(document) == []
    assert publish.fingerprint(document) == election.fingerprint
    assert publish.find_ballot(document, receipt)["offices"][domain.PRESIDENT] == [city["Seoul"].pk]
    assert document["voted"] == ["Nairobi", "Seoul"]


def test_someone_not_accredited_cannot_vote(held):
    election, city = held
    stranger = make_user()
    with pytest.raises(service.Refused) as refused:
        service.cast_vote(election, stranger, city["Seoul"].pk, choices(city["Seoul"]))
    assert refused.value.code == "not-delegate"
    assert not Ballot.objects.exists()


def test_too_many_candidates_is_refused_and_nothing_is_written(held):
    election, city = held
    delegate, _ = make_delegate(election.event, city["Seoul"])
    both = domain.Choices(offices={domain.PRESIDENT: [city["Seoul"].pk, city["Nairobi"].pk]})
    with pytest.raises(domain.InvalidBallot):
        service.cast_vote(election, delegate, city["Seoul"].pk, both)
    assert not VoterRecord.objects.exists() and not Ballot.objects.exists()


def test_a_declared_proxy_votes_and_the_city_itself_no_longer_can(held):
    election, city = held
    Election.objects.filter(pk=election.pk).update(status=Election.Status.READY)
    election.refresh_from_db()
    seoul_delegate, seoul_accreditation = make_delegate(election.event, city["Seoul"])
    hebron_delegate, _ = make_delegate(election.event, city["Hebron"])
    service.declare_proxy(election, city["Hebron"], seoul_accreditation, by=None)
    service.open_voting(election)

    cities = {
        c.member.name: c.by_proxy for c in service.cities_voted_for_by(seoul_delegate, election)
    }
    assert cities == {"Seoul": False, "Hebron": True}
    service.cast_vote(election, seoul_delegate, city["Hebron"].pk, choices(city["Nairobi"]))
    with pytest.raises(service.Refused):
        service.cast_vote(election, hebron_delegate, city["Hebron"].pk, choices(city["Seoul"]))
    with pytest.raises(service.Refused) as late:
        service.declare_proxy(election, city["Nairobi"], seoul_accreditation, by=None)
    assert late.value.code == "too-late"


def test_voting_outside_the_window_is_refused(held):
    election, city = held
    delegate, _ = make_delegate(election.event, city["Seoul"])
    service.close_voting(election)
    with pytest.raises(service.Refused) as refused:
        service.cast_vote(election, delegate, city["Seoul"].pk, choices(city["Seoul"]))
    assert refused.value.code == "window"
