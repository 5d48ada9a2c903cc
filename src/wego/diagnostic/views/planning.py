"""The plan: the roadmap the city edits, its Master Plan, and the e-Government modules' guides."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from wego.core.exports import DOCX, ICS, PDF, XLSX, download
from wego.core.i18n import localise
from wego.diagnostic.domain.roadmap import YEARS
from wego.diagnostic.interfaces.forms import (
    RoadmapItemForm,
)
from wego.diagnostic.interfaces.master_plan import master_plan_docx, master_plan_pdf, roadmap_pdf
from wego.diagnostic.interfaces.roadmap import (
    roadmap_by_year,
    roadmap_edit_done,
    roadmap_edit_problem,
    roadmap_ics,
    roadmap_plan,
    roadmap_xlsx,
    suggested_modules,
)
from wego.diagnostic.models import (
    FrameworkVersion,
)
from wego.diagnostic.services import roadmaps
from wego.diagnostic.views.base import AssessmentMixin, language


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
        if wanted == "xlsx":
            data = roadmap_xlsx(self.assessment, planned, settings.SITE_URL)
            return download(data, XLSX, f"{name}.xlsx")
        if wanted == "ics":
            data = roadmap_ics(self.assessment, planned, settings.SITE_URL)
            return download(data, ICS, f"{name}.ics")
        return self.render_page(planned)

    def render_page(self, planned, invalid=None, status=200):
        """The page; `invalid` is the bound form of an item whose edit was refused.

        One item at a time shows its edit form (?edit=<code>, or the refused one): a full form
        on every item made the page about 2 kB heavier per item, and a link does as well
        without JavaScript.
        """
        years, later = roadmap_by_year(planned["rows"])
        first_year = self.assessment.year + 1
        can_plan = self.request.user.has_perm("diagnostic.plan_roadmap", self.assessment)
        context = self.base_context(
            years=years,
            later=later,
            dropped=planned["dropped"],
            concerns=planned["concerns"],
            unanswered=planned["unanswered"],
            result=planned["result"],
            first_year=first_year,
            can_plan=can_plan,
            modules=suggested_modules(self.assessment, planned["rows"], language()),
        )
        if can_plan:
            wanted = self.request.GET.get("edit")
            context.update(edit_context(planned["rows"], wanted, invalid, first_year))
        return render(self.request, "diagnostic/roadmap.html", context, status=status)


def edit_context(rows, wanted: str | None, invalid, first_year: int) -> dict:
    """The item whose edit form is open, and that form (the refused one keeps what was typed)."""
    code = invalid.item if invalid is not None else wanted
    row = next((r for r in rows if r["code"] == code), None)
    if row is None:
        return {}
    form = (
        invalid
        if invalid is not None
        else RoadmapItemForm(
            initial={"year": row["year"], "note": row["note"]},
            year_choices=year_choices(first_year),
        )
    )
    return {"editing": code, "edit_form": form}


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
        return redirect(reverse("diagnostic:roadmap", args=[pk]) + after_edit(form, action, code))


def after_edit(form, action: str, code: str) -> str:
    """Where the page opens after an edit: on the item, its form still open after a move (so
    that it can move again); at the top after a drop or a restore, where the message is."""
    if action in (form.UP, form.DOWN):
        return f"?edit={code}#item-{code}"
    return "" if action in (form.DROP, form.RESTORE) else f"#item-{code}"


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
            closes=[(c, localise(indicators[c].title, lang)) for c in module.closes],
            prerequisites=[(c, localise(indicators[c].title, lang)) for c in module.prerequisites],
            **kwargs,
        )
