"""Translatable fields of events (django-modeltranslation adds one column per language)."""

from modeltranslation.translator import TranslationOptions, register

from wego.events.models import Event, RegistrationQuestion, Room, Session, Speaker


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
