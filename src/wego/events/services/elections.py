"""Holding a vote: accrediting delegates, declaring proxies, the steps of an election (announce,
close candidacies and draw the order, open, close, count and publish) and casting a ballot.

The secret ballot (docs/elections.md) is kept here: `cast_vote` writes a voter record and a
ballot that share nothing, in one transaction, logs nothing of a vote that is taken, and
returns the receipt, which is stored nowhere. Refusals raise `Refused` (its message names the
problem in the reader's language, `field` the form field) and are logged on
"wego.events.elections" with the code and ids: a refused vote leaves no ballot to link.
"""

import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from wego.events.domain import elections as domain
from wego.events.domain import elections_publish as publish
from wego.events.models import (
    Accreditation,
    Ballot,
    Candidacy,
    Election,
    Office,
    PaperEntry,
    Proxy,
    Registration,
    Resolution,
    VoterRecord,
)
from wego.members.models import Member

log = logging.getLogger("wego.events.elections")

# A delegate votes for their own city and for at most this many cities by proxy.
MAX_PROXIES_PER_DELEGATE = 2


class Refused(Exception):
    """A step the rules do not allow; `field` names the form field, `code` the rule."""

    def __init__(self, message: str, field: str | None = None, code: str = ""):
        super().__init__(message)
        self.message, self.field, self.code = message, field, code


def refuse(code: str, message: str, field: str | None = None, **facts) -> Refused:
    """A refusal, logged with its rule's code and ids (never choices or a code): the one way
    every election service refuses, so the log reads the same."""
    log.warning(
        "Election step refused (%s): %s",
        code,
        ", ".join(f"{key}={value}" for key, value in facts.items()),
    )
    return Refused(message, field, code)


# --- who votes ------------------------------------------------------------------------------


def eligible_members():
    """Full member cities in good standing: one vote each."""
    return Member.objects.filter(
        membership_type=Member.MembershipType.FULL, status=Member.Status.ACTIVE
    )


def delegates_at(event):
    """People who may be accredited: approved, in a member city's delegation, with an account
    to sign in and vote with."""
    return Registration.objects.filter(
        event=event,
        status=Registration.Status.APPROVED,
        user__isnull=False,
        delegation__member__isnull=False,
    ).select_related("delegation__member", "user")


def accredit(event, member, registration, by) -> Accreditation:
    """Make `registration` the delegate who votes for `member` at `event` (replacing an
    earlier choice, unless an election of the event is open)."""
    if registration.event_id != event.pk or registration.delegation.member_id != member.pk:
        raise refuse(
            "not-in-delegation",
            _("Choose a person of your city's delegation at this event."),
            "registration",
            event=event.pk,
            member=member.pk,
        )
    if registration.status != Registration.Status.APPROVED or registration.user_id is None:
        raise refuse(
            "not-approved",
            _(
                "Only an approved participant who has an account on the platform can be "
                "accredited: they sign in to vote."
            ),
            "registration",
            registration=registration.pk,
        )
    if any(e.voting_is_open() for e in event.elections.all()):
        raise refuse(
            "voting-open",
            _("Voting is open: the accredited delegate cannot be changed now."),
            "registration",
            event=event.pk,
        )
    accreditation, _created = Accreditation.objects.update_or_create(
        event=event, member=member, defaults={"registration": registration, "accredited_by": by}
    )
    return accreditation


def accreditations_of(user, event):
    return Accreditation.objects.filter(
        event=event,
        registration__user=user,
        registration__status=Registration.Status.APPROVED,
    )


def declare_proxy(election, member, holder: Accreditation, by) -> Proxy:
    """`member` gives its vote in `election` to another city's accredited delegate."""
    facts = {"election": election.pk, "member": member.pk, "holder": holder.pk}
    if not eligible_members().filter(pk=member.pk).exists():
        raise refuse(
            "not-eligible",
            _("Only full member cities in good standing vote: %(city)s has no vote to give.")
            % {"city": member.name},
            "holder",
            **facts,
        )
    if Proxy.objects.filter(election=election, holder__member=member).exists():
        raise refuse(
            "holds-proxies",
            _(
                "Your city's delegate votes for other cities by proxy: a city that holds "
                "proxies keeps its own vote."
            ),
            "holder",
            **facts,
        )
    if not election.allows_proxies:
        raise refuse("no-proxies", _("This election does not allow proxies."), "holder", **facts)
    if election.voting_is_open() or election.is_counted:
        raise refuse(
            "too-late",
            _("Proxies must be declared before voting opens."),
            "holder",
            **facts,
        )
    if holder.event_id != election.event_id or holder.member_id == member.pk:
        raise refuse(
            "bad-holder",
            _("Choose the accredited delegate of another city at this event."),
            "holder",
            **facts,
        )
    if Proxy.objects.filter(election=election, member_id=holder.member_id).exists():
        raise refuse(
            "holder-gave-proxy",
            _("That city has given its own vote to another city: choose another delegate."),
            "holder",
            **facts,
        )
    if Proxy.objects.filter(election=election, holder=holder).exclude(member=member).count() >= (
        MAX_PROXIES_PER_DELEGATE
    ):
        raise refuse(
            "holder-full",
            _("That delegate already votes for %(count)s other cities, the most allowed.")
            % {"count": MAX_PROXIES_PER_DELEGATE},
            "holder",
            **facts,
        )
    proxy, _created = Proxy.objects.update_or_create(
        election=election, member=member, defaults={"holder": holder, "declared_by": by}
    )
    return proxy


def withdraw_proxy(election, member) -> None:
    if election.voting_is_open() or election.is_counted:
        raise refuse(
            "too-late",
            _("Voting has opened: a proxy can no longer be withdrawn."),
            None,
            election=election.pk,
            member=member.pk,
        )
    Proxy.objects.filter(election=election, member=member).delete()


@dataclass(frozen=True)
class VotingFor:
    """A city a person may vote for now, and how (own city or proxy)."""

    member: Member
    by_proxy: bool
    voted: bool


def cities_voted_for_by(user, election) -> list[VotingFor]:
    """The cities `user` votes for in `election`: their own city as its accredited delegate
    (unless it gave its vote away) and the cities whose proxy they hold. Every query is
    limited to the person's own cities: this runs on each ballot page and vote."""
    if not user.is_authenticated:
        return []
    mine = list(accreditations_of(user, election.event).select_related("member"))
    if not mine:
        return []
    own = [a.member for a in mine]
    proxies = Proxy.objects.filter(election=election).filter(Q(member__in=own) | Q(holder__in=mine))
    given, held = set(), []
    for proxy in proxies.select_related("member"):
        if proxy.member in own:
            given.add(proxy.member_id)
        elif election.allows_proxies:
            held.append(proxy.member)
    members = [member for member in own if member.pk not in given] + held
    voted = set(
        VoterRecord.objects.filter(election=election, member__in=members)
        .order_by()  # the default order (by the member's name) joins the member, for nothing
        .values_list("member_id", flat=True)
    )
    return [
        VotingFor(member, member in held, member.pk in voted)
        for member in members
        if is_eligible(member)
    ]


def is_eligible(member: Member) -> bool:
    """What eligible_members() selects, for a member already at hand."""
    return (
        member.membership_type == Member.MembershipType.FULL
        and member.status == Member.Status.ACTIVE
    )


# --- the questions as the domain counts them ------------------------------------------------


def _in_order(seed: str, office: Office, candidacies: list[Candidacy]) -> list[Candidacy]:
    """In the published ballot order (by name until it is drawn)."""
    if not seed:
        return sorted(candidacies, key=lambda c: c.member.name)
    order = domain.ballot_order(seed, [c.member_id for c in candidacies], office.key)
    by_member = {c.member_id: c for c in candidacies}
    return [by_member[member_id] for member_id in order]


# While voting is open the questions are locked (seats, candidacies and resolutions cannot
# change once voting has opened: election_setup), so every app server shares them through the
# cache instead of reading them on each ballot and vote. A minute bounds how long a member's
# name, edited in the administration meanwhile, may show its old spelling on the ballot.
QUESTIONS_CACHE_SECONDS = 60


def _questions_key(election: Election) -> str:
    # The seed is drawn anew for every election: no key is ever reused for other questions.
    return f"wego:election:{election.pk}:{election.seed}:questions"


def _read_questions(election: Election):
    by_office: dict[int, list[Candidacy]] = {}
    candidacies = Candidacy.objects.filter(office__election=election).select_related("member")
    for candidacy in candidacies.order_by():  # put in the ballot's order below
        by_office.setdefault(candidacy.office_id, []).append(candidacy)
    offices = []
    for office in election.offices.all():
        its = by_office.get(office.pk, [])
        for candidacy in its:
            candidacy.office = office  # kept with it, in the cache too: no query to name it
        offices.append((office, _in_order(election.seed, office, its)))
    return offices, list(election.resolutions.all())


def _ballot_questions(election: Election):
    """(offices with their candidacies in ballot order, resolutions), in three queries, or
    none while voting is open and another request has read them. Once the order is drawn
    they are kept on this election object for the rest of the request (the ballot form, the
    vote's checks and its count share them)."""
    cached = getattr(election, "_ballot_questions", None)
    if cached is not None:
        return cached
    shared = bool(election.seed) and election.voting_is_open()
    questions = cache.get(_questions_key(election)) if shared else None
    if questions is None:
        questions = _read_questions(election)
        if shared:
            cache.set(_questions_key(election), questions, QUESTIONS_CACHE_SECONDS)
    if election.seed:
        election._ballot_questions = questions
    return questions


def ballot_offices(election: Election) -> list[tuple[Office, list[Candidacy]]]:
    """Every office with its candidacies in the published ballot order."""
    return _ballot_questions(election)[0]


def ballot_resolutions(election: Election) -> list[Resolution]:
    """The resolutions in their order."""
    return _ballot_questions(election)[1]


def candidacies_in_order(office: Office) -> list[Candidacy]:
    """The office's candidacies in the published ballot order (by name until it is drawn)."""
    cached = getattr(office.election, "_ballot_questions", None)
    if cached is not None:
        return next(candidacies for each, candidacies in cached[0] if each.pk == office.pk)
    candidacies = list(office.candidacies.select_related("member"))
    return _in_order(office.election.seed, office, candidacies)


def domain_election(election: Election) -> domain.Election:
    """The election as the count and the published list know it (titles and names in
    English, the language of the published list)."""
    offices = []
    names: dict[int, str] = {}
    for office, candidacies in ballot_offices(election):
        names.update({c.member_id: c.member.name_en or c.member.name for c in candidacies})
        offices.append(
            domain.Office(
                office.key,
                office.seats,
                tuple(c.member_id for c in candidacies),
                office.title_en or office.title,
            )
        )
    resolutions = tuple(
        domain.Resolution(r.key, domain.Majority(r.majority), r.title_en or r.title)
        for r in ballot_resolutions(election)
    )
    return domain.Election(
        offices=tuple(offices),
        resolutions=resolutions,
        eligible=election.eligible if election.eligible is not None else eligible_members().count(),
        quorum=election.quorum,
        title=election.title_en or election.title,
        candidate_names=names,
    )


def stored_ballots(election: Election) -> list[domain.Ballot]:
    return [
        publish.ballot_from_json({"receipt_digest": digest, **choices})
        for digest, choices in Ballot.objects.filter(election=election)
        .order_by("receipt_digest")
        .values_list("receipt_digest", "choices")
    ]


# --- the steps ------------------------------------------------------------------------------


def _step(election: Election, allowed: tuple[str, ...], code: str) -> None:
    if election.status not in allowed:
        raise refuse(
            code,
            _("This step is not possible now: the election is “%(status)s”.")
            % {"status": election.get_status_display()},
            None,
            election=election.pk,
        )


def announce(election: Election) -> None:
    """Publish the election and open candidacies."""
    _step(election, (Election.Status.PREPARING,), "announce")
    election.status = Election.Status.CANDIDACIES
    election.save(update_fields=["status"])


def close_candidacies(election: Election) -> None:
    """No more candidacies; the ballot order is drawn once (the seed is never drawn again)."""
    _step(election, (Election.Status.PREPARING, Election.Status.CANDIDACIES), "close-candidacies")
    with transaction.atomic():
        locked = Election.objects.select_for_update().get(pk=election.pk)
        if not locked.seed:
            locked.seed = domain.new_seed()
        locked.status = Election.Status.READY
        locked.save(update_fields=["seed", "status"])
    election.refresh_from_db()


def open_voting(election: Election) -> None:
    """Open voting now (staff), drawing the order first if candidacies were still open."""
    _step(
        election,
        (Election.Status.PREPARING, Election.Status.CANDIDACIES, Election.Status.READY),
        "open",
    )
    if election.closes_at and timezone.now() >= election.closes_at:
        raise refuse(
            "closing-time-passed",
            _("The closing time has passed: change it before opening the vote."),
            "closes_at",
            election=election.pk,
        )
    if not election.seed:
        close_candidacies(election)
    fix_eligible(election)
    Election.objects.filter(pk=election.pk).update(status=Election.Status.OPEN)
    election.refresh_from_db()


def fix_eligible(election: Election) -> None:
    """The number of eligible cities is fixed when voting opens (by staff or by the clock:
    then by the first vote), and never changes after."""
    if election.eligible is not None:
        return
    Election.objects.filter(pk=election.pk, eligible__isnull=True).update(
        eligible=eligible_members().count()
    )
    election.refresh_from_db(fields=["eligible"])


def close_voting(election: Election) -> None:
    """No more votes. Paper sheets may still be entered; then staff count and publish."""
    if election.status not in (Election.Status.OPEN, Election.Status.READY):
        _step(election, (Election.Status.OPEN,), "close")
    fix_eligible(election)
    Election.objects.filter(pk=election.pk).update(
        status=Election.Status.CLOSED, closed_at=timezone.now()
    )
    election.refresh_from_db()


def count_and_publish(election: Election) -> domain.Result:
    """Seal the ballots, count them, and publish the list of ballots with the result and the
    cities that voted. Refused while paper sheets wait to be reconciled."""
    _step(election, (Election.Status.CLOSED,), "publish")
    if election.paper_entries.exists():
        raise refuse(
            "paper-pending",
            _("Paper ballots have been entered but not yet confirmed: confirm them first."),
            None,
            election=election.pk,
        )
    seal(election)
    questions = domain_election(election)
    ballots = stored_ballots(election)
    result = domain.tally(questions, ballots)
    document = publish.published_ballot_list(questions, ballots, result)
    document["voted"] = sorted(
        VoterRecord.objects.filter(election=election)
        .select_related("member")
        .values_list("member__name_en", flat=True)
    )
    Election.objects.filter(pk=election.pk).update(
        status=Election.Status.PUBLISHED,
        published_list=publish.canonical_json(document),
        fingerprint=publish.fingerprint(document),
        published_at=timezone.now(),
    )
    election.refresh_from_db()
    return result


def seal(election: Election) -> None:
    """Write the election's ballots again in digest order, in one transaction, so that their
    physical order (and on SQLite their rowids) no longer tells the order of casting; then
    vacuum away the old row versions when the connection is not inside a transaction
    (docs/elections.md, "the database administrator at casting time")."""
    with transaction.atomic():
        rows = list(
            Ballot.objects.select_for_update()
            .filter(election=election)
            .order_by("receipt_digest")
            .values_list("receipt_digest", "choices")
        )
        Ballot.objects.filter(election=election).delete()
        Ballot.objects.bulk_create(
            Ballot(receipt_digest=digest, election=election, choices=choices)
            for digest, choices in rows
        )
    if connection.in_atomic_block:
        return  # VACUUM cannot run in a transaction (tests, or a caller's atomic block)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The paper entries too: their deleted rows held the sheets' codes.
            cursor.execute(f"VACUUM FULL {Ballot._meta.db_table}, {PaperEntry._meta.db_table}")
        elif connection.vendor == "sqlite":
            cursor.execute("VACUUM")


# --- casting a ballot -----------------------------------------------------------------------


def cast_vote(
    election: Election, user, member_id: int, choices: domain.Choices, cities=None
) -> str:
    """Cast the ballot of city `member_id` and return its receipt (shown once, kept nowhere).
    Raises Refused, with nothing written, for a vote outside the window, by someone who may
    not vote for the city, a second vote of the city, or a ballot the election refuses."""
    facts = {"election": election.pk, "member": member_id, "user": user.pk}
    if not election.voting_is_open():
        raise refuse("window", _("Voting is not open for this election."), None, **facts)
    cities = cities if cities is not None else cities_voted_for_by(user, election)
    city = next((c for c in cities if c.member.pk == member_id), None)
    if city is None:
        raise refuse(
            "not-delegate",
            _(
                "You are not the accredited delegate of this city, and it has not declared "
                "you its proxy: you cannot vote for it."
            ),
            "city",
            **facts,
        )
    if city.voted:
        raise _already_voted(facts)
    questions = domain_election(election)
    if problems := domain.validate_ballot(questions, choices):
        log.warning(
            "Election step refused (ballot): election=%s, codes=%s",
            election.pk,
            ",".join(sorted({str(p.code) for p in problems})),
        )
        raise domain.InvalidBallot(problems)
    fix_eligible(election)
    receipt = domain.new_receipt()
    ballot = publish.ballot_to_json(questions, domain.make_ballot(questions, choices, receipt))
    digest = ballot.pop("receipt_digest")
    try:
        with transaction.atomic():
            VoterRecord.objects.create(election=election, member_id=member_id)
            Ballot.objects.create(receipt_digest=digest, election=election, choices=ballot)
    except IntegrityError:
        raise _already_voted(facts) from None
    return receipt


def _already_voted(facts) -> Refused:
    return refuse(
        "already-voted",
        _("This city has already voted in this election. A city votes once."),
        "city",
        **facts,
    )


# --- after publication ----------------------------------------------------------------------


def published_document(election: Election) -> dict | None:
    import json

    return json.loads(election.published_list) if election.published_list else None


def voted_count(election: Election) -> int:
    return VoterRecord.objects.filter(election=election).count()
