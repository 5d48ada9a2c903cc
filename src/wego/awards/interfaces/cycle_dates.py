"""What an award cycle's pages show of its deadline (the wording itself is core.dates')."""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from wego.core.dates import countdown_templates, countdown_text, iso_utc, when


@dataclass(frozen=True)
class Deadline:
    """What a page shows of a deadline: the date in the cycle's zone and the time left."""

    text: str  # "30 June 2026, 23:59 (Asia/Seoul)"
    left: str  # "12 days, 4 hours and 3 minutes left"
    iso_utc: str  # for countdown.js
    is_past: bool
    templates: str  # JSON for countdown.js


def deadline_of(cycle, now: datetime | None = None) -> Deadline:
    now = now or timezone.now()
    return Deadline(
        text=when(cycle.deadline, cycle.time_zone),
        left=countdown_text(cycle.deadline, now),
        iso_utc=iso_utc(cycle.deadline),
        is_past=now >= cycle.deadline,
        templates=countdown_templates(),
    )
