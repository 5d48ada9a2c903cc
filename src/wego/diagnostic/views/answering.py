"""Answering an assessment domain by domain (autosaved), assigning domains to colleagues, and
the evidence files attached to answers."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from wego.accounts.models import Role, User
from wego.core.i18n import localise, translate
from wego.core.uploads import evidence_response
from wego.diagnostic.interfaces import fill_in
from wego.diagnostic.interfaces.forms import (
    AssignmentForm,
)
from wego.diagnostic.models import (
    AnswerRevision,
    DomainAssignment,
)
from wego.diagnostic.services import assessments as lifecycle
from wego.diagnostic.views.base import AssessmentMixin, language


class FillInView(AssessmentMixin, View):
    permission = "diagnostic.view_assessment_details"

    def setup_domain(self, domain_code):
        framework = self.assessment.framework
        try:
            self.domain = framework.domain(domain_code)
        except StopIteration:
            raise Http404(_("No such domain in this framework.")) from None
        self.framework = framework

    def render_page(self, errors=None, data=None, status=200):
        assessment = self.assessment
        answers = {a.question_code: a for a in assessment.answers.all()}
        groups = fill_in.question_items(
            self.framework, self.domain, answers, assessment.city_context(), language()
        )
        if errors:
            fill_in.apply_errors(groups, errors, data)
        codes = [d.code for d in self.framework.domains]
        index = codes.index(self.domain.code)
        context = self.base_context(
            domain=self.domain,
            domain_title=localise(self.domain.title, language()),
            groups=groups,
            errors=errors or {},
            previous_domain=codes[index - 1] if index > 0 else None,
            next_domain=codes[index + 1] if index + 1 < len(codes) else None,
        )
        return render(self.request, "diagnostic/fill_in.html", context, status=status)

    def get(self, request, pk, domain):
        self.setup_domain(domain)
        return self.render_page()

    def post(self, request, pk, domain):
        self.setup_domain(domain)
        if not request.user.has_perm("diagnostic.edit_assessment", self.assessment):
            raise PermissionDenied
        changes, errors = fill_in.read_answers(
            self.framework, self.domain, request.POST, self.assessment.city_context()
        )
        files, file_problems = fill_in.read_evidence_files(self.domain, request.FILES)
        for code, message in file_problems.items():
            typed = request.POST.get(f"q-{code}", "")
            errors.setdefault(code, fill_in.Refusal(typed, message, "file"))
        saved = lifecycle.save_answers(
            self.assessment, changes, request.user, AnswerRevision.Source.FORM
        )
        for code, (upload, kind) in files.items():
            lifecycle.attach_evidence(self.assessment, code, upload, kind, request.user)
            saved += 1
        if request.headers.get("X-Autosave"):
            return JsonResponse(fill_in.autosave_answer(self.domain, saved, errors))
        if errors:
            # The error summary says what needs a correction; the message, what is kept.
            done, _correction = fill_in.save_status(saved, len(errors))
            if done:
                messages.success(request, done)
            return self.render_page(errors, request.POST, status=400)
        messages.success(request, _("Your answers are saved."))
        target = request.POST.get("next_domain")
        if target and target in [d.code for d in self.framework.domains]:
            return redirect("diagnostic:fill_in", pk=pk, domain=target)
        return redirect("diagnostic:fill_in", pk=pk, domain=domain)


class AssignDomainsView(AssessmentMixin, View):
    permission = "diagnostic.assign_domains"

    def _form(self, data=None):
        framework = self.assessment.framework
        domains = [(d.code, translate(d.title, language())) for d in framework.domains]
        colleagues = (
            User.objects.filter(
                role_assignments__member=self.assessment.member,
                role_assignments__role__in=[Role.FOCAL_POINT, Role.CITY_USER],
            )
            .distinct()
            .order_by("full_name")
        )
        current = {a.domain_code: a.user_id for a in self.assessment.assignments.all()}
        return AssignmentForm(data, domains=domains, colleagues=colleagues, current=current)

    def get(self, request, pk):
        return render(request, "diagnostic/assign.html", self.base_context(form=self._form()))

    def post(self, request, pk):
        form = self._form(request.POST)
        if not form.is_valid():
            return render(
                request, "diagnostic/assign.html", self.base_context(form=form), status=400
            )
        for name, user in form.cleaned_data.items():
            code = name.removeprefix("domain-")
            if user is None:
                DomainAssignment.objects.filter(
                    assessment=self.assessment, domain_code=code
                ).delete()
            else:
                DomainAssignment.objects.update_or_create(
                    assessment=self.assessment, domain_code=code, defaults={"user": user}
                )
        messages.success(request, _("The domains are assigned."))
        return redirect(self.assessment)


class EvidenceView(AssessmentMixin, View):
    """An evidence file, to those who may see the assessment's answers."""

    permission = "diagnostic.view_assessment_details"

    def get(self, request, pk, code):
        answer = get_object_or_404(self.assessment.answers, question_code=code)
        if not answer.evidence_file:
            raise Http404(_("No evidence file for this answer."))
        # No kind is recorded with an answer: the file's first bytes decide.
        return evidence_response(answer.evidence_file)
