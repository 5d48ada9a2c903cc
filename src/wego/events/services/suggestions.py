"""Whom a delegation could meet at an event, and why.

Three sources, each said in a sentence:

1. the registered delegations whose published assessment is strong (the roadmap's "peers who
   can help": 75 or more) on the member's weakest indicators in its latest assessment;
2. the library's published practices tagged with one of those indicators, by a registered
   member;
3. what other participants said they offer, matching what this delegation seeks (the same
   indicator, its domain, the same practice, or a shared word of the free text) or one of the
   member's weakest indicators (the same indicator, or its domain).
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wego.core.i18n import localise
from wego.diagnostic.interfaces.roadmap import STRONG
from wego.diagnostic.models import Assessment, FrameworkVersion, PeerScore
from wego.events.models import Delegation, MatchmakingInterest, MeetingRequest
from wego.events.services.meetings import OPEN, registered_delegations
from wego.practices.models import Practice, PracticeTag

WEAKEST = 5  # indicators of the latest assessment to look for help on
LIMIT = 12
WORD = re.compile(r"\w{4,}")


@dataclass
class Suggestion:
    delegation: Delegation
    indicator_code: str
    why: str
    practice: Practice | None = None
    already: bool = False  # a request between the two is open
    reasons: list[str] = field(default_factory=list)
    subject: str = ""  # the indicator's or domain's title in the reader's language


def current_framework():
    version = FrameworkVersion.objects.filter(code="ceds", is_current=True).first()
    return version.framework if version else None


def titles(language: str) -> dict[str, str]:
    """Indicator and domain code -> title in the reader's language."""
    framework = current_framework()
    if framework is None:
        return {}
    found = {d.code: localise(d.title, language).text for d in framework.domains}
    found |= {c: localise(i.title, language).text for c, i in framework.indicator_map().items()}
    return found


def domain_of() -> dict[str, str]:
    framework = current_framework()
    if framework is None:
        return {}
    return {i.code: d.code for d in framework.domains for i in d.indicators}


def weakest_indicators(member) -> list[tuple[str, float]]:
    """The member's weakest scored indicators in its latest assessment (any state: it is the
    member's own), weakest first."""
    if member is None:
        return []
    latest = (
        Assessment.objects.filter(member=member, framework_version__code="ceds")
        .order_by("-year", "-updated_at")
        .first()
    )
    if latest is None:
        return []
    scored = [
        (code, value)
        for code, value in (latest.indicator_scores or {}).items()
        if value is not None and value < STRONG
    ]
    return sorted(scored, key=lambda item: (item[1], item[0]))[:WEAKEST]


def suggestions_for(delegation: Delegation) -> list[Suggestion]:
    event = delegation.event
    language = get_language() or "en"
    names = titles(language)
    others = [d for d in registered_delegations(event) if d.pk != delegation.pk]
    by_member = {d.member_id: d for d in others if d.member_id}
    open_pairs = set()
    for first, second in MeetingRequest.objects.filter(event=event, status__in=OPEN).values_list(
        "from_delegation_id", "to_delegation_id"
    ):
        open_pairs |= {(first, second), (second, first)}
    found: dict[tuple[int, str], Suggestion] = {}

    def add(other, code, why, practice=None):
        key = (other.pk, code)
        if key in found:
            found[key].reasons.append(why)
            return
        found[key] = Suggestion(
            other,
            code,
            why,
            practice,
            (delegation.pk, other.pk) in open_pairs,
            [why],
            names.get(code, ""),
        )

    weak = weakest_indicators(delegation.member)
    weak_codes = [code for code, _score in weak]
    own_score = dict(weak)
    if weak_codes and by_member:
        strong = (
            PeerScore.objects.filter(
                published=True,
                value__gte=STRONG,
                metric__in=weak_codes,
                member_id__in=list(by_member),
                framework_version__code="ceds",
            )
            .order_by("-value")
            .values_list("member_id", "metric", "value")
        )
        for member_id, code, value in strong:
            add(
                by_member[member_id],
                code,
                _(
                    "%(city)s published a score of %(theirs)s on %(indicator)s, where your "
                    "latest assessment has %(yours)s."
                )
                % {
                    "city": by_member[member_id].name,
                    "theirs": round(value),
                    "indicator": names.get(code, code),
                    "yours": round(own_score[code]),
                },
            )
        tags = (
            PracticeTag.objects.filter(
                kind=PracticeTag.Kind.INDICATOR,
                value__in=weak_codes,
                practice__status=Practice.Status.PUBLISHED,
                practice__member_id__in=list(by_member),
            )
            .select_related("practice")
            .order_by("-practice__award_year", "practice_id")
        )
        for tag in tags:
            practice = tag.practice
            add(
                by_member[practice.member_id],
                tag.value,
                _(
                    "%(city)s's practice “%(practice)s” works on %(indicator)s, one "
                    "of your weakest indicators."
                )
                % {
                    "city": by_member[practice.member_id].name,
                    "practice": practice.title_in(language).text,
                    "indicator": names.get(tag.value, tag.value),
                },
                practice,
            )
    _from_interests(delegation, others, names, add, weak_codes)
    ranked = sorted(found.values(), key=lambda s: (s.already, -len(s.reasons)))
    return ranked[:LIMIT]


def _from_interests(delegation, others, names, add, weak_codes=()) -> None:
    """Other participants' offers that match this delegation's seeks, or else one of its
    weakest indicators."""
    seeks = list(
        MatchmakingInterest.objects.filter(
            registration__delegation=delegation, direction=MatchmakingInterest.Direction.SEEK
        )
    )
    if not seeks and not weak_codes:
        return
    domains = domain_of()
    offers = MatchmakingInterest.objects.filter(
        registration__delegation__in=others, direction=MatchmakingInterest.Direction.OFFER
    ).select_related("registration__delegation__member", "practice")
    for offer in offers:
        if not any(_match(seek, offer, domains) is not None for seek in seeks):
            code = _weak_match(weak_codes, offer.indicator_code, domains)
            if code:
                other = offer.registration.delegation
                add(
                    other,
                    code,
                    _(
                        "%(name)s of %(city)s offers to share %(subject)s, one of your weakest "
                        "indicators."
                    )
                    % {
                        "name": offer.registration.full_name,
                        "city": other.name,
                        "subject": names.get(offer.indicator_code, offer.indicator_code),
                    },
                    offer.practice,
                )
            continue
        for seek in seeks:
            code = _match(seek, offer, domains)
            if code is None:
                continue
            other = offer.registration.delegation
            subject = (
                names.get(code)
                or (offer.practice and offer.practice.title_in(get_language() or "en").text)
                or offer.text
            )
            add(
                other,
                code,
                _("%(name)s of %(city)s offers to share %(subject)s, which you seek.")
                % {"name": offer.registration.full_name, "city": other.name, "subject": subject},
                offer.practice,
            )
            break


def _weak_match(weak_codes, offered: str, domains) -> str:
    """The weakest indicator an offer is about: the same indicator, or the domain holding it;
    "" when none."""
    if not offered:
        return ""
    for code in weak_codes:
        if offered == code or domains.get(code) == offered:
            return code
    return ""


def _match(seek, offer, domains) -> str | None:
    """The indicator (or domain) code the two meet on, "" when they meet on a practice or
    words; None when they do not meet."""
    a, b = seek.indicator_code, offer.indicator_code
    if a and b and (a == b or domains.get(a) == b or domains.get(b) == a):
        return a if a == b or domains.get(a) == b else b
    if seek.practice_id and seek.practice_id == offer.practice_id:
        return a or b or ""
    words = {w.lower() for w in WORD.findall(seek.text)} & {
        w.lower() for w in WORD.findall(offer.text)
    }
    if words:
        return a or b or ""
    return None
