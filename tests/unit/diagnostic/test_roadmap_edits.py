"""The official's edits to a proposed roadmap: order, years, quarters and concerns."""

from wego.diagnostic.domain.roadmap import (
    OVERLOADED,
    REQUIRES_DROPPED,
    REQUIRES_LATER,
    Edit,
    Item,
    Step,
    apply_edits,
    moved,
)


def step(code, year, effort=2, waits=()):
    item = Item(code, "AA", 10.0, 1.0, effort, 1.0, 1.0 / effort, tuple(waits))
    return Step(item, year, 1, tuple(waits))


PROPOSED = [
    step("ID", 1, effort=4),
    step("PAY", 1, effort=3, waits=["ID"]),
    step("WEB", 1, effort=2),
    step("DATA", 2, effort=5),
    step("GIS", 0, effort=5),
]


def codes(steps, year=None):
    return [s.item.indicator for s in steps if year is None or s.year == year]


def test_no_edits_keep_the_proposed_plan():
    edited = apply_edits(PROPOSED, {})
    assert codes(edited.steps) == codes(PROPOSED)
    assert [s.quarter for s in edited.steps if s.year == 1] == [1, 2, 3]
    assert edited.dropped == [] and edited.concerns == []


def test_dropping_keeps_the_item_aside_and_warns_what_needed_it():
    edited = apply_edits(PROPOSED, {"ID": Edit("ID", dropped=True)})
    assert codes(edited.dropped) == ["ID"]
    assert "ID" not in codes(edited.steps)
    assert [(c.kind, c.indicator, c.other) for c in edited.concerns] == [
        (REQUIRES_DROPPED, "PAY", "ID")
    ]
    # The year's milestones move forward: PAY now starts the year.
    assert edited.steps[0].item.indicator == "PAY" and edited.steps[0].quarter == 1


def test_moving_an_item_to_another_year_puts_it_at_the_end_and_can_overload():
    edited = apply_edits(PROPOSED, {"GIS": Edit("GIS", year=2)})
    assert codes(edited.steps, 2) == ["DATA", "GIS"]
    assert edited.concerns == []  # 5 + 5 effort points: a full year, not an overloaded one
    heavier = apply_edits(PROPOSED, {"GIS": Edit("GIS", year=1)})
    assert [(c.kind, c.year, c.load) for c in heavier.concerns] == [(OVERLOADED, 1, 14)]
    assert max(s.quarter for s in heavier.steps if s.year == 1) == 4  # squeezed, never beyond Q4


def test_putting_a_step_before_what_it_needs_is_kept_but_flagged():
    positions = moved(PROPOSED, "PAY", -1)
    assert positions == {"PAY": 0, "ID": 1, "WEB": 2}
    edits = {code: Edit(code, position=p) for code, p in positions.items()}
    edited = apply_edits(PROPOSED, edits)
    assert codes(edited.steps, 1) == ["PAY", "ID", "WEB"]
    assert [(c.kind, c.indicator, c.other) for c in edited.concerns] == [
        (REQUIRES_LATER, "PAY", "ID")
    ]


def test_an_item_cannot_move_past_the_ends_of_its_year():
    assert moved(PROPOSED, "ID", -1) == {}
    assert moved(PROPOSED, "WEB", 1) == {}
    assert moved(PROPOSED, "NOPE", 1) == {}


def test_later_items_get_no_quarter():
    edited = apply_edits(PROPOSED, {"WEB": Edit("WEB", year=0)})
    assert codes(edited.steps, 0) == ["GIS", "WEB"]  # moved in: after what was there
    assert all(s.quarter == 0 for s in edited.steps if s.year == 0)
