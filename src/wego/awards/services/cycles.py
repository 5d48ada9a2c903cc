"""Creating an award cycle with the categories, questions and criteria WeGO uses by default."""

from django.db import transaction
from django.utils.translation import gettext as _

from wego.awards.models import AwardCycle, Criterion, CycleCategory
from wego.practices.models import Category


def default_categories() -> list[dict]:
    """The five categories of the WeGO Awards, each with the questions its applicants answer."""
    shared = _("Who uses it, and how many people did it reach in the last year?")
    return [
        {
            "category": Category.SERVICES,
            "description": _("Online public services that make citizens' lives easier."),
            "questions": [
                _("Which services are offered online, and through which channels?"),
                shared,
            ],
        },
        {
            "category": Category.EFFICIENCY,
            "description": _("Doing more with less: faster, cheaper, paperless administration."),
            "questions": [
                _("What did the administration save in time or money? Give figures."),
                shared,
            ],
        },
        {
            "category": Category.OPEN_CITY,
            "description": _("Open data, transparency and citizens' participation."),
            "questions": [
                _("What is open now that was not before, and who reuses it?"),
                shared,
            ],
        },
        {
            "category": Category.URBAN_MANAGEMENT,
            "description": _("Smart management of transport, safety, environment and utilities."),
            "questions": [
                _("Which urban problem does it manage, and what changed on the ground?"),
                shared,
            ],
        },
        {
            "category": Category.DIGITAL_DIVIDE,
            "description": _(
                "Bringing the elderly, the poor and remote areas into the digital city."
            ),
            "questions": [
                _("Which groups were left out before, and how does it reach them now?"),
                shared,
            ],
        },
    ]


def default_criteria() -> list[dict]:
    """Five criteria scored 1 to 5, with what each score means."""

    def rubric(*descriptors):
        return list(descriptors)

    return [
        {
            "name": _("Innovation"),
            "description": _("How new the idea or its use is, for a city government."),
            "weight": 20,
            "rubric": rubric(
                _("Copies a common solution with nothing new."),
                _("Small improvements on a common solution."),
                _("A clear new element for cities of its kind."),
                _("New in its region, with a creative use of technology or process."),
                _("A first: other cities will learn from it."),
            ),
        },
        {
            "name": _("Impact"),
            "description": _("Measured results for citizens and the administration."),
            "weight": 30,
            "rubric": rubric(
                _("No results shown."),
                _("Results claimed without figures."),
                _("Some measured results for a part of the public."),
                _("Clear measured results for many people."),
                _("Large, measured and lasting results, independently confirmed."),
            ),
        },
        {
            "name": _("Citizen focus"),
            "description": _("Designed with and for its users, open to all of them."),
            "weight": 20,
            "rubric": rubric(
                _("Designed around the administration only."),
                _("Users were considered but not consulted."),
                _("Users were consulted; it works for most of them."),
                _("Users shaped it; it is accessible and widely used."),
                _("Co-created with users, including those usually left out."),
            ),
        },
        {
            "name": _("Sustainability"),
            "description": _("Funding, skills and governance to keep it running."),
            "weight": 15,
            "rubric": rubric(
                _("Depends on a one-off grant or one person."),
                _("Running, with no plan for after the first phase."),
                _("A budget line and a team for the next years."),
                _("Built into the city's plans, budget and rules."),
                _("Self-sustaining and growing for years already."),
            ),
        },
        {
            "name": _("Transferability"),
            "description": _("How easily other cities could adopt it."),
            "weight": 15,
            "rubric": rubric(
                _("Only works in this city."),
                _("Could be adapted with great effort."),
                _("Other cities of similar size could adopt it."),
                _("Documented, with costs and steps others can follow."),
                _("Already adopted by other cities, or open source."),
            ),
        },
    ]


@transaction.atomic
def create_cycle(categories=None, criteria=None, **fields) -> AwardCycle:
    """A new cycle with the default categories and criteria unless others are given."""
    cycle = AwardCycle(**fields)
    cycle.full_clean()
    cycle.save()
    for order, category in enumerate(categories or default_categories()):
        CycleCategory.objects.create(cycle=cycle, order=order, **category)
    for order, criterion in enumerate(criteria or default_criteria()):
        Criterion.objects.create(cycle=cycle, order=order, **criterion)
    return cycle
