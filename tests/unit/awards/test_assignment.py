"""The Awards judge assignment: hand cases, then random instances checked against CP-SAT."""

import random

import pytest
from ortools.sat.python import cp_model

from wego.awards.domain.assignment import (
    SHORT_OF_JUDGES,
    TOO_MANY_KEPT,
    AssignmentImpossible,
    AssignmentProblem,
    Obstacle,
    assign,
)

APPS = [1, 2, 3]
JUDGES = [10, 11, 12]


def check_rules(problem, assignment):
    """What every assignment must satisfy, whatever else is asked."""
    conflicts = problem.conflicts
    kept = problem.keep - conflicts
    assert set(assignment.pairs) == set(problem.applications)
    for application, judges in assignment.pairs.items():
        assert judges == sorted(set(judges))
        assert len(judges) == problem.judges_per_application
        assert all(judge in problem.judges for judge in judges)
        assert not any((application, judge) in conflicts for judge in judges)
    given = {(a, j) for a, judges in assignment.pairs.items() for j in judges}
    assert kept <= given
    loads = {
        judge: sum(judge in js for js in assignment.pairs.values()) for judge in problem.judges
    }
    assert assignment.loads == loads


# --- hand cases ------------------------------------------------------------------------


def test_even_without_constraints():
    # 3 applications x 2 judges = 6 pairs over 3 judges: 2 each.
    problem = AssignmentProblem(APPS, JUDGES, 2)
    result = assign(problem)
    check_rules(problem, result)
    assert result.loads == {10: 2, 11: 2, 12: 2}
    assert result.imbalance == 0


def test_conflict_respected():
    # Application 1 may not go to judge 10: it gets the two others.
    problem = AssignmentProblem(APPS, JUDGES, 2, conflicts=frozenset({(1, 10)}))
    result = assign(problem)
    check_rules(problem, result)
    assert result.pairs[1] == [11, 12]
    assert result.imbalance == 0


def test_keep_respected_and_balance_relaxed():
    # Judge 10 already scored applications 1 and 2 (N = 1): those stay, so judge 10 has 2 and
    # application 3 goes to 11 or 12. Best possible spread: 2 - 0 = 2.
    problem = AssignmentProblem(APPS, JUDGES, 1, keep=frozenset({(1, 10), (2, 10)}))
    result = assign(problem)
    check_rules(problem, result)
    assert result.pairs[1] == [10] and result.pairs[2] == [10]
    assert result.pairs[3] in ([11], [12])
    assert result.imbalance == 2


def test_kept_pair_that_is_now_a_conflict_is_dropped():
    problem = AssignmentProblem(
        APPS, JUDGES, 1, conflicts=frozenset({(3, 10)}), keep=frozenset({(3, 10)})
    )
    result = assign(problem)
    check_rules(problem, result)
    assert result.pairs[3] != [10]
    assert result.imbalance == 0


def test_conflicts_force_a_wider_spread():
    # Applications 1-5 conflict with judges 11 and 12, so all go to judge 10 (load 5);
    # application 6 goes to 11 or 12, the other stays at 0. The spread cannot be below 5.
    apps = [1, 2, 3, 4, 5, 6]
    conflicts = frozenset((a, j) for a in range(1, 6) for j in (11, 12))
    problem = AssignmentProblem(apps, JUDGES, 1, conflicts=conflicts)
    result = assign(problem)
    check_rules(problem, result)
    assert result.loads[10] == 5
    assert sorted(result.loads.values()) == [0, 1, 5]
    assert result.imbalance == 5


def test_relaxed_spread_is_the_narrowest():
    # 4 judges, N = 2, 6 applications = 12 pairs, 3 each ideally. Applications 1-4 cannot go
    # to judge 13, so judge 13 can take at most 2 (applications 5, 6). Then the other three
    # share 10: 4, 3, 3. Spread 4 - 2 = 2, not more.
    apps = [1, 2, 3, 4, 5, 6]
    judges = [10, 11, 12, 13]
    conflicts = frozenset((a, 13) for a in range(1, 5))
    problem = AssignmentProblem(apps, judges, 2, conflicts=conflicts)
    result = assign(problem)
    check_rules(problem, result)
    assert sorted(result.loads.values()) == [2, 3, 3, 4]


def test_preferred_pairs_are_favoured():
    problem = AssignmentProblem([1, 2], [10, 11], 1, preferred=frozenset({(1, 11), (2, 10)}))
    assert assign(problem).pairs == {1: [11], 2: [10]}


def test_balance_comes_before_preference():
    # Both applications would rather have judge 10, but one of them must take judge 11.
    problem = AssignmentProblem([1, 2], [10, 11], 1, preferred=frozenset({(1, 10), (2, 10)}))
    assert assign(problem).loads == {10: 1, 11: 1}


def test_impossible_says_which_application_and_how_short():
    conflicts = frozenset({(1, 10), (1, 11)})
    with pytest.raises(AssignmentImpossible) as caught:
        assign(AssignmentProblem(APPS, JUDGES, 2, conflicts=conflicts))
    error = caught.value
    assert error.short == {1: 1}
    assert error.obstacles == [Obstacle(SHORT_OF_JUDGES, 1, 1, 2)]
    assert error.reasons == [
        "Application 1 can have only 1 judge(s) free of conflict; 2 are needed."
    ]


def test_more_judges_per_application_than_judges():
    with pytest.raises(AssignmentImpossible) as caught:
        assign(AssignmentProblem(APPS, JUDGES, 4))
    assert caught.value.short == {1: 3, 2: 3, 3: 3}


def test_more_kept_judges_than_wanted():
    with pytest.raises(AssignmentImpossible) as caught:
        assign(AssignmentProblem(APPS, JUDGES, 1, keep=frozenset({(2, 10), (2, 11)})))
    assert caught.value.over_kept == {2: 2}
    assert caught.value.obstacles[0].kind == TOO_MANY_KEPT


def test_nothing_to_assign():
    assert assign(AssignmentProblem([], JUDGES, 3)).loads == {10: 0, 11: 0, 12: 0}
    assert assign(AssignmentProblem(APPS, [], 0)).pairs == {1: [], 2: [], 3: []}
    with pytest.raises(AssignmentImpossible):
        assign(AssignmentProblem(APPS, [], 1))


def test_same_problem_same_answer_whatever_the_order():
    rng = random.Random(5)
    apps, judges = list(range(40)), list(range(100, 110))
    conflicts = frozenset((a, j) for a in apps for j in judges if rng.random() < 0.2)
    first = assign(AssignmentProblem(apps, judges, 3, conflicts))
    rng.shuffle(apps)
    rng.shuffle(judges)
    again = assign(AssignmentProblem(apps, judges, 3, conflicts))
    assert first == again


def test_large_instance_is_even():
    rng = random.Random(2026)
    apps, judges = list(range(500)), list(range(1000, 1040))
    conflicts = frozenset((a, j) for a in apps for j in judges if rng.random() < 0.1)
    problem = AssignmentProblem(apps, judges, 3, conflicts)
    result = assign(problem)
    check_rules(problem, result)
    assert result.imbalance <= 1


# --- random instances against an independent exact solver -------------------------------


def random_problem(seed):
    rng = random.Random(seed)
    apps = list(range(1, rng.randint(5, 60) + 1))
    judges = list(range(100, 100 + rng.randint(3, 12)))
    needed = rng.randint(1, 3)
    # Every judge has the base conflict rate (0-30%), except on odd seeds one judge who
    # conflicts with most applications: even loads are then often out of reach.
    rates = {j: rng.uniform(0, 0.3) for j in judges}
    if seed % 2:
        rates[judges[0]] = 0.9
    conflicts = frozenset((a, j) for a in apps for j in judges if rng.random() < rates[j])
    preferred = frozenset((a, j) for a in apps for j in judges if rng.random() < 0.3)
    # Some applications were already scored by one or two judges, the last judge more than
    # their share; some of those pairs may since have become conflicts.
    keep = set()
    for a in rng.sample(apps, len(apps) // 4):
        keep.update((a, j) for j in rng.sample(judges, rng.randint(1, needed)))
    if seed % 3 == 0:
        keep.update((a, judges[-1]) for a in rng.sample(apps, len(apps) // 2))
        keep = {(a, j) for a, j in keep if sum(b == a for b, _ in keep) <= needed}
    return AssignmentProblem(apps, judges, needed, conflicts, frozenset(keep), preferred)


def exact_optimum(problem):
    """(narrowest spread, then fewest non-preferred pairs), by CP-SAT on a 0/1 model."""
    model = cp_model.CpModel()
    free = {
        (a, j): model.new_bool_var(f"x{a}_{j}")
        for a in problem.applications
        for j in problem.judges
        if (a, j) not in problem.conflicts
    }
    for a in problem.applications:
        model.add(sum(x for (b, _), x in free.items() if b == a) == problem.judges_per_application)
    for pair in problem.keep - problem.conflicts:
        model.add(free[pair] == 1)
    top = model.new_int_var(0, len(problem.applications), "top")
    bottom = model.new_int_var(0, len(problem.applications), "bottom")
    for j in problem.judges:
        load = sum(x for (_, k), x in free.items() if k == j)
        model.add(load <= top)
        model.add(load >= bottom)
    model.minimize(top - bottom)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 60
    assert solver.solve(model) == cp_model.OPTIMAL
    spread = round(solver.objective_value)
    model.add(top - bottom == spread)
    model.minimize(sum(x for pair, x in free.items() if pair not in problem.preferred))
    assert solver.solve(model) == cp_model.OPTIMAL
    return spread, round(solver.objective_value)


@pytest.mark.parametrize("seed", range(30))
def test_random_instances_match_the_exact_optimum(seed):
    problem = random_problem(seed)
    free = {
        a: sum((a, j) not in problem.conflicts for j in problem.judges)
        for a in problem.applications
    }
    short = {a: n for a, n in free.items() if n < problem.judges_per_application}
    if short:
        with pytest.raises(AssignmentImpossible) as caught:
            assign(problem)
        assert caught.value.short == short
        return
    result = assign(problem)
    check_rules(problem, result)
    spread, other = exact_optimum(problem)
    assert result.imbalance == spread
    given = [(a, j) for a, judges in result.pairs.items() for j in judges]
    assert sum(pair not in problem.preferred for pair in given) == other


def test_random_instances_cover_every_case():
    # Guards the test above against passing vacuously: most instances are solvable, some of
    # them evenly (spread at most 1), some only with a wider spread, and some are impossible.
    spreads = []
    for seed in range(30):
        try:
            spreads.append(assign(random_problem(seed)).imbalance)
        except AssignmentImpossible:
            spreads.append(None)
    solvable = [s for s in spreads if s is not None]
    assert len(solvable) >= 20
    assert sum(s <= 1 for s in solvable) >= 5
    assert sum(s > 1 for s in solvable) >= 5
    assert None in spreads
