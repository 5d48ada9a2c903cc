"""Expected gains in words, and the indicators not answered yet, as the roadmap, the results
page, the PDF report and the Master Plan all show them. Framework titles come as Localised
texts (pages mark a missing translation); exports write them with str()."""

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from wego.core.i18n import localise
from wego.diagnostic.domain.roadmap import candidates, not_answered

GAINS_SHOWN = 10  # "where the score can gain most": the first ten


def number(value: float, digits: int = 1) -> str:
    """A figure in the reader's language (2.3, or 2,3 in Arabic)."""
    return formats.number_format(round(value, digits), digits)


def from_to(before: float, after: float) -> tuple[str, str]:
    """Two scores as whole numbers, or with the decimals that keep them apart: a domain that
    moves from 52.2 to 52.6 reads "from 52.2 to 52.6", never "from 52 to 53" or "52 to 52"."""
    digits = 0
    while digits < 2 and round(before, digits) == round(after, digits):
        digits += 1
    if digits == 0 and round(after) == 100 and after < 99.95:
        digits = 1  # 99.6 is not yet full marks
    return number(before, digits), number(after, digits)


def points(gain: float) -> str:
    """A gain in overall points: "+2.3"; a small one keeps its second decimal ("+0.04")."""
    return "+" + number(gain, 1 if gain >= 0.05 else 2)


def gain_text(item, indicator_score) -> str:
    """Where an item's expected gain comes from, in one sentence."""
    score = from_to(item.score, 100.0)[0]
    before, after = from_to(item.domain_score, item.domain_after)
    text = _(
        "From %(score)s to 100 on this indicator: its domain from %(before)s to %(after)s, "
        "the overall score %(gain)s."
    ) % {"score": score, "before": before, "after": after, "gain": points(item.gain)}
    missing = indicator_score.missing
    if missing:
        text += " " + ngettext(
            "%(count)s of its questions is not answered yet.",
            "%(count)s of its questions are not answered yet.",
            missing,
        ) % {"count": missing}
    return text


def best_gains(framework, result, language: str) -> list[dict]:
    """Where the score can gain most: the answered indicators whose full marks raise the
    overall score most, with where each gain comes from (the roadmap's own figures)."""
    items = sorted(candidates(framework, result), key=lambda i: (-i.gain, i.indicator))
    indicators = framework.indicator_map()
    return [
        {
            "code": item.indicator,
            "title": localise(indicators[item.indicator].title, language),
            "gain": item.gain,
            "points": points(item.gain),
            "why": gain_text(item, result.indicators[item.indicator]),
        }
        for item in items[:GAINS_SHOWN]
        if item.gain >= 0.005
    ]


def unanswered_by_domain(assessment, result, language: str) -> dict:
    """The indicators not answered yet, by domain, with the page where each domain is answered."""
    framework = assessment.framework
    indicators = framework.indicator_map()
    titles = {d.code: localise(d.title, language) for d in framework.domains}
    domains: dict[str, dict] = {}
    found = not_answered(framework, result)
    for item in found:
        if item.domain not in domains:
            domains[item.domain] = {
                "code": item.domain,
                "title": titles[item.domain],
                "url": reverse("diagnostic:fill_in", args=[assessment.pk, item.domain]),
                "indicators": [],
            }
        title = localise(indicators[item.indicator].title, language)
        domains[item.domain]["indicators"].append({"code": item.indicator, "title": title})
    return {
        "count": len(found),
        "domains": list(domains.values()),
        "heading": unanswered_heading(len(found)),
        "intro": unanswered_intro(),
        "comma": list_comma(),
    }


def list_comma() -> str:
    """The reader's comma between the items of a short list (Arabic ،), as `{% listed %}`."""
    return pgettext("between the items of a short list", ", ")


def unanswered_heading(count: int) -> str:
    return ngettext(
        "Not answered yet: %(count)s indicator",
        "Not answered yet: %(count)s indicators",
        count,
    ) % {"count": count}


def unanswered_intro() -> str:
    return _(
        "Answer these to know whether they need work: until they are answered they count as "
        "no gap, and the plan leaves them out."
    )
