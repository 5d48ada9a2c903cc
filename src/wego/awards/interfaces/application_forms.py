"""The forms a city fills in: starting an application, writing it, attaching evidence."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wego.awards.domain.eligibility import IN_OPERATION_KEY, answer_field, answer_key
from wego.awards.models import ANSWER_LENGTH, Application
from wego.core.uploads import MAX_EVIDENCE_BYTES
from wego.practices.models import SUMMARY_LENGTH

NEW_PRACTICE = "new"
EARLIEST_YEAR = 1950  # before any e-government practice; catches typing slips like 202
LATEST_YEAR = 2100  # a year in the future is refused at submission, with its own message


class ApplyForm(forms.Form):
    """Which city applies, in which category, starting from which practice."""

    member = forms.ModelChoiceField(label=_("Applying member"), queryset=None, empty_label=None)
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        widget=forms.RadioSelect,
        help_text=_(
            "Starting from a practice filed in one of these categories, you may leave this "
            "empty: the practice's category is used."
        ),
    )
    source = forms.ChoiceField(
        label=_("Start from"),
        widget=forms.RadioSelect,
        help_text=_(
            "Its title, summary and start year fill in the application; you can change them."
        ),
    )
    title = forms.CharField(
        label=_("Title of the new practice"),
        required=False,
        max_length=200,
        help_text=_("Needed when you write a new one."),
    )

    def __init__(self, *args, cycle, members, practices, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle_categories = [c.category for c in cycle.categories.all()]
        self.practices = {practice.pk: practice for practice in practices}
        self.only_member = members[0] if len(members) == 1 else None
        if self.only_member:
            del self.fields["member"]  # nothing to choose
        else:
            self.fields["member"].queryset = members_queryset(members)
        self.fields["category"].choices = [
            (c.category, c.get_category_display()) for c in cycle.categories.all()
        ]
        several = len(members) > 1
        self.fields["source"].choices = [
            (str(practice.pk), practice_label(practice, several)) for practice in practices
        ] + [(NEW_PRACTICE, _("Write a new one"))]

    def clean(self):
        data = super().clean()
        member = self.only_member or data.get("member")
        source = data.get("source")
        practice = None
        if source and source != NEW_PRACTICE:
            practice = self.practices[int(source)]
            if member is not None and practice.member_id != member.pk:
                self.add_error(
                    "source",
                    _(
                        "This practice is not one of %(city)s's: choose one of its practices, "
                        "or write a new one."
                    )
                    % {"city": member.name},
                )
        if source == NEW_PRACTICE and not data.get("title", "").strip():
            self.add_error("title", _("Give the new practice a title."))
        if not data.get("category"):
            if practice is not None and practice.category in self.cycle_categories:
                data["category"] = practice.category
            elif "category" not in self.errors:
                self.add_error("category", _("Choose the category you apply in."))
        data["member"], data["practice"] = member, practice
        return data


def members_queryset(members):
    from wego.members.models import Member

    return Member.objects.filter(pk__in=[m.pk for m in members]).order_by("name")


def practice_label(practice, with_city: bool) -> str:
    if with_city and practice.member:
        return _("%(title)s – %(city)s (%(status)s)") % {
            "title": practice.title,
            "city": practice.member.name,
            "status": practice.get_status_display(),
        }
    return _("%(title)s (%(status)s)") % {
        "title": practice.title,
        "status": practice.get_status_display(),
    }


def label_of(field: str):
    """The model's name for the field: the same words name it when it is missing."""
    return capfirst(Application._meta.get_field(field).verbose_name)


class ApplicationForm(forms.Form):
    """The application itself; a draft saves whatever is filled in, the checks come at submit."""

    hide_optional_marks = True  # everything is needed to submit, nothing to save a draft

    title = forms.CharField(label=label_of("title"), required=False, max_length=200)
    summary = forms.CharField(
        label=label_of("summary"),
        required=False,
        max_length=SUMMARY_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the city did and what came of it, in a few sentences."),
    )
    in_operation_since = forms.IntegerField(
        label=label_of("in_operation_since"),
        required=False,
        min_value=EARLIEST_YEAR,
        max_value=LATEST_YEAR,
        widget=forms.NumberInput(attrs={"class": "input--short"}),
    )

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.question_names = []
        for index, question in enumerate(questions):
            name = answer_field(index)
            self.fields[name] = forms.CharField(
                label=question,
                required=False,
                max_length=ANSWER_LENGTH,
                widget=forms.Textarea(attrs={"rows": 6}),
            )
            self.question_names.append(name)
        self.fields["in_operation"] = forms.BooleanField(
            label=_("The practice is in operation today"),
            required=False,
            help_text=_("Needed to submit: only practices in operation can apply."),
        )

    @classmethod
    def initial_from(cls, application) -> dict:
        initial = {
            "title": application.title,
            "summary": application.summary,
            "in_operation_since": application.in_operation_since,
            "in_operation": bool(application.answers.get(IN_OPERATION_KEY)),
        }
        for key, value in application.answers.items():
            if key.isdigit():
                initial[answer_field(int(key))] = value
        return initial

    @classmethod
    def bound_to(cls, application, questions):
        """The form as if the stored application had just been posted, to mark its faults."""
        initial = cls.initial_from(application)
        data = {
            name: "" if value is None else value
            for name, value in initial.items()
            if name != "in_operation"
        }
        if initial["in_operation"]:
            data["in_operation"] = "on"
        form = cls(data, questions=questions)
        form.is_valid()
        return form

    def apply_to(self, application) -> None:
        data = self.cleaned_data
        application.title = data["title"].strip()
        application.summary = data["summary"].strip()
        application.in_operation_since = data["in_operation_since"]
        answers = {
            answer_key(index): data[name].strip() for index, name in enumerate(self.question_names)
        }
        answers[IN_OPERATION_KEY] = bool(data["in_operation"])
        # Answers to questions the category no longer asks are kept, not thrown away.
        application.answers = {**application.answers, **answers}


class ApplicationFileForm(forms.Form):
    title = forms.CharField(label=_("Title of the document"), max_length=200)
    file = forms.FileField(
        label=_("Image or PDF document"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Written per request, so the hint follows the reader's language.
        self.fields["file"].help_text = _("PNG, JPEG or PDF, at most %(mb)s MB.") % {
            "mb": MAX_EVIDENCE_BYTES // (1024 * 1024)
        }
