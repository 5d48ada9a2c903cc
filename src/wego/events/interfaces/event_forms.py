"""Staff forms for an event, its rooms and its programme.

Times are typed as a clock at the venue shows them ("09:00 in Cheongju") and stored as UTC
instants. The time zone is a field of the event's own form, so its times are placed only once
the whole form is read: the fields give naive clock times, `clean()` places them with zoneinfo
(never in the server's zone). A session's times are in its event's zone.
"""

from datetime import UTC
from zoneinfo import available_timezones

from django import forms
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext_lazy as _

from wego.core import clock
from wego.core.forms import ClockField, clock_to_instant
from wego.core.time_zones import validate_time_zone
from wego.events.models import Event, Room, Session, Speaker
from wego.events.models.events import SESSION_DESCRIPTION_LENGTH
from wego.members.models import Member

LANGUAGE_CODES = ("en", "ko", "ar")
EVENT_TIMES = ("starts_at", "ends_at", "registration_opens_at", "registration_deadline")
SESSION_TIMES = ("starts_at", "ends_at")
MAX_SPEAKERS = 30
SPEAKER_LINE = 360  # a name (150), a dash and an organisation (200)
SPEAKERS_LENGTH = MAX_SPEAKERS * (SPEAKER_LINE + 1)
SPEAKER_DASHES = ("—", "–", " - ", "|")


def time_zone_names() -> list[str]:
    return sorted(available_timezones())


def place_times(form, data: dict, names, zone: str) -> None:
    """Replace the typed clock times in `data` by their instants in `zone`."""
    for name in names:
        if data.get(name) is None:
            continue
        instant = clock_to_instant(data[name], zone)
        if instant is None:
            form.add_error(
                name,
                _("This time does not exist in %(zone)s: the clocks skip it.") % {"zone": zone},
            )
        else:
            data[name] = instant


def clock_initial(form, instance, names, zone: str) -> None:
    for name in names:
        moment = getattr(instance, name)
        if moment is not None:
            form.initial[name] = clock.local(moment, zone).replace(tzinfo=None)


class EventForm(forms.ModelForm):
    time_zone = forms.CharField(
        label=_("Time zone of the venue"),
        max_length=64,
        initial="Asia/Seoul",
        validators=[validate_time_zone],
        help_text=_(
            "A name like Asia/Seoul or Europe/Madrid; for an online event, the organiser's. "
            "The times below are typed, shown and kept in it."
        ),
        widget=forms.TextInput(attrs={"list": "time-zones", "autocomplete": "off"}),
    )
    starts_at = ClockField(label=_("Starts"), help_text=_("For example 2026-09-08 09:00."))
    ends_at = ClockField(label=_("Ends"))
    registration_opens_at = ClockField(label=_("Registration opens"), required=False)
    registration_deadline = ClockField(
        label=_("Registration deadline"),
        required=False,
        help_text=_("Registrations, changes and cancellations are possible until then."),
    )
    host_member = forms.ModelChoiceField(
        label=_("Host member"),
        queryset=Member.objects.order_by("name"),
        required=False,
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "title_en",
            "title_ko",
            "title_ar",
            "slug",
            "summary_en",
            "summary_ko",
            "summary_ar",
            "audience",
            "language",
            "time_zone",
            "starts_at",
            "ends_at",
            "venue_en",
            "venue_ko",
            "venue_ar",
            "city_en",
            "city_ko",
            "city_ar",
            "country",
            "online_url",
            "host_member",
            "registration_opens_at",
            "registration_deadline",
            "capacity",
            "quota_per_member",
            "needs_approval",
            "offers_visa_letters",
            "has_matchmaking",
            "recording_url",
            "slides_url",
            "published",
        ]
        labels = {
            "title_en": _("Title in English"),
            "title_ko": _("Title in Korean"),
            "title_ar": _("Title in Arabic"),
            "summary_en": _("Description in English"),
            "summary_ko": _("Description in Korean"),
            "summary_ar": _("Description in Arabic"),
            "venue_en": _("Venue in English"),
            "venue_ko": _("Venue in Korean"),
            "venue_ar": _("Venue in Arabic"),
            "city_en": _("City in English"),
            "city_ko": _("City in Korean"),
            "city_ar": _("City in Arabic"),
            "published": _("Published: shown on the calendar"),
        }
        help_texts = {
            "slug": _("Lowercase letters, digits and hyphens, e.g. general-assembly-2026."),
            "online_url": _(
                "Shown only to those who may see the event. For a webinar, the meeting link."
            ),
            "recording_url": _("After a webinar: the address of its recording."),
            "slides_url": _("After a webinar: the address of its slides."),
            "published": _("A draft is seen by staff only."),
        }
        widgets = {
            "summary_en": forms.Textarea(attrs={"rows": 5}),
            "summary_ko": forms.Textarea(attrs={"rows": 5, "lang": "ko"}),
            "summary_ar": forms.Textarea(attrs={"rows": 5, "lang": "ar", "dir": "rtl"}),
            "title_ko": forms.TextInput(attrs={"lang": "ko"}),
            "title_ar": forms.TextInput(attrs={"lang": "ar", "dir": "rtl"}),
            "venue_ko": forms.TextInput(attrs={"lang": "ko"}),
            "venue_ar": forms.TextInput(attrs={"lang": "ar", "dir": "rtl"}),
            "city_ko": forms.TextInput(attrs={"lang": "ko"}),
            "city_ar": forms.TextInput(attrs={"lang": "ar", "dir": "rtl"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_en"].required = True
        for name in ("capacity", "quota_per_member"):
            self.fields[name].widget.attrs.update(min=1, **{"class": "input--short"})
        if self.instance.pk:
            clock_initial(self, self.instance, EVENT_TIMES, self.instance.time_zone)

    def clean_slug(self):
        """A web address name the platform's own pages already answer could never be
        reached (events/new/, events/matchmaking/...)."""
        slug = self.cleaned_data["slug"]
        address = reverse("events:calendar") + f"{slug}/"
        try:
            match = resolve(address)
        except Resolver404:
            return slug
        if match.view_name != "events:detail":
            raise forms.ValidationError(
                _("“%(slug)s” is taken by the platform's own pages; choose another name.")
                % {"slug": slug}
            )
        return slug

    def clean(self):
        data = super().clean()
        zone = data.get("time_zone")
        if zone:
            place_times(self, data, EVENT_TIMES, zone)
        else:
            # The zone is refused, so nothing is saved; the times are placed in UTC meanwhile,
            # only so that the other checks (ends before it starts) can still be said.
            for name in EVENT_TIMES:
                if data.get(name) is not None:
                    data[name] = data[name].replace(tzinfo=UTC)
        if not (data.get("venue_en") or data.get("online_url")) and "venue_en" not in self.errors:
            self.add_error(
                "venue_en",
                _("Give the venue, or an online meeting link for an event held online."),
            )
        return data


class RoomForm(forms.ModelForm):
    class Meta:
        model = Room
        fields = ["name_en", "name_ko", "name_ar", "capacity"]
        labels = {
            "name_en": _("Room name in English"),
            "name_ko": _("Room name in Korean"),
            "name_ar": _("Room name in Arabic"),
        }
        widgets = {
            "name_ko": forms.TextInput(attrs={"lang": "ko"}),
            "name_ar": forms.TextInput(attrs={"lang": "ar", "dir": "rtl"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_en"].required = True
        self.fields["capacity"].widget.attrs.update(min=1, **{"class": "input--short"})


def parse_speakers(text: str) -> list[tuple[str, str]]:
    """ "Name — Organisation", one a line, into (name, organisation) pairs."""
    speakers = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        name, organisation = line, ""
        for dash in SPEAKER_DASHES:
            if dash in line:
                name, organisation = (part.strip() for part in line.split(dash, 1))
                break
        speakers.append((name, organisation))
    return speakers


class SessionForm(forms.ModelForm):
    starts_at = ClockField(label=_("Starts"), help_text=_("For example 2026-09-08 09:00."))
    ends_at = ClockField(label=_("Ends"))
    speakers_text = forms.CharField(
        label=_("Speakers"),
        required=False,
        max_length=SPEAKERS_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line: Name — Organisation (the organisation in English)."),
    )

    class Meta:
        model = Session
        fields = [
            "title_en",
            "title_ko",
            "title_ar",
            "kind",
            "starts_at",
            "ends_at",
            "room",
            "capacity",
            "description_en",
            "description_ko",
            "description_ar",
        ]
        labels = {
            "title_en": _("Title in English"),
            "title_ko": _("Title in Korean"),
            "title_ar": _("Title in Arabic"),
            "description_en": _("Description in English"),
            "description_ko": _("Description in Korean"),
            "description_ar": _("Description in Arabic"),
        }
        widgets = {
            "title_ko": forms.TextInput(attrs={"lang": "ko"}),
            "title_ar": forms.TextInput(attrs={"lang": "ar", "dir": "rtl"}),
            "description_en": forms.Textarea(attrs={"rows": 3}),
            "description_ko": forms.Textarea(attrs={"rows": 3, "lang": "ko"}),
            "description_ar": forms.Textarea(attrs={"rows": 3, "lang": "ar", "dir": "rtl"}),
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["title_en"].required = True
        self.fields["room"].queryset = event.rooms.all()
        self.fields["capacity"].widget.attrs.update(min=1, **{"class": "input--short"})
        for language in LANGUAGE_CODES:
            self.fields[f"description_{language}"].max_length = SESSION_DESCRIPTION_LENGTH
        zone = event.time_zone
        self.fields["starts_at"].help_text = _(
            "In the venue's time zone, %(zone)s; for example 2026-09-08 09:00."
        ) % {"zone": zone}
        if self.instance.pk:
            clock_initial(self, self.instance, SESSION_TIMES, zone)
            self.initial["speakers_text"] = "\n".join(
                f"{s.name} — {s.affiliation}" if s.affiliation else s.name
                for s in self.instance.speakers.all()
            )

    def clean_speakers_text(self):
        speakers = parse_speakers(self.cleaned_data["speakers_text"])
        if len(speakers) > MAX_SPEAKERS:
            raise forms.ValidationError(
                _("At most %(count)s speakers per session.") % {"count": MAX_SPEAKERS}
            )
        for name, organisation in speakers:
            if not name or len(name) > 150 or len(organisation) > 200:
                raise forms.ValidationError(
                    _(
                        "Write each speaker as “Name — Organisation”: a name of up to 150 "
                        "characters, an organisation of up to 200."
                    )
                )
        return speakers

    def clean(self):
        data = super().clean()
        zone = self.event.time_zone
        place_times(self, data, SESSION_TIMES, zone)
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and starts.tzinfo and ends.tzinfo:
            if ends < starts:
                self.add_error("ends_at", _("The session cannot end before it starts."))
            else:
                first = clock.local(self.event.starts_at, zone).date()
                last = clock.local(self.event.ends_at, zone).date()
                day = clock.local(starts, zone).date()
                if not first <= day <= last:
                    self.add_error(
                        "starts_at",
                        _(
                            "The session starts outside the event's dates (%(first)s to "
                            "%(last)s in %(zone)s)."
                        )
                        % {"first": first.isoformat(), "last": last.isoformat(), "zone": zone},
                    )
        return data

    def save(self, commit=True):
        session = super().save(commit=False)
        session.event = self.event
        if commit:
            session.save()
            # A speaker typed again keeps the member they were linked to (in the admin).
            members = dict(session.speakers.values_list("name", "member"))
            session.speakers.all().delete()
            Speaker.objects.bulk_create(
                Speaker(
                    session=session,
                    name=name,
                    affiliation_en=organisation,
                    member_id=members.get(name),
                    order=number,
                )
                for number, (name, organisation) in enumerate(self.cleaned_data["speakers_text"])
            )
        return session
