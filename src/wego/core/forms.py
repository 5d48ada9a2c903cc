from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _

from wego.core import limits


class DecisionForm(forms.Form):
    """A reviewer's decision, with a comment that is required when the work goes back."""

    RETURN = "return"
    decisions: list[tuple[str, str]] = []

    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment for the city"),
        required=False,
        max_length=limits.COMMENT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = self.decisions

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.RETURN and not data.get("comment", "").strip():
            self.add_error("comment", _("Say what the city should change."))
        return data


def clock_to_instant(clock: datetime, zone: str) -> datetime | None:
    """The UTC instant a wall clock in `zone` shows as `clock`; None when no such instant
    exists (the hour skipped when clocks go forward)."""
    placed = clock.replace(tzinfo=ZoneInfo(zone))
    instant = placed.astimezone(UTC)
    if instant.astimezone(ZoneInfo(zone)).replace(tzinfo=None) != clock:
        return None
    return instant


class ClockField(forms.DateTimeField):
    """A date and time as typed, without a time zone: the form decides which one it is in
    (an award cycle's, an event venue's), never the server's."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    # Browsers send 2026-06-30T23:59; without them people type 2026-06-30 23:59.
    input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"]
    default_error_messages = {
        "invalid": _("Enter a date and a time, for example 2026-06-30 23:59."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.replace(tzinfo=None)
        text = str(value).strip()
        for pattern in self.input_formats:
            try:
                return datetime.strptime(text, pattern)
            except ValueError:
                continue
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")

    def prepare_value(self, value):
        return value  # already the form's clock time; never shift it to the server's zone
