"""The demo assessments: the CeDS Solution has figures to show from the first minute.

The loader bulk-creates answers; these tests hold it to what the real services compute:
every stored score is a fresh scoring of the stored answers, and the peer and network
statistics are those that publishing each member again would produce.
"""

import itertools
import statistics
from collections import Counter, defaultdict

import pytest
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from tests.factories import make_secretariat
from wego.accounts.models import User
from wego.core.regions import Region
from wego.diagnostic.domain.answers import parse_answer
from wego.diagnostic.domain.scoring import score
from wego.diagnostic.models import (
    Answer,
    AnswerRevision,
    Assessment,
    AssessmentEvent,
    NetworkScore,
    PeerGroupScores,
    PeerScore,
)
from wego.diagnostic.services import network, peers
from wego.diagnostic.services.demo_data import CYCLES, city_plan, load_demo_assessments
from wego.members.models import Member
from wego.members.services.demo_data import load_demo_network

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    """The demo network with its assessments, loaded once for this module (about 7 s).

    Loaded in a transaction that is rolled back at the end of the module; each test runs in a
    savepoint inside it, so what a test changes is undone before the next one.
    """
    fast_hashing = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    )
    with django_db_blocker.unblock(), fast_hashing, transaction.atomic():
        load_demo_network()
        counts = load_demo_assessments()
        yield counts
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_world, db):
    return demo_world


def ceds_validated():
    return Assessment.objects.filter(
        is_demo=True, framework_version__code="ceds", status=Assessment.Status.VALIDATED
    ).select_related("member", "framework_version")


def test_most_members_publish_over_several_cycles_in_every_region(demo):
    validated = list(ceds_validated())
    published = {a.member_id for a in validated if a.is_public}
    assert len(published) >= 0.6 * Member.objects.count()
    participants = {a.member_id for a in validated}
    assert 0.7 <= len(participants) / Member.objects.count() <= 0.8  # about three quarters
    regions = {a.member.region for a in validated if a.is_public}
    assert regions == set(Region.values)
    cycles = Counter(len({a.year for a in validated if a.member_id == m}) for m in participants)
    assert cycles[2] + cycles[3] >= 0.8 * len(participants) and cycles[3] > 0 and cycles[1] > 0
    assert {a.year for a in validated} == set(CYCLES)
    by_year = Counter(a.year for a in validated)
    assert all(by_year[year] < len(participants) for year in CYCLES)  # not everyone every time
    shared_only = [a for a in validated if a.share_with_peers and not a.is_public]
    private = [a for a in validated if not a.share_with_peers and not a.is_public]
    assert shared_only and private
    assert Assessment.objects.filter(is_demo=True, framework_version__code="losi").count() >= 5
    assert demo["demo_assessments"] == Assessment.objects.filter(is_demo=True).count() - 1


def test_results_are_plausible(demo):
    validated = list(ceds_validated())
    by_income = defaultdict(list)
    for a in validated:
        by_income[a.member.income_group].append(a.overall_score)
    medians = [statistics.median(by_income[g]) for g in ("high", "upper-middle", "lower-middle")]
    assert medians == sorted(medians, reverse=True)
    assert medians[-1] > statistics.median(by_income["low"])
    coverage = [a.coverage for a in validated]
    assert statistics.median(coverage) > 0.95 and min(coverage) < 0.9  # mostly, not always
    assert Answer.objects.filter(assessment__is_demo=True, not_applicable=True).exists()
    changes = []
    for member in {a.member_id for a in validated}:
        scores = [
            a.overall_score
            for a in sorted(validated, key=lambda a: a.year)
            if a.member_id == member
        ]
        changes += [later - earlier for earlier, later in itertools.pairwise(scores)]
    improved = sum(1 for change in changes if change > 0)
    assert improved > 0.75 * len(changes) and improved < len(changes)  # a few setbacks too
    domains = {code for a in validated for code, item in a.domain_scores.items() if item["score"]}
    spread = [
        statistics.pstdev(item["score"] for item in a.domain_scores.values() if item["score"])
        for a in validated
    ]
    assert len(domains) == 10 and statistics.median(spread) > 3  # domains vary around the city


def test_each_city_has_its_own_fixed_seed(demo):
    seoul, nairobi = Member.objects.get(slug="seoul"), Member.objects.get(slug="nairobi")
    assert city_plan(seoul) == city_plan(seoul)
    assert city_plan(seoul) != city_plan(nairobi)


def test_stored_scores_are_a_fresh_scoring_of_the_stored_answers(demo):
    for assessment in Assessment.objects.filter(is_demo=True).select_related(
        "member", "framework_version"
    ):
        framework = assessment.framework
        result = score(framework, assessment.answer_values(), assessment.city_context())
        assert assessment.overall_score == result.overall.value
        assert assessment.coverage == result.overall.coverage
        assert assessment.stage == (result.stage.code if result.stage else "")
        assert assessment.domain_scores == {
            code: {"score": item.value, "coverage": item.coverage}
            for code, item in result.domains.items()
        }
        assert assessment.indicator_scores == {
            code: item.value for code, item in result.indicators.items() if item.value is not None
        }


def test_every_answer_is_one_the_form_accepts_with_its_revision(demo):
    questions = {}
    for assessment in Assessment.objects.filter(is_demo=True).select_related("framework_version"):
        questions[assessment.pk] = (assessment.framework, assessment.framework.question_map())
    revisions = Counter(
        AnswerRevision.objects.filter(assessment__is_demo=True).values_list(
            "assessment_id", "question_code", "value", "not_applicable"
        )
    )
    for answer in Answer.objects.filter(assessment__is_demo=True):
        framework, by_code = questions[answer.assessment_id]
        raw = "n/a" if answer.not_applicable else answer.value
        parsed = parse_answer(framework, by_code[answer.question_code], raw)
        assert parsed == answer.as_value()
        key = (answer.assessment_id, answer.question_code, answer.value, answer.not_applicable)
        assert revisions[key] == 1


def statistics_snapshot():
    peer = sorted(
        PeerScore.objects.values_list(
            "framework_version_id",
            "member_id",
            "assessment_id",
            "year",
            "metric",
            "value",
            "published",
            "region",
            "country",
            "population_band",
            "income_group",
        )
    )
    lists = {
        (row.framework_version_id, row.kind, row.key, row.metric): list(row.values)
        for row in PeerGroupScores.objects.all()
    }
    lists = {key: values for key, values in lists.items() if values}
    net = sorted(
        NetworkScore.objects.values_list(
            "framework_version_id",
            "member_id",
            "assessment_id",
            "region",
            "metric",
            "value",
            "previous",
        )
    )
    return peer, lists, net


def test_peer_and_network_statistics_are_those_of_a_real_publication(demo, frameworks):
    loaded = statistics_snapshot()
    assert loaded[0] and loaded[1] and loaded[2]
    PeerScore.objects.all().delete()
    PeerGroupScores.objects.all().delete()
    NetworkScore.objects.all().delete()
    for member in Member.objects.filter(assessments__is_demo=True).distinct():
        for version in frameworks.values():
            peers.refresh_member(member, version)  # what publishing or sharing runs
            network.refresh_member(member, version)  # what validating runs
    assert statistics_snapshot() == loaded
    for version in frameworks.values():
        peers.rebuild_lists(version)  # the lists made anew from the peer scores agree too
    assert statistics_snapshot() == loaded


def test_seoul_tries_its_2026_draft_after_two_published_cycles(demo):
    seoul = Assessment.objects.filter(member__slug="seoul", framework_version__code="ceds")
    assert {(a.year, a.status, a.is_public) for a in seoul} == {
        (2022, Assessment.Status.VALIDATED, True),
        (2024, Assessment.Status.VALIDATED, True),
        (2026, Assessment.Status.DRAFT, False),
    }
    draft = seoul.get(year=2026)
    assert draft.is_demo and draft.is_editable
    scored_questions = sum(1 for _d, _i, q in draft.framework.questions() if q.is_scored)
    assert 0.5 * scored_questions < draft.answers.count() < 0.8 * scored_questions
    focal_point = User.objects.get(email="seoul@demo.we-gov.org")
    assert set(draft.revisions.values_list("changed_by", flat=True)) == {focal_point.pk}
    scores = [a.overall_score for a in seoul.order_by("year")]
    assert scores == sorted(scores)  # the city to try the platform as shows a steady rise


def test_steps_are_dated_in_their_cycle(demo):
    for assessment in ceds_validated().filter(member__slug__in=["seoul", "nairobi", "jakarta"]):
        assert assessment.created_at.year == assessment.year
        assert assessment.created_at < assessment.submitted_at < assessment.validated_at
        kinds = dict(assessment.events.values_list("kind", "at"))
        assert kinds[AssessmentEvent.Kind.VALIDATED] == assessment.validated_at


def test_loading_again_adds_nothing_and_keeps_what_cities_changed(demo):
    draft = Assessment.objects.get(member__slug="seoul", year=2026)
    draft.answers.first().delete()
    counts = [
        model.objects.count()
        for model in (Assessment, AnswerRevision, AssessmentEvent, PeerScore, NetworkScore)
    ]
    answers = Answer.objects.count()
    assert load_demo_assessments()["demo_assessments"] == 0
    assert counts == [
        model.objects.count()
        for model in (Assessment, AnswerRevision, AssessmentEvent, PeerScore, NetworkScore)
    ]
    assert Answer.objects.count() == answers


def test_the_solution_has_figures_from_the_first_minute(client, demo):
    """What a newcomer sees: map markers, peer figures, helpers, a trend, a dashboard."""
    published = {a.member_id for a in ceds_validated() if a.is_public}
    world = client.get(reverse("diagnostic:map"))
    assert len(world.context["markers"]) == len(published)
    seoul = {
        a.year: a
        for a in Assessment.objects.filter(member__slug="seoul", framework_version__code="ceds")
    }
    client.force_login(User.objects.get(email="seoul@demo.we-gov.org"))
    groups = client.get(reverse("diagnostic:benchmark", args=[seoul[2026].pk])).context["groups"]
    labels = [group["label"] for group in groups if not group.get("too_small")]
    assert labels == [
        "All members",
        "Region: Asia-Pacific",
        "Population band: over 5 million inhabitants",
        "Income group: High income",
    ]  # South Korea has fewer than 5 other members
    assert all(
        row["distribution"]
        for group in groups
        if "rows" in group and not group["too_small"]
        for row in group["rows"]
    )
    sudan = ceds_validated().filter(member__country="SD", is_public=True, year=2026).first()
    sudan_groups = client.get(reverse("diagnostic:benchmark", args=[sudan.pk])).context["groups"]
    assert not next(g for g in sudan_groups if g["label"] == "Country: Sudan")["too_small"]
    roadmap = client.get(reverse("diagnostic:roadmap", args=[seoul[2026].pk])).context
    helpers = [
        h["name"] for year in roadmap["years"] for row in year["rows"] for h in row["helpers"]
    ]
    assert len(set(helpers)) >= 5 and "Seoul" not in helpers
    history = client.get(reverse("diagnostic:results", args=[seoul[2026].pk])).context["history"]
    assert [row["year"] for row in history] == [2022, 2024, 2026]
    client.force_login(make_secretariat())
    board = client.get(reverse("diagnostic:network")).context["board"]
    assert all(region["validated"] for region in board.regions)
    assert all(means["all"] is not None for means in board.domain_means.values())
    assert board.movement["improved"] > board.movement["declined"] > 0


def test_peers_who_can_help_are_named_in_the_reader_s_language(client, demo):
    """The roadmap's helpers read as the member list writes them in Korean and Arabic (their
    names came back in English, read through the peer scores)."""
    from django.utils import translation

    from wego.members.models import Member

    draft = Assessment.objects.get(member__slug="seoul", year=2026, framework_version__code="ceds")
    client.force_login(User.objects.get(email="seoul@demo.we-gov.org"))
    for language in ("ko", "ar"):
        with translation.override(language):
            url = reverse("diagnostic:roadmap", args=[draft.pk])  # /ko/..., /ar/...
        roadmap = client.get(url).context
        helpers = {
            h["slug"]: h["name"]
            for year in roadmap["years"]
            for row in year["rows"]
            for h in row["helpers"]
        }
        assert helpers
        for slug, name in helpers.items():
            assert name == getattr(Member.objects.get(slug=slug), f"name_{language}")
