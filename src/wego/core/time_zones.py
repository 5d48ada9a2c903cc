"""Time zone names typed by staff (an award cycle's, an event venue's)."""

from zoneinfo import available_timezones

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_time_zone(value):
    if value not in available_timezones():
        raise ValidationError(
            _("%(zone)s is not a time zone name; use one like Asia/Seoul or Europe/Madrid."),
            params={"zone": value},
        )
