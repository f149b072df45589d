"""The rate card against the calculator (hypothesis): its dedicated video is what estimate() gives for one
sponsored video on the same inputs, in USD and in EUR, and with a tax status its net is the estimate's net
when brand deals are the only income; every other deliverable stays within its sourced ratios."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import InputError, estimate, in_currency, parse_rates, rate_card
from tests.support.repository import RATES_TEXT
from tests.support.strategies import creator_inputs, tax_situations

RATES = parse_rates(RATES_TEXT)
SHARED = settings(deadline=None)
anyone = st.builds(lambda creator, tax: {**creator, **(tax or {})}, creator_inputs(RATES),
                   st.none() | tax_situations(RATES))
ONLY_BRAND_DEALS = {"monthly_views": 0, "live_diamonds": 0, "subscribers": 0, "affiliate_sales": 0,
                    "product_sales": 0}


@SHARED
@given(anyone)
def test_the_dedicated_video_is_one_sponsored_video_of_the_estimate(inputs: dict[str, Any]) -> None:
    card = rate_card(inputs, RATES)
    one_video = estimate({**inputs, "sponsored_videos": 1}, RATES)
    brand = one_video["streams"]["brand_deals"]
    dedicated = card["deliverables"]["dedicated_video"]
    assert (dedicated["low"], dedicated["high"]) == (brand["low"], brand["high"])
    assert [(entry["low"], entry["high"]) for entry in dedicated["ranges"]] == \
        [(entry["low"], entry["high"]) for entry in brand["ranges"]]
    in_euros = in_currency(one_video, RATES, "EUR")["streams"]["brand_deals"]
    assert dedicated["eur"] == {"low": in_euros["low"], "high": in_euros["high"]}
    assert (card["eligible"], card["unmet"]) == (brand["eligible"], brand["unmet"])


@SHARED
@given(creator_inputs(RATES), tax_situations(RATES))
def test_with_brand_deals_alone_the_net_of_a_dedicated_video_is_the_estimates_net(
        creator: dict[str, Any], tax: dict[str, Any]) -> None:
    inputs = {**creator, **tax, **ONLY_BRAND_DEALS}
    net = estimate({**inputs, "sponsored_videos": 1}, RATES)["net"]
    assert rate_card(inputs, RATES)["deliverables"]["dedicated_video"]["net"] == net


@SHARED
@given(anyone)
def test_each_deliverable_lies_between_its_ratios_times_the_dedicated_video(inputs: dict[str, Any]) -> None:
    deliverables = rate_card(inputs, RATES)["deliverables"]
    base = deliverables["dedicated_video"]
    for key, section in RATES.rate_card.deliverables.items():
        item = deliverables[key]
        lowest = min(factor.low for factor in section.factors)
        highest = max(factor.high for factor in section.factors)
        assert base["low"] * lowest - 0.005 <= item["low"] <= item["high"] <= base["high"] * highest + 0.005, key
        assert ("net" in item) == (inputs.get("tax_status", "none") != "none")


def test_the_card_needs_neither_views_nor_video_length_but_names_a_missing_follower_count() -> None:
    card = rate_card({"followers": 20000, "age": 25}, RATES)
    assert card["deliverables"]["dedicated_video"]["high"] > 0
    with pytest.raises(InputError) as error:
        rate_card({"age": 25}, RATES)
    assert error.value.key == "followers"


def test_a_minor_under_the_french_threshold_is_told_about_the_blocked_account() -> None:
    card = rate_card({"followers": 20000, "age": 14}, RATES)
    assert [notice["code"] for notice in card["notices"]] == ["minor_blocked_account"]
