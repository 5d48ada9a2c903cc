"""Pages made from several domains: the home page, about WeGO, the staff dashboard, and where a
person lands after signing in."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from wego.accounts.models import Invitation
from wego.awards.models import Assignment, Review
from wego.diagnostic.models import Assessment
from wego.members.models import Member, MemberProfile, NetworkOffice
from wego.members.services import queries
from wego.practices.models import Practice


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
        user = self.request.user
        members = Member.objects.managed_by(user)
        missing = queries.without_focal_point(members)
        invitations = Invitation.objects.pending().visible_to(user)
        return super().get_context_data(
            members_count=members.count(),
            members_without_focal_point=missing.order_by("name"),
            pending_invitations=invitations.count(),
            **waiting_for(user),
            **kwargs,
        )


def waiting_for(user) -> dict:
    """What the staff user has to act on now, among the members they look after."""
    to_validate = (
        Assessment.objects.answers_visible_to(user)
        .filter(status=Assessment.Status.SUBMITTED)
        .select_related("member", "framework_version")
        .defer("framework_version__content", "domain_scores", "indicator_scores")
        .order_by("submitted_at")
    )
    practices = Practice.objects.drafts_visible_to(user).filter(status=Practice.Status.REVIEW)
    profiles = MemberProfile.objects.changes_visible_to(user).filter(
        review_state=MemberProfile.ReviewState.PENDING
    )
    return {
        "to_validate": list(to_validate[:20]),
        "to_validate_count": to_validate.count(),
        "practices_to_review": practices.count(),
        "profiles_to_review": profiles.count(),
    }


def scoring_waiting(user):
    """The judge's assignments in a cycle being judged now, not submitted yet."""
    now = timezone.now()
    return (
        Assignment.objects.free_of_conflict()
        .filter(
            judge__user=user,
            application__cycle__deadline__lte=now,
            application__cycle__judging_ends_at__gt=now,
        )
        .exclude(review__status=Review.Status.SUBMITTED)
    )


def next_step(user) -> str:
    """Where a person signing in has something to do: their judging, the staff's queues,
    their city's assessment in progress (or the diagnostic, to start one), else their account."""
    if user.has_perm("awards.judge") and scoring_waiting(user).exists():
        return reverse("awards:judging")
    if user.has_perm("site.view_staff_dashboard"):
        return reverse("site:staff_dashboard")
    own = Member.objects.acted_for_by(user)
    if own.exists():
        in_progress = (
            Assessment.objects.filter(member__in=own, status__in=Assessment.EDITABLE)
            .order_by("-year", "-updated_at")
            .first()
        )
        return in_progress.get_absolute_url() if in_progress else reverse("diagnostic:home")
    return reverse("accounts:profile")


class NextStepView(LoginRequiredMixin, View):
    """Where signing in leads when no page asked for it (LOGIN_REDIRECT_URL)."""

    def get(self, request):
        return redirect(next_step(request.user))
