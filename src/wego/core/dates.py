"""How instants read: in a given time zone (a cycle's, a venue's), named, and the time left in
words, in the reader's language.

Template filters would show dates in the server's zone (UTC); a city in Seoul must read its
deadline as "30 June 2026, 23:59 (Asia/Seoul)", so dates are written here, in Python.
"""

import json
from datetime import UTC, datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wego.core import clock as timeline

# Numbers that, between them, fall in every plural category of the platform's languages
# (Arabic has six: 0, 1, 2, 3-10, 11-99, 100+). countdown.js picks, for any number, the
# template of the sample in the same category, so plurals stay right without a catalogue.
PLURAL_SAMPLES = (0, 1, 2, 3, 11, 100)


def clock(moment: datetime, zone: str) -> str:
    """The instant as a clock in that zone shows it ("30 June 2026, 23:59")."""
    return date_format(timeline.local(moment, zone), "DATETIME_FORMAT")


def when(moment: datetime, zone: str) -> str:
    """The instant as a clock in that zone shows it, with the zone's name."""
    return _("%(when)s (%(zone)s)") % {"when": clock(moment, zone), "zone": zone}


def iso_utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _days(count: int) -> str:
    return ngettext("%(count)s day", "%(count)s days", count) % {"count": count}


def _hours(count: int) -> str:
    return ngettext("%(count)s hour", "%(count)s hours", count) % {"count": count}


def _minutes(count: int) -> str:
    return ngettext("%(count)s minute", "%(count)s minutes", count) % {"count": count}


def _two(first: str, second: str) -> str:
    return _("%(first)s and %(second)s") % {"first": first, "second": second}


def _three(first: str, second: str, third: str) -> str:
    return _("%(first)s, %(second)s and %(third)s") % {
        "first": first,
        "second": second,
        "third": third,
    }


def _left(time: str) -> str:
    return _("%(time)s left") % {"time": time}


def countdown_text(deadline: datetime, now: datetime | None = None) -> str:
    """ "12 days, 4 hours and 3 minutes left"; parts that are zero are left out."""
    now = now or timezone.now()
    if now >= deadline:
        return _("The deadline has passed.")
    left = timeline.countdown(deadline, now)
    parts = [
        word(count)
        for word, count in ((_days, left.days), (_hours, left.hours), (_minutes, left.minutes))
        if count
    ]
    if not parts:
        return _("Less than a minute left")
    if len(parts) == 1:
        return _left(parts[0])
    if len(parts) == 2:
        return _left(_two(*parts))
    return _left(_three(*parts))


def countdown_templates() -> str:
    """The same wording with placeholders, as JSON for countdown.js (no inline script)."""

    def samples(word):
        # The translated form for each sample, with "{n}" where its number was (a language
        # may spell some forms without the number, e.g. Arabic duals: nothing to replace).
        return {str(n): word(n).replace(str(n), "{n}", 1) for n in PLURAL_SAMPLES}

    return json.dumps(
        {
            "day": samples(_days),
            "hour": samples(_hours),
            "minute": samples(_minutes),
            "two": _two("{1}", "{2}"),
            "three": _three("{1}", "{2}", "{3}"),
            "left": _left("{time}"),
            "soon": _("Less than a minute left"),
            "over": _("The deadline has passed."),
        },
        ensure_ascii=False,
    )
