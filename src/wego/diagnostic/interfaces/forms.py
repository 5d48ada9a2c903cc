from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wego.core import limits
from wego.core.forms import DecisionForm
from wego.core.regions import Region
from wego.diagnostic.models import Assessment, FrameworkVersion, PeerGroup
from wego.members.models import Member


class StartAssessmentForm(forms.Form):
    member = forms.ModelChoiceField(label=_("For"), queryset=Member.objects.none())
    framework_version = forms.ModelChoiceField(
        label=_("Framework"), queryset=FrameworkVersion.objects.filter(is_current=True)
    )
    year = forms.IntegerField(label=_("Year"))  # bounds set per request, see __init__

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        this_year = timezone.now().year
        self.fields["year"] = forms.IntegerField(
            label=_("Year"),
            min_value=2010,
            max_value=this_year + 1,
            initial=this_year,
            help_text=_("The year the answers describe."),
        )
        if members.count() == 1:
            self.fields["member"].initial = members.first()
        current = self.fields["framework_version"].queryset
        self.fields["framework_version"].initial = current.filter(code="ceds").first()

    def clean(self):
        data = super().clean()
        if all(data.get(name) for name in ("member", "framework_version", "year")) and (
            Assessment.objects.filter(
                member=data["member"],
                framework_version=data["framework_version"],
                year=data["year"],
            ).exists()
        ):
            self.add_error(
                "year",
                _("This member already has an assessment with this framework for that year."),
            )
        return data


class ReviewForm(DecisionForm):
    decisions = [
        ("validate", _("Validate the assessment")),
        (DecisionForm.RETURN, _("Return it to the city for changes")),
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].widget.attrs["rows"] = 4
        self.fields["comment"].help_text = _(
            "Required when you return the assessment: say what to change."
        )


class AssignmentForm(forms.Form):
    """One select per domain: which colleague answers it."""

    def __init__(self, *args, domains, colleagues, current, **kwargs):
        super().__init__(*args, **kwargs)
        for code, title in domains:
            self.fields[f"domain-{code}"] = forms.ModelChoiceField(
                label=title,
                queryset=colleagues,
                required=False,
                empty_label=_("Nobody yet"),
                initial=current.get(code),
            )


class WorkbookUploadForm(forms.Form):
    workbook = forms.FileField(
        label=_("Filled workbook (.xlsx)"),
        help_text=_(
            "The workbook you downloaded for this assessment, with your answers. At most 5 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class RoadmapItemForm(forms.Form):
    """One roadmap item's edit: its year, a note, and what to do with it."""

    SAVE, UP, DOWN, DROP, RESTORE = "save", "up", "down", "drop", "restore"

    action = forms.ChoiceField(
        choices=[(SAVE, SAVE), (UP, UP), (DOWN, DOWN), (DROP, DROP), (RESTORE, RESTORE)]
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=limits.NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Who does it, budget, decisions taken: for your team and the Master Plan."),
    )

    def __init__(self, *args, year_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices


class PeerGroupForm(forms.ModelForm):
    """A custom peer group: a name and the cities in it, ticked from the member list."""

    class Meta:
        model = PeerGroup
        fields = ["name", "members"]
        widgets = {"members": forms.CheckboxSelectMultiple}
        help_texts = {
            "name": _("For example: capitals of our region, or cities we work with."),
            "members": _(
                "Only the results these cities published count; statistics appear from 5 of them."
            ),
        }

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields["members"].queryset = (
            Member.objects.filter(status=Member.Status.ACTIVE)
            .exclude(pk=owner.pk)
            .order_by("region", "name")
        )

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = PeerGroup.objects.filter(owner=self.owner, name__iexact=name)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("You already have a peer group with this name."))
        return name

    def members_by_region(self):
        """The checkboxes grouped by region, for one fieldset each."""
        groups: dict[str, list] = {}
        labels = dict(Region.choices)
        for checkbox in self["members"]:
            member = checkbox.data["value"].instance
            groups.setdefault(labels.get(member.region, member.region), []).append(checkbox)
        return list(groups.items())
