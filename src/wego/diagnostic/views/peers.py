"""Comparison with peers: the benchmark page and the city's own peer groups."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from rules.contrib.views import PermissionRequiredMixin

from wego.diagnostic.interfaces.benchmark import benchmark_context
from wego.diagnostic.interfaces.forms import (
    PeerGroupForm,
)
from wego.diagnostic.models import (
    PeerGroup,
)
from wego.diagnostic.views.base import AssessmentMixin, language
from wego.members.models import Member


class BenchmarkView(AssessmentMixin, View):
    """The assessment against its peer groups: all members, region, country, size, income."""

    def get(self, request, pk):
        details = request.user.has_perm("diagnostic.view_assessment_details", self.assessment)
        custom = list(self.assessment.member.peer_groups.all()) if details else []
        context = benchmark_context(self.assessment, language(), request.GET, custom)
        status = 400 if context.get("indicator_problems") else 200
        return render(
            request, "diagnostic/benchmark.html", self.base_context(**context), status=status
        )


class PeerGroupMixin(PermissionRequiredMixin):
    """Peer groups of the members the user acts for (city users only)."""

    permission_required = "diagnostic.manage_peer_groups"

    @cached_property
    def owners(self):
        return Member.objects.acted_for_by(self.request.user).order_by("name")


class PeerGroupListView(PeerGroupMixin, TemplateView):
    template_name = "diagnostic/peer_groups.html"

    def get_context_data(self, **kwargs):
        groups = PeerGroup.objects.filter(owner__in=self.owners).prefetch_related("members")
        return super().get_context_data(owners=self.owners, groups=groups, **kwargs)


class PeerGroupEditView(PeerGroupMixin, View):
    """Create (no pk) or change a custom peer group."""

    template_name = "diagnostic/peer_group_form.html"

    def get_group_and_owner(self, request, pk):
        if pk is None:
            owner = self.owners.filter(slug=request.GET.get("for") or request.POST.get("for"))
            return PeerGroup(), owner.first() or self.owners.first()
        group = get_object_or_404(PeerGroup.objects.select_related("owner"), pk=pk)
        if not request.user.has_perm("diagnostic.edit_peer_group", group):
            raise PermissionDenied
        return group, group.owner

    def get(self, request, pk=None):
        group, owner = self.get_group_and_owner(request, pk)
        form = PeerGroupForm(instance=group, owner=owner)
        return render(request, self.template_name, {"form": form, "group": group, "owner": owner})

    def post(self, request, pk=None):
        group, owner = self.get_group_and_owner(request, pk)
        form = PeerGroupForm(request.POST, instance=group, owner=owner)
        if not form.is_valid():
            context = {"form": form, "group": group, "owner": owner}
            return render(request, self.template_name, context, status=400)
        group = form.save(commit=False)
        group.owner, group.created_by = owner, group.created_by or request.user
        group.save()
        form.save_m2m()
        messages.success(request, _("The peer group “%(name)s” is saved.") % {"name": group.name})
        return redirect("diagnostic:peer_groups")


class PeerGroupDeleteView(PeerGroupMixin, View):
    def post(self, request, pk):
        group = get_object_or_404(PeerGroup, pk=pk)
        if not request.user.has_perm("diagnostic.edit_peer_group", group):
            raise PermissionDenied
        group.delete()
        messages.success(request, _("The peer group “%(name)s” is deleted.") % {"name": group.name})
        return redirect("diagnostic:peer_groups")
