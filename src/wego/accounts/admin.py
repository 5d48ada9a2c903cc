from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from wego.accounts.models import Invitation, RoleAssignment, User
from wego.core.admin_site import SecretariatInline, SecretariatModelAdmin, admin_site


class RoleAssignmentInline(SecretariatInline):
    model = RoleAssignment
    autocomplete_fields = ["member"]


class PlatformUserAdmin(SecretariatModelAdmin, UserAdmin):
    ordering = ["full_name"]
    list_display = ["email", "full_name", "is_active", "last_login"]
    search_fields = ["email", "full_name"]
    list_filter = ["is_active", "role_assignments__role"]
    inlines = [RoleAssignmentInline]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "preferred_language"]}),
        (_("Access"), {"fields": ["is_active"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "full_name", "password1", "password2"]})]
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal = []


class InvitationAdmin(SecretariatModelAdmin):
    list_display = ["email", "role", "member", "region", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role", "region"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["created_at", "accepted_at", "invited_by"]


admin_site.register(User, PlatformUserAdmin)
admin_site.register(Invitation, InvitationAdmin)
