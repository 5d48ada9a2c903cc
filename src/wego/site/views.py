"""Pages made from several domains: the home page, about WeGO, the staff dashboard."""

from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from wego.accounts.models import Invitation
from wego.members.models import Member, NetworkOffice
from wego.members.services import queries


class HomeView(TemplateView):
    template_name = "site/home.html"

    def get_context_data(self, **kwargs):
        regions = queries.members_by_region()
        return super().get_context_data(
            figures=queries.network_figures(),
            regions=regions,
            regions_max=max((r["count"] for r in regions), default=0) or 1,
            **kwargs,
        )


class AboutView(TemplateView):
    template_name = "site/about.html"

    def get_context_data(self, **kwargs):
        offices = NetworkOffice.objects.select_related("host").prefetch_related("staff")
        return super().get_context_data(
            leadership=queries.current_leadership(), offices=offices, **kwargs
        )


class StaffDashboardView(PermissionRequiredMixin, TemplateView):
    permission_required = "site.view_staff_dashboard"
    template_name = "site/staff_dashboard.html"

    def get_context_data(self, **kwargs):
        members = Member.objects.managed_by(self.request.user)
        missing = queries.without_focal_point(members)
        invitations = Invitation.objects.pending().visible_to(self.request.user)
        return super().get_context_data(
            members_count=members.count(),
            members_without_focal_point=missing.order_by("name"),
            pending_invitations=invitations.count(),
            **kwargs,
        )
