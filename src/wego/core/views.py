from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from wego.accounts.models import Invitation
from wego.members.domain import queries
from wego.members.models import NetworkOffice


class HomeView(TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        regions = queries.members_by_region()
        return super().get_context_data(
            figures=queries.network_figures(),
            regions=regions,
            regions_max=max((r["count"] for r in regions), default=0) or 1,
            **kwargs,
        )


class AboutView(TemplateView):
    template_name = "core/about.html"

    def get_context_data(self, **kwargs):
        offices = NetworkOffice.objects.select_related("host").prefetch_related("staff")
        return super().get_context_data(
            leadership=queries.current_leadership(), offices=offices, **kwargs
        )


class StaffDashboardView(PermissionRequiredMixin, TemplateView):
    permission_required = "core.view_staff_dashboard"
    template_name = "core/staff_dashboard.html"

    def get_context_data(self, **kwargs):
        members = queries.members_managed_by(self.request.user)
        missing = queries.without_focal_point(members)
        invitations = Invitation.objects.pending().filter(member__in=members)
        return super().get_context_data(
            members_count=members.count(),
            members_without_focal_point=missing.order_by("name"),
            pending_invitations=invitations.count(),
            **kwargs,
        )


def _error_page(request, status, title, message):
    context = {"title": title, "message": message, "status": status}
    return render(request, "core/error.html", context, status=status)


def permission_denied(request, exception=None):
    return _error_page(
        request,
        403,
        _("You do not have access to this page"),
        _(
            "Your account does not have the role this page needs. "
            "If you think it should, contact the WeGO Secretariat."
        ),
    )


def page_not_found(request, exception=None):
    return _error_page(
        request,
        404,
        _("Page not found"),
        _("The page you asked for does not exist or has moved."),
    )


def server_error(request):
    return _error_page(
        request,
        500,
        _("Something went wrong"),
        _(
            "The platform could not complete your request. The team has been told; "
            "please try again in a few minutes."
        ),
    )
