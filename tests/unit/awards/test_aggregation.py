"""The Awards score aggregation, on examples worked out by hand in the comments."""

import math

import pytest

from wego.awards.domain.aggregation import Criterion, Score, aggregate, judge_total

# One criterion scored 0-10: a judge's total is simply the score times 10.
MERIT = [Criterion("merit", 1.0, 0, 10)]


def merit_scores(sheet):
    """{judge: {application: score}} -> Score objects for MERIT."""
    return [
        Score(application, judge, "merit", value)
        for judge, row in sheet.items()
        for application, value in row.items()
    ]


def by_application(results):
    return {result.application: result for result in results.applications}


# --- one judge's total -------------------------------------------------------------------


def test_weighted_total_with_unequal_weights():
    criteria = [
        Criterion("impact", 3.0, 1, 5),
        Criterion("innovation", 1.0, 0, 10),
        Criterion("feasibility", 2.0, 0, 4),
    ]
    # impact 4 on 1-5      -> (4-1)/4  = 0.75, weighted 3 * 0.75 = 2.25
    # innovation 5 on 0-10 -> 5/10     = 0.50, weighted 1 * 0.50 = 0.50
    # feasibility 1 on 0-4 -> 1/4      = 0.25, weighted 2 * 0.25 = 0.50
    # (2.25 + 0.50 + 0.50) / (3 + 1 + 2) * 100 = 3.25 / 6 * 100 = 54.1666...
    total = judge_total({"impact": 4, "innovation": 5, "feasibility": 1}, criteria)
    assert total == pytest.approx(325 / 6)
    assert judge_total({"impact": 5, "innovation": 10, "feasibility": 4}, criteria) == 100
    assert judge_total({"impact": 1, "innovation": 0, "feasibility": 0}, criteria) == 0


def test_total_refuses_a_score_outside_the_scale():
    with pytest.raises(ValueError, match="outside"):
        judge_total({"merit": 11}, MERIT)


def test_criterion_needs_a_real_scale():
    with pytest.raises(ValueError):
        Criterion("flat", 1.0, 3, 3)


# --- a harsh and a lenient judge ---------------------------------------------------------


def test_harsh_judge_offset_disappears():
    # Judge 1 gives 8, 6, 4 (totals 80, 60, 40); judge 2 is harsh: 2 points lower on every
    # application: 6, 4, 2 (totals 60, 40, 20).
    # Judge means 60 and 40; both judges' sd = sqrt((20² + 0 + 20²) / 3) = sqrt(800/3).
    # So both give the same z-scores: +sqrt(1.5), 0, -sqrt(1.5).
    # All six totals: mean 50, sd = sqrt((30² + 10² + 10² + 10² + 10² + 30²) / 6) = sqrt(2200/6).
    # Back on the points scale: 50 ± sqrt(1.5) * sqrt(2200/6) = 50 ± sqrt(550) = 50 ± 23.4521.
    # Both judges give the same rescaled value for each application: the offset is gone.
    results = aggregate(
        MERIT,
        merit_scores({1: {1: 8, 2: 6, 3: 4}, 2: {1: 6, 2: 4, 3: 2}}),
        dict.fromkeys([1, 2, 3], "A"),
    )
    apps = by_application(results)
    assert apps[1].standardised == pytest.approx(50 + math.sqrt(550))
    assert apps[2].standardised == pytest.approx(50)
    assert apps[3].standardised == pytest.approx(50 - math.sqrt(550))
    # Raw means: (80+60)/2, (60+40)/2, (40+20)/2. The raw totals differ by 20 points, but
    # once the harsh judge's habit is taken out the two judges agree: spread 0.
    assert [apps[a].raw_mean for a in (1, 2, 3)] == pytest.approx([70, 50, 30])
    assert [apps[a].spread for a in (1, 2, 3)] == pytest.approx([0, 0, 0])
    # The ranking is the lenient judge's (and the harsh judge's) order.
    assert [(r.application, r.rank, r.tied) for r in results.applications] == [
        (1, 1, False),
        (2, 2, False),
        (3, 3, False),
    ]
    # Leniency: judge mean minus the mean of all totals (50).
    profiles = {p.judge: p for p in results.judges}
    assert profiles[1].leniency == pytest.approx(10)
    assert profiles[2].leniency == pytest.approx(-10)
    assert profiles[1].sd == pytest.approx(math.sqrt(800 / 3))
    assert (profiles[1].scored, profiles[1].mean) == (3, pytest.approx(60))


def test_harsh_judge_does_not_sink_the_applications_they_scored():
    # Judge 1 (lenient) scores applications 3 and 4: 9 and 7 (totals 90, 70; mean 80, sd 10).
    # Judge 2 (harsh) scores applications 1 and 2: 5 and 3 (totals 50, 30; mean 40, sd 10).
    # z: app 3 +1, app 4 -1, app 1 +1, app 2 -1.
    # All totals 90, 70, 50, 30: mean 60, sd sqrt((900 + 100 + 100 + 900) / 4) = sqrt(500).
    # Standardised: apps 1 and 3 = 60 + sqrt(500) = 82.3607; apps 2 and 4 = 60 - sqrt(500).
    # Equal standardised scores: the raw mean decides (90 before 50, 70 before 30).
    results = aggregate(
        MERIT, merit_scores({1: {3: 9, 4: 7}, 2: {1: 5, 2: 3}}), dict.fromkeys([1, 2, 3, 4], "A")
    )
    apps = by_application(results)
    assert apps[1].standardised == pytest.approx(60 + math.sqrt(500))
    assert apps[3].standardised == pytest.approx(60 + math.sqrt(500))
    assert apps[2].standardised == pytest.approx(60 - math.sqrt(500))
    assert [(r.application, r.rank, r.tied) for r in results.applications] == [
        (3, 1, False),
        (1, 2, False),
        (4, 3, False),
        (2, 4, False),
    ]
    # A single judge each: spread 0.
    assert {r.spread for r in results.applications} == {0}


# --- ties and categories -----------------------------------------------------------------


def test_equal_applications_share_the_rank():
    # Judge 1: 8, 8, 5; judge 2: 6, 6, 3. Applications 1 and 2 are equal on both counts:
    # ranks 1, 1, 3 (competition ranking) and both tied. Application 4 is alone in category
    # B: rank 1 there. Application 5 was never scored: listed last in A, without a rank.
    scores = merit_scores({1: {1: 8, 2: 8, 3: 5, 4: 7}, 2: {1: 6, 2: 6, 3: 3, 4: 5}})
    categories = {1: "A", 2: "A", 3: "A", 4: "B", 5: "A"}
    results = aggregate(MERIT, scores, categories)
    assert [(r.category, r.application, r.rank, r.tied) for r in results.applications] == [
        ("A", 1, 1, True),
        ("A", 2, 1, True),
        ("A", 3, 3, False),
        ("A", 5, None, False),
        ("B", 4, 1, False),
    ]
    unscored = by_application(results)[5]
    assert (unscored.judges, unscored.raw_mean, unscored.standardised) == (0, None, None)
    assert list(results.by_category()) == ["A", "B"]
    assert [r.application for r in results.by_category()["B"]] == [4]


# --- incomplete sheets, lone judges, disputes --------------------------------------------

TWO = [Criterion("a", 1.0, 0, 10), Criterion("b", 1.0, 0, 10)]


def two_criteria_scores():
    # Judge 1: application 1: a 8, b 6 -> 70; application 2: a 4, b 4 -> 40.
    # Judge 2: application 1: only a 10 (unfinished, left out); application 2: a 6, b 8 -> 70.
    return [
        Score(1, 1, "a", 8),
        Score(1, 1, "b", 6),
        Score(2, 1, "a", 4),
        Score(2, 1, "b", 4),
        Score(1, 2, "a", 10),
        Score(2, 2, "a", 6),
        Score(2, 2, "b", 8),
    ]


def test_incomplete_sheets_are_ignored_and_a_lone_judge_counts_as_average():
    # Complete totals: (app 1, judge 1) 70, (app 2, judge 1) 40, (app 2, judge 2) 70.
    # All totals: mean 60, sd sqrt((10² + 20² + 10²) / 3) = sqrt(200) = 14.1421.
    # Judge 1: mean 55, sd 15: z app 1 = +1, app 2 = -1.
    # Judge 2 has one complete total only: z = 0, i.e. the overall mean 60.
    # App 1: 60 + sqrt(200) = 74.1421.  App 2: (60 - sqrt(200) + 60) / 2 = 60 - sqrt(50).
    results = aggregate(TWO, two_criteria_scores(), {1: "A", 2: "A"})
    apps = by_application(results)
    assert (apps[1].judges, apps[2].judges) == (1, 2)
    assert apps[1].raw_mean == pytest.approx(70)
    assert apps[2].raw_mean == pytest.approx(55)
    assert apps[1].standardised == pytest.approx(60 + math.sqrt(200))
    assert apps[2].standardised == pytest.approx(60 - math.sqrt(50))
    profiles = {p.judge: p for p in results.judges}
    assert (profiles[2].scored, profiles[2].sd) == (1, 0)
    assert profiles[2].leniency == pytest.approx(10)  # 70 - 60
    assert profiles[1].leniency == pytest.approx(-5)  # 55 - 60


def test_judge_giving_equal_totals_counts_as_average():
    # Judge 1 gives 5 and 5 (sd 0): no information on order, z = 0 for both.
    # Judge 2 gives 9 and 3. All totals 50, 50, 90, 30: mean 55,
    # sd sqrt((5² + 5² + 35² + 25²) / 4) = sqrt(475) = 21.7945.
    # Judge 2: mean 60, sd 30: z app 1 = +1, app 2 = -1.
    # App 1: (55 + (55 + 21.7945)) / 2 = 55 + 10.8972; app 2: 55 - 10.8972.
    results = aggregate(MERIT, merit_scores({1: {1: 5, 2: 5}, 2: {1: 9, 2: 3}}), {1: "A", 2: "A"})
    apps = by_application(results)
    assert apps[1].standardised == pytest.approx(55 + math.sqrt(475) / 2)
    assert apps[2].standardised == pytest.approx(55 - math.sqrt(475) / 2)


def test_disputed_when_the_spread_is_above_the_threshold():
    # Judge 1 gives 8, 6, 4 (totals 80, 60, 40); judge 2 the opposite: 4, 6, 8.
    # Both judges: mean 60, sd sqrt(800/3), z = +sqrt(1.5), 0, -sqrt(1.5) (reversed for 2).
    # All six totals: mean 60, sd sqrt(1600/6); z * sd = sqrt(1.5 * 1600/6) = 20.
    # Application 1: 60 + 20 = 80 from judge 1 and 60 - 20 = 40 from judge 2: spread 20.
    # Application 2: 60 and 60: spread 0.
    sheet = {1: {1: 8, 2: 6, 3: 4}, 2: {1: 4, 2: 6, 3: 8}}
    apps = by_application(aggregate(MERIT, merit_scores(sheet), dict.fromkeys([1, 2, 3], "A")))
    assert [apps[a].spread for a in (1, 2, 3)] == pytest.approx([20, 0, 20])
    assert [apps[a].disputed for a in (1, 2, 3)] == [True, False, True]
    # Exactly at the threshold is not above it.
    lenient = aggregate(
        MERIT, merit_scores(sheet), dict.fromkeys([1, 2, 3], "A"), dispute_threshold=20
    )
    assert not any(result.disputed for result in lenient.applications)
    single = by_application(aggregate(TWO, two_criteria_scores(), {1: "A", 2: "A"}))
    assert single[1].spread == 0 and not single[1].disputed  # a single judge


def test_scores_outside_the_competition_are_left_out():
    scores = two_criteria_scores() + [
        Score(1, 1, "retired-criterion", 3),  # a criterion no longer in use
        Score(99, 1, "a", 10),  # an application not in the competition
        Score(99, 1, "b", 10),
    ]
    assert aggregate(TWO, scores, {1: "A", 2: "A"}) == aggregate(
        TWO, two_criteria_scores(), {1: "A", 2: "A"}
    )


def test_a_criterion_scored_twice_is_an_error():
    with pytest.raises(ValueError, match="twice"):
        aggregate(MERIT, [Score(1, 1, "merit", 5), Score(1, 1, "merit", 6)], {1: "A"})


def test_no_scores_at_all():
    results = aggregate(MERIT, [], {1: "A", 2: "A"})
    assert [(r.application, r.rank) for r in results.applications] == [(1, None), (2, None)]
    assert results.judges == []
