"""Invariants of estimate() over many inputs (hypothesis)."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from calculator import estimate, parse_rates
from tests.conftest import RATES_TEXT

RATES = parse_rates(RATES_TEXT)

inputs = st.fixed_dictionaries({
    "followers": st.integers(0, 10**9),
    "age": st.integers(0, 130),
    "monthly_views": st.integers(0, 10**11),
    "video_seconds": st.floats(0, 3600, allow_nan=False),
})


def amounts(result: dict[str, Any]) -> list[tuple[float, float]]:
    pairs = [(result["total"]["low"], result["total"]["high"])]
    for stream in result["streams"].values():
        pairs.append((stream["low"], stream["high"]))
        pairs += [(entry["low"], entry["high"]) for entry in stream["ranges"]]
    return pairs


@given(inputs)
def test_ranges_are_ordered_and_non_negative(values: dict[str, Any]) -> None:
    for low, high in amounts(estimate(values, RATES)):
        assert 0 <= low <= high


@given(inputs)
def test_stream_envelope_spans_its_sourced_ranges(values: dict[str, Any]) -> None:
    for stream in estimate(values, RATES)["streams"].values():  # type: ignore[attr-defined]
        assert stream["low"] == min(entry["low"] for entry in stream["ranges"])
        assert stream["high"] == max(entry["high"] for entry in stream["ranges"])


@given(inputs)
def test_zero_views_earn_zero(values: dict[str, Any]) -> None:
    for low, high in amounts(estimate({**values, "monthly_views": 0}, RATES)):
        assert low == high == 0


@given(inputs, st.integers(0, 10**11))
def test_more_views_never_earn_less(values: dict[str, Any], extra_views: int) -> None:
    before = amounts(estimate(values, RATES))
    after = amounts(estimate({**values, "monthly_views": values["monthly_views"] + extra_views}, RATES))
    for (low_before, high_before), (low_after, high_after) in zip(before, after, strict=True):
        assert low_after >= low_before and high_after >= high_before


@given(inputs)
def test_total_is_the_sum_of_counted_streams(values: dict[str, Any]) -> None:
    result: dict[str, Any] = estimate(values, RATES)
    counted = [stream for stream in result["streams"].values() if stream["in_total"]]
    assert result["total"]["low"] == round(sum(stream["low"] for stream in counted), 2)
    assert result["total"]["high"] == round(sum(stream["high"] for stream in counted), 2)
