"""estimate(): the seed's worked examples, eligibility, and rejection of bad input."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from calculator import InputError, Rates, estimate, in_currency, read_inputs
from calculator.estimate import calculate
from calculator.inputs import validate_inputs
from calculator.rates import RatesError, parse_rates
from calculator.results import plain
from tests.support.repository import ROOT

ELIGIBLE = {"followers": 20000, "age": 25, "monthly_views": 1_000_000, "qualified_views_percent": 100,
            "video_seconds": 75}
"""The seed's example: every view entered is a qualified view (the qualified views TikTok Studio shows)."""


def ranges(result: dict[str, Any], stream: str) -> list[tuple[float, float]]:
    return [(entry["low"], entry["high"]) for entry in result["streams"][stream]["ranges"]]


def test_seed_example_one_million_views(rates: Rates) -> None:
    result = estimate(ELIGIBLE, rates)
    # The seed's ranges stay listed first, each with the grade of the source it relays.
    assert ranges(result, "creator_fund")[0] == (20, 40)
    rewards = result["streams"]["creator_rewards"]
    assert ranges(result, "creator_rewards")[:2] == [(400, 1000), (500, 6000)]
    assert [(entry["evidence"], entry["in_headline"]) for entry in rewards["ranges"][:2]] == [
        ("vendor", False), ("unverified", False)]
    # The headline is the press: 0.01 EUR x 1,000 / 0.8486 = 11.78 USD, 1.00 EUR x 1,000 / 0.8486 = 1,178.41.
    assert (rewards["low"], rewards["high"]) == (11.78, 1178.41)
    assert rewards["extremes"] == {"low": 11.78, "high": 6000}
    assert rewards["confidence"] == "medium"


def test_seed_example_half_a_million_qualified_views(rates: Rates) -> None:
    result = estimate({**ELIGIBLE, "monthly_views": 500_000}, rates)
    assert ranges(result, "creator_fund")[0] == (10, 20)
    assert ranges(result, "creator_rewards")[:2] == [(200, 500), (250, 3000)]


def test_total_counts_creator_rewards_but_not_the_closed_fund(rates: Rates) -> None:
    result = estimate(ELIGIBLE, rates)
    assert result["total"] == {"low": 11.78, "high": 1178.41}
    assert result["currency"] == "USD"
    assert result["streams"]["creator_fund"]["in_total"] is False


@pytest.mark.parametrize(
    ("change", "unmet"),
    [
        ({"followers": 9999}, ["followers"]),
        ({"monthly_views": 99_999}, ["monthly_views"]),
        ({"age": 17}, ["age"]),
        ({"video_seconds": 60}, ["video_seconds"]),
        ({"followers": 10, "age": 15, "video_seconds": 30}, ["followers", "age", "video_seconds"]),
    ],
)
def test_unmet_requirements_zero_the_rewards_and_say_why(rates: Rates, change: dict[str, int],
                                                         unmet: list[str]) -> None:
    stream = estimate({**ELIGIBLE, **change}, rates)["streams"]["creator_rewards"]
    assert stream["eligible"] is False
    assert stream["unmet"] == unmet
    assert len(stream["reasons"]) == len(unmet)
    assert (stream["low"], stream["high"]) == (0, 0)
    assert all((entry["low"], entry["high"]) == (0, 0) for entry in stream["ranges"])


def test_thresholds_themselves_are_eligible(rates: Rates) -> None:
    inputs = {"followers": 10000, "age": 18, "monthly_views": 100_000, "qualified_views_percent": 100,
              "video_seconds": 60.5}
    stream = estimate(inputs, rates)["streams"]["creator_rewards"]
    assert stream["eligible"] is True
    # 100 x 0.01 EUR / 0.8486 = 1.18 USD; 100 x 1.00 EUR / 0.8486 = 117.84 USD.
    assert (stream["low"], stream["high"]) == (1.18, 117.84)


def test_reason_quotes_the_threshold_from_rates(rates: Rates) -> None:
    stream = estimate({**ELIGIBLE, "followers": 5}, rates)["streams"]["creator_rewards"]
    assert stream["reasons"] == ["Il faut au moins 10\u202f000 abonnés."]


def test_result_is_plain_json(rates: Rates) -> None:
    result = estimate(ELIGIBLE, rates)
    assert json.loads(json.dumps(result)) == result


def test_numbers_typed_the_french_way_are_read(rates: Rates) -> None:
    typed = {"followers": "20 000", "age": "25", "monthly_views": "1\u202f000\u202f000", "video_seconds": "75,0",
             "qualified_views_percent": "100,0"}
    assert estimate(typed, rates) == estimate(ELIGIBLE, rates)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("followers", -1, "négatif"),
        ("monthly_views", math.nan, "fini"),
        ("monthly_views", "nan", "fini"),
        ("video_seconds", math.inf, "fini"),
        ("age", "dix-huit", "n'est pas un nombre"),
        ("age", None, "obligatoire"),
        ("age", "  ", "obligatoire"),
        ("followers", 10.5, "entier"),
        ("followers", True, "pas vrai/faux"),
        ("followers", [1], "nombre"),
        ("age", 200, "entre 0 et 130"),
        ("engagement_rate", 101, "entre 0 et 100"),
        ("product_price", "NaN", "fini"),
        ("subscribers", -2, "négatif"),
        ("niche", "cuisine", "Choix possibles : finance, tech, beauty, fitness, fashion, home, general"),
        ("region", "mars", "n'est pas un choix possible"),
        ("product_type", 3, "n'est pas un choix possible"),
    ],
)
def test_invalid_value_raises_input_error_naming_the_key(rates: Rates, key: str, value: object,
                                                          message: str) -> None:
    with pytest.raises(InputError) as caught:
        estimate({**ELIGIBLE, key: value}, rates)
    assert caught.value.key == key
    assert str(caught.value).startswith(f"{key}: ")
    assert message in caught.value.message


def test_missing_key_is_named(rates: Rates) -> None:
    inputs = {key: value for key, value in ELIGIBLE.items() if key != "monthly_views"}
    with pytest.raises(InputError) as caught:
        estimate(inputs, rates)
    assert caught.value.key == "monthly_views"


def test_unknown_key_is_named(rates: Rates) -> None:
    with pytest.raises(InputError) as caught:
        estimate({**ELIGIBLE, "likes": 5}, rates)
    assert caught.value.key == "likes"
    assert isinstance(caught.value, ValueError)


def test_optional_inputs_default_to_not_doing_it(rates: Rates) -> None:
    result = estimate(ELIGIBLE, rates)
    for name in ("brand_deals", "affiliate", "live_gifts", "subscriptions", "own_products"):
        assert (result["streams"][name]["low"], result["streams"][name]["high"]) == (0, 0)
    blank = {key: "" for key in ("sponsored_videos", "engagement_rate", "niche", "region", "product_type")}
    assert estimate({**ELIGIBLE, **blank}, rates) == result


def test_blank_engagement_counts_as_the_benchmark(rates: Rates) -> None:
    deal = {**ELIGIBLE, "followers": 100_000, "sponsored_videos": 1, "niche": "finance"}
    at_benchmark = estimate({**deal, "engagement_rate": rates.brand_deals.engagement_benchmark.value}, rates)
    assert estimate(deal, rates)["streams"] == at_benchmark["streams"]


def test_payout_counts_only_what_tiktok_pays(rates: Rates) -> None:
    inputs = {**ELIGIBLE, "monthly_views": 0, "sponsored_videos": 3, "live_diamonds": 1000}
    payout = estimate(inputs, rates)["payout"]
    # 1,000 diamonds: 5 USD at the stated 0.005, up to 1,000 x 0.0134 (dearest coin) x 50 % = 6.70 USD, all
    # vendor-grade (the share is, so every coin price x share is too).
    # Only the LIVE balance receives it: its minimum (10 to 100 USD) takes ceil(10 / 6.70) = 2 months at
    # best, ceil(100 / 5) = 20 at worst; the brands' 3 videos are paid by the brands.
    assert payout["tiktok_monthly"] == {"low": 5, "high": 6.7}
    assert payout["months_to_first_payout"] == {"low": 2, "high": 20}
    live = next(balance for balance in payout["balances"] if balance["key"] == "live")
    assert live["minimum"] == {"low": 10, "high": 100} and live["daily_limit"] == 1000
    nothing = estimate({**ELIGIBLE, "monthly_views": 0}, rates)["payout"]
    assert nothing["months_to_first_payout"] is None


def test_inputs_already_read_give_the_same_result(rates: Rates) -> None:
    typed = {"followers": "20 000", "age": "25", "monthly_views": "1 000 000", "video_seconds": "75,0",
             "tax_status": "micro_bnc"}
    values, errors = read_inputs(typed, rates)
    assert errors == {} and values is not None
    assert estimate(values, rates) == estimate(typed, rates)


def test_euros_from_the_typed_result_and_from_the_dict_agree(rates: Rates) -> None:
    result = estimate({**ELIGIBLE, "live_diamonds": 1000, "tax_status": "micro_bnc"}, rates)
    typed = calculate(validate_inputs({**ELIGIBLE, "live_diamonds": 1000, "tax_status": "micro_bnc"}, rates), rates)
    assert in_currency(result, rates, "EUR") == plain(in_currency(typed, rates, "EUR"))
    assert in_currency(result, rates, "USD") is result


def test_a_rebuilt_table_cannot_be_converted_since_its_money_is_no_longer_known(rates: Rates) -> None:
    rebuilt = json.loads(json.dumps(estimate(ELIGIBLE, rates)))
    with pytest.raises(TypeError, match="estimate"):
        in_currency(rebuilt, rates, "EUR")


def test_old_us_ca_links_open_as_the_united_states(rates: Rates) -> None:
    old = estimate({**ELIGIBLE, "region": "us_ca", "subscribers": 10, "subscription_price": 10}, rates)
    assert old["payout"]["region"] == "united_states"
    # 100 USD, no VAT: 70 % after the 30 % fee x 70 % = 49; 85 % x 90 % = 76.50.
    assert (old["streams"]["subscriptions"]["low"], old["streams"]["subscriptions"]["high"]) == (49, 76.5)


def test_a_country_only_some_lists_name_is_not_counted_and_the_reason_says_which(rates: Rates) -> None:
    canada = estimate({**ELIGIBLE, "region": "canada"}, rates)["streams"]["creator_rewards"]
    assert canada["unmet"] == ["region"] and "CNews" in canada["reasons"][0]
    elsewhere = estimate({**ELIGIBLE, "region": "other_programme"}, rates)["streams"]["creator_rewards"]
    # Paid as in France: 1,000,000 qualified views x 0.01 EUR per 1,000 (press) / 0.8486 = 11.78 USD at the low end.
    assert elsewhere["eligible"] and elsewhere["low"] == 11.78
    assert estimate({**ELIGIBLE, "region": "other"}, rates)["streams"]["creator_rewards"]["unmet"] == ["region"]


def test_affiliate_links_outside_tiktok_have_no_follower_rule_and_merchants_pay(rates: Rates) -> None:
    small = {**ELIGIBLE, "followers": 100, "affiliate_sales": 10, "average_order_value": 30}
    shop = estimate(small, rates)["streams"]["affiliate"]
    links = estimate({**small, "affiliate_channel": "links"}, rates)["streams"]["affiliate"]
    assert shop["unmet"] == ["followers"] and shop["paid_by"] == "tiktok_shop"
    # 300 USD at 2-20 %: 6 to 60 USD, paid by the merchant, so in no TikTok balance.
    assert links["eligible"] and (links["low"], links["high"]) == (6, 60) and links["paid_by"] == "merchant"
    assert links["details"]["commission_bound_percent"] == {"low": 1, "high": 80}


def test_a_typical_commission_outside_tiktok_shops_bound_is_refused() -> None:
    text = (ROOT / "rates.yml").read_text().replace("low: 1\n    high: 80", "low: 5\n    high: 80")
    with pytest.raises(RatesError, match=r"niches\.finance\.affiliate_commission\[0\]"):
        parse_rates(text)
