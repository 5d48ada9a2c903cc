"""Preparing an election and what member cities do before the vote: the offices and their
titles in every language, resolutions, candidacies, the delegate each city accredits and the
proxies cities give (services.elections holds the steps, the count and the rules they share).

Refusals raise services.elections.Refused (a message in the reader's language, `field` the
form field to show it next to) and are logged on "wego.events.elections" with ids only.
"""

import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from wego.accounts.roles import managed, member_ids_for
from wego.events.domain import elections as domain
from wego.events.models import Accreditation, Candidacy, Election, Office, Resolution
from wego.events.services import elections as service
from wego.events.services.elections import Refused, refuse
from wego.members.models import Member

log = logging.getLogger("wego.events.elections")
Status = Election.Status

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)

# The offices the WeGO statutes fill at each Assembly, and the choice of the next host.
OFFICE_TITLES = {
    domain.PRESIDENT: gettext_lazy("President City"),
    domain.EXECUTIVE_VICE_PRESIDENT: gettext_lazy("Executive Vice President City"),
    domain.VICE_PRESIDENTS: gettext_lazy("Vice President Cities"),
    domain.EXECUTIVE_COMMITTEE: gettext_lazy("Executive Committee"),
    domain.HOST_CITY: gettext_lazy("Host of the next General Assembly"),
}
DEFAULT_SEATS = dict(domain.DEFAULT_OFFICES)
# Keys of offices an election has or may get: a resolution never takes one of them.
OFFICE_KEYS = (*DEFAULT_SEATS, domain.HOST_CITY)
KEY_LENGTH = 40


def in_every_language(text, field: str = "title") -> dict[str, str]:
    """A translatable default (gettext_lazy) as the model's column of each language."""
    values = {}
    for code in LANGUAGE_CODES:
        with override(code):
            values[f"{field}_{code}"] = str(text)
    return values


# --- where an election stands --------------------------------------------------------------


def takes_new_questions(election: Election) -> bool:
    """Resolutions and the host-city office change only until candidacies close (the ballot
    order is drawn then, and delegates read the questions before they vote)."""
    return election.status in (Status.PREPARING, Status.CANDIDACIES)


def voting_has_opened(election: Election, now=None) -> bool:
    """Opened by staff, or by its opening time once the order was drawn."""
    now = now or timezone.now()
    if election.status in (Status.OPEN, Status.CLOSED, Status.PUBLISHED):
        return True
    return election.status == Status.READY and bool(election.opens_at) and now >= election.opens_at


def seats_of(election: Election) -> dict[str, int]:
    return dict(election.offices.values_list("key", "seats"))


def has_host_city(election: Election) -> bool:
    return election.offices.filter(key=domain.HOST_CITY).exists()


# --- creating and changing an election -----------------------------------------------------


def _add_office(election: Election, key: str, seats: int, order: int) -> Office:
    return Office.objects.create(
        election=election,
        key=key,
        seats=seats,
        order=order,
        **in_every_language(OFFICE_TITLES[key]),
    )


@transaction.atomic
def create_election(election: Election, seats: dict[str, int], host_city: bool) -> Election:
    """Save a new election (its fields filled by the form) with the four offices of the
    statutes, and the choice of the next host when asked."""
    election.status = Status.PREPARING
    election.save()
    for order, (key, default) in enumerate(domain.DEFAULT_OFFICES):
        _add_office(election, key, seats.get(key, default), order)
    if host_city:
        _add_office(election, domain.HOST_CITY, 1, len(domain.DEFAULT_OFFICES))
    return election


@transaction.atomic
def change_offices(election: Election, seats: dict[str, int], host_city: bool) -> None:
    """New numbers of seats (until voting opens) and the host-city office added or removed
    (until candidacies close; never while a city stands for it)."""
    current = seats_of(election)
    facts = {"election": election.pk}
    changed = {key for key, number in seats.items() if key in current and current[key] != number}
    if changed and voting_has_opened(election):
        raise refuse(
            "seats-locked",
            _("Voting has opened: the number of seats cannot change now."),
            f"seats_{sorted(changed)[0]}",
            **facts,
        )
    for key in changed:
        Office.objects.filter(election=election, key=key).update(seats=seats[key])
    if host_city == (domain.HOST_CITY in current):
        return
    if not takes_new_questions(election):
        raise refuse(
            "host-city-locked",
            _("Candidacies are closed: the choice of the host can no longer be added or removed."),
            "host_city",
            **facts,
        )
    if host_city:
        order = (election.offices.aggregate(last=Max("order"))["last"] or 0) + 1
        _add_office(election, domain.HOST_CITY, 1, order)
        return
    office = election.offices.get(key=domain.HOST_CITY)
    if office.candidacies.exists():
        raise refuse(
            "host-city-has-candidates",
            _(
                "Cities already offer to host the next General Assembly: withdraw their "
                "candidacies first."
            ),
            "host_city",
            **facts,
        )
    office.delete()


def _free_key(election: Election, title: str) -> str:
    """A key from the title (the published list names the question by it), unique among the
    election's questions and never an office's."""
    base = slugify(title)[: KEY_LENGTH - 4].strip("-_") or "resolution"
    taken = set(election.resolutions.values_list("key", flat=True)) | set(OFFICE_KEYS)
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    return key


def add_resolution(election: Election, resolution: Resolution) -> Resolution:
    """Save `resolution` (its texts filled by the form) as the election's last question."""
    if not takes_new_questions(election):
        raise refuse(
            "resolutions-locked",
            _("Candidacies are closed: resolutions can no longer be added."),
            "title_en",
            election=election.pk,
        )
    resolution.election = election
    resolution.key = _free_key(election, resolution.title_en or resolution.title)
    last = election.resolutions.aggregate(last=Max("order"))["last"]
    resolution.order = 0 if last is None else last + 1
    resolution.save()
    return resolution


def remove_resolution(election: Election, resolution: Resolution) -> None:
    if not takes_new_questions(election):
        raise refuse(
            "resolutions-locked",
            _("Candidacies are closed: resolutions can no longer be removed."),
            None,
            election=election.pk,
            resolution=resolution.pk,
        )
    resolution.delete()


# --- candidacies ---------------------------------------------------------------------------


def takes_candidacies(election: Election, by_staff: bool) -> bool:
    """Cities stand while candidacies are open; staff also enter them while preparing."""
    if by_staff:
        return election.status in (Status.PREPARING, Status.CANDIDACIES)
    return election.status == Status.CANDIDACIES


def cities_standing_for(user, by_staff: bool):
    """The cities a person may put forward: staff any eligible city, a city's users their own
    eligible cities."""
    eligible = service.eligible_members()
    return eligible if by_staff else eligible.filter(pk__in=member_ids_for(user))


def stand(office: Office, member: Member, statement: str, by, *, by_staff: bool, offers_to_host):
    """`member` stands for `office` with its statement."""
    election = office.election
    facts = {"election": election.pk, "office": office.pk, "member": member.pk, "user": by.pk}
    if not takes_candidacies(election, by_staff):
        raise refuse(
            "candidacies-closed", _("Candidacies are closed for this election."), "office", **facts
        )
    if not service.eligible_members().filter(pk=member.pk).exists():
        raise refuse(
            "not-eligible",
            _("Only full member cities in good standing can stand: %(city)s cannot.")
            % {"city": member.name},
            "member",
            **facts,
        )
    if office.is_host_city and not offers_to_host:
        raise refuse(
            "no-host-offer",
            _(
                "Only a city offering to host the next General Assembly stands for it: tick "
                "the box to make the offer."
            ),
            "offers_to_host",
            **facts,
        )
    if Candidacy.objects.filter(office=office, member=member).exists():
        raise _already_standing(office, member, facts)
    try:
        with transaction.atomic():
            # In the writer's language; English readers (the fallback of every language)
            # see it too until someone adds a translation.
            return Candidacy.objects.create(
                office=office,
                member=member,
                statement=statement,
                statement_en=statement,
                submitted_by=by,
            )
    except IntegrityError:  # the same city sent twice at once: the database keeps one
        raise _already_standing(office, member, facts) from None


def _already_standing(office, member, facts) -> Refused:
    return refuse(
        "already-standing",
        _("%(city)s already stands for %(office)s. A city stands once for each office.")
        % {"city": member.name, "office": office.title},
        "office",
        **facts,
    )


def withdraw_candidacy(candidacy: Candidacy, by, *, by_staff: bool) -> None:
    election = candidacy.office.election
    if not takes_candidacies(election, by_staff):
        raise refuse(
            "candidacies-closed",
            _("Candidacies are closed: a candidacy can no longer be withdrawn."),
            None,
            election=election.pk,
            candidacy=candidacy.pk,
            user=by.pk,
        )
    candidacy.delete()


# --- accreditation -------------------------------------------------------------------------


def accrediting_cities(event, user):
    """The cities whose delegate `user` may choose at `event`: their own cities, and (staff)
    those they look after that have a delegation there."""
    at_event = Member.objects.filter(delegations__event=event)
    return Member.objects.filter(
        Q(pk__in=member_ids_for(user)) | Q(pk__in=managed(at_event, user).values("pk"))
    ).order_by("name")


def accreditation_rows(event, cities) -> list[dict]:
    """Each city with its accredited delegate (or None), the people it may accredit and
    whether it votes at all (full member in good standing)."""
    cities = list(cities)
    accredited = {
        a.member_id: a
        for a in Accreditation.objects.filter(event=event, member__in=cities).select_related(
            "registration"
        )
    }
    people: dict[int, list] = {}
    for registration in (
        service.delegates_at(event).filter(delegation__member__in=cities).order_by("full_name")
    ):
        people.setdefault(registration.delegation.member_id, []).append(registration)
    eligible = set(
        service.eligible_members()
        .filter(pk__in=[c.pk for c in cities])
        .values_list("pk", flat=True)
    )
    return [
        {
            "member": city,
            "accreditation": accredited.get(city.pk),
            "delegates": people.get(city.pk, []),
            "votes": city.pk in eligible,
        }
        for city in cities
    ]


# --- proxies -------------------------------------------------------------------------------


def proxy_cities(user):
    """The cities whose vote `user` may give: their own eligible cities."""
    return service.eligible_members().filter(pk__in=member_ids_for(user)).order_by("name")


def proxy_holders(election: Election):
    return (
        Accreditation.objects.filter(event=election.event)
        .select_related("member", "registration")
        .order_by("member__name")
    )
