"""The secretariat's forms for setting up a cycle: its call, its categories and its criteria.

Dates are typed as a clock in the cycle's own time zone shows them ("30 June, 23:59 in Seoul")
and stored as instants in UTC. The time zone is a field of the same form, so the dates can only
be read once the whole form is known: the fields give naive clock times, `clean()` places them.
"""

from zoneinfo import available_timezones

from django import forms
from django.utils.translation import gettext_lazy as _

from wego.awards.domain import timeline
from wego.awards.models import AwardCycle, Criterion, CycleCategory
from wego.core.forms import ClockField, clock_to_instant
from wego.practices.models import PrizeTier

DATE_FIELDS = ("call_opens_at", "deadline", "judging_ends_at", "announcement_at")
# The first words of the awards' own addresses (awards/new/, awards/applications/...):
# a cycle with one of these as its web address name could never be reached.
RESERVED_SLUGS = {"new", "applications", "judging"}
MAX_SCORE = 10  # more levels than this and no judge tells them apart
MAX_QUESTIONS = 12
LINE_LENGTH = 500  # a category's question; a line of a criterion's rubric
# Typed one a line: the whole text holds the most lines there can be, with their line breaks.
QUESTIONS_LENGTH = MAX_QUESTIONS * (LINE_LENGTH + 1)
RUBRIC_LENGTH = (MAX_SCORE + 1) * (LINE_LENGTH + 1)  # a line per score, from 0 to MAX_SCORE


def time_zone_choices() -> list[tuple[str, str]]:
    return [(zone, zone) for zone in sorted(available_timezones())]


def split_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class CycleForm(forms.ModelForm):
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        initial="Asia/Seoul",
        help_text=_("The dates below are read, shown and enforced in this time zone."),
        error_messages={
            "invalid_choice": _(
                "%(value)s is not a time zone name; choose one from the list, e.g. Asia/Seoul."
            )
        },
    )
    call_opens_at = ClockField(label=_("Call opens"))
    deadline = ClockField(
        label=_("Deadline for applications"),
        help_text=_("Applications are refused after this moment, e.g. 2026-06-30 23:59."),
    )
    judging_ends_at = ClockField(label=_("Judging ends"))
    announcement_at = ClockField(label=_("Winners announced"))
    prize_tiers = forms.MultipleChoiceField(
        label=_("Prize tiers"),
        choices=PrizeTier.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one prize tier.")},
    )

    class Meta:
        model = AwardCycle
        fields = [
            "name",
            "slug",
            "year",
            "description",
            "time_zone",
            "call_opens_at",
            "deadline",
            "judging_ends_at",
            "announcement_at",
            "judges_per_application",
        ]
        help_texts = {
            "slug": _("Lowercase letters, digits and hyphens, e.g. wego-awards-2027."),
            "judges_per_application": _("Each application is scored by at least this many."),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.attrs.update(min=2010, max=2100)
        self.fields["judges_per_application"].widget.attrs.update(min=1, max=15)
        if self.instance.pk:
            zone = self.instance.time_zone
            for name in DATE_FIELDS:
                moment = getattr(self.instance, name)
                self.initial[name] = timeline.local(moment, zone).replace(tzinfo=None)
            self.initial["prize_tiers"] = list(self.instance.prize_tiers)
        else:
            self.initial.setdefault("prize_tiers", list(PrizeTier.values))

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(
                _("“%(slug)s” is taken by the platform's own pages; choose another name.")
                % {"slug": slug}
            )
        return slug

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2010 <= year <= 2100:
            raise forms.ValidationError(_("Give the year of the cycle, e.g. 2027."))
        return year

    def clean_prize_tiers(self):
        chosen = set(self.cleaned_data["prize_tiers"])
        return [tier for tier in PrizeTier.values if tier in chosen]  # the prizes' own order

    def clean(self):
        data = super().clean()
        zone = data.get("time_zone")
        if zone:
            for name in DATE_FIELDS:
                if data.get(name) is None:
                    continue
                instant = clock_to_instant(data[name], zone)
                if instant is None:
                    self.add_error(
                        name,
                        _("This time does not exist in %(zone)s: the clocks skip it.")
                        % {"zone": zone},
                    )
                else:
                    data[name] = instant
        return data

    def save(self, commit=True):
        cycle = super().save(commit=False)
        cycle.prize_tiers = self.cleaned_data["prize_tiers"]
        if commit:
            cycle.save()
        return cycle

    def cycle_fields(self) -> dict:
        """What services.cycles.create_cycle needs to create the cycle."""
        names = [*self._meta.fields, "prize_tiers"]
        return {name: self.cleaned_data[name] for name in names}


class CategoryForm(forms.ModelForm):
    questions = forms.CharField(
        label=_("Questions"),
        required=False,
        max_length=QUESTIONS_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One question per line; applicants answer each one."),
    )

    class Meta:
        model = CycleCategory
        fields = ["description", "questions"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["questions"] = "\n".join(self.instance.questions or [])

    def clean_questions(self):
        questions = split_lines(self.cleaned_data["questions"])
        if len(questions) > MAX_QUESTIONS:
            raise forms.ValidationError(
                _("At most %(count)s questions per category.") % {"count": MAX_QUESTIONS}
            )
        if any(len(question) > LINE_LENGTH for question in questions):
            raise forms.ValidationError(_("Keep each question under 500 characters."))
        return questions


# Categories are set when the cycle is created; here only their texts change.
CategoryFormSet = forms.modelformset_factory(
    CycleCategory, form=CategoryForm, extra=0, edit_only=True
)


class CriterionForm(forms.ModelForm):
    rubric = forms.CharField(
        label=_("Rubric"),
        max_length=RUBRIC_LENGTH,
        error_messages={"required": _("Say what each score means, one line per score.")},
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "What each score means: one line per score, from the lowest score to the highest."
        ),
    )

    class Meta:
        model = Criterion
        fields = ["name", "description", "weight", "min_score", "max_score", "rubric"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["rubric"] = "\n".join(self.instance.rubric or [])
        self.fields["weight"].widget.attrs.update(min=1, max=100)
        self.fields["max_score"].widget.attrs["max"] = MAX_SCORE
        for name in ("weight", "min_score", "max_score"):
            self.fields[name].widget.attrs["class"] = "input--short"

    def clean_max_score(self):
        highest = self.cleaned_data["max_score"]
        if highest > MAX_SCORE:
            raise forms.ValidationError(
                _("The highest score can be at most %(max)s.") % {"max": MAX_SCORE}
            )
        return highest

    def clean_rubric(self):
        return split_lines(self.cleaned_data["rubric"])

    def clean(self):
        data = super().clean()
        lowest, highest, rubric = (data.get(k) for k in ("min_score", "max_score", "rubric"))
        if None in (lowest, highest, rubric) or highest <= lowest:
            return data  # the model explains a score range upside down
        expected = highest - lowest + 1
        if len(rubric) != expected:
            name = data.get("name") or _("New criterion")
            self.add_error(
                "rubric",
                _(
                    "“%(name)s”: the rubric needs %(expected)s lines, one for each score "
                    "from %(lowest)s to %(highest)s; it has %(count)s."
                )
                % {
                    "name": name,
                    "expected": expected,
                    "lowest": lowest,
                    "highest": highest,
                    "count": len(rubric),
                },
            )
            # The model checks the same thing with a general message: one message is enough.
            self.instance.rubric = []
        return data


class BaseCriterionFormSet(forms.BaseModelFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = _("Remove this criterion")

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [
            form
            for form in self.forms
            if (form.instance.pk or form.has_changed()) and not self._should_delete_form(form)
        ]
        if not kept:
            raise forms.ValidationError(
                _("Keep at least one criterion: judges need something to score.")
            )
        seen = set()
        for form in kept:
            name = form.cleaned_data["name"].strip()
            if name.casefold() in seen:
                raise forms.ValidationError(
                    _("Two criteria are called “%(name)s”: give each its own name.")
                    % {"name": name}
                )
            seen.add(name.casefold())


CriterionFormSet = forms.modelformset_factory(
    Criterion,
    form=CriterionForm,
    formset=BaseCriterionFormSet,
    extra=1,
    can_delete=True,
    max_num=20,
    validate_max=True,
)
