"""Results: the page, the PDF report, the Excel export and the what-if simulator."""

from django.shortcuts import render
from django.utils.translation import get_language_bidi
from django.views import View

from wego.core.exports import PDF, XLSX, download
from wego.diagnostic.interfaces.report import report_pdf, results_xlsx
from wego.diagnostic.interfaces.results import results_context
from wego.diagnostic.interfaces.what_if import what_if_context
from wego.diagnostic.signals import help_across_indicators
from wego.diagnostic.views.base import AssessmentMixin, language


class ResultsView(AssessmentMixin, View):
    def get(self, request, pk):
        context = results_context(self.assessment, language())
        weakest = [row["code"] for row in context["weakest"]]
        context["practices"] = help_across_indicators(weakest, self.assessment.member, limit=4)
        return render(request, "diagnostic/results.html", self.base_context(**context))


class ReportPdfView(AssessmentMixin, View):
    def get(self, request, pk):
        data = report_pdf(self.assessment, language())
        name = f"ceds-report-{self.assessment.member.slug}-{self.assessment.year}.pdf"
        return download(data, PDF, name, inline=True)


class ResultsExcelView(AssessmentMixin, View):
    def get(self, request, pk):
        data = results_xlsx(self.assessment, language(), get_language_bidi())
        name = f"ceds-results-{self.assessment.member.slug}-{self.assessment.year}.xlsx"
        return download(data, XLSX, name)


class WhatIfView(AssessmentMixin, View):
    permission = "diagnostic.view_assessment_details"

    def get(self, request, pk):
        context = what_if_context(self.assessment, request.GET, language())
        status = 400 if context["errors"] or context["unknown"] else 200
        return render(
            request, "diagnostic/what_if.html", self.base_context(**context), status=status
        )
