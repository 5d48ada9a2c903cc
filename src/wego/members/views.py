from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView
from rules.contrib.views import PermissionRequiredMixin

from wego.accounts.models import Role, RoleAssignment
from wego.core.exports import csv_response, xlsx_response
from wego.members.domain import queries
from wego.members.interfaces.exporters import directory_rows
from wego.members.interfaces.forms import DirectoryFilterForm
from wego.members.models import Member, NetworkOffice

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
        return Member.objects.prefetch_related("leadership_seats", "hosted_offices")

    def get_context_data(self, **kwargs):
        member = self.object
        user = self.request.user
        return super().get_context_data(
            can_view_team=user.has_perm("members.view_team", member),
            seats=sorted(member.leadership_seats.all(), key=lambda s: (-s.term_start, s.rank)),
            regional_office=member_regional_office(member),
            **kwargs,
        )


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
