import pytest

from wego.diagnostic.domain.network import MemberRecord, dashboard


def latest(overall, gm, ea, indicators):
    return {"overall": overall, "domains": {"GM": gm, "EA": ea}, "indicators": indicators}


RECORDS = [
    MemberRecord("seoul", "asia-pacific", True, latest(80, 90, 70, {"GM1": 90, "EA1": 70}), 60),
    MemberRecord("gimpo", "asia-pacific", True, latest(50, 60, 40, {"GM1": 60, "EA1": 40}), 55),
    MemberRecord("hanoi", "asia-pacific", True),  # started, not validated yet
    MemberRecord("nairobi", "africa", True, latest(30, 20, None, {"GM1": 20})),
    MemberRecord("dakar", "africa", False),
]


def test_participation_by_region():
    board = dashboard(RECORDS, ["GM", "EA"])
    assert board.members == 5
    assert board.regions == [
        {"region": "africa", "members": 2, "started": 1, "validated": 1, "share": 0.5},
        {"region": "asia-pacific", "members": 3, "started": 3, "validated": 2, "share": 2 / 3},
    ]


def test_domain_means_skip_missing_scores():
    board = dashboard(RECORDS, ["GM", "EA"])
    assert board.domain_means["GM"] == {
        "all": pytest.approx(170 / 3),
        "asia-pacific": 75,
        "africa": 20,
    }
    assert board.domain_means["EA"]["all"] == 55 and board.domain_means["EA"]["africa"] is None


def test_gaps_are_the_weakest_indicators_first():
    board = dashboard(RECORDS, ["GM", "EA"])
    assert board.gaps == [("EA1", 55, 2), ("GM1", pytest.approx(170 / 3), 3)]


def test_movement_since_the_previous_cycle():
    board = dashboard(RECORDS, ["GM", "EA"])
    assert board.movement == {"cities": 2, "mean_change": 7.5, "improved": 1, "declined": 1}
