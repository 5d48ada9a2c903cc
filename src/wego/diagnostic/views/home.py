"""The diagnostic's front: its home page with the published results, a framework, starting an
assessment."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from wego.accounts.roles import member_ids_for
from wego.core.exports import export_response
from wego.core.i18n import localise
from wego.diagnostic.domain.progress import question_count
from wego.diagnostic.interfaces.demo import demo_cell, demo_heading
from wego.diagnostic.interfaces.forms import (
    StartAssessmentForm,
)
from wego.diagnostic.models import (
    Assessment,
    FrameworkVersion,
)
from wego.diagnostic.services import assessments as lifecycle
from wego.diagnostic.views.base import language, listed
from wego.members.models import Member


class DiagnosticHomeView(TemplateView):
    template_name = "diagnostic/home.html"

    def get(self, request, *args, **kwargs):
        published = listed(Assessment.objects.published())
        exported = export_response(
            request, _("Published results"), published_rows(published), "ceds-published-results"
        )
        return exported or super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        user = self.request.user
        related = listed(Assessment.objects.all())
        own = related.filter(member_id__in=member_ids_for(user))
        to_review = related.none()
        if user.has_perm("diagnostic.view_submissions"):
            to_review = related.filter(
                status=Assessment.Status.SUBMITTED, member__in=Member.objects.managed_by(user)
            )
        published = related.published().order_by("-year", "member__name")[:50]
        return super().get_context_data(
            frameworks=FrameworkVersion.objects.filter(is_current=True),
            own=own,
            to_review=to_review,
            published=published,
            published_demo=any(a.is_demo for a in published),
            can_start=user.has_perm("diagnostic.start_assessment"),
            **kwargs,
        )


def published_rows(assessments):
    yield [
        _("Member"),
        _("Country"),
        _("Framework"),
        _("Version"),
        _("Year"),
        _("Overall score"),
        _("Maturity stage"),
        _("Coverage (%)"),
        demo_heading(),
    ]
    for a in assessments.order_by("-year", "member__name_en"):
        yield [
            a.member.name,
            a.member.country.code,
            a.framework_version.code,
            a.framework_version.version,
            a.year,
            round(a.overall_score, 1) if a.overall_score is not None else "",
            a.stage,
            round(100 * a.coverage),
            demo_cell(a.is_demo),
        ]


class FrameworkView(TemplateView):
    template_name = "diagnostic/framework.html"

    def get_context_data(self, code, version, **kwargs):
        stored = get_object_or_404(FrameworkVersion, code=code, version=version)
        framework = stored.framework
        lang = language()
        parts = []
        for part in framework.header.parts:
            domains = [d for d in framework.domains if d.part == part.code]
            parts.append(
                {
                    "title": localise(part.title, lang),
                    "description": localise(part.description, lang),
                    "domains": domains,
                }
            )
        return super().get_context_data(
            stored=stored,
            framework=framework,
            parts=parts,
            lang=lang,
            question_count=question_count(framework),
            stages=[
                (localise(s.label, lang), s.min_score, localise(s.description, lang))
                for s in framework.header.stages
            ],
            **kwargs,
        )


class StartAssessmentView(PermissionRequiredMixin, FormView):
    template_name = "diagnostic/start.html"
    form_class = StartAssessmentForm

    permission_required = "diagnostic.start_assessment"

    def get_form_kwargs(self):
        members = Member.objects.acted_for_by(self.request.user)
        return {**super().get_form_kwargs(), "members": members}

    def form_valid(self, form):
        data = form.cleaned_data
        assessment = lifecycle.start_assessment(
            data["member"], data["framework_version"], data["year"], self.request.user
        )
        messages.success(
            self.request, _("The assessment is started. Answer the domains in any order.")
        )
        return redirect(assessment)
