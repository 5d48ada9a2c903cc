from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from wego.accounts.models import Role, User
from wego.accounts.roles import member_ids_for
from wego.core.exports import DOCX, ICS, PDF, XLSX, download, export_response
from wego.core.i18n import translate
from wego.diagnostic.domain.roadmap import YEARS
from wego.diagnostic.domain.workbook import MAX_UPLOAD_BYTES, WorkbookRejected, size_problem
from wego.diagnostic.interfaces import fill_in
from wego.diagnostic.interfaces.benchmark import benchmark_context
from wego.diagnostic.interfaces.forms import (
    AssignmentForm,
    PeerGroupForm,
    ReviewForm,
    RoadmapItemForm,
    StartAssessmentForm,
    WorkbookUploadForm,
)
from wego.diagnostic.interfaces.master_plan import master_plan_docx, master_plan_pdf, roadmap_pdf
from wego.diagnostic.interfaces.messages import workbook_problem_text
from wego.diagnostic.interfaces.network import network_context, network_pdf, network_xlsx
from wego.diagnostic.interfaces.report import report_pdf, results_xlsx
from wego.diagnostic.interfaces.results import assessment_progress, results_context
from wego.diagnostic.interfaces.roadmap import (
    roadmap_by_year,
    roadmap_edit_done,
    roadmap_edit_problem,
    roadmap_ics,
    roadmap_plan,
    roadmap_xlsx,
    suggested_modules,
)
from wego.diagnostic.interfaces.what_if import what_if_context
from wego.diagnostic.interfaces.workbooks import export_workbook, read_upload
from wego.diagnostic.interfaces.world_map import (
    current_version,
    export_rows,
    map_context,
    published_results,
)
from wego.diagnostic.models import (
    AnswerRevision,
    Assessment,
    DomainAssignment,
    FrameworkVersion,
    PeerGroup,
    WorkbookUpload,
)
from wego.diagnostic.services import assessments as lifecycle
from wego.diagnostic.services import roadmaps
from wego.diagnostic.signals import help_across_indicators
from wego.members.models import Member


def language() -> str:
    return get_language() or "en"


def listed(assessments):
    """Assessments for a list: without the framework's whole content and the score details."""
    return assessments.select_related("member", "framework_version").defer(
        "framework_version__content", "domain_scores", "indicator_scores"
    )


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
        return super().get_context_data(
            frameworks=FrameworkVersion.objects.filter(is_current=True),
            own=own,
            to_review=to_review,
            published=related.published().order_by("-year", "member__name")[:50],
            can_start=user.has_perm("diagnostic.start_assessment"),
            **kwargs,
        )


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
                    "title": translate(part.title, lang),
                    "description": translate(part.description, lang),
                    "domains": domains,
                }
            )
        return super().get_context_data(
            stored=stored,
            framework=framework,
            parts=parts,
            lang=lang,
            question_count=sum(1 for _ in framework.questions()),
            stages=[
                (translate(s.label, lang), s.min_score, translate(s.description, lang))
                for s in framework.header.stages
            ],
            **kwargs,
        )


class StartAssessmentView(PermissionRequiredMixin, FormView):
    template_name = "diagnostic/start.html"
    form_class = StartAssessmentForm

    permission_required = "diagnostic.start_assessment"

    def get_form_kwargs(self):
        members = Member.objects.filter(pk__in=member_ids_for(self.request.user))
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


class AssessmentMixin:
    """Loads the assessment and checks `permission` on it (sign in first if anonymous)."""

    permission = "diagnostic.view_assessment"

    def dispatch(self, request, pk, **kwargs):
        queryset = Assessment.objects.select_related("member", "framework_version")
        self.assessment = get_object_or_404(queryset, pk=pk)
        if not request.user.has_perm(self.permission, self.assessment):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied
        return super().dispatch(request, pk=pk, **kwargs)

    def base_context(self, **extra):
        user, assessment = self.request.user, self.assessment
        return {
            "assessment": assessment,
            "can_edit": user.has_perm("diagnostic.edit_assessment", assessment),
            "can_view_details": user.has_perm("diagnostic.view_assessment_details", assessment),
            "can_submit": user.has_perm("diagnostic.submit_assessment", assessment),
            "can_assign": user.has_perm("diagnostic.assign_domains", assessment),
            "can_review": user.has_perm("diagnostic.validate_assessment", assessment),
            "can_publish": user.has_perm("diagnostic.publish_assessment", assessment),
            **extra,
        }


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
            domain_title=translate(self.domain.title, language()),
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
            errors.setdefault(code, (request.POST.get(f"q-{code}", ""), message))
        saved = lifecycle.save_answers(
            self.assessment, changes, request.user, AnswerRevision.Source.FORM
        )
        for code, (upload, kind) in files.items():
            lifecycle.attach_evidence(self.assessment, code, upload, kind, request.user)
            saved += 1
        if request.headers.get("X-Autosave"):
            return JsonResponse(
                {
                    "saved": saved,
                    "errors": {code: message for code, (_raw, message) in errors.items()},
                    "message": _autosave_message(saved, errors),
                },
                status=200,
            )
        if errors:
            messages.error(request, _autosave_message(saved, errors))
            return self.render_page(errors, request.POST, status=400)
        messages.success(request, _("Your answers are saved."))
        target = request.POST.get("next_domain")
        if target and target in [d.code for d in self.framework.domains]:
            return redirect("diagnostic:fill_in", pk=pk, domain=target)
        return redirect("diagnostic:fill_in", pk=pk, domain=domain)


def _autosave_message(saved: int, errors: dict) -> str:
    if errors:
        return _("%(saved)s answers saved; %(count)s need a correction (see below).") % {
            "saved": saved,
            "count": len(errors),
        }
    return _("All changes saved.")


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
            "" if r.value is None else str(r.value),
            _("Yes") if r.not_applicable else "",
            r.comment,
            r.evidence,
            r.changed_by.full_name if r.changed_by else "",
            r.get_source_display(),
        ]


class ResultsView(AssessmentMixin, View):
    def get(self, request, pk):
        context = results_context(self.assessment, language())
        weakest = [row["code"] for row in context["weakest"]]
        context["practices"] = help_across_indicators(weakest, self.assessment.member, limit=4)
        return render(request, "diagnostic/results.html", self.base_context(**context))


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
        questions = self.assessment.framework.question_map()
        rows = [
            {**change, "text": translate(questions[change["code"]].text, language())}
            for change in upload.changes
        ]
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


class EvidenceView(AssessmentMixin, View):
    """An evidence file, to those who may see the assessment's answers."""

    permission = "diagnostic.view_assessment_details"

    def get(self, request, pk, code):
        answer = get_object_or_404(self.assessment.answers, question_code=code)
        if not answer.evidence_file:
            raise Http404(_("No evidence file for this answer."))
        return FileResponse(
            answer.evidence_file.open("rb"), as_attachment=False, filename=answer.evidence_name
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
        _("Coverage"),
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
            round(a.coverage, 3),
        ]


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
        return Member.objects.filter(pk__in=member_ids_for(self.request.user)).order_by("name")


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


class RoadmapView(AssessmentMixin, View):
    """The 1-3 year roadmap as the city edited it, with who can help; Excel or iCalendar too."""

    permission = "diagnostic.view_assessment_details"

    def get(self, request, pk):
        name = f"ceds-roadmap-{self.assessment.member.slug}-{self.assessment.year}"
        wanted = request.GET.get("format")
        if wanted == "pdf":  # the PDF builds its own plan: compute nothing for the page
            data = roadmap_pdf(self.assessment, language())
            return download(data, PDF, f"{name}.pdf", inline=True)
        planned = roadmap_plan(self.assessment, language())
        rows = planned["rows"]
        if wanted == "xlsx":
            return download(roadmap_xlsx(self.assessment, rows), XLSX, f"{name}.xlsx")
        if wanted == "ics":
            data = roadmap_ics(self.assessment, rows, settings.SITE_URL)
            return download(data, ICS, f"{name}.ics")
        return self.render_page(planned)

    def render_page(self, planned, invalid=None, status=200):
        """The page; `invalid` is the bound form of an item whose edit was refused."""
        years, later = roadmap_by_year(planned["rows"])
        first_year = self.assessment.year + 1
        choices = year_choices(first_year)
        for row in planned["rows"]:
            if invalid is not None and invalid.item == row["code"]:
                row["form"] = invalid
            else:
                initial = {"year": row["year"], "note": row["note"]}
                row["form"] = RoadmapItemForm(initial=initial, year_choices=choices)
        context = self.base_context(
            years=years,
            later=later,
            dropped=planned["dropped"],
            concerns=planned["concerns"],
            result=planned["result"],
            first_year=first_year,
            can_plan=self.request.user.has_perm("diagnostic.plan_roadmap", self.assessment),
            modules=suggested_modules(self.assessment, planned["rows"], language()),
        )
        return render(self.request, "diagnostic/roadmap.html", context, status=status)


def year_choices(first_year: int) -> list[tuple[int, str]]:
    years = [
        (n, _("Year %(number)s (%(calendar)s)") % {"number": n, "calendar": first_year + n - 1})
        for n in range(1, YEARS + 1)
    ]
    return [*years, (0, _("Later"))]


class RoadmapItemView(RoadmapView):
    """One item's edit: move it up, down or to another year, drop or restore it, annotate it."""

    permission = "diagnostic.plan_roadmap"

    def post(self, request, pk, code):
        form = RoadmapItemForm(request.POST, year_choices=year_choices(self.assessment.year + 1))
        form.item = code
        if not form.is_valid():
            planned = roadmap_plan(self.assessment, language())
            return self.render_page(planned, invalid=form, status=400)
        data, action = form.cleaned_data, form.cleaned_data["action"]
        try:
            roadmaps.edit_item(
                self.assessment,
                code,
                request.user,
                year=data["year"] if action == form.SAVE else None,
                note=data["note"] if action == form.SAVE else None,
                dropped={form.DROP: True, form.RESTORE: False}.get(action),
                move=action if action in (form.UP, form.DOWN) else None,
            )
        except roadmaps.RoadmapEditError as refused:
            messages.error(request, roadmap_edit_problem(refused))
        else:
            messages.success(request, roadmap_edit_done(action))
        anchor = "" if action in (form.DROP, form.RESTORE) else f"#item-{code}"
        return redirect(reverse("diagnostic:roadmap", args=[pk]) + anchor)


class RoadmapResetView(AssessmentMixin, View):
    permission = "diagnostic.plan_roadmap"

    def post(self, request, pk):
        roadmaps.reset(self.assessment)
        messages.success(request, _("The roadmap is back to the proposed plan."))
        return redirect("diagnostic:roadmap", pk=pk)


class MasterPlanView(AssessmentMixin, View):
    """The whole plan as the city's e-Government Master Plan: PDF, or Word with ?format=docx."""

    permission = "diagnostic.view_assessment_details"

    def get(self, request, pk):
        name = f"ceds-master-plan-{self.assessment.member.slug}-{self.assessment.year}"
        if request.GET.get("format") == "docx":
            data = master_plan_docx(self.assessment, language())
            return download(data, DOCX, f"{name}.docx")
        data = master_plan_pdf(self.assessment, language())
        return download(data, PDF, f"{name}.pdf", inline=True)


class WhatIfView(AssessmentMixin, View):
    permission = "diagnostic.view_assessment_details"

    def get(self, request, pk):
        context = what_if_context(self.assessment, request.GET, language())
        status = 400 if context["errors"] or context["unknown"] else 200
        return render(
            request, "diagnostic/what_if.html", self.base_context(**context), status=status
        )


class NetworkDashboardView(PermissionRequiredMixin, View):
    """Participation, maturity by domain and region, common gaps: for the network's staff."""

    permission_required = "diagnostic.view_submissions"

    def get(self, request):
        context = network_context(request.user, language())
        wanted = request.GET.get("format")
        if context["version"] and wanted == "xlsx":
            return download(network_xlsx(context), XLSX, "ceds-network.xlsx")
        if context["version"] and wanted == "pdf":
            return download(network_pdf(context), PDF, "ceds-network.pdf", inline=True)
        return render(request, "diagnostic/network.html", context)


class ModuleGuideView(TemplateView):
    """An e-Government module: a step-by-step deployment guide (public)."""

    template_name = "diagnostic/module.html"

    def get_context_data(self, code, **kwargs):
        from wego.diagnostic.domain.modules import modules_for

        version = FrameworkVersion.objects.filter(code="ceds", is_current=True).first()
        if version is None:
            raise Http404(_("No framework is loaded yet."))
        framework = version.framework
        module = next((m for m in modules_for(framework) if m.code == code), None)
        if module is None:
            raise Http404(_("No such module."))
        indicators = framework.indicator_map()
        lang = language()
        return super().get_context_data(
            module=module,
            lang=lang,
            version=version,
            closes=[(c, translate(indicators[c].title, lang)) for c in module.closes],
            prerequisites=[(c, translate(indicators[c].title, lang)) for c in module.prerequisites],
            **kwargs,
        )


class WorldMapView(View):
    """Published results on a world map, with the same figures as a table (public)."""

    def get(self, request):
        version = current_version()
        rows = published_results(version, language())
        exported = export_response(
            request,
            _("Published results"),
            export_rows(rows, request.build_absolute_uri),
            "ceds-results-map",
        )
        if exported:
            return exported
        return render(request, "diagnostic/world_map.html", map_context(rows, version))
