"""The demo awards: the 2nd WeGO Awards 2014 as the annual report tells it, and an open call.

Idempotent: loading again updates the same rows. Needs the demo network and the demo practices
(the 2014 winners' applications are made from the winners' practices).
"""

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml
from django.db import transaction
from django.utils import timezone, translation

from wego.accounts.models import User
from wego.awards.domain.assignment import assign
from wego.awards.domain.eligibility import IN_OPERATION_KEY
from wego.awards.models import (
    Application,
    Assignment,
    AwardCycle,
    Decision,
    Judge,
    Review,
)
from wego.awards.services.assignments import build_problem, write
from wego.awards.services.cycles import create_cycle
from wego.awards.services.panel import refresh_conflicts
from wego.awards.services.reviews import save_review
from wego.practices.models import Practice

DATA_DIR = Path(__file__).resolve().parent.parent / "demo_data"
HISTORY_FILE = DATA_DIR / "awards_2014.yaml"
CURRENT_FILE = DATA_DIR / "awards_current.yaml"
JUDGING_FILE = DATA_DIR / "awards_judging.yaml"
CYCLE_FIELDS = ("name", "year", "description", "time_zone", "judges_per_application")


def _read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _clock(text: str, zone: str) -> datetime:
    """'2014-11-05 18:00' on a clock in `zone`, as an instant."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=ZoneInfo(zone))


@transaction.atomic
def load_awards_demo(now: datetime | None = None) -> dict:
    # Categories and criteria are stored in the words of the network's working language.
    with translation.override("en"):
        history = _load_history(_read(HISTORY_FILE))
        current = _load_current(_read(CURRENT_FILE), now or timezone.now())
        judging = _load_judging(_read(JUDGING_FILE), now or timezone.now())
    return {
        "award_cycles": 3,
        "award_judges": history["judges"] + current["judges"] + judging["judges"],
        "award_winners": history["winners"],
    }


def _store_cycle(spec: dict, dates: dict) -> AwardCycle:
    """Create the cycle with the default categories and criteria, or update its settings."""
    fields = {name: spec[name] for name in CYCLE_FIELDS}
    fields |= dates | {"prize_tiers": spec["prize_tiers"], "is_demo": True}
    cycle = AwardCycle.objects.filter(slug=spec["slug"]).first()
    if cycle is None:
        return create_cycle(slug=spec["slug"], **fields)
    for name, value in fields.items():
        setattr(cycle, name, value)
    cycle.full_clean()
    cycle.save()
    return cycle


def _store_judges(cycle: AwardCycle, rows: list[dict]) -> int:
    for row in rows:
        account = row.get("account")
        Judge.objects.update_or_create(
            cycle=cycle,
            email=row["email"],
            defaults={
                "full_name": row["full_name"],
                "position": row.get("position", ""),
                "organisation": row.get("organisation", ""),
                "country": row["country"],
                "expertise": row.get("expertise", []),
                # Without the demo accounts (load_demo_data --no-users) the seat has no login.
                "user": User.objects.filter(email=account).first() if account else None,
                "invited_at": cycle.call_opens_at,
                "is_demo": True,
            },
        )
    return len(rows)


def _load_history(data: dict) -> dict:
    spec = data["cycle"]
    zone = spec["time_zone"]
    dates = {
        name: _clock(spec[name], zone)
        for name in ("call_opens_at", "deadline", "judging_ends_at", "announcement_at")
    }
    cycle = _store_cycle(spec, dates | {"results_published_at": dates["announcement_at"]})
    judges = _store_judges(cycle, data["judges"])
    winners = _store_winners(cycle, data["winners"], data["decision_reason"].strip())
    return {"judges": judges, "winners": winners}


def _submitted_from(practice: Practice, cycle: AwardCycle, **fields) -> Application:
    """The demo application of a practice to a cycle, submitted, made or brought up to date."""
    defaults = {
        "member": practice.member,
        "category": practice.category,
        "title": practice.title,
        "summary": practice.summary,
        "in_operation_since": practice.year_started,
        "status": Application.Status.SUBMITTED,
        "is_demo": True,
        **fields,
    }
    application, _created = Application.objects.update_or_create(
        cycle=cycle, practice=practice, defaults=defaults
    )
    return application


def _store_winners(cycle: AwardCycle, rows: list[dict], reason: str) -> int:
    slugs = [row["practice"] for row in rows]
    practices = Practice.objects.select_related("member").in_bulk(slugs, field_name="slug")
    missing = sorted(set(slugs) - set(practices))
    if missing:
        raise LookupError(
            "Load the demo practices before the awards; missing: " + ", ".join(missing)
        )
    stored = 0
    for row in rows:
        practice = practices[row["practice"]]
        # The real submission dates are not known: at the latest, the deadline.
        application = _submitted_from(practice, cycle, submitted_at=cycle.deadline)
        Decision.objects.update_or_create(
            application=application, defaults={"tier": row["tier"], "reason": reason}
        )
        stored += 1
    return stored


def _on_clock(spec: dict, now: datetime):
    """at(days from today, hour, minute) -> an instant on the cycle's clock."""
    zone = ZoneInfo(spec["time_zone"])
    today = now.astimezone(zone).date()

    def at(days: int, hour: int, minute: int) -> datetime:
        day = today + timedelta(days=days)
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)

    return at


def _dates_around(spec: dict, deadline: datetime, at) -> dict:
    judging_ends_at = deadline + timedelta(days=spec["judging_days_after_deadline"])
    return {
        "call_opens_at": at(-spec["call_opened_days_ago"], 9, 0),
        "deadline": deadline,
        "judging_ends_at": judging_ends_at,
        "announcement_at": judging_ends_at
        + timedelta(days=spec["announcement_days_after_judging"]),
        "results_published_at": None,
    }


def _load_current(data: dict, now: datetime) -> dict:
    spec = data["cycle"]
    at = _on_clock(spec, now)
    deadline = at(spec["deadline_in_days"], 23, 59)
    cycle = _store_cycle(spec, _dates_around(spec, deadline, at))
    return {"judges": _store_judges(cycle, data["judges"])}


def _load_judging(data: dict, now: datetime) -> dict:
    """A cycle being judged: submitted applications from demo practices, assigned by the real
    assignment (without its emails: loading demo data writes to nobody), the fictional judges'
    sheets submitted, the demo judge's left to score."""
    spec = data["cycle"]
    at = _on_clock(spec, now)
    cycle = _store_cycle(spec, _dates_around(spec, at(-spec["deadline_days_ago"], 23, 59), at))
    judges = _store_judges(cycle, data["judges"])
    practices = Practice.objects.select_related("member").filter(slug__in=data["applications"])
    for practice in practices:
        _submitted_from(
            practice,
            cycle,
            submitted_at=cycle.deadline - timedelta(days=3),
            answers={IN_OPERATION_KEY: True},
        )
    if not Assignment.objects.filter(judge__cycle=cycle).exists():
        _assign_quietly(cycle)
    _submit_others(cycle, data["submitted_by_others"], at(-2, 10, 0))
    return {"judges": judges}


def _assign_quietly(cycle: AwardCycle) -> None:
    refresh_conflicts(cycle)
    applications = list(cycle.applications.filter(status=Application.Status.SUBMITTED))
    problem = build_problem(cycle, applications, list(cycle.judges.all()))
    write(cycle, assign(problem).pairs)


def _submit_others(cycle: AwardCycle, scores: dict, when: datetime) -> None:
    criteria = list(cycle.criteria.all())  # in their order on the sheet
    values = {criterion.pk: scores[index] for index, criterion in enumerate(criteria)}
    others = Assignment.objects.filter(judge__cycle=cycle, judge__user__isnull=True)
    for assignment in others.exclude(review__status=Review.Status.SUBMITTED):
        save_review(assignment, values, {}, "", submit=True, now=when)
