"""Where a cycle stands in time, and how long is left before the deadline.

Dates are stored in UTC; the cycle's time zone is only for showing them (a deadline of
"30 June, 23:59 in Seoul" is one instant everywhere, and the server compares instants).
"""

import enum
from dataclasses import dataclass
from datetime import datetime

# Time left and local clocks are the kernel's (events and elections count down too).
from wego.core.clock import Countdown, countdown, local  # noqa: F401


class Phase(enum.Enum):
    UPCOMING = "upcoming"  # the call is not open yet
    OPEN = "open"  # cities apply
    JUDGING = "judging"  # judges score
    DELIBERATION = "deliberation"  # judging is over, the panel decides
    PUBLISHED = "published"  # winners are public


@dataclass(frozen=True)
class Timeline:
    call_opens_at: datetime
    deadline: datetime
    judging_ends_at: datetime
    announcement_at: datetime | None = None
    published: bool = False


def phase(dates: Timeline, now: datetime) -> Phase:
    if dates.published:
        return Phase.PUBLISHED
    if now < dates.call_opens_at:
        return Phase.UPCOMING
    if now < dates.deadline:
        return Phase.OPEN
    if now < dates.judging_ends_at:
        return Phase.JUDGING
    return Phase.DELIBERATION


def order_problems(dates: Timeline) -> list[tuple[str, str]]:
    """(field, problem code) for dates out of order: the call, then judging, then winners."""
    problems = []
    if dates.deadline <= dates.call_opens_at:
        problems.append(("deadline", "deadline-before-opening"))
    if dates.judging_ends_at <= dates.deadline:
        problems.append(("judging_ends_at", "judging-before-deadline"))
    if dates.announcement_at is not None and dates.announcement_at < dates.judging_ends_at:
        problems.append(("announcement_at", "announcement-before-judging"))
    return problems
