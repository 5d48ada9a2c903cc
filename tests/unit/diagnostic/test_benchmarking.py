"""Peer statistics equal a straightforward numpy computation; small groups show nothing."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wego.diagnostic.domain.benchmarking import (
    MIN_GROUP,
    describe,
    histogram,
    percentile_rank,
    population_band,
)

scores = st.lists(st.floats(0, 100, allow_nan=False), min_size=MIN_GROUP, max_size=400)


@settings(max_examples=300, deadline=None)
@given(values=scores)
def test_describe_matches_numpy(values):
    found = describe(values)
    array = np.array(values)
    assert found.count == len(values)
    assert found.median == pytest.approx(np.median(array), abs=1e-9)
    assert found.mean == pytest.approx(array.mean(), abs=1e-9)
    assert found.p25 == pytest.approx(np.percentile(array, 25), abs=1e-9)
    assert found.p75 == pytest.approx(np.percentile(array, 75), abs=1e-9)
    assert (found.best, found.worst) == (array.max(), array.min())
    reference, _edges = np.histogram(array, bins=10, range=(0, 100))
    assert found.bins == tuple(reference)
    assert describe(sorted(values), already_sorted=True) == found


@settings(max_examples=300, deadline=None)
@given(values=scores, data=st.data())
def test_percentile_rank_matches_numpy(values, data):
    value = data.draw(st.one_of(st.sampled_from(values), st.floats(0, 100)))
    array = np.array(values)
    reference = 100 * ((array < value).mean() + (array <= value).mean()) / 2
    assert percentile_rank(value, values) == pytest.approx(reference, abs=1e-9)


def test_groups_under_five_show_nothing():
    for size in range(MIN_GROUP):
        values = [50.0] * size
        assert describe(values) is None
        assert percentile_rank(50.0, values) is None
    assert describe([50.0] * MIN_GROUP) is not None


def test_worked_example():
    values = [10, 20, 30, 40, 50, 60]
    found = describe(values)
    assert (found.median, found.p25, found.p75) == (35, 22.5, 47.5)
    assert percentile_rank(30, values) == pytest.approx(100 * (2 + 3) / 12)
    assert histogram([0, 9.99, 10, 100]) == (2, 1, 0, 0, 0, 0, 0, 0, 0, 1)


@pytest.mark.parametrize(
    ("population", "band"),
    [
        (None, ""),
        (0, "under-100k"),
        (99_999, "under-100k"),
        (100_000, "100k-500k"),
        (999_999, "500k-1m"),
        (1_000_000, "1m-5m"),
        (10_000_000, "over-5m"),
    ],
)
def test_population_bands(population, band):
    assert population_band(population) == band
