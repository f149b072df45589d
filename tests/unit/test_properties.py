"""Invariants of estimate() for every stream, over many inputs (hypothesis)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculator import estimate, in_currency, parse_rates
from tests.conftest import RATES_TEXT

RATES = parse_rates(RATES_TEXT)
money = st.floats(0, 10_000, allow_nan=False)

inputs = st.fixed_dictionaries({
    "followers": st.integers(0, 10**9),
    "age": st.integers(0, 130),
    "monthly_views": st.integers(0, 10**11),
    "video_seconds": st.floats(0, 3600, allow_nan=False),
    "sponsored_videos": st.integers(0, 100),
    "engagement_rate": st.none() | st.floats(0, 100, allow_nan=False),
    "niche": st.sampled_from(sorted(RATES.niches)),
    "affiliate_sales": st.integers(0, 10**6),
    "average_order_value": money,
    "live_diamonds": st.integers(0, 10**9),
    "subscribers": st.integers(0, 10**7),
    "subscription_price": money,
    "region": st.sampled_from(sorted(RATES.regions)),
    "product_sales": st.integers(0, 10**6),
    "product_price": money,
    "product_type": st.sampled_from(sorted(RATES.own_products.product_types)),
})

# The input that measures each stream's activity: at zero the stream earns nothing.
ACTIVITY = {
    "creator_rewards": "monthly_views",
    "creator_fund": "monthly_views",
    "brand_deals": "sponsored_videos",
    "affiliate": "affiliate_sales",
    "live_gifts": "live_diamonds",
    "subscriptions": "subscribers",
    "own_products": "product_sales",
}


def amounts(result: dict[str, Any]) -> list[tuple[float, float]]:
    pairs = [(result["total"]["low"], result["total"]["high"])]
    for stream in result["streams"].values():
        pairs.append((stream["low"], stream["high"]))
        pairs += [(entry["low"], entry["high"]) for entry in stream["ranges"]]
    return pairs


def test_every_stream_has_an_activity_input() -> None:
    result: dict[str, Any] = estimate({"followers": 1, "age": 1, "monthly_views": 1, "video_seconds": 1}, RATES)
    assert set(result["streams"]) == set(ACTIVITY)
    for name, key in ACTIVITY.items():
        assert key in result["streams"][name]["inputs_used"]


@given(inputs)
def test_ranges_are_ordered_and_non_negative(values: dict[str, Any]) -> None:
    for low, high in amounts(estimate(values, RATES)):
        assert 0 <= low <= high


@given(inputs)
def test_stream_envelope_spans_its_sourced_ranges(values: dict[str, Any]) -> None:
    result: dict[str, Any] = estimate(values, RATES)
    for stream in result["streams"].values():
        assert stream["low"] == min(entry["low"] for entry in stream["ranges"])
        assert stream["high"] == max(entry["high"] for entry in stream["ranges"])


@pytest.mark.parametrize("stream", sorted(ACTIVITY))
@given(values=inputs)
def test_zero_activity_earns_zero(stream: str, values: dict[str, Any]) -> None:
    result: dict[str, Any] = estimate({**values, ACTIVITY[stream]: 0}, RATES)
    assert (result["streams"][stream]["low"], result["streams"][stream]["high"]) == (0, 0)


@pytest.mark.parametrize("key", sorted(set(ACTIVITY.values())))
@given(values=inputs, extra=st.integers(0, 10**6))
def test_more_activity_never_earns_less(key: str, values: dict[str, Any], extra: int) -> None:
    before = amounts(estimate(values, RATES))
    after = amounts(estimate({**values, key: values[key] + extra}, RATES))
    for (low_before, high_before), (low_after, high_after) in zip(before, after, strict=True):
        assert low_after >= low_before and high_after >= high_before


@given(inputs)
def test_total_is_the_sum_of_counted_streams(values: dict[str, Any]) -> None:
    result: dict[str, Any] = estimate(values, RATES)
    counted = [stream for stream in result["streams"].values() if stream["in_total"]]
    assert result["total"]["low"] == pytest.approx(sum(stream["low"] for stream in counted), abs=0.01)
    assert result["total"]["high"] == pytest.approx(sum(stream["high"] for stream in counted), abs=0.01)


@given(inputs)
def test_first_payout_comes_no_later_in_the_best_case(values: dict[str, Any]) -> None:
    months = estimate(values, RATES)["payout"]["months_to_first_payout"]
    if months is not None and months["high"] is not None:
        assert 1 <= months["low"] <= months["high"]


@given(inputs)
def test_euros_scale_every_amount_by_the_dated_rate(values: dict[str, Any]) -> None:
    result: dict[str, Any] = estimate(values, RATES)
    euros = in_currency(result, RATES, "EUR")
    rate = RATES.usd_to_eur.value
    for (low, high), (low_eur, high_eur) in zip(amounts(result), amounts(euros), strict=True):
        assert low_eur == pytest.approx(low * rate, abs=0.01 + low * 1e-9)
        assert high_eur == pytest.approx(high * rate, abs=0.01 + high * 1e-9)
