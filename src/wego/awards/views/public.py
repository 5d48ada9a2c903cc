"""The public pages of the WeGO Awards: the cycles, and one cycle's call for applications."""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views import View

from wego.awards.domain.timeline import Phase
from wego.awards.interfaces.cycle_dates import Deadline, deadline_of
from wego.awards.models import AwardCycle
from wego.core.dates import when

PHASE_LABELS = {
    Phase.UPCOMING: _("The call opens soon"),
    Phase.OPEN: _("Call for applications open"),
    Phase.JUDGING: _("Applications closed: the judges are scoring"),
    Phase.DELIBERATION: _("Applications closed: the panel is deciding"),
    Phase.PUBLISHED: _("Winners announced"),
}
PAST_PHASES = (Phase.JUDGING, Phase.DELIBERATION, Phase.PUBLISHED)


@dataclass(frozen=True)
class CycleRow:
    cycle: AwardCycle
    phase: Phase
    deadline: Deadline
    opens: str  # when the call opens, in the cycle's zone

    @property
    def phase_label(self):
        return PHASE_LABELS[self.phase]

    @property
    def is_published(self) -> bool:
        return self.phase is Phase.PUBLISHED


def cycle_row(cycle, now) -> CycleRow:
    return CycleRow(
        cycle=cycle,
        phase=cycle.phase(now),
        deadline=deadline_of(cycle, now),
        opens=when(cycle.call_opens_at, cycle.time_zone),
    )


def open_cycles(now=None) -> list[CycleRow]:
    """Cycles taking applications now, the nearest deadline first."""
    now = now or timezone.now()
    rows = [cycle_row(cycle, now) for cycle in AwardCycle.objects.filter(deadline__gt=now)]
    return sorted(
        (row for row in rows if row.phase is Phase.OPEN), key=lambda row: row.cycle.deadline
    )


class CycleListView(View):
    """Open calls first (with the time left), then the coming ones, then past cycles."""

    def get(self, request):
        now = timezone.now()
        rows = [cycle_row(cycle, now) for cycle in AwardCycle.objects.all()]
        context = {
            "open_calls": sorted(
                (r for r in rows if r.phase is Phase.OPEN), key=lambda r: r.cycle.deadline
            ),
            "upcoming": sorted(
                (r for r in rows if r.phase is Phase.UPCOMING),
                key=lambda r: r.cycle.call_opens_at,
            ),
            "past": [r for r in rows if r.phase in PAST_PHASES],  # newest first (model order)
            "can_apply": request.user.has_perm("awards.apply"),
            "can_manage": request.user.has_perm("awards.manage_cycles"),
            "is_judge": request.user.has_perm("awards.judge"),
        }
        return render(request, "awards/public/cycle_list.html", context)


@dataclass(frozen=True)
class CriterionRow:
    criterion: object
    share: int  # percent of the total weight
    levels: list[tuple[int, str]]


def criteria_rows(cycle) -> list[CriterionRow]:
    criteria = list(cycle.criteria.all())
    total = sum(criterion.weight for criterion in criteria) or 1
    return [
        CriterionRow(criterion, round(100 * criterion.weight / total), criterion.levels())
        for criterion in criteria
    ]


def timeline_rows(cycle, now) -> list[tuple[str, str, bool]]:
    """(what, when in the cycle's zone, already past) for each date of the cycle."""
    names = ("call_opens_at", "deadline", "judging_ends_at", "announcement_at")
    rows = []
    for name in names:
        moment = getattr(cycle, name)
        if moment is not None:
            label = capfirst(AwardCycle._meta.get_field(name).verbose_name)
            rows.append((label, when(moment, cycle.time_zone), moment <= now))
    return rows


class CycleDetailView(View):
    """The call: dates, categories and questions, criteria and rubric, who may apply."""

    def get(self, request, slug):
        cycle = get_object_or_404(AwardCycle, slug=slug)
        now = timezone.now()
        row = cycle_row(cycle, now)
        user = request.user
        context = {
            "cycle": cycle,
            "row": row,
            "deadline": row.deadline,
            "timeline": timeline_rows(cycle, now),
            "categories": cycle.categories.all(),
            "criteria": criteria_rows(cycle),
            "tiers": cycle.tier_choices(),
            "is_open": row.phase is Phase.OPEN,
            "can_apply": row.phase is Phase.OPEN and user.has_perm("awards.apply"),
            "can_manage": user.has_perm("awards.manage_cycles"),
            "is_judge": user.has_perm("awards.judge"),
        }
        return render(request, "awards/public/cycle_detail.html", context)
