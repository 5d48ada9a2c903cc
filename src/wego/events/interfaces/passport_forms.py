"""The forms of arrival: passport details for an invitation letter, a badge's code typed at the
check-in desk."""

import re

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wego.core.clock import local
from wego.events.models import PassportDetails
from wego.events.services.arrival import CODE_LENGTH, normalise_code

PASSPORT_NUMBER = re.compile(r"^[A-Z0-9]{5,30}$")


class DateField(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        kwargs.setdefault(
            "error_messages",
            {"invalid": _("Enter the date as year, month and day (2026-10-21).")},
        )
        super().__init__(**kwargs)


class PassportForm(forms.ModelForm):
    """What the invitation letter names. The passport must still be valid when the event ends
    (consulates ask for more: the hint says so)."""

    date_of_birth = DateField(label=_("Date of birth"))
    expires_on = DateField(
        label=_("Passport expires on"),
        help_text=_("Many countries ask for a passport valid six months after the visit."),
    )

    class Meta:
        model = PassportDetails
        fields = [
            "name_in_passport",
            "passport_number",
            "nationality",
            "date_of_birth",
            "expires_on",
        ]
        labels = {
            "name_in_passport": _("Name as written in the passport"),
            "passport_number": _("Passport number"),
            "nationality": _("Nationality"),
        }
        help_texts = {
            "name_in_passport": _("Exactly as in the passport, in Latin letters."),
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["name_in_passport"].widget.attrs["autocomplete"] = "name"
        self.fields["passport_number"].widget.attrs.update(
            {
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "characters",
                "dir": "ltr",
            }
        )

    def clean_name_in_passport(self):
        return " ".join(self.cleaned_data["name_in_passport"].split())

    def clean_passport_number(self):
        number = re.sub(r"[\s\-]", "", self.cleaned_data["passport_number"]).upper()
        if not PASSPORT_NUMBER.match(number):
            raise forms.ValidationError(
                _("A passport number has 5 to 30 letters and digits (no other signs).")
            )
        return number

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born > timezone.localdate():
            raise forms.ValidationError(_("The date of birth cannot be in the future."))
        if born.year < 1900:
            raise forms.ValidationError(_("Check the year of birth."))
        return born

    def clean_expires_on(self):
        expires = self.cleaned_data["expires_on"]
        ends = local(self.event.ends_at, self.event.time_zone).date()
        if expires < ends:
            raise forms.ValidationError(
                _(
                    "The passport expires before the event ends (%(ends)s): a visa needs a "
                    "passport valid for the whole stay. Renew it first."
                )
                % {"ends": date_format(ends, "DATE_FORMAT")}
            )
        return expires


class BadgeCodeForm(forms.Form):
    """The desk's way in when the camera fails: the code printed under the badge's QR code."""

    code = forms.CharField(
        label=_("Badge code"),
        max_length=CODE_LENGTH + 16,  # room for the spaces of the printed groups
        help_text=_("The 16 letters and digits under the QR code, with or without spaces."),
        error_messages={"required": _("Type the code printed under the badge's QR code.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none", "dir": "ltr"}
        )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not re.fullmatch(r"[0-9a-z]+", code):
            raise forms.ValidationError(
                _("A badge code has only letters and digits: check what you typed.")
            )
        return code
