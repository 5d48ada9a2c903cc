from django import forms
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from wego.core.forms import DecisionForm
from wego.core.uploads import MAX_EVIDENCE_BYTES
from wego.practices.domain.practice import clean_tags, invalid_sdg_targets, split_list
from wego.practices.models import TRANSLATIONS, Category, CostRange, Practice

LANGUAGES = [
    ("en", _("English")),
    ("ko", _("Korean")),
    ("ar", _("Arabic")),
    ("es", _("Spanish")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("zh", _("Chinese")),
    ("pt", _("Portuguese")),
    ("tr", _("Turkish")),
    ("vi", _("Vietnamese")),
]


def direction(language: str) -> str:
    return "rtl" if get_language_info(language)["bidi"] else "ltr"


class PracticeForm(forms.ModelForm):
    """A good practice; only the title is needed to save a draft, more to publish it."""

    technologies_text = forms.CharField(
        label=_("Technologies"),
        required=False,
        max_length=600,
        help_text=_("Separated by commas, e.g. mobile app, GIS, online payment."),
    )
    sdg_text = forms.CharField(
        label=_("UN Sustainable Development Goal targets"),
        required=False,
        max_length=200,
        help_text=_("Target numbers separated by commas, e.g. 16.6, 11.2."),
    )
    indicators = forms.MultipleChoiceField(
        label=_("CeDS indicators it improves"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(label=_("Language of the text"), choices=LANGUAGES)

    class Meta:
        model = Practice
        fields = [
            "title",
            "member",
            "city",
            "country",
            "category",
            "year_started",
            "summary",
            "problem",
            "solution",
            "results",
            "lessons",
            "cost_range",
            "months_to_implement",
            "contacts",
            "links",
            "language",
            *(f"title_{code}" for code in TRANSLATIONS),
            *(f"summary_{code}" for code in TRANSLATIONS),
        ]
        help_texts = {
            "summary": _("What the city did, in a few sentences."),
            "problem": _("What was wrong before, and for whom."),
            "solution": _("How it works: people, process, technology."),
            "results": _("What changed, with figures where you have them."),
            "lessons": _("What you would tell a city starting the same."),
            "contacts": _("Who answers questions about it (office, email)."),
        }
        widgets = (
            {
                name: forms.Textarea(attrs={"rows": 5})
                for name in ("summary", "problem", "solution", "results", "lessons")
            }
            | {
                "contacts": forms.Textarea(attrs={"rows": 2}),
                "links": forms.Textarea(attrs={"rows": 2}),
            }
            | {
                # Typed in its own language and direction, whatever the page's.
                f"title_{code}": forms.TextInput(attrs={"lang": code, "dir": direction(code)})
                for code in TRANSLATIONS
            }
            | {
                f"summary_{code}": forms.Textarea(
                    attrs={"rows": 3, "lang": code, "dir": direction(code)}
                )
                for code in TRANSLATIONS
            }
        )

    def __init__(self, *args, members, indicator_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].required = members.count() == 1
        self.fields["category"].choices = [("", "---------"), *Category.choices]
        self.fields["cost_range"].choices = [("", _("Not known yet")), *CostRange.choices]
        self.fields["indicators"].choices = indicator_choices
        self.fields["months_to_implement"].max_value = 240
        if self.instance.pk:
            self.fields["technologies_text"].initial = ", ".join(self.instance.technologies)
            self.fields["sdg_text"].initial = ", ".join(self.instance.sdg_targets)
            self.fields["indicators"].initial = self.instance.indicators
        if members.count() == 1 and not self.instance.pk:
            member = members.first()  # the instance's empty values would win over field initials
            self.initial.update(member=member.pk, city=member.name, country=member.country.code)
        for name in ("city", "country", "category", "summary", "problem", "solution", "results"):
            self.fields[name].required = False  # needed to publish, not to keep a draft
        for field in ("title", "summary"):  # the practice's own language needs no translation
            self.fields.pop(f"{field}_{self.instance.language}", None)

    @property
    def translations(self) -> list:
        """The optional title and summary in other languages, shown together, by language."""
        names = [f"{field}_{code}" for code in TRANSLATIONS for field in ("title", "summary")]
        return [self[name] for name in names if name in self.fields]

    def clean_months_to_implement(self):
        months = self.cleaned_data.get("months_to_implement")
        if months is not None and months > 240:
            raise forms.ValidationError(_("Give the time in months, at most 240 (20 years)."))
        return months

    def clean_sdg_text(self):
        targets = split_list(self.cleaned_data["sdg_text"])
        wrong = invalid_sdg_targets(targets)
        if wrong:
            raise forms.ValidationError(
                _("Not an SDG target number: %(targets)s. Use the form 16.6 or 11.b.")
                % {"targets": ", ".join(wrong)}
            )
        return targets

    def clean_links(self):
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        validate = forms.URLField(assume_scheme="https").clean
        cleaned = []
        for line in lines:
            try:
                cleaned.append(validate(line))
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("Not a web address: %(line)s") % {"line": line[:80]}
                ) from None
        return "\n".join(cleaned)

    def save(self, commit=True):
        practice = super().save(commit=False)
        practice.technologies = clean_tags(self.cleaned_data["technologies_text"])
        practice.sdg_targets = self.cleaned_data["sdg_text"]
        practice.indicators = list(self.cleaned_data["indicators"])
        return practice


class PracticeFileForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("Image or PDF document"),
        help_text=_("PNG, JPEG or PDF, at most %(mb)s MB.")
        % {"mb": MAX_EVIDENCE_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg"}),
    )


class ReviewForm(DecisionForm):
    decisions = [("publish", _("Publish it")), (DecisionForm.RETURN, _("Return it to the city"))]
