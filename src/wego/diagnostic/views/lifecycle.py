"""An assessment's way through the network: its overview, submission, validation or return,
publication and history."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from wego.core.exports import export_response
from wego.diagnostic.interfaces.answers_table import shown_answer
from wego.diagnostic.interfaces.forms import (
    ReviewForm,
)
from wego.diagnostic.interfaces.results import assessment_progress, total_progress
from wego.diagnostic.interfaces.submission import review_context, submission_summary
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
                answered=total_progress(progress),
                events=events,
                total_missing=sum(row["missing"] for row in progress),
            ),
        )


class SubmitView(AssessmentMixin, View):
    """Submission in two steps: what is answered, missing and without evidence, then the
    confirmation. A POST without the confirm button's value submits nothing."""

    permission = "diagnostic.submit_assessment"

    def get(self, request, pk, status=200, unconfirmed=False):
        summary = submission_summary(self.assessment, language())
        context = self.base_context(**summary, unconfirmed=unconfirmed)
        return render(request, "diagnostic/submit.html", context, status=status)

    def post(self, request, pk):
        if request.POST.get("confirm") != "yes":
            return self.get(request, pk, status=400, unconfirmed=True)
        lifecycle.submit(self.assessment, request.user)
        messages.success(
            request, _("The assessment is submitted. The WeGO staff will validate it.")
        )
        return redirect(self.assessment)


class ReviewView(AssessmentMixin, View):
    """The validator's decision, with every answer, comment and piece of evidence above it."""

    permission = "diagnostic.validate_assessment"

    def render_page(self, form, status=200):
        context = self.base_context(form=form, **review_context(self.assessment, language()))
        return render(self.request, "diagnostic/review.html", context, status=status)

    def get(self, request, pk):
        return self.render_page(ReviewForm())

    def post(self, request, pk):
        form = ReviewForm(request.POST)
        if not form.is_valid():
            return self.render_page(form, status=400)
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
        shown = list(revisions[:500])
        questions = self.assessment.framework.question_map()
        for revision in shown:  # as the form shows it: Yes, a level's label, 50%
            revision.shown = shown_answer(
                self.assessment.framework,
                questions[revision.question_code],
                revision.value,
                revision.not_applicable,
                language(),
            )
        return render(request, "diagnostic/history.html", self.base_context(revisions=shown))


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
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int | float):
        return value
    return str(value)
