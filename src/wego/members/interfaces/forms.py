import re

from django import forms
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from wego.core.forms import DecisionForm
from wego.core.regions import Region
from wego.core.text import plain_text
from wego.members.models import (
    DEPARTMENTS_LENGTH,
    FIRST_BUDGET_YEAR,
    MAX_AREA_KM2,
    MAX_DEPARTMENT_LENGTH,
    MAX_DEPARTMENTS,
    MAX_EGOV_BUDGET_USD,
    OVERVIEW_LENGTH,
    Member,
)


def _with_any(choices, label):
    return [("", label), *choices]


class DirectoryFilterForm(forms.Form):
    """The member directory's search and filters (a GET form)."""

    hide_optional_marks = True  # every filter is optional; saying so 4 times is noise

    q = forms.CharField(
        label=_("Search by name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=_with_any(Region.choices, _("All regions"))
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=_with_any(Member.Kind.choices, _("All kinds"))
    )
    country = forms.ChoiceField(label=_("Country"), required=False)

    def __init__(self, *args, country_codes=(), **kwargs):
        super().__init__(*args, **kwargs)
        present = sorted(
            ((code, countries.name(code)) for code in country_codes), key=lambda c: c[1]
        )
        self.fields["country"].choices = _with_any(present, _("All countries"))

    def filter(self, qs):
        from wego.members.services.queries import search_members

        data = self.cleaned_data
        qs = search_members(qs, data.get("q", "").strip())
        for field in ("region", "kind", "country"):
            if data.get(field):
                qs = qs.filter(**{field: data[field]})
        return qs


# Numbers are typed in text inputs: a browser empties a number input it cannot read, and the
# form would then lose what was typed instead of saying what is wrong with it.


class WholeNumberField(forms.IntegerField):
    """A whole number that may be typed with grouping: 2,500,000 or 2 500 000."""

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[\s,_'’]", "", value)
        return super().to_python(value)


def _formatted(number) -> str:
    return number_format(number, force_grouping=True)


class ProfileForm(forms.Form):
    """The city's edit of its profile; saved as changes waiting for review."""

    overview = forms.CharField(
        label=_("Overview"),
        required=False,
        max_length=OVERVIEW_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the member is and where its e-government stands. Plain text."),
    )
    area_km2 = forms.DecimalField(
        label=_("Area (km²)"),
        required=False,
        decimal_places=2,
        min_value=0,
        max_value=MAX_AREA_KM2,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    egov_budget_usd = WholeNumberField(
        label=_("Yearly e-government budget (US dollars)"),
        required=False,
        min_value=0,
        max_value=MAX_EGOV_BUDGET_USD,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    budget_year = forms.IntegerField(label=_("Year of the budget"), required=False)  # see __init__
    budget_is_public = forms.BooleanField(
        label=_("Show the budget on the public page"),
        required=False,
        help_text=_("Otherwise only WeGO staff and your city's users see it."),
    )
    cio_title = forms.CharField(
        label=_("Title of the Chief Information Officer (CIO)"),
        required=False,
        max_length=120,
        help_text=_("For example: Chief Information Officer, Director of Digital Affairs."),
    )
    cio_name = forms.CharField(label=_("Name of the CIO"), required=False, max_length=120)
    egov_departments = forms.CharField(
        label=_("Departments in charge of e-government"),
        required=False,
        max_length=DEPARTMENTS_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One per line."),
    )
    partner_cities = forms.ModelMultipleChoiceField(
        label=_("Partner cities"),
        required=False,
        queryset=Member.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Members you work with. They show on both members' pages."),
    )

    def __init__(self, *args, member, **kwargs):
        super().__init__(*args, **kwargs)
        self.member = member
        self.fields["partner_cities"].queryset = (
            Member.objects.filter(status=Member.Status.ACTIVE)
            .exclude(pk=member.pk)
            .order_by("region", "name")
        )
        self._set_number_bounds()

    def _set_number_bounds(self):
        """Messages that name the limits, in the reader's language and number format."""
        area, budget = self.fields["area_km2"], self.fields["egov_budget_usd"]
        area.error_messages.update(
            invalid=_("Enter the area as a number of square kilometres, for example 605.2."),
            min_value=_("The area cannot be negative."),
            max_value=_("The area cannot be more than %(limit)s km²: check the unit.")
            % {"limit": _formatted(MAX_AREA_KM2)},
            max_decimal_places=_("Give the area with at most 2 decimals."),
        )
        budget.error_messages.update(
            invalid=_("Enter the budget in whole US dollars, for example 2,500,000."),
            min_value=_("The budget cannot be negative."),
            max_value=_("The budget cannot be more than USD %(limit)s: check the amount.")
            % {"limit": _formatted(MAX_EGOV_BUDGET_USD)},
        )
        last_year = timezone.now().year + 1
        self.fields["budget_year"] = year = forms.IntegerField(
            label=_("Year of the budget"),
            required=False,
            min_value=FIRST_BUDGET_YEAR,
            max_value=last_year,
            widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        )
        years = _("Enter a year from %(first)s to %(last)s.") % {
            "first": FIRST_BUDGET_YEAR,
            "last": last_year,
        }
        year.error_messages.update(invalid=years, min_value=years, max_value=years)

    def clean_overview(self):
        return plain_text(self.cleaned_data["overview"].replace("\r\n", "\n"))

    def clean_cio_title(self):
        return plain_text(self.cleaned_data["cio_title"])

    def clean_cio_name(self):
        return plain_text(self.cleaned_data["cio_name"])

    def clean_egov_departments(self):
        text = plain_text(self.cleaned_data["egov_departments"])
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if len(lines) > MAX_DEPARTMENTS:
            raise forms.ValidationError(
                _("List at most %(count)s departments.") % {"count": MAX_DEPARTMENTS}
            )
        for number, line in enumerate(lines, start=1):
            if len(line) > MAX_DEPARTMENT_LENGTH:
                raise forms.ValidationError(
                    _("Line %(number)s is longer than %(limit)s characters: one department a line.")
                    % {"number": number, "limit": MAX_DEPARTMENT_LENGTH}
                )
        return "\n".join(lines)

    def clean(self):
        data = super().clean()
        has_budget = data.get("egov_budget_usd") is not None
        if has_budget and not data.get("budget_year") and "budget_year" not in self.errors:
            self.add_error("budget_year", _("Say which year this budget is for."))
        if data.get("budget_is_public") and not has_budget and "egov_budget_usd" not in self.errors:
            self.add_error(
                "budget_is_public", _("There is no budget to show: enter it, or untick this box.")
            )
        return data

    def partners_by_region(self):
        """The partner checkboxes grouped by region, for one fieldset each."""
        groups: dict[str, list] = {}
        labels = dict(Region.choices)
        for checkbox in self["partner_cities"]:
            member = checkbox.data["value"].instance
            groups.setdefault(labels.get(member.region, member.region), []).append(checkbox)
        return list(groups.items())


class ProfileReviewForm(DecisionForm):
    """Staff's decision on a member's waiting changes."""

    APPROVE = "approve"
    decisions = [(APPROVE, APPROVE), (DecisionForm.RETURN, DecisionForm.RETURN)]

    version = forms.CharField(widget=forms.HiddenInput, max_length=64)  # a moment, ISO 8601

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].widget = forms.Select(choices=self.decisions)
        self.fields["comment"].help_text = _(
            "Required when you send the changes back: say what to change."
        )
