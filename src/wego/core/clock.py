"""Instants in a time zone, and the time left before one. Plain Python (domain modules use it).

Dates are stored in UTC; a zone is only for showing them: a deadline of "30 June, 23:59 in
Seoul" is one instant everywhere, and the server compares instants.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Countdown:
    days: int
    hours: int
    minutes: int

    @property
    def is_over(self) -> bool:
        return self.days == self.hours == self.minutes == 0


def countdown(deadline: datetime, now: datetime) -> Countdown:
    """Whole days, hours and minutes left (rounded down, never negative)."""
    left = max(deadline - now, timedelta(0))
    minutes = int(left.total_seconds() // 60)
    return Countdown(days=minutes // 1440, hours=minutes % 1440 // 60, minutes=minutes % 60)


def local(moment: datetime, zone: str) -> datetime:
    """The instant as a clock in that time zone shows it."""
    return moment.astimezone(ZoneInfo(zone))
