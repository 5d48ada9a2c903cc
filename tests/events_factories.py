"""Factories of events for tests: real rows, sensible defaults. `EventFactory()` (or
`EventFactory.create()`) gives a published public event starting in 30 days, registration
open, in Asia/Seoul; `DelegationFactory(event=..., member=...)`; `RegistrationFactory(...)`
(an approved person who agreed to appear on the participant list, unless told otherwise).
Any model field can be given; `build()` returns the object unsaved."""

import itertools
from datetime import timedelta

from django.utils import timezone

from tests.factories import make_member
from wego.events.models import Delegation, Event, Registration, RegistrationQuestion, Session

_sequence = itertools.count(1)


class _Factory:
    model = None

    def __new__(cls, **fields):
        return cls.create(**fields)

    @classmethod
    def defaults(cls, fields) -> dict:
        return {}

    @classmethod
    def build(cls, **fields):
        values = cls.defaults(fields)
        values.update(fields)
        names = {f.name for f in cls.model._meta.fields}
        for name, value in fields.items():  # a translated field given: its English column too
            if f"{name}_en" in names and f"{name}_en" not in fields:
                values[f"{name}_en"] = value
        return cls.model(**values)

    @classmethod
    def create(cls, **fields):
        made = cls.build(**fields)
        made.save()
        return made

    @classmethod
    def create_batch(cls, count: int, **fields) -> list:
        return [cls.create(**fields) for _ in range(count)]


class EventFactory(_Factory):
    model = Event

    @classmethod
    def defaults(cls, fields):
        number = next(_sequence)
        starts = timezone.now().replace(microsecond=0) + timedelta(days=30)
        starts = fields.get("starts_at", starts)
        return {
            "slug": f"test-event-{number}",
            "kind": Event.Kind.GENERAL_ASSEMBLY,
            "title": f"Test General Assembly {number}",
            "title_en": f"Test General Assembly {number}",
            "audience": Event.Audience.PUBLIC,
            "published": True,
            "starts_at": starts,
            "ends_at": starts + timedelta(days=2),
            "time_zone": "Asia/Seoul",
            "venue": "Seoul City Hall",
            "city": "Seoul",
            "country": "KR",
            "registration_opens_at": timezone.now() - timedelta(days=10),
            "registration_deadline": starts - timedelta(days=7),
        }


class DelegationFactory(_Factory):
    model = Delegation

    @classmethod
    def defaults(cls, fields):
        values = {}
        if "event" not in fields:
            values["event"] = EventFactory()
        if "member" not in fields and not fields.get("organisation"):
            values["member"] = make_member()
        return values


class RegistrationFactory(_Factory):
    model = Registration

    @classmethod
    def defaults(cls, fields):
        number = next(_sequence)
        delegation = fields.get("delegation")
        if delegation is None:
            delegation = DelegationFactory(
                **({"event": fields["event"]} if "event" in fields else {})
            )
        return {
            "delegation": delegation,
            "event": delegation.event,
            "full_name": f"Participant {number}",
            "email": f"participant{number}@example.org",
            "position": "Director of digital government",
            "role": Registration.Role.DELEGATE,
            "status": Registration.Status.APPROVED,
            "listed": True,
        }


class QuestionFactory(_Factory):
    model = RegistrationQuestion

    @classmethod
    def defaults(cls, fields):
        number = next(_sequence)
        values = {"label": f"Question {number}", "label_en": f"Question {number}"}
        if "event" not in fields:
            values["event"] = EventFactory()
        return values


class SessionFactory(_Factory):
    model = Session

    @classmethod
    def defaults(cls, fields):
        number = next(_sequence)
        event = fields.get("event") or EventFactory()
        starts = fields.get("starts_at", event.starts_at + timedelta(hours=number % 8))
        return {
            "event": event,
            "title": f"Session {number}",
            "title_en": f"Session {number}",
            "starts_at": starts,
            "ends_at": starts + timedelta(hours=1),
        }
