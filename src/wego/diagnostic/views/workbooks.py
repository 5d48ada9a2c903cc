"""Answering offline: the assessment's Excel workbook, uploaded back with a preview."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from wego.core.exports import XLSX, download
from wego.diagnostic.domain.workbook import MAX_UPLOAD_BYTES, WorkbookRejected, size_problem
from wego.diagnostic.interfaces.forms import (
    WorkbookUploadForm,
)
from wego.diagnostic.interfaces.messages import workbook_problem_text
from wego.diagnostic.interfaces.workbooks import export_workbook, preview_rows, read_upload
from wego.diagnostic.models import (
    WorkbookUpload,
)
from wego.diagnostic.services import assessments as lifecycle
from wego.diagnostic.views.base import AssessmentMixin, language


class WorkbookDownloadView(AssessmentMixin, View):
    permission = "diagnostic.view_assessment_details"

    def get(self, request, pk):
        data = export_workbook(self.assessment, language())
        return download(
            data, XLSX, f"ceds-{self.assessment.member.slug}-{self.assessment.year}.xlsx"
        )


class WorkbookUploadView(AssessmentMixin, View):
    permission = "diagnostic.edit_assessment"
    template_name = "diagnostic/workbook_upload.html"

    def get(self, request, pk):
        return render(request, self.template_name, self.base_context(form=WorkbookUploadForm()))

    def post(self, request, pk):
        form = WorkbookUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, self.base_context(form=form), status=400)
        upload = form.cleaned_data["workbook"]
        try:
            if upload.size > MAX_UPLOAD_BYTES:  # refuse before reading it into memory
                raise WorkbookRejected([size_problem(upload.size)])
            result = read_upload(self.assessment, upload.read(), settings.LANGUAGES)
        except WorkbookRejected as rejected:
            form.add_error("workbook", [workbook_problem_text(p) for p in rejected.problems])
            return render(request, self.template_name, self.base_context(form=form), status=400)
        pending = WorkbookUpload.objects.create(
            assessment=self.assessment,
            uploaded_by=request.user,
            filename=upload.name[:255],
            changes=_changes_from(self.assessment, result.answers),
            problems=[workbook_problem_text(p) for p in result.problems],
        )
        return redirect("diagnostic:workbook_preview", pk=pk, upload=pending.pk)


def _changes_from(assessment, answers) -> list[dict]:
    """Only what differs from the stored answers, as JSON, for the preview."""
    current = {a.question_code: a for a in assessment.answers.all()}
    changes = []
    for code, (value, comment) in answers.items():
        stored = current.get(code)
        before = (
            (stored.value, stored.not_applicable, stored.comment) if stored else (None, False, "")
        )
        after = (value.value, value.not_applicable, comment)
        if before != after:
            changes.append(
                {
                    "code": code,
                    "value": value.value,
                    "not_applicable": value.not_applicable,
                    "comment": comment,
                    "before": before[0],
                    "before_not_applicable": before[1],
                }
            )
    return changes


class WorkbookPreviewView(AssessmentMixin, View):
    permission = "diagnostic.edit_assessment"

    def dispatch(self, request, pk, upload):
        self.upload_id = upload
        return super().dispatch(request, pk=pk)

    def get_upload(self):
        return get_object_or_404(
            self.assessment.uploads, pk=self.upload_id, applied_at__isnull=True
        )

    def get(self, request, pk):
        upload = self.get_upload()
        rows = preview_rows(self.assessment, upload, language())
        return render(
            request, "diagnostic/workbook_preview.html", self.base_context(upload=upload, rows=rows)
        )

    def post(self, request, pk):
        upload = self.get_upload()
        if upload.problems:
            raise PermissionDenied
        saved = lifecycle.apply_workbook(upload, request.user)
        messages.success(
            request, _("%(count)s answers from the workbook are saved.") % {"count": saved}
        )
        return redirect(self.assessment)
