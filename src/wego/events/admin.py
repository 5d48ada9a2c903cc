"""Events in the secretariat's administration; the platform's own pages do the daily work
(events/new/, an event's programme page, the registration queue).

Passport details are listed without their numbers; the number is seen inside one record only.
"""

from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from wego.core.admin_site import (
    SecretariatInline,
    SecretariatModelAdmin,
    SecretariatOnly,
    admin_site,
)
from wego.events.models import (
    Delegation,
    Event,
    MatchmakingInterest,
    MatchmakingRequest,
    Meeting,
    MeetingRequest,
    MeetingSlot,
    MeetingTable,
    PassportDetails,
    Registration,
    RegistrationQuestion,
    Room,
    ScheduleRun,
    Session,
    Speaker,
)


class RoomInline(SecretariatOnly, TranslationTabularInline):
    model = Room
    extra = 0


class RegistrationQuestionInline(SecretariatOnly, TranslationTabularInline):
    model = RegistrationQuestion
    extra = 0


class EventAdmin(SecretariatOnly, TranslationAdmin):
    list_display = ["title", "kind", "starts_at", "time_zone", "audience", "published"]
    list_filter = ["kind", "audience", "published", "is_demo"]
    search_fields = ["title_en", "title_ko", "title_ar", "slug", "city_en"]
    prepopulated_fields = {"slug": ["title_en"]}
    autocomplete_fields = ["host_member"]
    readonly_fields = ["created_at"]
    date_hierarchy = "starts_at"
    inlines = [RoomInline, RegistrationQuestionInline]


class SpeakerInline(SecretariatOnly, TranslationTabularInline):
    model = Speaker
    extra = 0
    raw_id_fields = ["member"]


class SessionAdmin(SecretariatOnly, TranslationAdmin):
    list_display = ["title", "event", "kind", "starts_at", "room"]
    list_filter = ["event", "kind"]
    search_fields = ["title_en", "title_ko", "title_ar"]
    list_select_related = ["event", "room"]
    raw_id_fields = ["event", "room"]
    inlines = [SpeakerInline]


class SpeakerAdmin(SecretariatOnly, TranslationAdmin):
    list_display = ["name", "affiliation", "session"]
    search_fields = ["name", "affiliation_en"]
    raw_id_fields = ["session", "member"]


class RoomAdmin(SecretariatOnly, TranslationAdmin):
    list_display = ["name", "event", "capacity"]
    list_filter = ["event"]
    raw_id_fields = ["event"]


class RegistrationQuestionAdmin(SecretariatOnly, TranslationAdmin):
    list_display = ["label", "event"]
    list_filter = ["event"]
    raw_id_fields = ["event"]


class RegistrationInline(SecretariatInline):
    model = Registration
    fields = ["full_name", "email", "role", "status", "checked_in_at"]
    readonly_fields = ["checked_in_at"]
    show_change_link = True


class DelegationAdmin(SecretariatModelAdmin):
    list_display = ["__str__", "event", "member", "created_at"]
    list_filter = ["event"]
    search_fields = ["member__name_en", "organisation"]
    raw_id_fields = ["event", "member", "registered_by"]
    readonly_fields = ["created_at"]
    inlines = [RegistrationInline]


class RegistrationAdmin(SecretariatModelAdmin):
    list_display = ["full_name", "event", "delegation", "role", "status", "checked_in_at"]
    list_filter = ["event", "status", "role"]
    search_fields = ["full_name", "email"]
    raw_id_fields = ["event", "delegation", "user", "checked_in_by"]
    filter_horizontal = ["sessions"]
    readonly_fields = ["badge_code", "created_at", "updated_at", "waitlisted_at"]
    exclude = ["unavailable_slots"]


class PassportDetailsAdmin(SecretariatModelAdmin):
    list_display = ["registration", "nationality", "expires_on"]
    raw_id_fields = ["registration"]
    readonly_fields = ["updated_at"]


class MatchmakingRequestAdmin(SecretariatModelAdmin):
    list_display = ["topic", "from_member", "to_member", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["topic", "from_member__name_en", "to_member__name_en"]
    raw_id_fields = ["from_member", "to_member", "requested_by", "answered_by"]
    readonly_fields = ["created_at", "answered_at"]


class MatchmakingInterestAdmin(SecretariatModelAdmin):
    list_display = ["registration", "direction", "indicator_code", "text"]
    list_filter = ["direction"]
    raw_id_fields = ["registration", "practice"]


class MeetingRequestAdmin(SecretariatModelAdmin):
    list_display = ["topic", "event", "from_delegation", "to_delegation", "status", "priority"]
    list_filter = ["event", "status"]
    search_fields = ["topic"]
    raw_id_fields = [
        "event",
        "from_delegation",
        "to_delegation",
        "source",
        "requested_by",
        "answered_by",
    ]
    filter_horizontal = ["attendees"]
    readonly_fields = ["created_at", "answered_at"]


class MeetingSlotAdmin(SecretariatModelAdmin):
    list_display = ["__str__", "event", "starts_at", "ends_at"]
    list_filter = ["event"]
    raw_id_fields = ["event"]


class MeetingTableAdmin(SecretariatModelAdmin):
    list_display = ["name", "event", "seats"]
    list_filter = ["event"]
    raw_id_fields = ["event"]


class MeetingAdmin(SecretariatModelAdmin):
    list_display = ["request", "slot", "table", "pinned"]
    list_filter = ["pinned", "slot__event"]
    raw_id_fields = ["request", "slot", "table", "run"]


class ScheduleRunAdmin(SecretariatModelAdmin):
    list_display = ["event", "created_at", "method", "meetings", "requests", "optimal", "seconds"]
    list_filter = ["event", "optimal"]
    raw_id_fields = ["event", "job", "started_by"]
    readonly_fields = [f.name for f in ScheduleRun._meta.fields if f.name != "id"]


admin_site.register(Event, EventAdmin)
admin_site.register(Room, RoomAdmin)
admin_site.register(Session, SessionAdmin)
admin_site.register(Speaker, SpeakerAdmin)
admin_site.register(RegistrationQuestion, RegistrationQuestionAdmin)
admin_site.register(Delegation, DelegationAdmin)
admin_site.register(Registration, RegistrationAdmin)
admin_site.register(PassportDetails, PassportDetailsAdmin)
admin_site.register(MatchmakingRequest, MatchmakingRequestAdmin)
admin_site.register(MatchmakingInterest, MatchmakingInterestAdmin)
admin_site.register(MeetingRequest, MeetingRequestAdmin)
admin_site.register(MeetingSlot, MeetingSlotAdmin)
admin_site.register(MeetingTable, MeetingTableAdmin)
admin_site.register(Meeting, MeetingAdmin)
admin_site.register(ScheduleRun, ScheduleRunAdmin)
