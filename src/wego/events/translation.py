"""Translatable fields of events (django-modeltranslation adds one column per language)."""

from modeltranslation.translator import TranslationOptions, register

from wego.events.models import (
    Candidacy,
    Election,
    Event,
    Office,
    RegistrationQuestion,
    Resolution,
    Room,
    Session,
    Speaker,
)


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "summary", "venue", "city")


@register(Room)
class RoomTranslation(TranslationOptions):
    fields = ("name",)


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Speaker)
class SpeakerTranslation(TranslationOptions):
    fields = ("affiliation",)


@register(RegistrationQuestion)
class RegistrationQuestionTranslation(TranslationOptions):
    fields = ("label", "help_text")


@register(Election)
class ElectionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Office)
class OfficeTranslation(TranslationOptions):
    fields = ("title",)


@register(Resolution)
class ResolutionTranslation(TranslationOptions):
    fields = ("title", "text")


@register(Candidacy)
class CandidacyTranslation(TranslationOptions):
    """A city writes its statement in its own language; staff may add the others (readers in
    another language see the first one written, as for any translated text)."""

    fields = ("statement",)
