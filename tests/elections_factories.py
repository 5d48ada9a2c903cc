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

_sequence = itertools.count(1)

OFFICE_TITLES = {
    domain.PRESIDENT: "President City",
    domain.EXECUTIVE_VICE_PRESIDENT: "Executive Vice President City",
    domain.VICE_PRESIDENTS: "Vice President Cities",
    domain.EXECUTIVE_COMMITTEE: "Executive Committee",
    domain.HOST_CITY: "Host of the next General Assembly",
}


def make_election(
    event=None, candidates=None, resolutions=(), extra_offices=(), **fields
) -> Election:
    number = next(_sequence)
    event = event or EventFactory()
    title = fields.pop("title", f"Elections {number}")
    election = Election.objects.create(event=event, title=title, title_en=title, **fields)
    offices = [*domain.DEFAULT_OFFICES, *extra_offices]
    for order, (key, seats) in enumerate(offices):
        office = Office.objects.create(
            election=election,
            key=key,
            title=OFFICE_TITLES.get(key, key),
            title_en=OFFICE_TITLES.get(key, key),
            seats=seats,
            order=order,
        )
        for member in (candidates or {}).get(key, ()):
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
