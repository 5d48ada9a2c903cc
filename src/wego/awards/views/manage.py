"""The secretariat's pages of a cycle: applications and judging progress, the panel, one judge."""

from collections import Counter

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views import View

from wego.awards.domain import timeline
from wego.awards.interfaces.judging_forms import DeclareTieForm, JudgeInviteForm
from wego.awards.models import Application, Judge, Review
from wego.awards.services import assignments, panel, reviews
from wego.awards.views.staff import CycleStaffMixin
from wego.core.exports import export_response
from wego.practices.models import Category


def judging_counts(cycle) -> dict[int, dict[str, int]]:
    """application id -> judges assigned and reviews submitted (conflicted pairs left out)."""
    counts: dict[int, dict[str, int]] = {}
    pairs = reviews.visible_assignments(application__cycle=cycle)
    for application_id, status in pairs.values_list("application", "review__status"):
        row = counts.setdefault(application_id, {"judges": 0, "submitted": 0})
        row["judges"] += 1
        row["submitted"] += status == Review.Status.SUBMITTED
    return counts


def application_rows(cycle) -> list[dict]:
    counts = judging_counts(cycle)
    applications = cycle.applications.select_related("member").order_by("category", "member__name")
    return [
        {"application": application, **counts.get(application.pk, {"judges": 0, "submitted": 0})}
        for application in applications
    ]


def export_rows(cycle, rows):
    yield [
        _("Reference"),
        _("City"),
        _("Country"),
        _("Category"),
        pgettext("practice", "Title"),
        _("Status"),
        _("Submitted at (%(zone)s)") % {"zone": cycle.time_zone},
        _("Judges assigned"),
        _("Reviews submitted"),
    ]
    for row in rows:
        application = row["application"]
        submitted_at = application.submitted_at
        yield [
            application.reference,
            application.applicant_name,
            application.applicant_country.name,
            application.get_category_display(),
            application.title,
            application.get_status_display(),
            timeline.local(submitted_at, cycle.time_zone).strftime("%Y-%m-%d %H:%M")
            if submitted_at
            else "",
            row["judges"],
            row["submitted"],
        ]


def category_table(cycle, rows) -> list[dict]:
    """Applications per category of the cycle and per status."""
    counted = Counter((row["application"].category, row["application"].status) for row in rows)
    labels = dict(Category.choices)
    table = []
    for category in cycle.categories.all():
        by_status = [counted[(category.category, status)] for status in Application.Status.values]
        table.append(
            {"label": labels[category.category], "counts": by_status, "total": sum(by_status)}
        )
    return table


class ManageView(CycleStaffMixin, View):
    """Applications by category and status, and how far the judges are."""

    def get(self, request, slug):
        rows = application_rows(self.cycle)
        exported = export_response(
            request,
            _("Applications"),
            export_rows(self.cycle, rows),
            f"{self.cycle.slug}-applications",
        )
        return exported or self.render_page(rows)

    def render_page(self, rows=None, problem="", status=200):
        cycle = self.cycle
        rows = application_rows(cycle) if rows is None else rows
        context = {
            "cycle": cycle,
            "phase": cycle.phase().value,
            "rows": rows,
            "statuses": Application.Status.choices,
            "categories": category_table(cycle, rows),
            "submitted": sum(row["application"].status == "submitted" for row in rows),
            "progress": reviews.progress(cycle),
            "judge_count": cycle.judges.count(),
            "assign_problem": problem,
            "scoring_closed": reviews.scoring_closed_reason(cycle),
        }
        return render(self.request, "awards/manage/overview.html", context, status=status)


class AssignView(ManageView):
    http_method_names = ["post"]

    def post(self, request, slug):
        try:
            summary = assignments.assign_cycle(self.cycle)
        except assignments.CannotAssign as refused:
            return self.render_page(problem=refused.message, status=400)
        messages.success(request, assignment_message(summary))
        return redirect("awards:manage", slug=slug)


def assignment_message(summary: assignments.AssignmentSummary) -> str:
    parts = [
        ngettext(
            "%(count)d application is assigned to the panel.",
            "%(count)d applications are assigned to the panel.",
            summary.applications,
        )
        % {"count": summary.applications},
        _("Each of the %(judges)d judges has %(low)d to %(high)d applications.")
        % {"judges": summary.judges, "low": summary.min_load, "high": summary.max_load},
    ]
    if summary.kept:
        parts.append(
            ngettext(
                "%(count)d pair already being scored was kept.",
                "%(count)d pairs already being scored were kept.",
                summary.kept,
            )
            % {"count": summary.kept}
        )
    parts.append(
        ngettext(
            "%(count)d judge whose applications changed was emailed.",
            "%(count)d judges whose applications changed were emailed.",
            summary.emailed,
        )
        % {"count": summary.emailed}
    )
    if summary.not_emailed:
        parts.append(
            ngettext(
                "The mail server refused the email to %(count)d judge: see the progress table.",
                "The mail server refused the emails to %(count)d judges: see the progress table.",
                summary.not_emailed,
            )
            % {"count": summary.not_emailed}
        )
    return " ".join(parts)


class RemindView(CycleStaffMixin, View):
    http_method_names = ["post"]

    def post(self, request, slug):
        try:
            reminders = reviews.remind_late_judges(self.cycle)
        except reviews.ScoringClosed as closed:
            messages.error(request, closed.message)
            return redirect("awards:manage", slug=slug)
        sent, failed = len(reminders.sent), reminders.failed
        if sent:
            messages.success(
                request,
                ngettext("Reminded %(count)d judge.", "Reminded %(count)d judges.", sent)
                % {"count": sent},
            )
        if failed:
            messages.error(
                request,
                _("The mail server refused the reminder to: %(names)s. Please write to them.")
                % {"names": ", ".join(judge.full_name for judge in failed)},
            )
        if not sent and not failed:
            messages.info(request, _("No judge is late: nobody was reminded."))
        return redirect("awards:manage", slug=slug)


class PanelView(CycleStaffMixin, View):
    """The judges of the cycle, and inviting one more."""

    template_name = "awards/manage/panel.html"

    def get(self, request, slug):
        return self.render_page(JudgeInviteForm(cycle=self.cycle))

    def post(self, request, slug):
        form = JudgeInviteForm(request.POST, cycle=self.cycle)
        if not form.is_valid():
            return self.render_page(form, status=400)
        try:
            invited = panel.invite_judge(self.cycle, request.user, **form.cleaned_data)
        except panel.AlreadyOnPanel:  # invited by someone else a moment ago
            form.add_error(
                "email",
                _("%(email)s is already on this cycle's panel.")
                % {"email": form.cleaned_data["email"]},
            )
            return self.render_page(form, status=400)
        judge = invited.judge
        if not invited.emailed:
            messages.warning(
                request,
                _(
                    "%(name)s is on the panel, but the mail server refused the email to "
                    "%(email)s. Please write to them yourself."
                )
                % {"name": judge.full_name, "email": judge.email},
            )
            return redirect("awards:panel", slug=slug)
        if invited.has_account:
            text = _("%(name)s is on the panel and was told by email.")
        else:
            text = _(
                "%(name)s is on the panel. An invitation to create an account was sent to "
                "%(email)s."
            )
        messages.success(request, text % {"name": judge.full_name, "email": judge.email})
        return redirect("awards:panel", slug=slug)

    def render_page(self, form, status=200):
        progress = {row.judge.pk: row for row in reviews.progress(self.cycle).judges}
        labels = dict(Category.choices)
        judges = [
            {
                "judge": judge,
                "expertise": [labels[code] for code in judge.expertise if code in labels],
                "conflicts": judge.conflict_count,
                "progress": progress[judge.pk],
                "invitation_pending": panel.invitation_pending(judge),
            }
            for judge in self.cycle.judges.annotate(conflict_count=Count("conflicts"))
        ]
        context = {"cycle": self.cycle, "judges": judges, "form": form}
        return render(self.request, self.template_name, context, status=status)


class JudgeDetailView(CycleStaffMixin, View):
    """One judge: what they were given, their conflicts, and recording a declared tie."""

    template_name = "awards/manage/judge.html"

    @cached_property
    def judge(self) -> Judge:
        return get_object_or_404(self.cycle.judges.select_related("member"), pk=self.kwargs["pk"])

    def tie_form(self, data=None):
        open_applications = (
            self.cycle.applications.exclude(status=Application.Status.WITHDRAWN)
            .exclude(conflicts__judge=self.judge)
            .select_related("member")
            .order_by("category", "member__name")
        )
        return DeclareTieForm(data, applications=open_applications)

    def get(self, request, slug, pk):
        return self.render_page(self.tie_form())

    def post(self, request, slug, pk):
        form = self.tie_form(request.POST)
        if not form.is_valid():
            return self.render_page(form, status=400)
        application = form.cleaned_data["application"]
        outcome = panel.declare_conflict(
            self.judge, application, form.cleaned_data["note"], request.user
        )
        text = _("The tie with %(application)s is recorded.") % {
            "application": f"{application.reference} ({application.applicant_name})"
        }
        if outcome.removed_assignments:
            text += " " + _(
                "The application was taken from the judge: run the assignment again so that "
                "it gets enough judges."
            )
        elif outcome.submitted_in_conflict:
            text += " " + _(
                "The judge had already submitted scores for it: they are kept on record but "
                "the application no longer appears to the judge."
            )
        messages.success(request, text)
        return redirect("awards:judge", slug=slug, pk=pk)

    def render_page(self, form, status=200):
        judge = self.judge
        given = (
            judge.assignments.select_related("application__member", "review")
            .exclude(application__conflicts__judge=judge)
            .order_by("application__category", "application__member__name")
        )
        context = {
            "cycle": self.cycle,
            "judge": judge,
            "assignments": given,
            "conflicts": judge.conflicts.select_related("application__member", "declared_by"),
            "form": form,
            "invitation_pending": panel.invitation_pending(judge),
        }
        return render(self.request, self.template_name, context, status=status)
