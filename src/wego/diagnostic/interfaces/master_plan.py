"""The city's e-Government Master Plan: the whole plan as one document, PDF or Word (.docx).

Both formats are drawn from one context (`master_plan_context`): a cover, then sections made of
four kinds of blocks (heading, paragraph, list, table) whose text is already translated and
formatted; a framework's text in them is a Localised one, which the PDF isolates and marks when
its translation is missing (the Word file writes its text). The PDF template
(diagnostic/master_plan.html) and the Word writer (master_plan_docx) only lay those blocks out,
so the two files cannot say different things.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wego.core.i18n import Localised, localise
from wego.core.pdf import render_pdf
from wego.diagnostic.domain.progress import Progress, answer_progress
from wego.diagnostic.domain.roadmap import YEARS
from wego.diagnostic.interfaces.benchmark import benchmark_context
from wego.diagnostic.interfaces.demo import demo_notice
from wego.diagnostic.interfaces.gains import number
from wego.diagnostic.interfaces.master_plan_docx import document_docx
from wego.diagnostic.interfaces.roadmap import roadmap_by_year, roadmap_plan, suggested_modules

DASH = "—"
SUMMARY_DOMAINS = 3  # strongest and weakest domains named in the executive summary


# ---- the content, shared by both formats ----


def planned(assessment, language: str):
    """The edited roadmap's rows, the scores, whether anything is answered yet, and the
    indicators not answered yet (no gap until answered: never in the plan, listed apart)."""
    found = roadmap_plan(assessment, language)
    result = found["result"]
    return found["rows"], result, result.overall.value is not None, found["unanswered"]


def master_plan_context(assessment, language: str) -> dict:
    with translation.override(language):
        plan, result, answered, unanswered = planned(assessment, language)
        modules = suggested_modules(assessment, plan, language) if plan else []
        name = assessment.member.name
        return {
            "language": language,
            "bidi": translation.get_language_bidi(),
            "title": _("e-Government Master Plan of %(member)s") % {"member": name},
            "cover": _cover(assessment),
            "sections": [
                _summary(assessment, result, plan, unanswered, language),
                _current_state(assessment, result, language),
                _peers(assessment, language),
                _roadmap(assessment, plan, answered, unanswered),
                _modules(modules, answered),
                _helpers(plan, answered),
                _annex(assessment, result, language),
            ],
        }


def roadmap_context(assessment, language: str) -> dict:
    """The roadmap alone (as the city edited it), with who can help: the roadmap PDF."""
    with translation.override(language):
        plan, _result, answered, unanswered = planned(assessment, language)
        return {
            "language": language,
            "bidi": translation.get_language_bidi(),
            "title": _("e-Government roadmap of %(member)s") % {"member": assessment.member.name},
            "cover": _cover(assessment, _("e-Government roadmap")),
            "sections": [
                _roadmap(assessment, plan, answered, unanswered),
                _helpers(plan, answered),
            ],
        }


def heading(text: str) -> dict:
    return {"kind": "heading", "text": text}


def paragraph(text: str) -> dict:
    return {"kind": "paragraph", "text": text}


def bullets(items: list[str], ordered: bool = False) -> dict:
    return {"kind": "list", "items": items, "ordered": ordered}


def table(header, rows, numeric=(), widths=(), small=False) -> dict:
    """A table: `numeric` holds the indexes of the columns aligned as figures, `widths` the
    share of the line each column takes (percentages adding up to 100; none: as they come)."""

    def cells(values):
        return [(text(value), index in numeric) for index, value in enumerate(values)]

    return {
        "kind": "table",
        "header": cells(header) if header else None,
        "rows": [cells(row) for row in rows],
        "widths": list(widths),
        "small": small,
    }


def text(value):
    """A cell's text: a Localised one as it is (it keeps its language), anything else as str."""
    return value if isinstance(value, Localised) else str(value)


def framed(before: str, title, after: str = ""):
    """A framework's text with a code before it or a figure after it ("GM1 Title", "Title:
    78"), still in the language the text was found in."""
    if isinstance(title, Localised):
        return Localised(f"{before}{title.text}{after}", title.language)
    return f"{before}{title}{after}"


def section(code: str, title: str, blocks: list[dict]) -> dict:
    return {"id": code, "title": title, "blocks": blocks}


def figure(value, digits: int = 1) -> str:
    return DASH if value is None else number(value, digits)


def percent(progress: Progress) -> str:
    """The share of the questions answered, in whole percent."""
    return f"{progress.percent}%"


def answered_figure(progress: Progress) -> str:
    return _("%(done)s of %(total)s (%(percent)s)") % {
        "done": progress.done,
        "total": progress.total,
        "percent": percent(progress),
    }


def nothing_to_plan() -> dict:
    return paragraph(
        _(
            "No question is answered yet, so there is nothing to plan yet: answer the "
            "assessment's questions, then export the Master Plan again."
        )
    )


def _cover(assessment, title: str = "") -> dict:
    version = assessment.framework_version
    today = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    return {
        "kicker": _("World e-Governments Organization of Cities and Local Governments (WeGO)"),
        "title": title or _("e-Government Master Plan"),
        "member": assessment.member.name,
        "lines": [
            _("Assessment year: %(year)s") % {"year": assessment.year},
            _("Framework: %(framework)s")
            % {"framework": f"{version.display_title} {version.version}"},
            _("Generated on %(date)s") % {"date": today},
            _("Prepared with the CeDS toolkit (City e-Government Diagnostic and Solution)."),
            *([demo_notice()] if assessment.is_demo else []),
        ],
    }


def domain_rows(assessment, result, language: str) -> list[dict]:
    progress = answer_progress(assessment.framework, result.statuses)
    return [
        {
            "code": domain.code,
            "title": localise(domain.title, language),
            "score": result.domains[domain.code].value,
            "answered": progress.domains[domain.code],
        }
        for domain in assessment.framework.domains
    ]


def overall_progress(assessment, result) -> Progress:
    return answer_progress(assessment.framework, result.statuses).overall


def strongest_and_weakest(domains: list[dict]) -> tuple[list[dict], list[dict]]:
    scored = sorted((d for d in domains if d["score"] is not None), key=lambda d: -d["score"])
    strongest = scored[:SUMMARY_DOMAINS]
    rest = scored[len(strongest) :]
    return strongest, list(reversed(rest[-SUMMARY_DOMAINS:]))


def _summary(assessment, result, plan, unanswered, language: str) -> dict:
    title = _("Executive summary")
    if result.overall.value is None:
        return section("summary", title, [nothing_to_plan()])
    stage = localise(result.stage.label, language) if result.stage else DASH
    facts = [
        [_("Overall score"), _("%(score)s out of 100") % {"score": figure(result.overall.value)}],
        [_("Maturity stage"), stage],
        [_("Questions answered"), answered_figure(overall_progress(assessment, result))],
        [_("Improvements in the next three years"), str(scheduled(plan))],
        [_("Improvements for later"), str(len(plan) - scheduled(plan))],
        [_("Indicators not answered yet"), str(unanswered["count"])],
    ]
    strongest, weakest = strongest_and_weakest(domain_rows(assessment, result, language))

    def named(rows):
        return [framed("", row["title"], f": {figure(row['score'], 0)}") for row in rows] or [DASH]

    blocks = [
        table(None, facts),
        paragraph(reading(assessment, result, plan, strongest, weakest, language)),
        *stage_description(result, language),
        heading(_("Strongest domains")),
        bullets(named(strongest)),
        heading(_("Weakest domains")),
        bullets(named(weakest)),
    ]
    return section("summary", title, blocks)


def reading(assessment, result, plan, strongest, weakest, language: str) -> str:
    """The executive summary in plain words, one sentence per fact."""
    sentences = [
        _("%(member)s scores %(score)s out of 100 on the %(framework)s framework.")
        % {
            "member": assessment.member.name,
            "score": figure(result.overall.value, 0),
            "framework": assessment.framework_version.display_title,
        }
    ]
    if result.stage:
        sentences.append(
            _("Its e-government is at the “%(stage)s” stage.")
            % {"stage": localise(result.stage.label, language)}
        )
    answered = overall_progress(assessment, result)
    sentences.append(
        ngettext(
            "%(done)s of the %(total)s questions that apply to the city is answered (%(percent)s).",
            "%(done)s of the %(total)s questions that apply to the city are answered "
            "(%(percent)s).",
            answered.done,
        )
        % {"done": answered.done, "total": answered.total, "percent": percent(answered)}
    )
    if strongest and weakest:
        sentences.append(
            _("It does best in %(strong)s and has most room to improve in %(weak)s.")
            % {"strong": strongest[0]["title"], "weak": weakest[0]["title"]}
        )
    if plan:
        sentences.append(plan_sentence(assessment, plan))
    return " ".join(sentence for sentence in sentences if sentence)


def stage_description(result, language: str) -> list[dict]:
    """What the stage reached means, a paragraph of its own: a framework's text, which keeps
    its language when it has no translation (inside the summary's sentences it could not)."""
    description = localise(result.stage.description, language) if result.stage else None
    return [paragraph(description)] if description else []


def scheduled(plan) -> int:
    return sum(1 for row in plan if row["year"])


def plan_sentence(assessment, plan) -> str:
    first, count = assessment.year + 1, scheduled(plan)
    return ngettext(
        "The roadmap schedules %(count)s improvement from %(first)s to %(last)s.",
        "The roadmap schedules %(count)s improvements from %(first)s to %(last)s.",
        count,
    ) % {"count": count, "first": first, "last": first + YEARS - 1}


def _current_state(assessment, result, language: str) -> dict:
    rows = [
        [row["code"], row["title"], figure(row["score"]), percent(row["answered"])]
        for row in domain_rows(assessment, result, language)
    ]
    header = [_("Code"), _("Domain"), _("Score"), _("Answered")]
    blocks = [
        paragraph(
            _(
                "Scores run from 0 to 100. Answered: the share of the domain's applicable "
                "questions that have an answer; a missing answer is never counted as zero."
            )
        ),
        table(header, rows, numeric=(2, 3), widths=(10, 60, 15, 15)),
    ]
    return section("current-state", _("Current state by domain"), blocks)


def _peers(assessment, language: str) -> dict:
    compared, small = [], []
    for group in benchmark_context(assessment, language)["groups"]:
        if group.get("missing"):
            small.append(f"{group['label']}: {group['missing']}")
        elif group["too_small"]:
            small.append(f"{group['label']}: {too_small_text(group['peers'])}")
        else:
            compared.append(peer_row(group))
    blocks = [
        paragraph(
            _(
                "Only results that cities published or shared anonymously count. Percentile: "
                "the share of the group scoring below this city (ties count half)."
            )
        )
    ]
    if compared:
        header = [_("Peer group"), _("Other cities"), _("This city"), _("Percentile"), _("Median")]
        blocks.append(table(header, compared, (1, 2, 3, 4), widths=(40, 15, 15, 15, 15)))
    else:
        blocks.append(paragraph(_("No peer group has enough cities to compare with yet.")))
    if small:
        blocks.append(bullets(small))
    return section("peers", _("Where the city stands among its peers"), blocks)


def too_small_text(peers: int) -> str:
    if not peers:
        return _("no other city has shared its results yet.")
    return ngettext(
        "only %(count)s other city has shared its results; figures appear from 5 cities.",
        "only %(count)s other cities have shared their results; figures appear from 5 cities.",
        peers,
    ) % {"count": peers}


def peer_row(group) -> list[str]:
    overall = group["rows"][0]  # benchmark_context puts the overall score first
    median = overall["distribution"].median if overall["distribution"] else None
    return [
        group["label"],
        str(group["peers"]),
        figure(overall["own"]),
        figure(overall["percentile"], 0),
        figure(median),
    ]


def _roadmap(assessment, plan, answered: bool, unanswered: dict) -> dict:
    title = _("The roadmap by year")
    if not answered:
        return section("roadmap", title, [nothing_to_plan()])
    if not plan:
        text = _("Every indicator is at full marks: there is nothing left to plan.")
        if unanswered["count"]:
            text = _(
                "Nothing to plan yet: no answered indicator is below full marks. Answer the "
                "indicators below to know what needs work."
            )
        return section("roadmap", title, [paragraph(text), *unanswered_blocks(unanswered)])
    blocks = [
        paragraph(
            _(
                "Expected gain: how many points the overall score would rise if the indicator "
                "reached full marks, all else equal; each item says where it comes from. "
                "Effort: from 1 (small) to 5 (large)."
            )
        )
    ]
    years, later = roadmap_by_year(plan)
    for year in years:
        calendar = assessment.year + year["year"]
        blocks.append(
            heading(
                _("Year %(number)s (%(calendar)s)") % {"number": year["year"], "calendar": calendar}
            )
        )
        blocks.append(
            roadmap_table(year["rows"])
            if year["rows"]
            else paragraph(_("Nothing planned this year."))
        )
    if later:
        blocks += [heading(_("Later")), roadmap_table(later)]
    return section("roadmap", title, blocks + unanswered_blocks(unanswered))


def unanswered_blocks(unanswered: dict) -> list[dict]:
    """The indicators not answered yet, by domain: to answer before anyone can plan them."""
    if not unanswered["count"]:
        return []
    comma = unanswered["comma"]
    items = [
        framed(
            "", domain["title"], ": " + comma.join(str(i["title"]) for i in domain["indicators"])
        )
        for domain in unanswered["domains"]
    ]
    return [heading(unanswered["heading"]), paragraph(unanswered["intro"]), bullets(items)]


def roadmap_table(rows) -> dict:
    header = [
        _("Milestone"),
        _("Indicator"),
        _("Domain"),
        _("Score now"),
        _("Expected gain"),
        _("Where the gain comes from"),
        _("Effort"),
        _("After"),
        _("Note"),
    ]
    widths = (9, 17, 11, 6, 8, 22, 6, 10, 11)
    return table(header, [roadmap_row(r) for r in rows], (3, 4, 6), widths, small=True)


def roadmap_row(row) -> list[str]:
    milestone = DASH
    if row["milestone"]:
        milestone = _("Q%(quarter)s %(year)s") % {
            "quarter": row["quarter"],
            "year": row["calendar_year"],
        }
    return [
        milestone,
        framed(f"{row['code']} ", row["title"]),
        row["domain"],
        row["score_text"],
        row["points"],
        row["why"],
        str(row["effort"]),
        "; ".join(map(str, row["after"])) or DASH,
        row.get("note", ""),
    ]


def _modules(modules, answered: bool) -> dict:
    title = _("e-Government modules proposed")
    if not answered:
        return section("modules", title, [nothing_to_plan()])
    if not modules:
        return section("modules", title, [paragraph(_("No module matches the gaps of this plan."))])
    header = [
        _("Module"),
        _("What it does"),
        _("Expected gain"),
        _("Typical cost (USD)"),
        _("Time"),
    ]
    rows = [
        [
            module["title"],
            module["summary"],
            module["points"],
            span(*module["cost"], grouped=True),
            _("%(range)s months") % {"range": span(*module["months"])},
        ]
        for module in modules
    ]
    guides = [framed("", m["title"], f": {module_address(m['code'])}") for m in modules]
    blocks = [
        paragraph(_("The modules that close the biggest gaps of this plan, with typical ranges.")),
        table(header, rows, numeric=(2, 3), widths=(20, 45, 9, 14, 12)),
        heading(_("Step-by-step deployment guides")),
        bullets(guides),
    ]
    return section("modules", title, blocks)


def span(low: int, high: int, grouped: bool = False) -> str:
    def number(value):
        return formats.number_format(value, force_grouping=grouped)

    return f"{number(low)}–{number(high)}"


def module_address(code: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("diagnostic:module", args=[code])


def _helpers(plan, answered: bool) -> dict:
    title = _("Who can help")
    if not answered:
        return section("helpers", title, [nothing_to_plan()])
    rows = [
        [
            framed(f"{row['code']} ", row["title"]),
            ", ".join(f"{h['name']} ({figure(h['score'], 0)})" for h in row["helpers"]),
        ]
        for row in plan
        if row["helpers"]
    ]
    intro = _(
        "Member cities that published a strong score on a roadmap item can show how it is "
        "done; the WeGO Secretariat can arrange a matchmaking meeting."
    )
    if not rows:
        more = _("No published peer scores strongly on the items of this plan yet.")
        return section("helpers", title, [paragraph(intro), paragraph(more)])
    header = [_("Indicator"), _("Peers who can help")]
    return section("helpers", title, [paragraph(intro), table(header, rows, widths=(45, 55))])


def _annex(assessment, result, language: str) -> dict:
    blocks = [
        paragraph(
            _(
                "Every indicator of the framework, with its score and the share of its questions "
                "answered."
            )
        )
    ]
    header = [_("Code"), _("Indicator"), _("Score"), _("Answered")]
    progress = answer_progress(assessment.framework, result.statuses)
    for domain in assessment.framework.domains:
        rows = [
            [
                indicator.code,
                localise(indicator.title, language),
                figure(result.indicators[indicator.code].value),
                percent(progress.indicators[indicator.code]),
            ]
            for indicator in domain.indicators
        ]
        blocks += [heading(framed(f"{domain.code} ", localise(domain.title, language)))]
        blocks += [table(header, rows, numeric=(2, 3), widths=(10, 60, 15, 15))]
    return section("annex", _("Annex: every indicator's score"), blocks)


# ---- the two formats: the PDF template and the Word writer lay the same context out ----


def master_plan_pdf(assessment, language: str) -> bytes:
    return document_pdf(master_plan_context(assessment, language))


def roadmap_pdf(assessment, language: str) -> bytes:
    return document_pdf(roadmap_context(assessment, language))


def master_plan_docx(assessment, language: str) -> bytes:
    return document_docx(master_plan_context(assessment, language))


def document_pdf(context: dict) -> bytes:
    # Presentational hints: the template gives column widths as <col width="..%">.
    return render_pdf("diagnostic/master_plan.html", context, presentational_hints=True)
