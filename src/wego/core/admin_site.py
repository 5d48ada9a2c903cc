"""The staff-only administration, open to the secretariat through the rules predicates."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class SecretariatAdminSite(admin.AdminSite):
    site_header = _("WeGO Platform administration")
    site_title = _("WeGO Platform administration")
    index_title = _("Secretariat tools")

    def has_permission(self, request):
        return request.user.is_active and request.user.has_perm("core.use_admin")


class SecretariatOnly:
    """Every admin permission is the one secretariat predicate."""

    def _allowed(self, request, obj=None):
        return request.user.has_perm("core.use_admin")

    has_module_permission = _allowed
    has_view_permission = _allowed
    has_add_permission = _allowed
    has_change_permission = _allowed
    has_delete_permission = _allowed


class SecretariatModelAdmin(SecretariatOnly, admin.ModelAdmin):
    pass


class SecretariatInline(SecretariatOnly, admin.TabularInline):
    extra = 0


admin_site = SecretariatAdminSite(name="admin")


def _login_through_platform(request, extra_context=None):
    """Staff sign in on the platform's own login page, not a second admin login."""
    from django.contrib.auth.views import redirect_to_login

    return redirect_to_login(request.get_full_path())


admin_site.login = _login_through_platform
