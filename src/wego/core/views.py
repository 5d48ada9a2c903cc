from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from wego.accounts.models import Invitation
from wego.core.models import Job
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


class JobView(View):
    """A background job's progress: a page that updates itself, or JSON for the script."""

    def get(self, request, pk):
        job = get_object_or_404(Job, pk=pk)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if job.started_by_id != request.user.pk and not request.user.has_perm(
            "practices.manage_search"
        ):
            raise PermissionDenied
        if request.GET.get("format") == "json":
            return JsonResponse(
                {
                    "status": job.status,
                    "status_label": job.get_status_display(),
                    "done": job.done,
                    "total": job.total,
                    "percent": job.percent,
                    "finished": job.finished,
                    "message": job.message,
                }
            )
        return render(request, "core/job.html", {"job": job})
