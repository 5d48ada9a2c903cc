"""The e-government maturity section of a member's page: its latest published CeDS result."""

from django.dispatch import receiver

from wego.core.i18n import localise
from wego.diagnostic.interfaces.results import place_bars
from wego.diagnostic.models import Assessment
from wego.members.signals import MemberPageSection, member_page


def latest_published_assessment(member) -> Assessment | None:
    return (
        Assessment.objects.published()
        .filter(member=member, framework_version__code="ceds")
        .select_related("framework_version")
        .defer("framework_version__content", "indicator_scores")
        .order_by("-year", "-validated_at")
        .first()
    )


def maturity(member, language: str) -> dict | None:
    """The latest published CeDS result: stage, overall score and one bar per domain."""
    assessment = latest_published_assessment(member)
    if assessment is None:
        return None
    framework = assessment.framework
    stage = next((s for s in framework.header.stages if s.code == assessment.stage), None)
    domains = [
        domain_row(domain, assessment.domain_scores, language) for domain in framework.domains
    ]
    return {
        "assessment": assessment,
        "stage_label": localise(stage.label, language) if stage else "",
        "domains": domains,
        "chart_height": place_bars(domains),
    }


def domain_row(domain, scores: dict, language: str) -> dict:
    return {
        "code": domain.code,
        "title": localise(domain.title, language),
        "part": domain.part,
        "score": (scores.get(domain.code) or {}).get("score"),
    }


@receiver(member_page, dispatch_uid="diagnostic-maturity")
def maturity_section(sender, member, user, language, **kwargs):
    context = {"maturity": maturity(member, language)}
    return MemberPageSection("diagnostic/includes/member_maturity.html", context, order=10)
