"""When a practice is close enough in meaning to a query to be shown. Plain Python.

The encoder gives every practice some cosine with any query, "xyzzy nothing" included, so search
by meaning keeps only the practices above a floor and near the best one. Both were measured on
the labelled queries of tests/data/practice_queries.yaml (113 with their relevant practices and
those a person would also accept, 40 with no answer in the library: nonsense, and real topics
it does not cover), with the demo library, by bench/bench_search_relevance.py.

    floor / share   English           Korean            Arabic          (P precision, R recall,
    0.24 / 0.85     P .77 R .75 E .88  P .81 R .86 E .92  P .82 R .91 E .83    E share of the
    0.25 / 0.80     P .70 R .77 E .94  P .73 R .83 E .92  P .73 R .94 E .92    no-answer queries
    0.25 / 0.85     P .78 R .75 E .94  P .82 R .83 E .92  P .84 R .91 E .92    showing nothing)
    0.26 / 0.85     P .81 R .75 E 1.0  P .82 R .80 E .92  P .84 R .91 E .92
    0.30 / 0.85     P .82 R .68 E 1.0  P .91 R .77 E 1.0  P .85 R .85 E 1.0
    no threshold    P .02 R 1.0 E 0    P .02 R 1.0 E 0    P .02 R 1.0 E 0

Chosen: 0.25 and 0.85, the best recall with at least 9 in 10 no-answer queries showing nothing
in every language. 0.26 would show nothing for "교통 데이터" (traffic data), whose answer,
Seoul's night buses, comes at 0.25; below 0.25, "beekeeping on rooftops" in Arabic finds
building permits. A short query in few words (도로 파손 신고, road damage report: 0.24) can fall
under the floor: the page then offers the same words by exact words.
"""

from __future__ import annotations

# Below this cosine a practice is too far from the query to be an answer, whatever else is
# found.
MEANING_FLOOR = 0.25

# A practice is shown when its cosine is at least this share of the best one's: a query with
# a clear answer does not drag along the practices that are merely on the same page of the
# library (0.80 showed a fifth more practices for at most 0.03 more recall).
SHARE_OF_BEST = 0.85


def close_enough(
    ranked: list[tuple[int, float]], floor: float = MEANING_FLOOR, share: float = SHARE_OF_BEST
) -> list[tuple[int, float]]:
    """The (id, cosine) pairs, best first, that are above the floor and near the best one."""
    if not ranked:
        return []
    bar = max(floor, ranked[0][1] * share)
    return [(item, score) for item, score in ranked if score >= bar]


# A practice tagged with an indicator is recommended for it only when the indicator is among
# the ones its text is most about: in the first third of the framework's indicators ranked by
# cosine with the practice (20 of CeDS's 60). A tag is what the city says; the text is what
# the practice is; a tag alone would let a wrong or far-fetched one recommend free Wi-Fi for
# "e-Government leadership" (GM1 comes 28th of Wi-Fi's 60). The cosine itself cannot tell them
# apart: Wi-Fi's with GM1 (0.23) beats a correct tag's in a quarter of the cases.
# Measured with the demo library (bench/bench_search_relevance.py, part 4): the rule keeps
# 91% of the 176 demo tags and 5% of 61 absurd ones made up for the test
# (tests/data/indicator_tags.yaml); the first quarter kept 86% and 5%, the first sixth 77% and
# 2%.
INDICATOR_SHARE = 1 / 3


def fits(scores: dict[str, float], code: str) -> bool:
    """Whether the indicator `code` is among those a practice is most about, given the
    practice's cosine with every indicator of the framework ({code: cosine})."""
    if code not in scores:
        return False
    above = sum(1 for other in scores.values() if other > scores[code])
    return above < max(1, round(len(scores) * INDICATOR_SHARE))
