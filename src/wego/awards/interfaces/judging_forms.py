"""Forms of the judges' panel (staff) and of the judges' scoring sheets."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wego.awards.models import REVIEW_COMMENT_LENGTH, Application, Judge
from wego.awards.services.reviews import score_range_text
from wego.core import limits
from wego.members.models import Member
from wego.practices.models import Category


class JudgeInviteForm(forms.ModelForm):
    """A new seat on a cycle's panel."""

    expertise = forms.MultipleChoiceField(
        label=_("Categories of expertise"),
        choices=Category.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Applications in these categories go to the judge first."),
    )
    member = forms.ModelChoiceField(
        label=_("Own city"),
        queryset=Member.objects.order_by("name"),
        required=False,
        help_text=_("For a judge who works for a member: they never judge its applications."),
    )

    class Meta:
        model = Judge
        fields = ["full_name", "email", "position", "organisation", "country", "member"]
        help_texts = {
            "email": _("Someone with an account is added at once; anyone else is invited."),
            "country": _("A judge never judges applications from their own country."),
        }

    field_order = [*Meta.fields, "expertise"]

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if Judge.objects.filter(cycle=self.cycle, email__iexact=email).exists():
            raise forms.ValidationError(
                _("%(email)s is already on this cycle's panel."), params={"email": email}
            )
        return email


class DeclareTieForm(forms.Form):
    """Staff record a tie between a judge and an application."""

    application = forms.ModelChoiceField(label=_("Application"), queryset=Application.objects)
    note = forms.CharField(
        label=_("The tie"),
        max_length=limits.NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: advised the city on this project in 2013."),
    )

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = applications
        self.fields["application"].label_from_instance = lambda application: (
            f"{application.reference} – {application.applicant_name} – {application.title}"
        )


class JudgeTieForm(forms.Form):
    """A judge declares their own tie with the application they were given."""

    note = forms.CharField(
        label=_("Your tie with this application"),
        max_length=limits.NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: I advised this city on the project. The staff will see it."),
    )

    prefix = "tie"


class ScoreSheetForm(forms.Form):
    """One score (from the rubric) and a comment per criterion, plus an overall comment."""

    comment = forms.CharField(
        label=_("Overall comment"),
        required=False,
        max_length=REVIEW_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Only the secretariat reads it; other judges never see your scores."),
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            problem = score_range_text(criterion)
            self.fields[self.score_name(criterion)] = forms.IntegerField(
                label=criterion.name,
                required=False,
                min_value=criterion.min_score,
                max_value=criterion.max_score,
                error_messages={"invalid": problem, "min_value": problem, "max_value": problem},
            )
            self.fields[self.comment_name(criterion)] = forms.CharField(
                label=_("Comment on %(criterion)s") % {"criterion": criterion.name},
                required=False,
                max_length=limits.COMMENT,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    @staticmethod
    def score_name(criterion) -> str:
        return f"score_{criterion.pk}"

    @staticmethod
    def comment_name(criterion) -> str:
        return f"comment_{criterion.pk}"

    @classmethod
    def initial_from(cls, review) -> dict:
        if review is None:
            return {}
        initial = {"comment": review.comment}
        for score in review.scores.all():
            initial[f"score_{score.criterion_id}"] = score.value
            initial[f"comment_{score.criterion_id}"] = score.comment
        return initial

    def values(self) -> dict[int, int | None]:
        return {c.pk: self.cleaned_data.get(self.score_name(c)) for c in self.criteria}

    def comments(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data.get(self.comment_name(c), "") for c in self.criteria}

    def add_problems(self, problems: dict[int, str]) -> None:
        """Errors from the scoring rules, on the criterion they concern."""
        for criterion in self.criteria:
            if criterion.pk in problems:
                self.add_error(self.score_name(criterion), problems[criterion.pk])

    def rows(self) -> list[dict]:
        """What the template needs for each criterion's fieldset."""
        rows = []
        for criterion in self.criteria:
            score = self[self.score_name(criterion)]
            chosen = "" if score.value() is None else str(score.value())
            rows.append(
                {
                    "criterion": criterion,
                    "score": score,
                    "comment": self[self.comment_name(criterion)],
                    "levels": [
                        {"value": value, "descriptor": descriptor, "checked": str(value) == chosen}
                        for value, descriptor in criterion.levels()
                    ],
                    "dom_id": f"criterion-{criterion.pk}",
                    "first_option_id": f"criterion-{criterion.pk}-{criterion.min_score}",
                }
            )
        return rows
