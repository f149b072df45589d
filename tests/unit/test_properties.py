"""Rules every estimate keeps, whatever the creator's numbers (hypothesis), checked stream by stream
from the registry: each would catch a rule broken in one stream, not restate how results are built."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import INPUT_FIELDS, estimate, in_currency, parse_rates
from calculator.inputs import FIELDS_BY_KEY
from calculator.rates import EVIDENCE, Parameter, Reference, evidence_class
from calculator.results import NoDetails
from calculator.streams import STREAMS, StreamModule, shape
from tests.support.repository import RATES_TEXT
from tests.support.strategies import creator_inputs, tax_situations

RATES = parse_rates(RATES_TEXT)
creators = creator_inputs(RATES)
anyone = st.builds(lambda creator, tax: {**creator, **(tax or {})}, creators, st.none() | tax_situations(RATES))
# The machine is shared: an example that runs slowly is not a failure.
SHARED = settings(deadline=None)
NAMES = [stream.NAME for stream in STREAMS]
NUMERIC = {field.key for field in INPUT_FIELDS if field.kind in ("integer", "decimal", "percent")}
SAMPLE = estimate({"followers": 1, "age": 1, "monthly_views": 1, "video_seconds": 1}, RATES)


def inputs_used(stream: StreamModule) -> list[str]:
    used: list[str] = SAMPLE["streams"][stream.NAME]["inputs_used"]
    return used


def minimums(stream: StreamModule) -> list[tuple[str, Parameter]]:
    """The stream's sourced minimums above zero, found in rates.yml by name: `<stream>.min_<input key>`."""
    section = getattr(RATES, stream.NAME)
    return [(name.removeprefix("min_"), getattr(section, name)) for name in vars(section)
            if name.startswith("min_") and name.removeprefix("min_") in FIELDS_BY_KEY
            and getattr(section, name).value > 0]


MINIMUMS = [(stream, key, minimum) for stream in STREAMS for key, minimum in minimums(stream)]


def bounds(data: Any, path: str = "") -> Iterator[tuple[str, float, float | None]]:
    """Every {low, high} pair of a result, with where it is."""
    if isinstance(data, dict):
        if isinstance(data.get("low"), int | float):
            yield path, data["low"], data["high"]
        for key, value in data.items():
            yield from bounds(value, f"{path}.{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from bounds(value, f"{path}[{index}]")


def numbers(data: Any, path: str = "") -> Iterator[tuple[str, float]]:
    """Every number of a result (booleans are not numbers here), with where it is."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from numbers(value, f"{path}.{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from numbers(value, f"{path}[{index}]")
    elif isinstance(data, int | float) and not isinstance(data, bool):
        yield path, data


# What README calls money in an estimate: the streams' amounts, their sourced ranges, what viewers, buyers,
# customers and subscribers paid, the total and the payout's amounts. The net block is in euros already.
MONEY = re.compile(r"\.streams\.\w+(\.ranges\[\d+\]|\.extremes"
                   r"|\.details\.(viewer_paid|sales|revenue|subscribers_paid|tiktok_received))?"
                   r"\.(low|high)|\.total\.(low|high)|\.payout\.tiktok_monthly\.(low|high)"
                   r"|\.payout\.balances\[\d+\]\.((monthly|minimum)\.(low|high)|daily_limit)")


def test_every_registered_stream_is_in_the_result_in_order_and_has_a_rates_section() -> None:
    assert list(SAMPLE["streams"]) == NAMES
    assert len(set(NAMES)) == len(NAMES)
    assert all(hasattr(RATES, name) for name in NAMES)
    assert {stream.NAME for stream, _, _ in MINIMUMS} == {"creator_rewards", "brand_deals", "live_gifts",
                                                         "subscriptions"}


@SHARED
@given(anyone)
def test_low_never_exceeds_high_and_only_the_net_can_be_negative(values: dict[str, Any]) -> None:
    for path, low, high in bounds(estimate(values, RATES)):
        if high is None:  # months to the first payout, overall or for one balance: never, if every month were the worst
            assert re.fullmatch(r"\.payout(\.balances\[\d+\])?\.months_to_first_payout", path), path
            continue
        # Cents rounding line by line can put the low net a cent above the high one.
        assert low <= high + (0.01 if path.startswith(".net.") else 0), path
        # What is left can fall below zero: contributions are due on the revenue of own products, not the margin.
        assert low >= 0 or path == ".net.net", path


@pytest.mark.parametrize("stream", STREAMS, ids=NAMES)
@SHARED
@given(values=creators, data=st.data())
def test_more_of_any_input_never_pays_less(stream: StreamModule, values: dict[str, Any], data: st.DataObject) -> None:
    """More views, followers, sponsored videos, sales, a higher price or engagement, an older account,
    longer videos: never a lower low or high for the stream."""
    key = data.draw(st.sampled_from(sorted(NUMERIC & set(inputs_used(stream)))), label="input")
    field = FIELDS_BY_KEY[key]
    before = values[key] if values.get(key) is not None else data.draw(st.floats(0, 100), label="percent")
    step = data.draw(st.integers(0, 10**6) if field.kind == "integer" else st.floats(0, 10**6), label="more")
    after = min(before + step, field.maximum or math.inf)
    low = estimate({**values, key: before}, RATES)["streams"][stream.NAME]
    high = estimate({**values, key: after}, RATES)["streams"][stream.NAME]
    assert high["low"] >= low["low"] and high["high"] >= low["high"]


@pytest.mark.parametrize(("stream", "key", "minimum"), MINIMUMS,
                         ids=[f"{stream.NAME}-{key}" for stream, key, _ in MINIMUMS])
@SHARED
@given(values=creators, data=st.data())
def test_below_a_sourced_minimum_a_creator_is_never_eligible_and_gets_nothing(
        stream: StreamModule, key: str, minimum: Parameter, values: dict[str, Any], data: st.DataObject) -> None:
    below = (data.draw(st.integers(0, math.ceil(minimum.value) - 1)) if FIELDS_BY_KEY[key].kind == "integer"
             else data.draw(st.floats(0, minimum.value, exclude_max=True)))
    result = estimate({**values, key: below}, RATES)["streams"][stream.NAME]
    assert result["eligible"] is False
    assert key in result["unmet"]
    assert (result["low"], result["high"]) == (0, 0)
    assert all((entry["low"], entry["high"]) == (0, 0) for entry in result["ranges"])


@SHARED
@given(anyone)
def test_unmet_requirements_are_inputs_the_stream_uses_each_with_a_reason(values: dict[str, Any]) -> None:
    for name, stream in estimate(values, RATES)["streams"].items():
        assert set(stream["unmet"]) <= set(stream["inputs_used"]) <= set(FIELDS_BY_KEY), name
        assert len(stream["reasons"]) == len(stream["unmet"]) and all(reason.strip() for reason in stream["reasons"])
        assert stream["eligible"] is not bool(stream["unmet"])


@SHARED
@given(anyone)
def test_the_total_and_what_tiktok_pays_are_sums_of_the_counted_streams(values: dict[str, Any]) -> None:
    result = estimate(values, RATES)
    streams = result["streams"]
    assert [name for name, stream in streams.items() if not stream["in_total"]] == ["creator_fund"]
    counted = [stream for stream in streams.values() if stream["in_total"]]
    tiktok = [stream for stream in counted if stream["paid_by"] in ("tiktok", "tiktok_shop")]
    for bound in ("low", "high"):
        assert result["total"][bound] == round(sum(stream[bound] for stream in counted), 2)
        assert result["payout"]["tiktok_monthly"][bound] == round(sum(stream[bound] for stream in tiktok), 2)


@SHARED
@given(creators)
def test_no_activity_earns_nothing(values: dict[str, Any]) -> None:
    quantities = {key: 0 for key in NUMERIC if not FIELDS_BY_KEY[key].required and key != "engagement_rate"}
    result = estimate({**values, **quantities, "monthly_views": 0}, RATES)
    assert all((stream["low"], stream["high"]) == (0, 0) for stream in result["streams"].values())
    assert result["payout"]["months_to_first_payout"] is None


@SHARED
@given(anyone)
def test_euros_are_the_dollars_times_the_dated_rate_to_the_cent_and_nothing_else_moves(values: dict[str, Any]) -> None:
    result = estimate(values, RATES)
    euros = in_currency(result, RATES, "EUR")
    rate = RATES.usd_to_eur.value
    assert (euros["currency"], euros["exchange_rate"]["value"]) == ("EUR", rate)
    shown = dict(numbers({key: value for key, value in euros.items() if key != "exchange_rate"}))
    dollars = dict(numbers(result))
    assert shown.keys() == dollars.keys()
    for path, usd in dollars.items():
        assert shown[path] == (round(usd * rate, 2) if MONEY.fullmatch(path) else usd), path


# --- Evidence and the headline ------------------------------------------------------------------------
@SHARED
@given(anyone)
def test_the_headline_lies_within_the_extremes_and_rests_on_the_best_evidence_the_stream_has(
        values: dict[str, Any]) -> None:
    for name, result in estimate(values, RATES)["streams"].items():
        extremes = result["extremes"]
        assert extremes["low"] <= result["low"] <= result["high"] <= extremes["high"], name
        assert (extremes["low"], extremes["high"]) == (min(entry["low"] for entry in result["ranges"]),
                                                       max(entry["high"] for entry in result["ranges"])), name
        best = min(evidence_class(entry["evidence"]) for entry in result["ranges"])
        for entry in result["ranges"]:
            assert entry["in_headline"] is (evidence_class(entry["evidence"]) == best), (name, entry["key"])
            if entry["in_headline"]:
                assert result["low"] <= entry["low"] and entry["high"] <= result["high"], (name, entry["key"])


def sourced(grade: str, low: float, high: float, index: int) -> shape.SourcedRange:
    """A range from a parameter whose one reference has this grade."""
    reference = Reference(title=f"source {index}", url=None, evidence=grade, published=None)
    parameter = Parameter(path=f"test[{index}]", key=f"k{index}", label=f"source {index}", unit="USD", low=low,
                          high=high, is_range=True, as_of=RATES.usd_to_eur.as_of, references=(reference,),
                          assumption=False, rationale=None)
    return shape.SourcedRange(parameter, low, high)


amounts = st.tuples(st.floats(0, 10**6), st.floats(0, 10**6)).map(sorted)
graded_ranges = st.lists(st.tuples(st.sampled_from(EVIDENCE), amounts), min_size=1, max_size=6)


def built(items: list[tuple[str, list[float]]]) -> Any:
    ranges = [sourced(grade, low, high, index) for index, (grade, (low, high)) in enumerate(items)]
    return shape.stream("test", ranges, [], inputs_used=[], paid_by="tiktok", details=NoDetails(), unlock="")


@SHARED
@given(graded_ranges)
def test_an_unverified_range_never_makes_the_headline_while_anything_else_exists(
        items: list[tuple[str, list[float]]]) -> None:
    result = built(items)
    others = [entry for entry in result.ranges if entry.evidence != "unverified"]
    if others:
        assert not any(entry.in_headline for entry in result.ranges if entry.evidence == "unverified")
        assert result.amount.low == min(entry.amount.low for entry in result.ranges if entry.in_headline)
        assert result.confidence != "unverified"
    else:
        assert result.confidence == "unverified" and (result.amount.low, result.amount.high) == (
            result.extremes.low, result.extremes.high)


@SHARED
@given(graded_ranges, st.sampled_from(["official", "press", "study"]), amounts)
def test_adding_a_strong_range_narrows_the_headline_to_strong_ranges_only(
        items: list[tuple[str, list[float]]], grade: str, amount: list[float]) -> None:
    before = built(items)
    after = built([*items, (grade, amount)])
    assert all(evidence_class(entry.evidence) == 0 for entry in after.ranges if entry.in_headline)
    assert after.confidence in ("high", "medium")
    if all(evidence_class(entry.evidence) > 0 for entry in before.ranges):
        # The new range alone is strong: the headline is exactly it, whatever the others said.
        assert (after.amount.low, after.amount.high) == (round(amount[0], 2), round(amount[1], 2))
    # The extremes only widen, and no range leaves them.
    assert after.extremes.low <= before.extremes.low and after.extremes.high >= before.extremes.high


@SHARED
@given(graded_ranges)
def test_a_headline_is_only_said_to_be_highly_reliable_when_every_range_in_it_is_official(
        items: list[tuple[str, list[float]]]) -> None:
    result = built(items)
    headline = [entry.evidence for entry in result.ranges if entry.in_headline]
    assert (result.confidence == "high") is all(grade == "official" for grade in headline)
    assert (result.confidence == "low") is all(grade in ("vendor", "seed") for grade in headline)
