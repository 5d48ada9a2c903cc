"""WeGO Awards judging maths, against the targets (figures in milliseconds). No Django.

- assigning 500 applications to 40 judges, 3 judges each, ~10% conflicts: under 10 s
  (aim under 1 s), with loads differing by at most one
- aggregating 500 applications x 3 judges x 5 criteria: under 1 s (aim under 50 ms)
"""

import random
import sys
from pathlib import Path

from common import measure, report

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from wego.awards.domain.aggregation import Criterion, Score, aggregate  # noqa: E402
from wego.awards.domain.assignment import AssignmentProblem, assign  # noqa: E402

APPLICATIONS = 500
JUDGES = 40
PER_APPLICATION = 3
CONFLICT_RATE = 0.10
CATEGORIES = ["smart-city", "digital-inclusion", "open-data", "e-participation", "security"]


def assignment_problem(seed: int = 2026) -> AssignmentProblem:
    rng = random.Random(seed)
    applications = list(range(1, APPLICATIONS + 1))
    judges = list(range(1001, 1001 + JUDGES))
    pairs = [(a, j) for a in applications for j in judges]
    conflicts = frozenset(pair for pair in pairs if rng.random() < CONFLICT_RATE)
    preferred = frozenset(pair for pair in pairs if rng.random() < 0.25)
    return AssignmentProblem(
        applications, judges, PER_APPLICATION, conflicts, frozenset(), preferred
    )


def scores_to_aggregate(seed: int = 2026):
    rng = random.Random(seed)
    criteria = [Criterion(f"c{i}", weight, 0, 10) for i, weight in enumerate([3, 2, 2, 2, 1])]
    judges = list(range(1001, 1001 + JUDGES))
    harshness = {judge: rng.randint(-2, 2) for judge in judges}
    categories = {a: CATEGORIES[a % len(CATEGORIES)] for a in range(1, APPLICATIONS + 1)}
    scores = []
    for application in categories:
        quality = rng.uniform(3, 8)
        for judge in rng.sample(judges, PER_APPLICATION):
            for criterion in criteria:
                value = round(quality + harshness[judge] + rng.gauss(0, 1))
                scores.append(Score(application, judge, criterion.code, min(10, max(0, value))))
    return criteria, scores, categories


def main():
    worst = 0.0
    problem = assignment_problem()
    result = assign(problem)
    print(
        f"assignment: {APPLICATIONS} applications, {JUDGES} judges, {PER_APPLICATION} each, "
        f"{len(problem.conflicts)} conflicts; loads {min(result.loads.values())}-"
        f"{max(result.loads.values())}, imbalance {result.imbalance}"
    )
    worst = max(
        worst,
        report(
            f"assign {APPLICATIONS} applications to {JUDGES} judges",
            measure(lambda: assign(problem), 5),
            10_000.0,
        ),
    )

    criteria, scores, categories = scores_to_aggregate()
    results = aggregate(criteria, scores, categories)
    disputed = sum(r.disputed for r in results.applications)
    print(
        f"aggregation: {len(scores)} scores, {len(results.judges)} judges, "
        f"{disputed} disputed applications"
    )
    worst = max(
        worst,
        report(
            f"aggregate {APPLICATIONS} x {PER_APPLICATION} judges x {len(criteria)} criteria",
            measure(lambda: aggregate(criteria, scores, categories), 20, 2),
            1000.0,
        ),
    )
    verdict = "all within target" if worst < 1 and result.imbalance <= 1 else "OVER target"
    print(f"worst ratio to target: {worst:.2f} ({verdict})")


if __name__ == "__main__":
    main()
