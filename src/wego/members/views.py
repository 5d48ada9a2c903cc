from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView
from rules.contrib.views import PermissionRequiredMixin

from wego.accounts.models import Role, RoleAssignment
from wego.core.exports import csv_response, xlsx_response
from wego.members.interfaces import profile_page
from wego.members.interfaces.exporters import directory_rows
from wego.members.interfaces.forms import DirectoryFilterForm, ProfileForm, ProfileReviewForm
from wego.members.models import Member, MemberProfile, NetworkOffice
from wego.members.services import profiles, queries
from wego.members.signals import member_page_sections

EXPORT_FORMATS = {"csv", "xlsx"}


class DirectoryView(ListView):
    template_name = "members/directory.html"
    context_object_name = "members"
    paginate_by = 50

    def get(self, request, *args, **kwargs):
        codes = queries.active_members().values_list("country", flat=True).distinct()
        self.form = DirectoryFilterForm(request.GET or None, country_codes=set(codes))
        export = request.GET.get("format")
        if export in EXPORT_FORMATS:
            return self.export(export)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        members = queries.active_members().order_by("name")
        if self.form.is_bound and self.form.is_valid():
            members = self.form.filter(members)
        return members

    def export(self, export_format):
        rows = directory_rows(self.get_queryset())
        if export_format == "csv":
            return csv_response(rows, "wego-members")
        return xlsx_response([(_("Members"), list(rows))], "wego-members")

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("format", None)
        return super().get_context_data(
            form=self.form,
            total=queries.active_members().count(),
            filter_query=query.urlencode(),
            **kwargs,
        )


class MemberDetailView(DetailView):
    template_name = "members/detail.html"
    context_object_name = "member"

    def get_queryset(self):
        return Member.objects.select_related("profile").prefetch_related(
            "leadership_seats", "hosted_offices"
        )

    def get_context_data(self, **kwargs):
        member = self.object
        user = self.request.user
        return super().get_context_data(
            can_view_team=user.has_perm("members.view_team", member),
            seats=sorted(member.leadership_seats.all(), key=lambda s: (-s.term_start, s.rank)),
            regional_office=member_regional_office(member),
            **profile_sections(member, user),
            **kwargs,
        )


def profile_sections(member, user) -> dict:
    """The profile's public sections, and its waiting changes for those who may see them."""
    can_edit = user.has_perm("members.edit_profile", member)
    can_review = user.has_perm("members.review_profile", member)
    profile = profiles.profile_of(member)
    published = profile if profile.is_published else None
    may_see_focal_points = user.has_perm("members.view_focal_point_contacts")
    return {
        "profile": published,
        "area": profile_page.area_text(published.area_km2) if published else None,
        "sections": member_page_sections(member, user, get_language() or "en"),
        "partners": profile_page.partners(member),
        "focal_points": profile_page.focal_point_names(member) if may_see_focal_points else None,
        "can_edit_profile": can_edit,
        "can_review_profile": can_review,
        "review": review_status(profile) if can_edit or can_review else None,
    }


def review_status(profile: MemberProfile) -> dict | None:
    """The waiting changes (field by field) and where the review stands."""
    if not profile.has_pending_changes:
        return None
    names = profile_page.partner_names([profile])
    return {"profile": profile, "changes": profile_page.change_rows(profile, names)}


def member_regional_office(member):
    """The regional office that serves the member's region, if there is one."""
    return NetworkOffice.objects.filter(
        kind=NetworkOffice.Kind.REGIONAL_OFFICE, region=member.region
    ).first()


class MemberTeamView(PermissionRequiredMixin, DetailView):
    """The people who act for a member on the platform, and pending invitations."""

    permission_required = "members.view_team"
    template_name = "members/team.html"
    context_object_name = "member"

    def get_queryset(self):
        assignments = RoleAssignment.objects.select_related("user").order_by(
            "role", "user__full_name"
        )
        return Member.objects.prefetch_related(Prefetch("role_assignments", queryset=assignments))

    def get_context_data(self, **kwargs):
        member = self.object
        return super().get_context_data(
            focal_points=[a for a in member.role_assignments.all() if a.role == Role.FOCAL_POINT],
            city_users=[a for a in member.role_assignments.all() if a.role == Role.CITY_USER],
            invitations=member.invitations.pending(),
            can_invite=self.request.user.has_perm("accounts.invite_to_member", member),
            **kwargs,
        )


class MemberScopedMixin(PermissionRequiredMixin):
    """A page about one member (from the slug); permissions are checked against it."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.member = get_object_or_404(Member, slug=kwargs["slug"])

    def get_permission_object(self):
        return self.member


class ProfileEditView(MemberScopedMixin, View):
    """The city's users edit the profile; the changes wait for staff review."""

    permission_required = "members.edit_profile"
    template_name = "members/profile_edit.html"

    def get(self, request, slug):
        profile = profiles.profile_of(self.member)
        form = ProfileForm(initial=profiles.draft_values(profile), member=self.member)
        return self.render(form, profile)

    def post(self, request, slug):
        form = ProfileForm(request.POST, member=self.member)
        if not form.is_valid():
            return self.render(form, profiles.profile_of(self.member), status=400)
        profile = profiles.submit_changes(self.member, form.cleaned_data, request.user)
        if profile.has_pending_changes:
            messages.success(request, _("Thank you. WeGO staff will review your changes."))
        else:
            messages.info(request, _("Nothing changed: the public profile stays as it is."))
        return redirect(self.member)

    def render(self, form, profile, status=200):
        context = {"member": self.member, "form": form, "review": review_status(profile)}
        return render(self.request, self.template_name, context, status=status)


class ProfileReviewQueueView(PermissionRequiredMixin, View):
    """Staff: every profile with changes waiting, among the members they look after."""

    permission_required = "members.view_profile_reviews"
    template_name = "members/profile_review_queue.html"

    def get(self, request):
        waiting = list(profiles.waiting_for_review(Member.objects.managed_by(request.user)))
        names = profile_page.partner_names(waiting)
        items = [review_item(profile, names) for profile in waiting]
        return render(request, self.template_name, {"items": items})


def review_item(profile: MemberProfile, names: dict, form=None) -> dict:
    version = profiles.version_of(profile)
    return {
        "profile": profile,
        "member": profile.member,
        "changes": profile_page.change_rows(profile, names),
        "form": form or ProfileReviewForm(initial={"version": version}, prefix=profile.member.slug),
    }


class ProfileReviewView(MemberScopedMixin, View):
    """Staff approve one member's waiting changes, or send them back with a comment."""

    permission_required = "members.review_profile"
    template_name = "members/profile_review.html"

    def get(self, request, slug):
        return self.render()

    def post(self, request, slug):
        form = ProfileReviewForm(request.POST, prefix=slug)
        if not form.is_valid():
            return self.render(form, status=400)
        profile = profiles.profile_of(self.member)
        data = form.cleaned_data
        try:
            if data["decision"] == ProfileReviewForm.APPROVE:
                profiles.approve(profile, request.user, data["version"])
                messages.success(request, _("The changes are approved and public."))
            else:
                profiles.send_back(profile, request.user, data["version"], data["comment"])
                messages.success(request, _("The changes are sent back to the city."))
        except profiles.ReviewError:
            messages.warning(
                request,
                _("The profile changed since you opened it (edited or already reviewed)."),
            )
            return redirect("members:profile_review", slug=slug)
        return redirect("members:profile_reviews")

    def render(self, form=None, status=200):
        profile = profiles.profile_of(self.member)
        item = None
        if profile.review_state == MemberProfile.ReviewState.PENDING:
            item = review_item(profile, profile_page.partner_names([profile]), form)
        context = {"member": self.member, "item": item}
        return render(self.request, self.template_name, context, status=status)
