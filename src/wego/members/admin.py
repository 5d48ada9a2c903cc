from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from wego.core.admin_site import SecretariatInline, SecretariatOnly, admin_site
from wego.members.models import LeadershipSeat, Member, NetworkOffice, OfficeStaffMember


class LeadershipSeatInline(SecretariatInline):
    model = LeadershipSeat


class MemberAdmin(SecretariatOnly, TranslationAdmin):
    list_display = ["name", "kind", "country", "region", "membership_type", "status"]
    list_filter = ["region", "kind", "membership_type", "status", "income_group"]
    search_fields = ["name_en", "name_ko", "name_ar"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [LeadershipSeatInline]


class OfficeStaffInline(SecretariatOnly, TranslationTabularInline):
    model = OfficeStaffMember
    extra = 0


class NetworkOfficeAdmin(SecretariatOnly, TranslationAdmin):
    list_display = ["name", "kind", "region", "head_name"]
    inlines = [OfficeStaffInline]


admin_site.register(Member, MemberAdmin)
admin_site.register(NetworkOffice, NetworkOfficeAdmin)
