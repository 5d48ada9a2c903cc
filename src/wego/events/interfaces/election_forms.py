"""Forms of staff who prepare an election and of member cities before the vote: the election
and its offices, a resolution, a candidacy, the city's delegate, a proxy.

Times are typed as a clock at the venue shows them and placed in the event's time zone
(core.forms.ClockField, as the event form does). Once voting has opened, the seats, the times,
the quorum and whether proxies count can no longer change: a changed value is refused next to
its field, and what was typed stays in the form.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wego.core import clock
from wego.core.forms import ClockField
from wego.events.domain import elections as domain
from wego.events.interfaces.event_forms import place_times
from wego.events.models import Election, Registration, Resolution
from wego.events.models.elections import STATEMENT_LENGTH
from wego.events.services import election_setup as setup

ELECTION_TIMES = ("opens_at", "closes_at")
# What voting depends on: fixed once it opens.
LOCKED_WHEN_VOTING = (*ELECTION_TIMES, "quorum_percent", "allows_proxies")
SEATS_LIMIT = 100


def seats_field(key: str) -> str:
    return f"seats_{key}"


class ElectionForm(forms.ModelForm):
    opens_at = ClockField(label=_("Voting opens"), required=False)
    closes_at = ClockField(label=_("Voting closes"), required=False)
    host_city = forms.BooleanField(
        label=_("Include the choice of the next Assembly's host"),
        required=False,
        help_text=_("An office of one seat for which cities offering to host stand."),
    )

    class Meta:
        model = Election
        fields = [
            "title_en",
            "title_ko",
            "title_ar",
            "description_en",
            "description_ko",
            "description_ar",
            "opens_at",
            "closes_at",
            "quorum_percent",
            "allows_proxies",
        ]
        labels = {
            "title_en": _("Title in English"),
            "title_ko": _("Title in Korean"),
            "title_ar": _("Title in Arabic"),
            "description_en": _("Description in English"),
            "description_ko": _("Description in Korean"),
            "description_ar": _("Description in Arabic"),
            "quorum_percent": _("Quorum: percentage of the full members in good standing"),
            "allows_proxies": _("A city may give its vote to another city's delegate (proxy)"),
        }
        widgets = {
            "title_ko": forms.TextInput(attrs={"lang": "ko"}),
            "title_ar": forms.TextInput(attrs={"lang": "ar", "dir": "rtl"}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "description_ko": forms.Textarea(attrs={"rows": 4, "lang": "ko"}),
            "description_ar": forms.Textarea(attrs={"rows": 4, "lang": "ar", "dir": "rtl"}),
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        zone = event.time_zone
        self.fields["title_en"].required = True
        self.fields["quorum_percent"].widget.attrs.update(
            min=1, max=100, **{"class": "input--short"}
        )
        self.fields["opens_at"].help_text = _(
            "In the venue's time zone, %(zone)s; for example 2026-09-08 09:00. Leave empty to "
            "open voting by hand."
        ) % {"zone": zone}
        self.fields["closes_at"].help_text = _(
            "In %(zone)s. No vote is taken after this time. Leave empty to close voting by hand."
        ) % {"zone": zone}
        current = setup.seats_of(self.instance) if self.instance.pk else setup.DEFAULT_SEATS
        for key, _default in domain.DEFAULT_OFFICES:
            self.fields[seats_field(key)] = forms.IntegerField(
                label=setup.OFFICE_TITLES[key],
                min_value=1,
                max_value=SEATS_LIMIT,
                initial=current.get(key, setup.DEFAULT_SEATS[key]),
                widget=forms.NumberInput(attrs={"class": "input--short"}),
            )
        self.locked: dict[str, str] = {}
        if self.instance.pk:
            for name in ELECTION_TIMES:
                moment = getattr(self.instance, name)
                if moment is not None:
                    self.initial[name] = clock.local(moment, zone).replace(tzinfo=None)
            self.initial["host_city"] = domain.HOST_CITY in current
            self.locked = self.locked_fields()
            for name, reason in self.locked.items():
                self.fields[name].help_text = reason

    def seat_fields(self):
        return [self[seats_field(key)] for key, _default in domain.DEFAULT_OFFICES]

    def locked_fields(self) -> dict[str, str]:
        """The fields that cannot change at the election's stage, with the reason."""
        locked = {}
        if setup.voting_has_opened(self.instance):
            reason = _("Voting has opened: this cannot change now.")
            for name in (
                *LOCKED_WHEN_VOTING,
                *(seats_field(k) for k, _s in domain.DEFAULT_OFFICES),
            ):
                locked[name] = reason
        if not setup.takes_new_questions(self.instance):
            locked["host_city"] = _(
                "Candidacies are closed: the choice of the host can no longer be added or removed."
            )
        return locked

    def seats(self) -> dict[str, int]:
        return {key: self.cleaned_data[seats_field(key)] for key, _s in domain.DEFAULT_OFFICES}

    def clean(self):
        data = super().clean()
        place_times(self, data, ELECTION_TIMES, self.event.time_zone)
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and opens.tzinfo and closes.tzinfo and closes <= opens:
            self.add_error("closes_at", _("Voting must close after it opens."))
        elif closes and closes.tzinfo and closes <= timezone.now() and self._changes("closes_at"):
            self.add_error("closes_at", _("This time has passed: give a time to come."))
        for name, reason in self.locked.items():
            if name in data and self._changes(name):
                self.add_error(name, reason)
        return data

    def _changes(self, name) -> bool:
        """Whether the typed value differs from what the election holds."""
        if not self.instance.pk:
            return True
        value = self.cleaned_data.get(name)
        if name in ELECTION_TIMES or name in LOCKED_WHEN_VOTING:
            return value != getattr(self.instance, name)
        return value != self.get_initial_for_field(self.fields[name], name)


class ResolutionForm(forms.ModelForm):
    class Meta:
        model = Resolution
        fields = ["title_en", "title_ko", "title_ar", "text_en", "text_ko", "text_ar", "majority"]
        labels = {
            "title_en": _("Title in English"),
            "title_ko": _("Title in Korean"),
            "title_ar": _("Title in Arabic"),
            "text_en": _("Text in English"),
            "text_ko": _("Text in Korean"),
            "text_ar": _("Text in Arabic"),
        }
        help_texts = {
            "title_en": _("For example: Amendment of the Statutes, Article 5."),
            "majority": _(
                "Abstentions are not votes cast: a simple majority is more yes than no; two "
                "thirds is yes at least two thirds of yes plus no."
            ),
        }
        widgets = {
            "title_ko": forms.TextInput(attrs={"lang": "ko"}),
            "title_ar": forms.TextInput(attrs={"lang": "ar", "dir": "rtl"}),
            "text_en": forms.Textarea(attrs={"rows": 3}),
            "text_ko": forms.Textarea(attrs={"rows": 3, "lang": "ko"}),
            "text_ar": forms.Textarea(attrs={"rows": 3, "lang": "ar", "dir": "rtl"}),
            "majority": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_en"].required = True


class OfficeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, office):
        return office.title


class CityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, member):
        return member.name


def offer_cities(form, cities, offered) -> None:
    """The form's `member` reads any of `cities` (the service words why one of them cannot
    act) and lists the `offered` ones; one's only city is not chosen but named by the page."""
    field = form.fields["member"]
    field.queryset = cities
    if len(offered) == 1:
        field.widget = forms.HiddenInput()
        form.initial["member"] = offered[0].pk
    else:
        field.widget.choices = [("", field.empty_label)] + [
            (city.pk, city.name) for city in offered
        ]


class CandidacyForm(forms.Form):
    office = OfficeChoiceField(label=_("Office"), queryset=None, empty_label=None)
    member = CityChoiceField(label=_("City"), queryset=None, empty_label=_("Choose a city"))
    statement = forms.CharField(
        label=_("Statement"),
        required=False,
        max_length=STATEMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why the city stands and what it would do (up to 2,000 characters)."),
    )
    offers_to_host = forms.BooleanField(
        label=_("The city offers to host the next General Assembly"),
        required=False,
        help_text=_("Needed to stand for the host of the next General Assembly."),
    )

    def __init__(self, *args, election, cities, offered, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = election.offices.all()
        offer_cities(self, cities, offered)
        if not election.offices.filter(key=domain.HOST_CITY).exists():
            del self.fields["offers_to_host"]


class RegistrationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, registration):
        if registration.position:
            return f"{registration.full_name} ({registration.position})"
        return registration.full_name


class AccreditationForm(forms.Form):
    """One city's delegate: any registration at the event is read, so that the service says
    why a person who is not approved, or of another delegation, cannot vote for the city; the
    list offers the city's approved people with an account."""

    registration = RegistrationChoiceField(
        label=_("Voting delegate"), queryset=None, empty_label=_("Choose a person")
    )

    def __init__(self, *args, event, member, delegates, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["registration"]
        field.label = _("Voting delegate of %(city)s") % {"city": member.name}
        field.queryset = Registration.objects.filter(event=event).select_related("delegation")
        field.widget.choices = [("", field.empty_label)] + [
            (person.pk, field.label_from_instance(person)) for person in delegates
        ]
        self.member = member


class HolderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, accreditation):
        return _("%(city)s: %(delegate)s") % {
            "city": accreditation.member.name,
            "delegate": accreditation.registration.full_name,
        }


class ProxyForm(forms.Form):
    member = CityChoiceField(label=_("Your city"), queryset=None, empty_label=_("Choose a city"))
    holder = HolderChoiceField(
        label=_("Votes on its behalf"),
        queryset=None,
        empty_label=_("Choose another city's delegate"),
        help_text=_(
            "The accredited delegate of another city at the event. They vote for your city as "
            "well as their own; your own delegate no longer can."
        ),
    )

    def __init__(self, *args, election, cities, offered, **kwargs):
        super().__init__(*args, **kwargs)
        offer_cities(self, cities, offered)
        holders = setup.proxy_holders(election)
        field = self.fields["holder"]
        field.queryset = holders
        own = {city.pk for city in offered}
        # Another city's delegate only is offered; one sent anyway is refused by the service.
        field.widget.choices = [("", field.empty_label)] + [
            (a.pk, field.label_from_instance(a)) for a in holders if a.member_id not in own
        ]


def show_refusal(form, refused) -> None:
    """The service's refusal next to its field when the form shows that field, else at the
    top of the form."""
    field = refused.field
    if field in form.fields and not form[field].is_hidden:
        form.add_error(field, refused.message)
    else:
        form.add_error(None, refused.message)
