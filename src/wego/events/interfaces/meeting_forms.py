"""Forms of matchmaking at an event: interests, meeting requests, answers, availability, and
staff's slots, tables and moves."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wego.core import limits
from wego.core.dates import clock
from wego.core.i18n import localise
from wego.events.interfaces.forms import AnswerForm  # noqa: F401 (the answer form is shared)
from wego.events.models import (
    Delegation,
    MatchmakingInterest,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
)
from wego.events.services.meetings import people_attending
from wego.events.services.suggestions import current_framework
from wego.practices.models import Practice

MAX_SLOT_MINUTES = 240
MAX_TABLES = 200
MAX_SEATS = 30


def indicator_choices(domains_too: bool = True) -> list:
    """The current CeDS framework's domains and indicators, grouped by domain."""
    framework = current_framework()
    if framework is None:
        return [("", "—")]
    language = get_language() or "en"
    choices = [("", "—")]
    for domain in framework.domains:
        title = localise(domain.title, language).text
        group = []
        if domains_too:
            group.append((domain.code, _("%(domain)s (the whole domain)") % {"domain": title}))
        group += [(i.code, localise(i.title, language).text) for i in domain.indicators]
        choices.append((title, group))
    return choices


class InterestForm(forms.Form):
    direction = forms.ChoiceField(
        label=_("We"),
        choices=MatchmakingInterest.Direction.choices,
        widget=forms.RadioSelect,
        initial=MatchmakingInterest.Direction.SEEK,
    )
    indicator_code = forms.ChoiceField(label=_("CeDS indicator or domain"), required=False)
    practice = forms.ModelChoiceField(
        label=_("A practice of the library"),
        queryset=Practice.objects.none(),
        required=False,
        to_field_name="slug",
    )
    text = forms.CharField(
        label=_("In a few words"),
        max_length=300,
        required=False,
        help_text=_("For example: open data portals, chatbots for citizen services."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator_code"].choices = indicator_choices()
        self.fields["practice"].queryset = Practice.objects.published().order_by("title")

    def clean(self):
        data = super().clean()
        if not (data.get("indicator_code") or data.get("practice") or data.get("text")):
            raise forms.ValidationError(
                _("Choose an indicator or a practice, or write a few words.")
            )
        return data


class DelegationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class MeetingRequestForm(forms.Form):
    to_delegation = DelegationChoiceField(
        label=_("Delegation to meet"), queryset=Delegation.objects.all()
    )
    topic = forms.CharField(label=_("Topic"), max_length=200)
    indicator = forms.ChoiceField(label=_("CeDS indicator"), required=False)
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=limits.COMMENT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Say what you would like to learn or share."),
    )
    priority = forms.TypedChoiceField(
        label=_("How much it matters to you"),
        choices=MeetingRequest.Priority.choices,
        coerce=int,
        initial=MeetingRequest.Priority.NORMAL,
        help_text=_("When time is short, the schedule keeps the meetings that matter most."),
    )
    attendees = forms.ModelMultipleChoiceField(
        label=_("Who attends from your delegation"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave empty for the head of your delegation."),
    )

    def __init__(self, *args, delegation, choices, **kwargs):
        """`choices` are the delegations at the event to offer; any delegation is accepted
        here, so that the service can say what is wrong with another one."""
        super().__init__(*args, **kwargs)
        self.fields["to_delegation"].choices = [("", "—")] + [(d.pk, d.name) for d in choices]
        self.fields["indicator"].choices = indicator_choices(domains_too=False)
        self.fields["attendees"].queryset = people_attending(delegation)
        self.fields["attendees"].label_from_instance = lambda p: p.full_name


class AvailabilityForm(forms.Form):
    unavailable = forms.ModelMultipleChoiceField(
        label=_("Times when I cannot meet"),
        queryset=MeetingSlot.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["unavailable"]
        field.queryset = event.slots.order_by("starts_at")
        field.label_from_instance = lambda slot: clock(slot.starts_at, event.time_zone)


class SlotsForm(forms.Form):
    first_day = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    last_day = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("To"), widget=forms.TimeInput(attrs={"type": "time"}))
    minutes = forms.IntegerField(
        label=_("Minutes per meeting"), min_value=5, max_value=MAX_SLOT_MINUTES, initial=30
    )

    def clean(self):
        data = super().clean()
        first, last = data.get("first_day"), data.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", _("The last day cannot be before the first day."))
        if first and last and (last - first).days > 14:
            self.add_error("last_day", _("Meetings can be set up for two weeks at most."))
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("The end must be after the start."))
        return data


class TablesForm(forms.Form):
    count = forms.IntegerField(label=_("Tables to add"), min_value=1, max_value=MAX_TABLES)
    seats = forms.IntegerField(
        label=_("Seats at each"), min_value=2, max_value=MAX_SEATS, initial=4
    )


class PlaceForm(forms.Form):
    """Where staff put a meeting: a slot and a table of the event."""

    slot = forms.ModelChoiceField(label=_("Time"), queryset=MeetingSlot.objects.none())
    table = forms.ModelChoiceField(label=_("Table"), queryset=MeetingTable.objects.none())

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = event.slots.order_by("starts_at")
        self.fields["slot"].label_from_instance = lambda s: clock(s.starts_at, event.time_zone)
        self.fields["table"].queryset = event.tables.all()
