"""A cycle's results: the secretariat's deliberation, decisions and publication; the public
winners page and the winners' certificates."""

from dataclasses import dataclass, field
from functools import cached_property

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import (
    get_language,
    get_language_bidi,
    gettext_lazy,
    ngettext,
    pgettext_lazy,
)
from django.utils.translation import gettext as _
from django.views import View

from wego.awards.domain.timeline import Phase
from wego.awards.interfaces import result_exports
from wego.awards.interfaces.certificates import certificates_pdf
from wego.awards.models import Application, AwardCycle, Decision
from wego.awards.services import announcements, decisions, publication, results
from wego.awards.views.staff import CycleStaffMixin, is_staff
from wego.core import limits
from wego.core.exports import PDF, csv_response, download, xlsx_response
from wego.practices.models import Category, Practice

NO_PRIZE = "none"  # the select's value for "No prize" (an empty value means "not chosen")


class DecisionForm(forms.Form):
    tier = forms.ChoiceField(
        label=pgettext_lazy("award", "Prize"),
        error_messages={
            "required": gettext_lazy("Choose a prize, or “No prize”."),
            "invalid_choice": gettext_lazy("Choose one of the prizes in the list."),
        },
    )
    reason = forms.CharField(
        label=gettext_lazy("Reasons for the decision"),
        max_length=limits.COMMENT,
        error_messages={
            "required": gettext_lazy(
                "Write why the panel decided this: the reasons are kept with the decision."
            )
        },
    )

    def __init__(self, *args, tiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tier"].choices = [(NO_PRIZE, _("No prize")), *tiers]

    def tier_code(self) -> str:
        tier = self.cleaned_data["tier"]
        return "" if tier == NO_PRIZE else tier


@dataclass
class Entry:
    """An application on the deliberation page, with its decision form's values and errors."""

    row: results.Row
    url: str
    tier: str
    reason: str
    # Both keys always present: a missing key costs the template engine a slow failed lookup.
    errors: dict = field(default_factory=lambda: {"tier": "", "reason": ""})

    # Ready-made text: the page repeats these hundreds of times, and the template engine
    # would localise every number again.
    @cached_property
    def key(self) -> str:
        return str(self.row.application.pk)

    @cached_property
    def city(self) -> str:
        return self.row.application.applicant_name  # a translated field: looked up once

    @cached_property
    def rank(self) -> str:
        return str(self.row.result.rank or "")

    @cached_property
    def sheets_count(self) -> str:
        return str(len(self.row.sheets))

    @cached_property
    def figures(self) -> dict[str, str]:
        result = self.row.result
        return {
            "standardised": one_decimal(result.standardised),
            "raw_mean": one_decimal(result.raw_mean),
            "spread": one_decimal(result.spread),
        }

    @cached_property
    def sheets(self) -> list[tuple[results.JudgeSheet, str]]:
        """(sheet, its total as text)."""
        return [(sheet, one_decimal(sheet.total)) for sheet in self.row.sheets]


def one_decimal(value: float | None) -> str:
    """Like the floatformat:1 filter, for numbers shown hundreds of times on one page."""
    if value is None:
        return ""
    return f"{value:.1f}".replace(".", formats.get_format("DECIMAL_SEPARATOR"))


def leniency_text(profile) -> str:
    if profile is None:
        return ""
    points = abs(profile.leniency)
    if points < 0.05:
        return _("about average")
    # number_format cuts decimals off; round first so 29.17 reads 29.2.
    number = formats.number_format(round(points, 1), 1)
    if profile.leniency < 0:
        return _("harsher than average by %(points)s points") % {"points": number}
    return _("more lenient than average by %(points)s points") % {"points": number}


def results_page(request, cycle, status=200, failed=None, problem="", publish_problem=""):
    """The deliberation page; `failed` = (application id, bound DecisionForm) to show again."""
    outcome = results.compute(cycle)
    rankings = outcome.rankings()
    open_code = open_category(request, rankings, failed[0] if failed else None)
    categories, failed_entry = [], None
    for ranking in rankings:
        entries = []
        for row in ranking.rows:
            decision = row.decision
            entry = Entry(
                row=row,
                url=reverse("awards:decide", kwargs={"slug": cycle.slug, "pk": row.application.pk}),
                tier=(decision.tier or NO_PRIZE) if decision else "",
                reason=decision.reason if decision else "",
            )
            if failed and failed[0] == row.application.pk:
                form = failed[1]
                entry.tier = form.data.get("tier", "")
                entry.reason = form.data.get("reason", "")
                entry.errors.update({name: errors[0] for name, errors in form.errors.items()})
                failed_entry = entry
            entries.append(entry)
        categories.append(
            {"ranking": ranking, "entries": entries, "open": ranking.code == open_code}
        )
    judges = [(line, leniency_text(line.profile)) for line in outcome.judge_lines()]
    context = {
        "cycle": cycle,
        "categories": categories,
        "criteria": outcome.criteria,
        "judges": judges,
        "tier_options": [(NO_PRIZE, _("No prize")), *cycle.tier_choices()],
        "published": cycle.results_published_at is not None,
        "still_judging": cycle.phase() in (Phase.UPCOMING, Phase.OPEN, Phase.JUDGING),
        "prizes_decided": outcome.prizes_decided,
        "applicant_cities": len({a.member_id for a in outcome.applications.values()}),
        "failed": failed_entry,
        "failed_fields": [
            (f"{name}-{failed_entry.key}", failed[1][name].label, message)
            for name, message in failed_entry.errors.items()
            if message
        ]
        if failed_entry
        else [],
        "problem": problem,
        "publish_problem": publish_problem,
    }
    return render(request, "awards/results/results.html", context, status=status)


def open_category(request, rankings, failed_application=None) -> str:
    """The category whose decision forms the page shows (?decide=<category>).

    One category at a time: with every form and every judge's scores of 500 applications the
    page would weigh some 1.5 MB, too much on a slow connection; the rankings stay complete.
    A decision that was not saved opens its own category.
    """
    codes = [ranking.code for ranking in rankings]
    for ranking in rankings:
        if any(row.application.pk == failed_application for row in ranking.rows):
            return ranking.code
    wanted = request.GET.get("decide", "")
    return wanted if wanted in codes else (codes[0] if codes else "")


class ResultsView(CycleStaffMixin, View):
    """The deliberation page: rankings, each judge's scores, decisions, publication."""

    def get(self, request, slug):
        wanted = request.GET.get("format")
        if wanted in ("csv", "xlsx"):
            outcome = results.compute(self.cycle)
            name = f"{self.cycle.slug}-results"
            if wanted == "csv":
                return csv_response(result_exports.ranking_rows(outcome), name)
            sheets = result_exports.results_sheets(outcome)
            return xlsx_response(sheets, name, right_to_left=get_language_bidi())
        return results_page(request, self.cycle)


class DecisionView(CycleStaffMixin, View):
    def post(self, request, slug, pk):
        application = get_object_or_404(
            self.cycle.applications.select_related("member"),
            pk=pk,
            status=Application.Status.SUBMITTED,
        )
        form = DecisionForm(request.POST, tiers=self.cycle.tier_choices())
        if not form.is_valid():
            return results_page(request, self.cycle, 400, failed=(application.pk, form))
        try:
            sharing = decisions.decide(
                application, form.tier_code(), form.cleaned_data["reason"], request.user
            )
        except decisions.ResultsLocked:
            locked = _("The results are published: decisions are locked and cannot change.")
            return results_page(request, self.cycle, 400, problem=locked)
        except decisions.NotEligible:  # withdrawn meanwhile, or the cycle's prizes changed
            problem = _("This application cannot receive this decision any more.")
            return results_page(request, self.cycle, 400, problem=problem)
        if sharing:
            messages.warning(
                request,
                ngettext(
                    "The decision on %(reference)s is saved. Note: %(cities)s already has "
                    "the same prize in this category.",
                    "The decision on %(reference)s is saved. Note: %(cities)s already have "
                    "the same prize in this category.",
                    len(sharing),
                )
                % {
                    "reference": application.reference,
                    "cities": ", ".join(other.applicant_name for other in sharing),
                },
            )
        else:
            messages.success(
                request,
                _("The decision on %(reference)s is saved.") % {"reference": application.reference},
            )
        url = reverse("awards:results", kwargs={"slug": slug})
        return redirect(f"{url}?decide={application.category}#application-{application.pk}")


class PublishView(CycleStaffMixin, View):
    def post(self, request, slug):
        try:
            published = publication.publish(self.cycle, request.user)
        except decisions.ResultsLocked:
            problem = _("The results are already published.")
            return results_page(request, self.cycle, 400, publish_problem=problem)
        except publication.NothingToPublish:
            problem = _("Decide at least one prize before publishing the results.")
            return results_page(request, self.cycle, 400, publish_problem=problem)
        messages.success(
            request,
            ngettext(
                "The results are published with %(winners)s winner.",
                "The results are published with %(winners)s winners.",
                published.winners,
            )
            % {"winners": published.winners}
            + " "
            + _("The applicant cities are told by email in the background."),
        )
        return redirect("awards:winners", slug=slug)


def visible_cycle(request, slug) -> AwardCycle:
    """The cycle whose results are public, or that staff preview; 404 for others."""
    return get_object_or_404(AwardCycle.objects.results_visible_to(request.user), slug=slug)


def winner_groups(cycle, decisions) -> list[dict]:
    """[{label, tiers: [{label, decisions}]}] in the cycle's category and prize order."""
    labels = dict(Category.choices)
    groups: dict[str, dict] = {}
    for decision in decisions:
        category = decision.application.category
        group = groups.setdefault(category, {"label": labels.get(category, category), "tiers": {}})
        tier = group["tiers"].setdefault(
            decision.tier, {"label": decision.get_tier_display(), "decisions": []}
        )
        tier["decisions"].append(decision)
    return [{**g, "tiers": list(g["tiers"].values())} for g in groups.values()]


class WinnersView(View):
    def get(self, request, slug):
        cycle = visible_cycle(request, slug)
        winners = publication.winning_decisions(cycle)
        wanted = request.GET.get("format")
        if wanted in ("csv", "xlsx"):
            rows = result_exports.winner_rows(winners, request.build_absolute_uri)
            name = f"{cycle.slug}-winners"
            if wanted == "csv":
                return csv_response(rows, name)
            return xlsx_response([(_("Winners"), rows)], name, get_language_bidi())
        context = {
            "cycle": cycle,
            "groups": winner_groups(cycle, winners),
            "preview": cycle.results_published_at is None,
            "staff": is_staff(request.user),
            "published_practice": Practice.Status.PUBLISHED,
            # Whoever published follows the outcome emails here (and on the job's own page).
            "announcement": is_staff(request.user) and announcements.latest_announcement(cycle),
        }
        return render(request, "awards/results/winners.html", context)


class CertificateView(View):
    """A winner's certificate: public once the results are published, staff anytime."""

    def get(self, request, slug, pk):
        cycle = visible_cycle(request, slug)
        decision = get_object_or_404(
            Decision.objects.exclude(tier="").select_related(
                "application__member", "application__cycle"
            ),
            application__pk=pk,
            application__cycle=cycle,
            application__status=Application.Status.SUBMITTED,
        )
        data = certificates_pdf(cycle, [decision], get_language() or "en")
        name = f"{cycle.slug}-certificate-{decision.application.reference}.pdf"
        return download(data, PDF, name, inline=True)


class AllCertificatesView(CycleStaffMixin, View):
    """Every winner's certificate in one PDF, one page each, for printing."""

    def get(self, request, slug):
        winners = publication.winning_decisions(self.cycle)
        if not winners:
            messages.error(request, _("No prize is decided yet: there is no certificate to make."))
            return redirect("awards:results", slug=slug)
        data = certificates_pdf(self.cycle, winners, get_language() or "en")
        return download(data, PDF, f"{self.cycle.slug}-certificates.pdf", inline=True)
