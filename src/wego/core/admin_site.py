"""The staff-only administration, open to the secretariat through the rules predicates."""

from functools import update_wrapper

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _


class SecretariatAdminSite(admin.AdminSite):
    site_header = _("WeGO Platform administration")
    site_title = _("WeGO Platform administration")
    index_title = _("Secretariat tools")

    def has_permission(self, request):
        return request.user.is_active and request.user.has_perm("core.use_admin")

    def admin_view(self, view, cacheable=False):
        """A signed-in user without the secretariat role gets 403, not a second login page."""
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, view)


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
    return redirect_to_login(request.get_full_path())


admin_site.login = _login_through_platform
