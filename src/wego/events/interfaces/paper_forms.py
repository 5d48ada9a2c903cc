"""Forms of the paper-ballot fallback (staff): the city handing in its sheet, one sheet as a
staff member reads it (the same field names as the online ballot: `office-<key>`,
`resolution-<key>`), the number of sheets to print; and the words for what the service
finds (a ballot's problems, the two entries' mismatches)."""

from dataclasses import dataclass

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wego.events.domain import elections as domain
from wego.events.domain.elections_paper import Difference, Mismatch
from wego.events.services.elections import candidacies_in_order
from wego.events.services.elections_paper import Typist, cities_to_hand_in
from wego.members.models import Member

MAX_SHEETS = 300
OFFICE_FIELD = "office-%s"
RESOLUTION_FIELD = "resolution-%s"


class PaperVoteForm(forms.Form):
    member = forms.ModelChoiceField(
        label=gettext_lazy("City handing in its sheet"),
        queryset=Member.objects.all(),
        help_text=gettext_lazy(
            "Eligible cities that have not voted yet, online or on paper. Record the city "
            "as its delegate puts the sheet, without its stub, in the ballot box."
        ),
    )

    def __init__(self, *args, election, **kwargs):
        """Only the cities still to vote are offered; any city is accepted here, so that the
        service can say what is wrong with one that voted already."""
        super().__init__(*args, **kwargs)
        offered = [(m.pk, m.name) for m in cities_to_hand_in(election)]
        self.fields["member"].choices = [("", "—"), *offered]


def seats_hint(seats: int) -> str:
    return ngettext(
        "Vote for up to %(seats)s candidate.", "Vote for up to %(seats)s candidates.", seats
    ) % {"seats": seats}


def over_marked(marked: int, seats: int) -> str:
    """The rule for a sheet with too many marks for an office: spoilt, entered blank."""
    return ngettext(
        "%(marked)s boxes are ticked, but this office takes one candidate. A sheet marked "
        "for more candidates than seats is spoilt for that office: enter it with no box ticked.",
        "%(marked)s boxes are ticked, but this office takes up to %(seats)s. A sheet marked "
        "for more candidates than seats is spoilt for that office: enter it with no box ticked.",
        seats,
    ) % {"marked": marked, "seats": seats}


def answer_choices() -> list[tuple[str, str]]:
    return [
        ("", _("Not marked")),
        (domain.Answer.YES, _("Yes")),
        (domain.Answer.NO, _("No")),
        (domain.Answer.ABSTAIN, _("Abstain")),
    ]


@dataclass(frozen=True)
class Question:
    """A question of the sheet form: its field and what it is."""

    field: str
    key: str
    title: str
    seats: int = 0  # 0 for a resolution

    @property
    def is_office(self) -> bool:
        return self.seats > 0


class PaperSheetForm(forms.Form):
    sheet = forms.CharField(
        label=gettext_lazy("Code on the sheet"),
        max_length=40,
        help_text=gettext_lazy(
            "The 16 letters and digits printed on the sheet, such as K7QF-2MXP-9RTA-H4BW, in "
            "any case, with or without the dashes."
        ),
        widget=forms.TextInput(
            # A code is Latin letters and digits: left to right on an Arabic page too.
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "dir": "ltr",
            }
        ),
    )

    def __init__(self, *args, election, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions: list[Question] = []
        for office in election.offices.all():
            name = OFFICE_FIELD % office.key
            self.fields[name] = forms.TypedMultipleChoiceField(
                label=office.title,
                choices=[(c.member_id, c.member.name) for c in candidacies_in_order(office)],
                coerce=int,
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=seats_hint(office.seats),
            )
            self.questions.append(Question(name, office.key, office.title, office.seats))
        for resolution in election.resolutions.all():
            name = RESOLUTION_FIELD % resolution.key
            self.fields[name] = forms.ChoiceField(
                label=resolution.title,
                choices=answer_choices(),
                required=False,
                initial="",
                widget=forms.RadioSelect,
            )
            self.questions.append(Question(name, resolution.key, resolution.title))

    def question_fields(self):
        """(question, bound field) in ballot order, for the template's fieldsets."""
        return [(question, self[question.field]) for question in self.questions]

    def clean(self):
        data = super().clean()
        for question in self.questions:
            marked = data.get(question.field) or []
            if question.is_office and len(set(marked)) > question.seats:
                self.add_error(question.field, over_marked(len(set(marked)), question.seats))
        return data

    def choices(self) -> domain.Choices:
        data = self.cleaned_data
        return domain.Choices(
            offices={q.key: list(data.get(q.field) or []) for q in self.questions if q.is_office},
            resolutions={
                q.key: data.get(q.field) or None for q in self.questions if not q.is_office
            },
        )

    def add_problems(self, problems) -> None:
        """The service's refusal of the ballot (domain.Problem), each next to its question."""
        fields = {q.key: q for q in self.questions}
        for problem in problems:
            question = fields.get(problem.question)
            if question is None:
                self.add_error(None, _("The sheet answers a question that is not on the ballot."))
            else:
                self.add_error(question.field, problem_text(problem, question))


def problem_text(problem: domain.Problem, question: Question) -> str:
    if problem.code == domain.Code.TOO_MANY_CANDIDATES:
        return over_marked(int(problem.candidate or 0), question.seats)
    if problem.code == domain.Code.DUPLICATE_CANDIDATE:
        return _("A candidate is marked twice.")
    if problem.code == domain.Code.BAD_ANSWER:
        return _("Choose yes, no or abstain, or leave it not marked.")
    return _("Choose among the candidates on the sheet.")


class SheetCountForm(forms.Form):
    count = forms.IntegerField(
        label=gettext_lazy("Number of sheets"),
        min_value=1,
        max_value=MAX_SHEETS,
        help_text=gettext_lazy(
            "From 1 to 300. Print a few more than there are cities: a spoilt sheet is "
            "replaced by a new one."
        ),
    )


# --- what the two entries disagree on, in words ---------------------------------------------


@dataclass(frozen=True)
class MismatchLine:
    text: str
    sheet: str  # the code, for the button that removes one's own entry of it
    removable: bool  # the person reading the page entered it alone


def mismatch_lines(
    mismatches, titles: dict[str, str], first: Typist, second: Typist, reader_id: int
) -> list[MismatchLine]:
    return [mismatch_line(m, titles, first, second, reader_id) for m in mismatches]


def mismatch_line(
    mismatch: Mismatch, titles: dict[str, str], first: Typist, second: Typist, reader_id: int
) -> MismatchLine:
    # Each part isolated from the sentence's direction (a code in an Arabic sentence).
    facts = {
        "sheet": format_html('<bdi class="paper-code" dir="ltr">{}</bdi>', mismatch.sheet),
        "question": format_html("<bdi>{}</bdi>", titles.get(mismatch.question, mismatch.question)),
        "first": format_html("<bdi>{}</bdi>", first.name),
        "second": format_html("<bdi>{}</bdi>", second.name),
    }
    kind = mismatch.difference
    if kind == Difference.ONLY_IN_FIRST:
        text = _words(_("Sheet %(sheet)s: entered by %(first)s only."), facts)
        return MismatchLine(text, mismatch.sheet, reader_id == first.user_id)
    if kind == Difference.ONLY_IN_SECOND:
        text = _words(_("Sheet %(sheet)s: entered by %(second)s only."), facts)
        return MismatchLine(text, mismatch.sheet, reader_id == second.user_id)
    return MismatchLine(_words(_mismatch_words(kind), facts), "", False)


def _words(sentence: str, facts: dict) -> str:
    """The translated sentence, escaped, with its (already escaped) parts put in."""
    return mark_safe(conditional_escape(sentence) % facts)  # noqa: S308 (all escaped)


def _mismatch_words(kind: Difference) -> str:
    words = {
        Difference.SAME_PERSON: _(
            "Only %(first)s has entered sheets: a second staff member must enter every sheet "
            "too, without looking at the first entry."
        ),
        Difference.SEVERAL_PEOPLE: _("One of the entries was typed by more than one person."),
        Difference.BAD_SHEET: _("Sheet %(sheet)s: this is not the code of a sheet."),
        Difference.SHEET_TWICE: _("Sheet %(sheet)s is entered twice in one entry."),
        Difference.CHOICES_DIFFER: _("Sheet %(sheet)s: the two entries differ on %(question)s."),
        Difference.INVALID: _(
            "Sheet %(sheet)s: what is entered for %(question)s is not valid: enter it again."
        ),
    }
    return words.get(kind, _("Sheet %(sheet)s: the entries differ."))
