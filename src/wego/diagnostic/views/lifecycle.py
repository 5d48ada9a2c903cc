"""An assessment's way through the network: its overview, submission, validation or return,
publication and history."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from wego.core.exports import export_response
from wego.diagnostic.interfaces.forms import (
    ReviewForm,
)
from wego.diagnostic.interfaces.results import assessment_progress
from wego.diagnostic.services import assessments as lifecycle
from wego.diagnostic.views.base import AssessmentMixin, language


class AssessmentView(AssessmentMixin, View):
    permission = "diagnostic.view_assessment_details"

    def get(self, request, pk):
        assessment = self.assessment
        assignments = {a.domain_code: a.user for a in assessment.assignments.select_related("user")}
        progress = assessment_progress(assessment, language(), assignments)
        events = assessment.events.select_related("actor")[:20]
        return render(
            request,
            "diagnostic/assessment.html",
            self.base_context(
                progress=progress,
                events=events,
                total_missing=sum(row["missing"] for row in progress),
            ),
        )


class SubmitView(AssessmentMixin, View):
    permission = "diagnostic.submit_assessment"

    def post(self, request, pk):
        lifecycle.submit(self.assessment, request.user)
        messages.success(
            request, _("The assessment is submitted. The WeGO staff will validate it.")
        )
        return redirect(self.assessment)


class ReviewView(AssessmentMixin, View):
    permission = "diagnostic.validate_assessment"

    def get(self, request, pk):
        return render(request, "diagnostic/review.html", self.base_context(form=ReviewForm()))

    def post(self, request, pk):
        form = ReviewForm(request.POST)
        if not form.is_valid():
            return render(
                request, "diagnostic/review.html", self.base_context(form=form), status=400
            )
        comment = form.cleaned_data["comment"]
        if form.cleaned_data["decision"] == "validate":
            lifecycle.validate(self.assessment, request.user, comment)
            messages.success(request, _("The assessment is validated."))
        else:
            lifecycle.return_for_changes(self.assessment, request.user, comment)
            messages.success(
                request, _("The assessment is returned to the city with your comment.")
            )
        return redirect(self.assessment)


class PublishView(AssessmentMixin, View):
    permission = "diagnostic.publish_assessment"

    def post(self, request, pk):
        if "share" in request.POST:
            shared = request.POST["share"] == "yes"
            lifecycle.set_shared_with_peers(self.assessment, request.user, shared)
            if shared:
                messages.success(request, _("The scores now count in anonymous peer statistics."))
            else:
                messages.success(request, _("The scores no longer count in peer statistics."))
            return redirect(self.assessment)
        public = request.POST.get("public") == "yes"
        lifecycle.set_published(self.assessment, request.user, public)
        if public:
            messages.success(request, _("The results are now public."))
        else:
            messages.success(request, _("The results are no longer public."))
        return redirect(self.assessment)


class HistoryView(AssessmentMixin, View):
    permission = "diagnostic.view_assessment_details"

    def get(self, request, pk):
        revisions = self.assessment.revisions.select_related("changed_by")
        name = f"ceds-history-{self.assessment.member.slug}-{self.assessment.year}"
        exported = export_response(request, _("History"), history_rows(revisions), name)
        if exported:
            return exported
        return render(
            request, "diagnostic/history.html", self.base_context(revisions=revisions[:500])
        )


def history_rows(revisions):
    yield [
        _("When"),
        _("Question"),
        _("New answer"),
        _("Not applicable"),
        _("Comment"),
        _("Evidence"),
        _("Who"),
        _("From"),
    ]
    for r in revisions:
        yield [
            r.changed_at.strftime("%Y-%m-%d %H:%M"),
            r.question_code,
            history_value(r.value),
            _("Yes") if r.not_applicable else "",
            r.comment,
            r.evidence,
            r.changed_by.full_name if r.changed_by else "",
            r.get_source_display(),
        ]


def history_value(value):
    """A number stays a number in the export (a text "-3" would be taken for a formula)."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value
    return str(value)
