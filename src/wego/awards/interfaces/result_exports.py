"""A cycle's results as rows for CSV and Excel: rankings, judges, every score, the winners."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from wego.awards.services.results import CycleResults


def number(value, decimals=2):
    return round(value, decimals) if value is not None else ""


def yes(flag: bool) -> str:
    return _("yes") if flag else ""


def _ranking_heading() -> list[str]:
    return [
        _("Rank"),
        pgettext("ranking", "Tie"),
        _("Reference"),
        _("City"),
        _("Country"),
        pgettext("practice", "Title"),
        _("Standardised score"),
        _("Raw mean"),
        _("Judges"),
        _("Spread"),
        _("Judges disagree"),
        pgettext("award", "Prize"),
        _("Reasons"),
    ]


def _ranking_row(row) -> list:
    result, application, decision = row.result, row.application, row.decision
    if decision is None:
        prize = ""
    else:
        prize = decision.get_tier_display() if decision.tier else _("No prize")
    return [
        result.rank or "",
        yes(result.tied),
        application.reference,
        application.applicant_name,
        application.applicant_country.name,
        application.title,
        number(result.standardised),
        number(result.raw_mean),
        result.judges,
        number(result.spread),
        yes(result.disputed),
        prize,
        decision.reason if decision else "",
    ]


def ranking_rows(outcome: CycleResults) -> list[list]:
    """Every category's ranking in one table (the CSV export)."""
    rows = [[_("Category"), *_ranking_heading()]]
    for ranking in outcome.rankings():
        rows.extend([ranking.label, *_ranking_row(row)] for row in ranking.rows)
    return rows


def results_sheets(outcome: CycleResults) -> list[tuple[str, list]]:
    """The Excel workbook: a sheet per category ranking, the judges, then every score."""
    sheets = [
        (ranking.label, [_ranking_heading(), *(_ranking_row(row) for row in ranking.rows)])
        for ranking in outcome.rankings()
    ]
    judges = [
        [
            _("Judge"),
            _("Organisation"),
            _("Country"),
            _("Applications scored"),
            _("Average total"),
            _("Standard deviation"),
            _("Leniency (points above the average of all totals)"),
        ]
    ]
    for line in outcome.judge_lines():
        profile = line.profile
        judges.append(
            [
                line.judge.full_name,
                line.judge.organisation,
                line.judge.country.name,
                profile.scored if profile else 0,
                number(profile.mean) if profile else "",
                number(profile.sd) if profile else "",
                number(profile.leniency) if profile else "",
            ]
        )
    sheets.append((_("Judges"), judges))
    sheets.append((_("Scores"), score_rows(outcome)))
    return sheets


def score_rows(outcome: CycleResults) -> list[list]:
    """One row per submitted review: each criterion's score, the judge's total, the comments."""
    criteria = outcome.criteria
    rows = [
        [
            _("Reference"),
            _("Category"),
            _("City"),
            _("Judge"),
            *(f"{c.name} ({c.min_score}-{c.max_score}, ×{c.weight})" for c in criteria),
            _("Total (0-100)"),
            _("Comments"),
        ]
    ]
    for ranking in outcome.rankings():
        for row in ranking.rows:
            application = row.application
            for sheet in row.sheets:
                notes = [sheet.comment] if sheet.comment else []
                notes += [f"{name}: {comment}" for name, comment in sheet.comments]
                rows.append(
                    [
                        application.reference,
                        ranking.label,
                        application.applicant_name,
                        sheet.judge.full_name,
                        *(score.value if score.value is not None else "" for score in sheet.scores),
                        number(sheet.total),
                        "\n".join(notes),
                    ]
                )
    return rows


def winner_rows(decisions, absolute_url) -> list[list]:
    """The winners page as a table; `absolute_url` turns a path into a full address."""
    rows = [
        [
            _("Category"),
            pgettext("award", "Prize"),
            _("City"),
            _("Country"),
            pgettext("practice", "Title"),
            _("Reasons"),
            _("Good practice"),
        ]
    ]
    for decision in decisions:
        application = decision.application
        practice = application.practice
        link = ""
        if practice is not None and practice.status == practice.Status.PUBLISHED:
            link = absolute_url(reverse("practices:detail", kwargs={"slug": practice.slug}))
        rows.append(
            [
                application.get_category_display(),
                decision.get_tier_display(),
                application.applicant_name,
                application.applicant_country.name,
                application.title,
                decision.reason,
                link,
            ]
        )
    return rows
