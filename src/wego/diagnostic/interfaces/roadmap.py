"""The roadmap page and its exports (Excel, iCalendar milestones)."""

from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wego.core.exports import xlsx_bytes
from wego.core.i18n import localise
from wego.diagnostic.domain.roadmap import (
    OVERLOADED,
    REQUIRES_DROPPED,
    YEAR_CAPACITY,
    YEARS,
    apply_edits,
)
from wego.diagnostic.interfaces.gains import (
    from_to,
    gain_text,
    points,
    unanswered_by_domain,
    unanswered_heading,
)
from wego.diagnostic.models import PeerScore
from wego.diagnostic.services.roadmaps import edits_for, proposed_steps
from wego.diagnostic.signals import help_for_indicators
from wego.members.models import name_in_reader_language

STRONG = 75.0  # a peer scoring this much on an indicator can show how it is done
HELPERS_PER_ITEM = 3


def quarter_end(year: int, quarter: int) -> date:
    month = quarter * 3
    return date(year, month, 31 if month in (3, 12) else 30)


def roadmap_steps(assessment, language: str):
    """The roadmap as the official edited it: rows of the kept items, and the scores."""
    planned = roadmap_plan(assessment, language)
    return planned["rows"], planned["result"]


def roadmap_plan(assessment, language: str) -> dict:
    """Kept rows, dropped rows and concerns of the edited roadmap, and the indicators not
    answered yet (no gap until answered), in the reader's language."""
    steps, result = proposed_steps(assessment)
    edits = edits_for(assessment)
    edited = apply_edits(steps, edits)
    framework = assessment.framework
    indicators = framework.indicator_map()
    domains = {d.code: localise(d.title, language) for d in framework.domains}
    notes = {code: edit.note for code, edit in edits.items()}

    def title(code):
        return localise(indicators[code].title, language)

    # Who and what can help, for the items planned in the coming years (later ones get theirs
    # when the plan reaches them): a few indexed queries instead of one per indicator of the
    # framework, and a page that stays light when most of a long plan is "later".
    soon = [s.item.indicator for s in edited.steps if s.year]
    helpers = peers_strong_on(soon, assessment)
    practices = help_for_indicators(soon, assessment.member)
    first_year = assessment.year + 1
    rows = []
    for step in edited.steps:
        item = step.item
        rows.append(
            {
                "code": item.indicator,
                "title": title(item.indicator),
                "domain": domains[item.domain],
                "score": item.score,
                "score_text": from_to(item.score, 100.0)[0],
                "gain": item.gain,
                "points": points(item.gain),
                "why": gain_text(item, result.indicators[item.indicator]),
                "priority": item.priority,
                "effort": item.effort,
                "year": step.year,
                "calendar_year": first_year + step.year - 1 if step.year else None,
                "quarter": step.quarter,
                "milestone": quarter_end(first_year + step.year - 1, step.quarter)
                if step.year
                else None,
                "after": [title(c) for c in step.waits_for],
                "unknown": [title(c) for c in item.requires if result.indicators[c].value is None],
                "helpers": helpers.get(item.indicator, []),
                "note": notes.get(item.indicator, ""),
                "practices": practices.get(item.indicator, []),
            }
        )
    dropped = [
        {"code": s.item.indicator, "title": title(s.item.indicator), "points": points(s.item.gain)}
        for s in edited.dropped
    ]
    concerns = [concern_text(c, title, first_year) for c in edited.concerns]
    return {
        "rows": rows,
        "dropped": dropped,
        "concerns": concerns,
        "result": result,
        "unanswered": unanswered_by_domain(assessment, result, language),
    }


def concern_text(concern, title, first_year: int) -> str:
    if concern.kind == OVERLOADED:
        return _(
            "Year %(year)s now holds %(load)s effort points; a city can usually carry about "
            "%(capacity)s in a year."
        ) % {
            "year": first_year + concern.year - 1,
            "load": concern.load,
            "capacity": YEAR_CAPACITY,
        }
    if concern.kind == REQUIRES_DROPPED:
        return _("“%(item)s” needs “%(required)s”, which you dropped from the plan.") % {
            "item": title(concern.indicator),
            "required": title(concern.other),
        }
    return _("“%(item)s” needs “%(required)s”, which now comes later in the plan.") % {
        "item": title(concern.indicator),
        "required": title(concern.other),
    }


def roadmap_edit_done(action: str) -> str:
    return {
        "up": _("The item moved up."),
        "down": _("The item moved down."),
        "drop": _("The item is dropped from the plan; you can restore it below."),
        "restore": _("The item is back in the plan."),
    }.get(action, _("Your change to the roadmap is saved."))


def roadmap_edit_problem(refused) -> str:
    return {
        "not-in-plan": _("Indicator: this indicator is not part of the roadmap any more."),
        "out-of-range": _("Year: choose one of the three years of the plan, or later."),
        "at-the-edge": _("Move: the item is already at that end of its year."),
        "unknown-direction": _("Move: an item can only move up or down."),
    }[refused.code]


def suggested_modules(assessment, rows, language: str) -> list[dict]:
    """The modules that close the biggest gaps among the planned (answered) items."""
    from wego.diagnostic.domain.modules import modules_for, suggest

    framework = assessment.framework
    gains = {row["code"]: row["gain"] for row in rows}
    indicators = framework.indicator_map()
    return [
        {
            "code": module.code,
            "title": localise(module.title, language),
            "summary": localise(module.summary, language),
            "gain": total,
            "points": points(total),
            "cost": module.cost_usd,
            "months": module.months,
            "closes": [localise(indicators[c].title, language) for c in module.closes],
        }
        for module, total in suggest(modules_for(framework), gains)
    ]


def peers_strong_on(indicator_codes, assessment) -> dict[str, list]:
    """Members that published a strong score on each indicator: who can show how it is done.

    One small query per indicator, each read from the top of a partial index of published
    scores, so the cost does not grow with the size of the network.
    """
    found: dict[str, list] = {}
    published = PeerScore.objects.filter(
        framework_version=assessment.framework_version, published=True, value__gte=STRONG
    ).exclude(member=assessment.member)
    for code in indicator_codes:
        best = (
            published.filter(metric=code)
            .order_by("-value")
            .annotate(member_name=name_in_reader_language("member__"))
            .values_list("member__slug", "member_name", "value", "assessment_id")[:HELPERS_PER_ITEM]
        )
        found[code] = [
            {"slug": slug, "name": name, "score": value, "assessment": assessment_id}
            for slug, name, value, assessment_id in best
        ]
    return found


def roadmap_by_year(rows):
    years = [{"year": n, "rows": [r for r in rows if r["year"] == n]} for n in range(1, YEARS + 1)]
    later = [r for r in rows if r["year"] == 0]
    return years, later


def roadmap_xlsx(assessment, planned, site_url: str) -> bytes:
    """The roadmap sheet, then the indicators not answered yet, each with where to answer it."""
    table = [
        [
            _("Year"),
            _("Quarter"),
            _("Milestone"),
            _("Code"),
            _("Indicator"),
            _("Domain"),
            _("Score now"),
            _("Expected gain"),
            _("Where the gain comes from"),
            _("Effort (1-5)"),
            _("After"),
            _("Peers who can help"),
        ]
    ]
    for r in planned["rows"]:
        table.append(
            [
                r["calendar_year"] or _("later"),
                r["quarter"] or "",
                r["milestone"].isoformat() if r["milestone"] else "",
                r["code"],
                r["title"],
                r["domain"],
                round(r["score"], 1) if r["score"] is not None else "",
                round(r["gain"], 2),
                r["why"],
                r["effort"],
                "; ".join(map(str, r["after"])),
                "; ".join(h["name"] for h in r["helpers"]),
            ]
        )
    unanswered = [[_("Domain"), _("Code"), _("Indicator"), _("Where to answer it")]]
    for domain in planned["unanswered"]["domains"]:
        for indicator in domain["indicators"]:
            address = f"{site_url}{domain['url']}#ind-{indicator['code']}"
            name = str(indicator["title"])
            unanswered.append([str(domain["title"]), indicator["code"], name, address])
    return xlsx_bytes([(_("Roadmap"), table), (_("Not answered yet"), unanswered)])


def roadmap_ics(assessment, planned, site_url: str) -> bytes:
    """A milestone per planned item; one task to answer what is not answered yet."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//WeGO Platform//CeDS roadmap//EN")
    calendar.add("version", "2.0")
    calendar.add(
        "x-wr-calname", _("e-Government roadmap of %(member)s") % {"member": assessment.member.name}
    )
    for r in planned["rows"]:
        if not r["milestone"]:
            continue
        event = Event()
        event.add("uid", f"ceds-{assessment.pk}-{r['code']}@wego-platform")
        event.add("summary", _("Milestone: %(indicator)s") % {"indicator": r["title"]})
        event.add("dtstart", r["milestone"])
        event.add("dtstamp", assessment.updated_at)
        event.add(
            "description",
            _("Expected gain: %(gain)s points. Effort: %(effort)s of 5.")
            % {"gain": r["points"], "effort": r["effort"]}
            + " "
            + r["why"],
        )
        event.add("url", f"{site_url}/diagnostic/assessments/{assessment.pk}/roadmap/")
        calendar.add_component(event)
    if planned["unanswered"]["count"]:
        calendar.add_component(unanswered_task(assessment, planned["unanswered"], site_url))
    return calendar.to_ical()


def unanswered_task(assessment, unanswered, site_url: str):
    """A to-do without a date: answer the indicators the plan cannot judge yet."""
    from icalendar import Todo

    task = Todo()
    task.add("uid", f"ceds-{assessment.pk}-not-answered@wego-platform")
    task.add("summary", unanswered_heading(unanswered["count"]))
    lines = [
        ngettext(
            "%(count)s indicator is not answered yet: answer it to know whether it needs work.",
            "%(count)s indicators are not answered yet: answer them to know whether they need "
            "work.",
            unanswered["count"],
        )
        % {"count": unanswered["count"]}
    ]
    for domain in unanswered["domains"]:
        names = unanswered["comma"].join(str(i["title"]) for i in domain["indicators"])
        lines.append(f"{domain['title']} ({site_url}{domain['url']}): {names}")
    task.add("description", "\n".join(lines))
    task.add("dtstamp", assessment.updated_at)
    task.add("url", f"{site_url}/diagnostic/assessments/{assessment.pk}/")
    return task
