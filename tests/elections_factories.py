"""Factories of elections for tests: real rows through the real services.

`make_election(event=..., candidates={"president": [seoul, ...]}, resolutions=["statutes"])`
gives an election of the four default offices (and any `extra_offices`, e.g. the host city)
in preparation; `make_delegate(event, member)` an approved person with an account, accredited
to vote for the member; `open_election(election)` closes candidacies (drawing the order) and
opens voting, as staff would.
"""

import itertools

from tests.events_factories import DelegationFactory, EventFactory, RegistrationFactory
from tests.factories import make_user
from wego.accounts.models import Role
from wego.events.domain import elections as domain
from wego.events.models import Accreditation, Candidacy, Delegation, Election, Office, Resolution
from wego.events.services import elections as service
from wego.events.services.election_setup import create_election

_sequence = itertools.count(1)


def make_election(
    event=None, candidates=None, resolutions=(), extra_offices=(), **fields
) -> Election:
    """The offices as staff create them (election_setup.create_election: titled in every
    language), with `extra_offices` ((key, seats) pairs; the host city among them or not)."""
    number = next(_sequence)
    event = event or EventFactory()
    title = fields.pop("title", f"Elections {number}")
    extra = dict(extra_offices)
    election = create_election(
        Election(event=event, title=title, title_en=title, **fields),
        seats=dict(domain.DEFAULT_OFFICES),
        host_city=domain.HOST_CITY in extra,
    )
    for order, (key, seats) in enumerate(extra.items(), start=len(domain.DEFAULT_OFFICES) + 1):
        if key != domain.HOST_CITY:
            Office.objects.create(
                election=election, key=key, title=key, title_en=key, seats=seats, order=order
            )
    for office in election.offices.all():
        for member in (candidates or {}).get(office.key, ()):
            Candidacy.objects.create(office=office, member=member, statement=f"{member} stands.")
    for order, key in enumerate(resolutions):
        Resolution.objects.create(
            election=election, key=key, title=key.title(), title_en=key.title(), order=order
        )
    return election


def make_delegate(event, member, **fields):
    """An approved person of the member's delegation, with an account (a city user of the
    member), accredited to vote for it at the event. Returns (user, accreditation)."""
    user = fields.pop("user", None) or make_user(Role.CITY_USER, member=member)
    delegation = Delegation.objects.filter(event=event, member=member).first()
    delegation = delegation or DelegationFactory(event=event, member=member)
    registration = RegistrationFactory(
        delegation=delegation, user=user, full_name=user.full_name, email=user.email, **fields
    )
    accreditation = Accreditation.objects.create(
        event=event, member=member, registration=registration
    )
    return user, accreditation


def open_election(election) -> Election:
    service.close_candidacies(election)
    service.open_voting(election)
    return election
