"""The demo elections (demo_data/elections.yaml), held through the election service as staff
and delegates would hold them: accredit, declare proxies, close candidacies (the ballot order
is drawn), open voting, cast votes, close, count and publish.

- The election at the 3rd WeGO General Assembly (Chengdu, November 2014), published, its
  outcome the WeGO 2014 Annual Report's: the leadership 2014-2017 and Ulyanovsk Region as
  host of the 4th General Assembly. The report names the elected and no other candidate, so
  each office has as many candidates as seats and the outcome holds whatever the ballots; the
  ballots are illustrative (the election's description says so). The delegates of the
  Assembly's member delegations vote, with more delegations added (as placeholders, like the
  events demo's) so that the vote reaches its quorum.
- An election to try at the Executive Committee meeting in Ulyanovsk (upcoming dates): one
  office with three candidacies and two resolutions, proxies allowed, voting open until the
  end of the meeting and nobody has voted; the demo account of yaml's `voter` is its city's
  accredited delegate and holds one proxy, declared before voting opened.

Delegates vote with an account: a demo account where the delegation has one (README.md),
otherwise an account made here for the placeholder delegate, at its registration's address
(demo.we-gov.org), with no usable password: nobody signs in with it. Without the demo
accounts (load_demo_data --no-users) nothing is loaded.

Idempotent, after the events demo (whose loader makes its delegations anew, and with them the
accreditations): the 2014 election stays once published and its delegates are accredited
again; the election to try is made anew, as the events demo makes its programme anew (an
accredited delegate cannot change once voting is open).
"""

from pathlib import Path

import yaml
from django.conf import settings
from django.utils import translation

from wego.accounts.models import User
from wego.events.domain import elections as domain
from wego.events.models import (
    Accreditation,
    Candidacy,
    Delegation,
    Election,
    Event,
    Office,
    Registration,
    Resolution,
)
from wego.events.services import elections as service
from wego.members.models import Member

DATA_FILE = Path(__file__).resolve().parent.parent / "demo_data" / "elections.yaml"
LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
EMAIL_DOMAIN = "demo.we-gov.org"
STAFF_ACCOUNT = f"secretariat@{EMAIL_DOMAIN}"  # accredits and declares, as staff do


def load_demo_elections() -> dict:
    spec = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    staff = User.objects.filter(email=STAFF_ACCOUNT).first()
    voter = User.objects.filter(email=spec["executive_committee"]["voter"]).first()
    if staff is None or voter is None:
        return {"demo_elections": 0}
    members = Member.objects.in_bulk(field_name="slug")
    _check_members(spec, members)
    with translation.override("en"):
        _hold_general_assembly_2014(spec["general_assembly_2014"], members, staff)
        _open_to_try(spec["executive_committee"], members, staff, voter)
    return {"demo_elections": 2}


def _check_members(spec: dict, members: dict) -> None:
    named = {
        candidacy["member"]
        for election in spec.values()
        for office in election["offices"]
        for candidacy in _candidacies(office)
    }
    named |= set(spec["general_assembly_2014"]["more_delegations"])
    named.add(spec["executive_committee"]["proxy"])
    missing = sorted(named - set(members))
    if missing:
        raise LookupError(
            "Load the demo network before the elections; missing: " + ", ".join(missing)
        )


def _translated(spec: dict, field: str) -> dict:
    """{field: English, field_en, field_ko, field_ar}; every language is required."""
    texts = spec[field]
    missing = [lang for lang in LANGUAGES if not str(texts.get(lang) or "").strip()]
    if missing:
        raise ValueError(f"elections.yaml: {field} has no text in {', '.join(missing)}")
    return {field: texts["en"].strip()} | {
        f"{field}_{lang}": texts[lang].strip() for lang in LANGUAGES
    }


# --- the 2014 election --------------------------------------------------------------------


def _hold_general_assembly_2014(spec: dict, members: dict, staff) -> Election:
    event = Event.objects.get(slug=spec["event"])
    _add_delegations(event, spec["more_delegations"], members)
    delegates = _accredit_delegations(event, staff)
    election = Election.objects.filter(event=event, title_en=spec["title"]["en"].strip()).first()
    if election is not None:
        return election
    election = _new_election(event, spec, staff)
    service.announce(election)
    service.close_candidacies(election)
    service.open_voting(election)
    ballots = _illustrative_choices(election, len(delegates))
    for (member, user), choices in zip(delegates, ballots, strict=True):
        service.cast_vote(election, user, member.pk, choices)
    service.close_voting(election)
    result = service.count_and_publish(election)
    _check_outcome(election, result, spec)
    _dated_as_held(election, event, spec["session"])
    return election


def _add_delegations(event: Event, slugs: list[str], members: dict) -> None:
    """One placeholder delegate for each member not at the event yet (named like the events
    demo's placeholders, approved and listed like them)."""
    present = set(Delegation.objects.filter(event=event).values_list("member__slug", flat=True))
    for slug in slugs:
        if slug in present:
            continue
        member = members[slug]
        delegation = Delegation.objects.create(event=event, member=member)
        Registration.objects.create(
            event=event,
            delegation=delegation,
            full_name=f"{member.name_en} delegate",
            email=f"{event.slug}.{slug}.1@{EMAIL_DOMAIN}",
            position="Head of delegation",
            role=Registration.Role.HEAD,
            status=Registration.Status.APPROVED,
            listed=True,
        )


def _illustrative_choices(election: Election, count: int) -> list[domain.Choices]:
    """`count` ballots, each marking every candidate but about one in eleven, by a fixed
    pattern over the candidates in name order (not the drawn order), so that every load gives
    the same counts."""
    offices = [
        (office.key, [c.member_id for c in office.candidacies.order_by("member__slug")])
        for office in election.offices.all()
    ]
    return [
        domain.Choices(
            offices={
                key: [
                    member_id
                    for index, member_id in enumerate(candidates)
                    if (7 * number + 3 * index + order) % 11 != 0
                ]
                for order, (key, candidates) in enumerate(offices)
            }
        )
        for number in range(count)
    ]


def _check_outcome(election: Election, result: domain.Result, spec: dict) -> None:
    """The count must give the report's outcome: quorum met, no tie, the elected as listed."""
    slugs = dict(Member.objects.values_list("pk", "slug"))
    elected = {
        office.office: sorted(slugs[pk] for pk in office.elected) for office in result.offices
    }
    expected = {office["key"]: sorted(office["candidates"]) for office in spec["offices"]}
    if result.status != domain.Status.DECIDED or elected != expected:
        raise RuntimeError(f"The demo election {election.pk} does not give the report's outcome")


def _dated_as_held(election: Election, event: Event, session_title: str) -> None:
    """The service holds the vote now (voting cannot open after its closing time); the record
    then says when it was held: during the Assembly's election session."""
    session = event.sessions.get(title_en=session_title)
    Election.objects.filter(pk=election.pk).update(
        opens_at=session.starts_at,
        closes_at=session.ends_at,
        closed_at=session.ends_at,
        published_at=session.ends_at,
    )


# --- the election to try ------------------------------------------------------------------


def _open_to_try(spec: dict, members: dict, staff, voter) -> Election:
    event = Event.objects.get(slug=spec["event"])
    Election.objects.filter(event=event, title_en=spec["title"]["en"].strip()).delete()
    delegates = _accredit_delegations(event, staff)
    if voter not in {user for _member, user in delegates}:
        raise LookupError(f"{voter.email} is not an approved participant of {event.slug}")
    election = _new_election(event, spec, staff, closes_at=event.ends_at, allows_proxies=True)
    service.announce(election)
    service.close_candidacies(election)
    holder = Accreditation.objects.get(event=event, registration__user=voter)
    service.declare_proxy(election, members[spec["proxy"]], holder, staff)
    service.open_voting(election)
    return election


# --- shared steps -------------------------------------------------------------------------


def _new_election(event: Event, spec: dict, staff, **fields) -> Election:
    """The election in preparation, with its offices, candidacies (entered by staff) and
    resolutions."""
    election = Election.objects.create(
        event=event, **_translated(spec, "title"), **_translated(spec, "description"), **fields
    )
    slugs = [c["member"] for row in spec["offices"] for c in _candidacies(row)]
    members = Member.objects.in_bulk(slugs, field_name="slug")
    for order, row in enumerate(spec["offices"]):
        office = Office.objects.create(
            election=election,
            key=row["key"],
            seats=row["seats"],
            order=order,
            **_translated(row, "title"),
        )
        Candidacy.objects.bulk_create(
            Candidacy(
                office=office,
                member=members[candidacy["member"]],
                **(_translated(candidacy, "statement") if candidacy.get("statement") else {}),
                submitted_by=staff,
            )
            for candidacy in _candidacies(row)
        )
    for order, row in enumerate(spec.get("resolutions", [])):
        Resolution.objects.create(
            election=election,
            key=row["key"],
            majority=row["majority"],
            order=order,
            **_translated(row, "title"),
            **_translated(row, "text"),
        )
    return election


def _candidacies(office: dict) -> list[dict]:
    """An office's candidacies: `candidates` (slugs, no statement) or `candidacies`."""
    return [{"member": slug} for slug in office.get("candidates", [])] + office.get(
        "candidacies", []
    )


def _accredit_delegations(event: Event, staff) -> list[tuple[Member, User]]:
    """Accredit a delegate of each approved member delegation at `event` (its person with a
    demo account, else its first placeholder, given an account here); the eligible members
    with their delegates' accounts, in the members' name order."""
    delegates = []
    delegations = Delegation.objects.filter(event=event, member__isnull=False).select_related(
        "member"
    )
    for delegation in delegations.order_by("member__slug"):
        registration = _delegate_of(delegation)
        if registration is None:
            continue
        service.accredit(event, delegation.member, registration, staff)
        delegates.append((delegation.member, registration.user))
    eligible = set(service.eligible_members().values_list("pk", flat=True))
    return [(member, user) for member, user in delegates if member.pk in eligible]


def _delegate_of(delegation: Delegation) -> Registration | None:
    approved = list(
        delegation.registrations.filter(status=Registration.Status.APPROVED).order_by("pk")
    )
    with_account = next((r for r in approved if r.user_id), None)
    if with_account is not None:
        return with_account
    placeholder = f"{delegation.member.name_en} delegate"
    registration = next(
        (
            r
            for r in approved
            if r.full_name == placeholder or r.full_name.startswith(placeholder + " ")
        ),
        None,
    )
    if registration is None:
        return None  # only named people, none with an account: nobody to vote
    registration.user = _placeholder_account(registration)
    registration.save(update_fields=["user"])
    return registration


def _placeholder_account(registration: Registration) -> User:
    user = User.objects.filter(email=registration.email).first()
    if user is None:
        user = User(
            email=registration.email,
            full_name=f"{registration.full_name} (demo delegate)",
            preferred_language=registration.language,
        )
        user.set_unusable_password()
        user.save()
    return user
