"""Demo assessments: the CeDS Solution at work in the demo network from the first minute.

About three quarters of the demo members, in every region, get validated CeDS 1.0 assessments
in two or three of the 2022, 2024 and 2026 cycles: most published, a few only shared
anonymously with peers, a few kept to themselves. Some also have a UN LOSI 2024 one. Seoul
publishes 2022 and 2024 and keeps its 2026 assessment as a draft with some answers, to try the
forms on. Every one of them is marked `is_demo`, and the pages showing them say so.

The answers are invented but plausible, each city from its own fixed seed: a city-level
maturity from the member's income group and size, domains and indicators that vary around it
(the same strengths and weaknesses in every cycle), coverage mostly high but not always
complete, some "not applicable", improvement between cycles for most cities and a few
setbacks. Each answer is read by the real answer parser. Everything after the answers goes
through the real services: recompute_scores, then submit, validate and publish or share, which
keep the network and peer statistics exactly as a real publication does. Only the rows of
answers and of their revisions are bulk-created: that keeps the whole to a few seconds.

Idempotent: an assessment a member already has for a framework and year is left as it is.
"""

import math
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from wego.accounts.models import RoleAssignment
from wego.accounts.roles import Role
from wego.diagnostic.domain.answers import AnswerValue, parse_answer
from wego.diagnostic.domain.framework import Framework, Question, QuestionType
from wego.diagnostic.domain.scoring import CityContext
from wego.diagnostic.models import (
    Answer,
    AnswerRevision,
    Assessment,
    AssessmentEvent,
    FrameworkVersion,
)
from wego.diagnostic.services import assessments as lifecycle
from wego.diagnostic.services.frameworks import sync_shipped_frameworks
from wego.members.models import Member

SEED = "wego-demo-assessments"
CYCLES = (2022, 2024, 2026)
LOSI_YEAR = 2024
DRAFT_MEMBER, DRAFT_YEAR = "seoul", 2026
DRAFT_ANSWERED = 0.65  # share of the draft's questions already answered

PUBLISHED, SHARED, PRIVATE = "published", "shared", "private"

# Expected answer level (0-1) by the World Bank income group of the member's country: means
# weigh more than anything else in how far a city's e-government has come.
INCOME_LEVEL = {"high": 0.64, "upper-middle": 0.5, "lower-middle": 0.39, "low": 0.28}
UNKNOWN_INCOME_LEVEL = 0.45
PARTICIPATION = {"high": 0.9, "upper-middle": 0.84, "lower-middle": 0.76, "low": 0.66}
# Seoul has "consistently topped global e-Government surveys" (2014 annual report).
LEADERS = {"seoul": 0.05}
# Where the network tends to be stronger or weaker than its overall level, so that the
# dashboard's common gaps say something (codes of CeDS 1.0; other domains have none).
DOMAIN_TENDENCY = {
    "GM": 0.04,
    "PI": 0.06,
    "RC": -0.06,
    "IN": 0.03,
    "CR": -0.03,
    "EA": 0.05,
    "EL": 0.02,
    "EB": -0.04,
    "EI": -0.08,
}


@dataclass(frozen=True)
class CityPlan:
    """One member's invented e-government: its level in each cycle and what it shares."""

    slug: str
    levels: dict[int, float]  # cycle year -> expected answer level, 0-1
    sharing: str  # PUBLISHED, SHARED or PRIVATE
    losi: bool  # also answers UN LOSI 2024


def _clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return min(max(value, low), high)


def city_plan(member) -> CityPlan | None:
    """The member's plan from its own seed, or None when it does not take part."""
    rng = random.Random(f"{SEED}:{member.slug}")
    income = member.income_group
    taking_part = rng.random() < PARTICIPATION.get(income, 0.7)
    if not taking_part and member.slug != DRAFT_MEMBER:
        return None
    level = INCOME_LEVEL.get(income, UNKNOWN_INCOME_LEVEL) + size_effect(member.population)
    level = _clamp(level + rng.gauss(0, 0.07) + LEADERS.get(member.slug, 0), 0.1, 0.9)
    years = CYCLES if member.slug == DRAFT_MEMBER else _cycle_years(rng)
    levels = {}
    for year in years:
        levels[year] = round(level, 3)
        change = _change(rng)
        if member.slug == DRAFT_MEMBER:
            change = abs(change)  # the city to try the platform as shows a steady rise
        level = _clamp(level + change, 0.05, 0.97)
    roll = rng.random()
    sharing = PUBLISHED if roll < 0.8 else SHARED if roll < 0.92 else PRIVATE
    if member.slug == DRAFT_MEMBER:
        sharing = PUBLISHED  # its earlier cycles: for its trend, and as a helper to others
    losi = rng.random() < 0.22 and LOSI_YEAR in levels
    return CityPlan(member.slug, levels, sharing, losi)


def size_effect(population: int | None) -> float:
    """Larger cities have more means and more pressure to go online: +-0.06 at most."""
    if not population:
        return 0.0
    return _clamp(0.03 * (math.log10(population) - 6), -0.06, 0.06)


def _cycle_years(rng: random.Random) -> tuple[int, ...]:
    """The cycles a member took part in: from its first one on, now and then skipping one."""
    first = rng.choices(range(len(CYCLES)), weights=(5, 4, 1))[0]
    years = [CYCLES[first]]
    for year in CYCLES[first + 1 :]:
        if rng.random() < (0.92 if year == CYCLES[-1] else 0.75):
            years.append(year)
    return tuple(years)


def _change(rng: random.Random) -> float:
    """From one cycle to the next: most cities improve, about one in eight slips back."""
    if rng.random() < 0.12:
        return -abs(rng.gauss(0.05, 0.02))
    return rng.gauss(0.06, 0.03)


def invented_answers(
    framework: Framework, slug: str, level: float, year: int, city: CityContext
) -> dict[str, AnswerValue]:
    """A city's answers at a level, parsed as the form would read them.

    Offsets by domain and indicator come from a seed without the year: a city keeps its
    strengths and weaknesses from one cycle to the next. Noise and gaps come with the year.
    """
    shape = random.Random(f"{SEED}:{slug}:{framework.code}")
    rng = random.Random(f"{SEED}:{slug}:{framework.code}:{year}")
    skip = _skip_rate(rng)
    answers = {}
    for domain in framework.domains:
        domain_level = level + DOMAIN_TENDENCY.get(domain.code, 0) + shape.gauss(0, 0.07)
        for indicator in domain.indicators:
            indicator_level = domain_level + shape.gauss(0, 0.1) + rng.gauss(0, 0.03)
            for question in indicator.questions:
                raw = _raw_answer(framework, question, indicator_level, city, skip, rng)
                if raw is not None:
                    answers[question.code] = parse_answer(framework, question, raw)
    return answers


def _skip_rate(rng: random.Random) -> float:
    """Most assessments are (nearly) complete; some leave a tenth open, a few a quarter."""
    roll = rng.random()
    if roll < 0.75:
        return rng.uniform(0, 0.02)
    if roll < 0.95:
        return rng.uniform(0.05, 0.12)
    return rng.uniform(0.2, 0.3)


def _raw_answer(framework, question: Question, level, city, skip, rng):
    """What an official would type for a question at about this level; None: left empty."""
    applies = question.applies_if
    if applies and not applies.applies(city.population, city.kind):
        return None
    if not question.is_scored or rng.random() < skip:
        return None
    if question.allow_not_applicable and rng.random() < 0.08:
        return "n/a"
    target = _clamp(level + rng.gauss(0, 0.15))
    kind = question.type
    if kind == QuestionType.LEVEL:
        return round(target * 4)
    if kind == QuestionType.YES_NO:
        return rng.random() < target
    if kind == QuestionType.PERCENTAGE:
        return round(target * 100)
    if kind == QuestionType.CHOICE:
        choices = framework.choices_of(question)
        return min(choices, key=lambda choice: abs(choice.score - target)).code
    if kind == QuestionType.NUMBER:
        return _number(question, target)
    return None


def _number(question: Question, target: float):
    """A number on the question's scale, a little past full marks at the top."""
    scoring = question.scoring
    zero, full = (scoring.zero_at, scoring.full_at) if scoring else (0.0, 10.0)
    value = zero + target * 1.1 * (full - zero)
    return round(value) if full - zero >= 10 else round(value, 1)


# ---- loading ----


@transaction.atomic
def load_demo_assessments(now: datetime | None = None) -> dict:
    """Create the demo assessments that are not there yet. Returns counts for the command."""
    now = now or timezone.now()
    ceds, losi = _versions()
    members = list(Member.objects.filter(status=Member.Status.ACTIVE).order_by("slug"))
    existing = set(Assessment.objects.values_list("member_id", "framework_version_id", "year"))
    actors = _actors()
    plans = {member.pk: plan for member in members if (plan := city_plan(member))}
    created = []
    for member in members:
        plan = plans.get(member.pk)
        if plan is None:
            continue
        wanted = [(ceds, year, plan.levels[year]) for year in plan.levels]
        if losi and plan.losi:
            wanted.append((losi, LOSI_YEAR, plan.levels[LOSI_YEAR]))
        for version, year, level in wanted:
            if (member.pk, version.pk, year) in existing:
                continue
            if (member.slug, year) == (DRAFT_MEMBER, DRAFT_YEAR) and version == ceds:
                _draft(member, version, level, actors)
            else:
                created.append(_validated(member, version, year, level, plan, actors, now))
    demo = Assessment.objects.filter(is_demo=True)
    return {
        "demo_assessments": len(created),
        "demo_members": demo.values("member").distinct().count(),
        "demo_published": demo.filter(is_public=True).count(),
    }


def _versions() -> tuple[FrameworkVersion, FrameworkVersion | None]:
    """The current CeDS and UN LOSI versions, storing the shipped frameworks if need be."""
    current = FrameworkVersion.objects.filter(is_current=True)
    if not current.filter(code="ceds").exists():
        sync_shipped_frameworks()
    return current.get(code="ceds"), current.filter(code="losi").first()


def _actors() -> dict:
    """Demo accounts to act as: focal points by member, office staff by region."""
    actors = {"member": {}, "region": {}, "secretariat": None}
    for row in RoleAssignment.objects.select_related("user").order_by("pk"):
        if row.role == Role.FOCAL_POINT and row.member_id:
            actors["member"].setdefault(row.member_id, row.user)
        elif row.role == Role.REGIONAL_STAFF:
            actors["region"].setdefault(row.region, row.user)
        elif row.role == Role.SECRETARIAT:
            actors["secretariat"] = actors["secretariat"] or row.user
    return actors


def _validated(member, version, year, level, plan: CityPlan, actors, now) -> Assessment:
    """One assessment answered, submitted, validated and shared as the plan says."""
    city_user = actors["member"].get(member.pk)
    office = actors["region"].get(member.region) or actors["secretariat"]
    assessment = lifecycle.start_assessment(member, version, year, city_user, demo=True)
    dates = _dates(member.slug, version.code, year, now)
    answers = invented_answers(
        version.framework, member.slug, level, year, assessment.city_context()
    )
    _bulk_answers(assessment, answers, city_user, dates["answered"])
    lifecycle.recompute_scores(assessment)
    lifecycle.submit(assessment, city_user)
    lifecycle.validate(assessment, office)
    if plan.sharing == PUBLISHED:
        lifecycle.set_published(assessment, city_user, True)
    elif plan.sharing == SHARED:
        lifecycle.set_shared_with_peers(assessment, city_user, True)
    _backdate(assessment, dates)
    return assessment


def _bulk_answers(assessment, answers: dict[str, AnswerValue], user, when) -> None:
    """The rows save_answers() would write for these answers, written in two statements."""
    given = [
        {
            "assessment": assessment,
            "question_code": code,
            "value": answer.value,
            "not_applicable": answer.not_applicable,
        }
        for code, answer in answers.items()
    ]
    Answer.objects.bulk_create([Answer(**row, updated_by=user) for row in given], batch_size=500)
    source = AnswerRevision.Source.FORM
    AnswerRevision.objects.bulk_create(
        [AnswerRevision(**row, source=source, changed_by=user, changed_at=when) for row in given],
        batch_size=500,
    )


def _draft(member, version, level, actors) -> Assessment:
    """Seoul's current assessment: a draft, about two thirds answered, through save_answers."""
    user = actors["member"].get(member.pk)
    assessment = lifecycle.start_assessment(member, version, DRAFT_YEAR, user, demo=True)
    answers = invented_answers(
        version.framework, member.slug, level, DRAFT_YEAR, assessment.city_context()
    )
    rng = random.Random(f"{SEED}:{member.slug}:draft")
    changes = [
        lifecycle.AnswerChange(code, value)
        for code, value in answers.items()
        if rng.random() < DRAFT_ANSWERED
    ]
    lifecycle.save_answers(assessment, changes, user, AnswerRevision.Source.FORM)
    return assessment


def _dates(slug: str, code: str, year: int, now: datetime) -> dict[str, datetime]:
    """When the cycle's steps happened: answered over the spring and summer, validated in the
    autumn; never later than now."""
    rng = random.Random(f"{SEED}:{slug}:{code}:{year}:dates")
    started = datetime(year, 3, 1, 9, tzinfo=UTC) + timedelta(days=rng.randint(0, 60))
    answered = started + timedelta(days=rng.randint(30, 120), hours=rng.randint(0, 8))
    submitted = answered + timedelta(days=rng.randint(1, 30))
    validated = submitted + timedelta(days=rng.randint(5, 40))
    published = validated + timedelta(days=rng.randint(1, 20))
    steps = {
        "started": started,
        "answered": answered,
        "submitted": submitted,
        "validated": validated,
        "published": published,
    }
    return {step: min(when, now) for step, when in steps.items()}


EVENT_DATES = {
    AssessmentEvent.Kind.STARTED: "started",
    AssessmentEvent.Kind.SUBMITTED: "submitted",
    AssessmentEvent.Kind.VALIDATED: "validated",
    AssessmentEvent.Kind.PUBLISHED: "published",
}


def _backdate(assessment, dates) -> None:
    """Move the steps, just taken now, to their days in the cycle; scores are left alone."""
    Assessment.objects.filter(pk=assessment.pk).update(
        created_at=dates["started"],
        submitted_at=dates["submitted"],
        validated_at=dates["validated"],
        updated_at=dates["published"],
    )
    Answer.objects.filter(assessment=assessment).update(updated_at=dates["answered"])
    for kind, step in EVENT_DATES.items():
        AssessmentEvent.objects.filter(assessment=assessment, kind=kind).update(at=dates[step])
