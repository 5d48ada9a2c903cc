"""The forms of registration by delegation: who registers (the member a city user acts for,
or the partner organisation's name) and a formset of people, each with the event's own
questions."""

from django import forms
from django.conf import settings
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from wego.accounts.roles import is_network_staff, managed, member_ids_for
from wego.core.dates import clock
from wego.events.domain.registration import heads_problem
from wego.events.models import Registration, RegistrationQuestion
from wego.events.models.registration import ANSWER_LENGTH
from wego.events.services.registration import Person
from wego.members.models import Member

YES, NO = "yes", "no"
EXTRA_PEOPLE = 3  # blank rows offered on the form (more after saving: no JavaScript needed)
MOST_PEOPLE = 50


def question_field_name(question) -> str:
    return f"question_{question.pk}"


class DelegationForm(forms.Form):
    """Who registers: a city user the member they act for (a choice when several), a partner
    its organisation's name, staff either (on someone's behalf)."""

    member = forms.ModelChoiceField(label=_("Member"), queryset=Member.objects.none())
    organisation = forms.CharField(
        label=_("Organisation"),
        max_length=200,
        help_text=_("The organisation whose people you register."),
    )

    def __init__(self, *args, user, delegation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.delegation = delegation
        self.only_member = None
        members = Member.objects.filter(pk__in=member_ids_for(user)).order_by("name")
        staff = is_network_staff(user)
        if staff:
            members = managed(Member.objects.all(), user).order_by("name")
        if delegation is not None:  # adding people to a delegation that exists
            self.only_member = delegation.member
            del self.fields["member"]
            if delegation.member_id or not delegation.organisation:
                del self.fields["organisation"]
            else:
                self.fields["organisation"].initial = delegation.organisation
            return
        if not staff and len(members) == 1:
            self.only_member = members[0]
            del self.fields["member"]
            del self.fields["organisation"]
        elif members and not staff:
            self.fields["member"].queryset = members
            del self.fields["organisation"]
        elif staff:
            self.fields["member"].queryset = members
            self.fields["member"].required = False
            self.fields["member"].help_text = _("Or name the organisation below.")
            self.fields["organisation"].required = False
        else:  # a partner
            del self.fields["member"]

    def clean(self):
        data = super().clean()
        if (
            "member" in self.fields
            and "organisation" in self.fields
            and not data.get("member")
            and not data.get("organisation", "").strip()
            and not self.errors
        ):
            self.add_error("member", _("Choose the member, or name the organisation."))
        return data

    @property
    def chosen_member(self):
        if self.only_member is not None:
            return self.only_member
        return self.cleaned_data.get("member")

    @property
    def chosen_organisation(self) -> str:
        return (self.cleaned_data.get("organisation") or "").strip()


class PersonForm(forms.Form):
    """One person of the delegation, with the event's questions."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("Email address"), max_length=254)
    position = forms.CharField(label=_("Position"), max_length=150, required=False)
    role = forms.ChoiceField(
        label=_("Role"), choices=Registration.Role.choices, initial=Registration.Role.DELEGATE
    )
    language = forms.ChoiceField(
        label=_("Language of their emails"), choices=settings.LANGUAGES, initial="en"
    )
    listed = forms.BooleanField(
        label=_("Agrees to appear on the participant list (name, position, organisation)"),
        required=False,
    )
    needs_visa_letter = forms.BooleanField(
        label=_("Needs an invitation letter for a visa"), required=False
    )
    sessions = forms.ModelMultipleChoiceField(
        label=_("Sessions they will attend"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, event, questions, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.questions = questions
        # Whoever registers reads this language: the likeliest for their colleagues' emails.
        self.fields["language"].initial = get_language() or "en"
        if not event.offers_visa_letters:
            del self.fields["needs_visa_letter"]
        if sessions:
            self.fields["sessions"].queryset = sessions
            zone = event.time_zone
            self.fields["sessions"].label_from_instance = lambda session: session_label(
                session, zone
            )
        else:
            del self.fields["sessions"]
        for question in questions:
            self.fields[question_field_name(question)] = question_field(question)

    def has_changed(self):
        """A row of the form is someone when a name, an email or a position is typed (the
        lists and boxes alone, left at their defaults or not, are no one)."""
        if self.initial:
            return super().has_changed()
        return any(
            str(self[name].data or "").strip() for name in ("full_name", "email", "position")
        )

    @property
    def question_fields(self):
        return [self[question_field_name(question)] for question in self.questions]

    @property
    def main_fields(self):
        return [self[name] for name in ("full_name", "email", "position", "role", "language")]

    def person(self) -> Person:
        data = self.cleaned_data
        answers = {}
        for question in self.questions:
            value = data.get(question_field_name(question))
            if value not in (None, ""):
                answers[str(question.pk)] = value
        return Person(
            full_name=data["full_name"].strip(),
            email=data["email"].strip(),
            position=data.get("position", "").strip(),
            role=data["role"],
            language=data["language"],
            listed=data.get("listed", False),
            needs_visa_letter=data.get("needs_visa_letter", False),
            answers=answers,
            sessions=list(data.get("sessions") or []),
        )


def session_label(session, zone: str) -> str:
    """A session's title with its day and hour in the venue's zone (two sessions may share a
    title on different days)."""
    return f"{session.title} ({clock(session.starts_at, zone)})"


def question_field(question: RegistrationQuestion):
    common = {"label": question.label, "required": question.required}
    if question.help_text:
        common["help_text"] = question.help_text
    if question.kind == RegistrationQuestion.Kind.YES_NO:
        return forms.ChoiceField(
            choices=[(YES, _("Yes")), (NO, _("No"))], widget=forms.RadioSelect, **common
        )
    if question.kind == RegistrationQuestion.Kind.CHOICE:
        choices = [(choice, choice) for choice in question.choice_list]
        return forms.ChoiceField(choices=[("", "—"), *choices], **common)
    return forms.CharField(max_length=ANSWER_LENGTH, **common)


def initial_of(registration: Registration, questions) -> dict:
    """A registered person as the form's initial values."""
    initial = {
        "full_name": registration.full_name,
        "email": registration.email,
        "position": registration.position,
        "role": registration.role,
        "language": registration.language,
        "listed": registration.listed,
        "needs_visa_letter": registration.needs_visa_letter,
        "sessions": list(registration.sessions.all()),
    }
    for question in questions:
        initial[question_field_name(question)] = registration.answers.get(str(question.pk), "")
    return initial


class BasePeopleFormSet(forms.BaseFormSet):
    """The people of one submission: blank rows are left out; one email once; one head."""

    def __init__(self, *args, event, questions, sessions, heads_already=0, **kwargs):
        self.event, self.questions, self.sessions = event, questions, sessions
        self.heads_already = heads_already
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"event": self.event, "questions": self.questions, "sessions": self.sessions}

    @property
    def filled(self) -> list[tuple[int, PersonForm]]:
        return [
            (index, form)
            for index, form in enumerate(self.forms)
            if form.has_changed() and form.is_valid()
        ]

    def clean(self):
        if any(self.errors):
            return
        seen, heads = {}, self.heads_already
        for _index, form in self.filled:
            email = form.cleaned_data["email"].strip().lower()
            if email in seen:
                form.add_error("email", _("This email address is on the form twice."))
            seen[email] = form
            if form.cleaned_data["role"] == Registration.Role.HEAD:
                heads += 1
                if heads_problem(heads):
                    form.add_error("role", _("A delegation has one head of delegation only."))
        if not self.filled and not any(self.errors):
            raise forms.ValidationError(
                gettext("Add at least one person: their full name and email address."),
                code="nobody",
            )

    def people(self) -> list[tuple[int, Person]]:
        return [(index, form.person()) for index, form in self.filled]


def people_formset(data=None, *, event, questions, sessions, heads_already=0, extra=None):
    PeopleFormSet = forms.formset_factory(
        PersonForm,
        formset=BasePeopleFormSet,
        extra=EXTRA_PEOPLE if extra is None else extra,
        max_num=MOST_PEOPLE,
        validate_max=True,
    )
    return PeopleFormSet(
        data,
        prefix="people",
        event=event,
        questions=questions,
        sessions=sessions,
        heads_already=heads_already,
    )


class ChangePersonForm(PersonForm):
    """A registered person's details, changed until the deadline."""


def questions_of(event) -> list[RegistrationQuestion]:
    return list(event.questions.all())


def sessions_of(event):
    sessions = event.sessions.all().order_by("starts_at", "title")
    return sessions if sessions.exists() else None
