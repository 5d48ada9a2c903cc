"""Translatable fields (django-modeltranslation adds one column per language)."""

from modeltranslation.translator import TranslationOptions, register

from wego.members.models import Member, NetworkOffice, OfficeStaffMember


@register(Member)
class MemberTranslation(TranslationOptions):
    fields = ("name",)


@register(NetworkOffice)
class NetworkOfficeTranslation(TranslationOptions):
    fields = ("name",)


@register(OfficeStaffMember)
class OfficeStaffMemberTranslation(TranslationOptions):
    fields = ("title", "team")
