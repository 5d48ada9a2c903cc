"""The ballot as a form, built from the election, and the form that finds a ballot by its
receipt.

The ballot's fields: `city` (the member a delegate votes for: a radio list when they vote for
several cities, their own and by proxy, else a hidden field with the city's name shown),
`office-<key>` (checkboxes of the candidates' member ids, in the published ballot order) and
`resolution-<key>` (yes, no, abstain, or no answer). The form only reads what was marked; the
rules of the ballot are the domain's (`validate_ballot`, run by `service.cast_vote`), and
`show_problems` words each of its problems next to the question it is about.
"""

from django import forms
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from wego.core.http import id_from
from wego.events.domain import elections as domain
from wego.events.interfaces.election_results import seats_sentence
from wego.events.services import elections as service


def office_field(key: str) -> str:
    return f"office-{key}"


def resolution_field(key: str) -> str:
    return f"resolution-{key}"


NO_ANSWER = ""
ANSWER_CHOICES = [
    (domain.Answer.YES.value, pgettext_lazy("answer to a resolution", "Yes")),
    (domain.Answer.NO.value, pgettext_lazy("answer to a resolution", "No")),
    (domain.Answer.ABSTAIN.value, pgettext_lazy("answer to a resolution", "Abstain")),
    (NO_ANSWER, gettext_lazy("No answer")),
]


def city_label(city: service.VotingFor) -> str:
    if city.by_proxy:
        return _("%(city)s (by proxy)") % {"city": city.member.name}
    return city.member.name


class BallotForm(forms.Form):
    def __init__(self, data=None, *, election, cities, chosen: int | None = None):
        super().__init__(data)
        self.election = election
        self.cities = cities
        self.open_cities = [city for city in cities if not city.voted]
        self.offices = service.ballot_offices(election)
        self.resolutions = service.ballot_resolutions(election)
        self.fields["city"] = self.city_field(chosen)
        for office, candidacies in self.offices:
            self.fields[office_field(office.key)] = forms.MultipleChoiceField(
                label=office.title,
                required=False,
                choices=[(str(c.member_id), c.member.name) for c in candidacies],
                widget=forms.CheckboxSelectMultiple,
                error_messages={
                    "invalid_choice": _("Mark only the candidates listed for %(office)s.")
                    % {"office": office.title}
                },
            )
        for resolution in self.resolutions:
            self.fields[resolution_field(resolution.key)] = forms.ChoiceField(
                label=resolution.title,
                required=False,
                choices=ANSWER_CHOICES,
                widget=forms.RadioSelect,
                initial=NO_ANSWER,
                error_messages={
                    "invalid_choice": _(
                        "Answer “%(resolution)s” with yes, no or abstain, or leave it unanswered."
                    )
                    % {"resolution": resolution.title}
                },
            )

    def city_field(self, chosen):
        """Every city of the person is a valid answer (a second vote of one of them is then
        refused by the service, in words); only those still to vote are offered."""
        field = forms.ChoiceField(
            label=_("You vote for"),
            choices=[(str(city.member.pk), city_label(city)) for city in self.cities],
            error_messages={
                "required": _("Choose the city you vote for."),
                "invalid_choice": _("You do not vote for this city: choose one of yours."),
            },
        )
        offered = [(str(c.member.pk), city_label(c)) for c in self.open_cities]
        if len(self.cities) > 1:
            field.widget = forms.RadioSelect(choices=offered)
        else:
            field.widget = forms.HiddenInput()
        pks = [city.member.pk for city in self.open_cities]
        if chosen in pks:
            field.initial = str(chosen)
        elif len(pks) == 1:
            field.initial = str(pks[0])
        return field

    # --- the rows of the template ---

    @property
    def several_cities(self) -> bool:
        return len(self.cities) > 1

    @property
    def city_shown(self) -> str:
        """The one city's name, shown beside its hidden field."""
        return city_label(self.cities[0]) if self.cities else ""

    def office_rows(self):
        return [
            (office, self[office_field(office.key)], seats_sentence(office.seats))
            for office, _candidacies in self.offices
        ]

    def resolution_rows(self):
        return [(r, self[resolution_field(r.key)]) for r in self.resolutions]

    def question_errors(self):
        """(anchor, error) for the summary at the top of the form: each sentence names its
        question."""
        bound = [self["city"]] + [b for _o, b, _h in self.office_rows()]
        bound += [b for _r, b in self.resolution_rows()]
        return [(f"question-{b.name}", error) for b in bound for error in b.errors]

    # --- what was marked ---

    @property
    def city_id(self) -> int | None:
        return id_from(self.cleaned_data.get("city"))

    def choices(self) -> domain.Choices:
        data = self.cleaned_data
        return domain.Choices(
            offices={
                office.key: [id_from(value) for value in data.get(office_field(office.key), [])]
                for office, _candidacies in self.offices
            },
            resolutions={
                r.key: data.get(resolution_field(r.key)) or None for r in self.resolutions
            },
        )

    # --- refusals, next to their question ---

    def show_refusal(self, refused: service.Refused) -> None:
        self.add_error(refused.field if refused.field in self.fields else None, refused.message)

    def show_problems(self, problems) -> None:
        for problem in problems:
            field = self.field_of(problem.question)
            self.add_error(field, self.problem_sentence(problem, field))

    def field_of(self, question: str) -> str | None:
        for name in (office_field(question), resolution_field(question)):
            if name in self.fields:
                return name
        return None

    def problem_sentence(self, problem: domain.Problem, field: str | None) -> str:
        title = self.fields[field].label if field else problem.question
        seats = next((o.seats for o, _c in self.offices if o.key == problem.question), 0)
        code = problem.code
        if code == domain.Code.TOO_MANY_CANDIDATES:
            return ngettext(
                "You marked %(count)s candidates for %(office)s; mark at most %(seats)s.",
                "You marked %(count)s candidates for %(office)s; mark at most %(seats)s.",
                seats,
            ) % {
                "count": number_format(problem.candidate),
                "office": title,
                "seats": number_format(seats),
            }
        if code == domain.Code.UNKNOWN_CANDIDATE:
            return _("Mark only the candidates listed for %(office)s.") % {"office": title}
        if code == domain.Code.DUPLICATE_CANDIDATE:
            return _("A candidate is marked twice for %(office)s: mark each one once.") % {
                "office": title
            }
        if code == domain.Code.BAD_ANSWER:
            return _("Answer “%(resolution)s” with yes, no or abstain, or leave it unanswered.") % {
                "resolution": title
            }
        return _(
            "This ballot has a question the election does not ask: open the ballot again and "
            "vote from it."
        )


EXAMPLE = "K7QF-2MXP-9RTA-H4BW"


class ReceiptForm(forms.Form):
    """A receipt code typed to find its ballot (by POST: a code is never in an address)."""

    receipt = forms.CharField(
        label=gettext_lazy("Your receipt code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "dir": "ltr",
                "class": "receipt-input",
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The example stays left to right in an Arabic sentence (the hint is shown as HTML).
        example = format_html('<span dir="ltr" class="receipt-example">{}</span>', EXAMPLE)
        self.fields["receipt"].help_text = format_html(
            _("16 letters and digits in four groups, as shown when you voted, e.g. {example}."),
            example=example,
        )

    def clean_receipt(self) -> str:
        code = domain.normalise_receipt(self.cleaned_data["receipt"])
        if code is None:
            raise forms.ValidationError(
                _("This is not a receipt code: 16 letters and digits in four groups."),
                code="malformed",
            )
        return code
