"""A city's applications: start one, write it, attach evidence, submit, withdraw."""

import logging

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from wego.accounts.roles import member_ids_for
from wego.awards.domain.eligibility import IN_OPERATION_KEY, call_problems
from wego.awards.domain.timeline import Phase
from wego.awards.interfaces.application_forms import (
    ApplicationFileForm,
    ApplicationForm,
    ApplyForm,
)
from wego.awards.interfaces.cycle_dates import deadline_of
from wego.awards.models import Application, ApplicationFile, AwardCycle
from wego.awards.services import applications as service
from wego.awards.views.public import open_cycles
from wego.core.dates import when
from wego.core.uploads import attach_evidence, evidence_response

# Refusals are logged: a city user or judge probing other cities' applications is a signal.
security_log = logging.getLogger("wego.security")
EVIDENCE = "evidence"  # the upload form's prefix: its title must not clash with the application's


class MyApplicationsView(PermissionRequiredMixin, View):
    """The applications of the user's cities in every cycle, and the calls open now."""

    permission_required = "awards.apply"

    def get(self, request):
        now = timezone.now()
        applications = (
            Application.objects.filter(member_id__in=member_ids_for(request.user))
            .select_related("cycle", "member")
            .order_by("-cycle__deadline", "category", "member__name")
        )
        rows = [
            (
                application,
                deadline_of(application.cycle, now)
                if application.status == Application.Status.DRAFT
                and application.cycle.phase(now) is Phase.OPEN
                else None,
            )
            for application in applications
        ]
        context = {
            "rows": rows,
            "open_calls": open_cycles(now),
            "several_members": len(member_ids_for(request.user)) > 1,
        }
        return render(request, "awards/applications/my_applications.html", context)


class ApplyView(PermissionRequiredMixin, View):
    """Start an application: for which member, in which category, from which practice."""

    permission_required = "awards.apply"
    template_name = "awards/applications/apply.html"

    def dispatch(self, request, slug):
        self.cycle = get_object_or_404(AwardCycle, slug=slug)
        return super().dispatch(request, slug)

    def form(self, data=None, initial=None):
        members = service.members_applying_for(self.request.user)
        return ApplyForm(
            data,
            initial=initial,
            cycle=self.cycle,
            members=members,
            practices=service.practices_of(members),
        )

    def page(self, form, problems=(), existing=None, status=200):
        context = {
            "cycle": self.cycle,
            "form": form,
            "summary_forms": [form],
            "problems": problems,
            "existing": existing,
            "deadline": deadline_of(self.cycle),
        }
        return render(self.request, self.template_name, context, status=status)

    def call_refusals(self) -> list[str]:
        return [service.problem_text(c, self.cycle) for c in call_problems(self.cycle.phase())]

    def get(self, request, slug):
        closed = self.call_refusals()
        if closed:
            return self.page(None, problems=closed)
        initial = {
            "source": request.GET.get("practice", "")[:12],
            "category": request.GET.get("category", "")[:20],
        }
        return self.page(self.form(initial=initial))

    def post(self, request, slug):
        closed = self.call_refusals()
        if closed:
            return self.page(None, problems=closed, status=400)
        form = self.form(request.POST)
        if not form.is_valid():
            return self.page(form, status=400)
        data = form.cleaned_data
        try:
            application = service.start(
                self.cycle,
                data["member"],
                data["category"],
                data["practice"],
                request.user,
                title=data.get("title", ""),
            )
        except service.AlreadyApplied as refused:
            form.add_error("category", _("Your city already applies in this category."))
            return self.page(form, refused.problems, existing=refused.existing, status=400)
        except service.Refused as refused:
            return self.page(form, refused.problems, status=400)
        messages.success(
            request,
            _("Your draft application is started. Save it as often as you like, then submit it."),
        )
        return redirect(application)


def refuse(request, application):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    security_log.warning(
        "Award application %s refused to user %s (%s)",
        application.pk,
        request.user.pk,
        request.path,
    )
    raise PermissionDenied


class ApplicationMixin:
    """Loads the application and checks `permission` on it."""

    permission = "awards.view_application"

    def dispatch(self, request, pk, *args, **kwargs):
        self.application = get_object_or_404(
            Application.objects.select_related("cycle", "member", "practice"), pk=pk
        )
        if not request.user.has_perm(self.permission, self.application):
            return refuse(request, self.application)
        return super().dispatch(request, pk, *args, **kwargs)

    def page(self, form=None, file_form=None, problems=(), status=200):
        return application_page(self.request, self.application, form, file_form, problems, status)

    def save_typed(self, request):
        """The application's fields as typed, saved when valid; the bound form (None when the
        request carries no application fields)."""
        if "title" not in request.POST:
            return None
        form = ApplicationForm(request.POST, questions=service.questions_of(self.application))
        if form.is_valid():
            form.apply_to(self.application)
            self.application.save()
        return form

    def attach_chosen(self, request, required=False):
        """Attach the evidence file chosen in the form, whichever button was pressed: (whether a
        file was added, the file form to show again: bound when it was refused)."""
        if not required and f"{EVIDENCE}-file" not in request.FILES:
            return False, None
        file_form = ApplicationFileForm(request.POST, request.FILES, prefix=EVIDENCE)
        added = attach_evidence(
            file_form, ApplicationFile, request.user, application=self.application
        )
        return bool(added), None if added else file_form

    def refuse_changes(self):
        """A draft's editors are its city's users; once submitted or withdrawn, it is fixed."""
        application = self.application
        if application.member_id not in member_ids_for(self.request.user):
            return refuse(self.request, application)
        problem = _("This application is %(status)s: it can no longer be changed.") % {
            "status": application.get_status_display().lower()
        }
        return self.page(problems=[problem], status=400)


def application_page(request, application, form=None, file_form=None, problems=(), status=200):
    user, cycle, now = request.user, application.cycle, timezone.now()
    practice = application.practice
    questions = service.questions_of(application)
    can_edit = user.has_perm("awards.edit_application", application)
    if can_edit and form is None:
        form = ApplicationForm(
            initial=ApplicationForm.initial_from(application), questions=questions
        )
    zone = cycle.time_zone
    form = form if can_edit else None
    file_form = (file_form or ApplicationFileForm(prefix=EVIDENCE)) if can_edit else None
    context = {
        "application": application,
        "cycle": cycle,
        "form": form,
        "file_form": file_form,
        "summary_forms": [form, file_form],
        "has_errors": bool(problems or (form and form.errors) or (file_form and file_form.errors)),
        "answers": [
            (question, application.answers.get(str(index), ""))
            for index, question in enumerate(questions)
        ],
        "in_operation": application.answers.get(IN_OPERATION_KEY),
        "files": application.files.all(),
        "can_edit": can_edit,
        "is_open": cycle.phase(now) is Phase.OPEN,
        "can_withdraw": user.has_perm("awards.withdraw_application", application)
        and cycle.results_published_at is None,
        "for_city": application.member_id in member_ids_for(user),
        "deadline": deadline_of(cycle, now),
        "submitted": when(application.submitted_at, zone) if application.submitted_at else "",
        "withdrawn": when(application.withdrawn_at, zone) if application.withdrawn_at else "",
        "problems": problems,
        "practice_url": practice.get_absolute_url()
        if practice and user.has_perm("practices.view_practice", practice)
        else "",
    }
    return render(request, "awards/applications/application.html", context, status=status)


class ApplicationView(ApplicationMixin, View):
    """The application: a form for its city while a draft, read-only for everyone else."""

    def get(self, request, pk):
        return self.page()

    def post(self, request, pk):
        """Save the draft: whatever is filled in, complete or not."""
        if not request.user.has_perm("awards.edit_application", self.application):
            return self.refuse_changes()
        form = self.save_typed(request) or ApplicationForm(
            request.POST, questions=service.questions_of(self.application)
        )
        added, file_form = self.attach_chosen(request)
        if form.errors or file_form is not None:
            return self.page(form=form, file_form=file_form, status=400)
        if added:
            messages.success(request, _("The file is added and your draft is saved."))
        else:
            messages.success(request, _("Your draft is saved."))
        return redirect(self.application)


class SubmitView(ApplicationMixin, View):
    """Save what was typed, then submit: before the deadline, and complete."""

    def post(self, request, pk):
        application = self.application
        if not request.user.has_perm("awards.edit_application", application):
            return self.refuse_changes()
        questions = service.questions_of(application)
        form = self.save_typed(request)  # the Submit button of the form: keep what was typed
        _added, file_form = self.attach_chosen(request)  # and the file chosen with it
        if (form is not None and form.errors) or file_form is not None:
            problem = _("Nothing is submitted yet: correct the fields below.")
            return self.page(form=form, file_form=file_form, problems=[problem], status=400)
        try:
            service.submit(application, request.user)
        except service.Refused as refused:
            form = form or ApplicationForm.bound_to(application, questions)
            for field, problem in refused.fields.items():
                if field in form.fields:
                    form.add_error(field, problem)
            return self.page(form=form, problems=refused.problems, status=400)
        messages.success(
            request,
            _(
                "Your application is submitted, reference %(reference)s. A confirmation is on "
                "its way by email."
            )
            % {"reference": application.reference},
        )
        return redirect(application)


class WithdrawView(ApplicationMixin, View):
    permission = "awards.withdraw_application"

    def post(self, request, pk):
        try:
            service.withdraw(self.application)
        except service.Refused as refused:
            return self.page(problems=refused.problems, status=400)
        messages.success(
            request,
            _("The application is withdrawn. %(city)s may apply again in %(category)s.")
            % {
                "city": self.application.applicant_name,
                "category": self.application.get_category_display(),
            },
        )
        return redirect(self.application)


class ApplicationFileUploadView(ApplicationMixin, View):
    """"Add the file" in the application's form: what was typed there is saved too."""

    permission = "awards.edit_application"

    def post(self, request, pk):
        form = self.save_typed(request)
        added, file_form = self.attach_chosen(request, required=True)
        if added and (form is None or not form.errors):
            messages.success(request, _("The file is added and your draft is saved."))
            return redirect(self.application)
        if added:
            messages.success(request, _("The file is added."))
        return self.page(form=form, file_form=file_form, status=400)


class ApplicationFileView(ApplicationMixin, View):
    """Evidence is served to whoever may see the application, never from a public folder."""

    def get(self, request, pk, file_pk):
        attached = get_object_or_404(self.application.files, pk=file_pk)
        return evidence_response(attached.file, attached.kind)
