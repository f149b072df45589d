"""Net income in France and the goal mode: invariants (hypothesis), and agreement between them."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import InputError, estimate, in_currency, parse_rates, requirements
from calculator.goal import LEVERS
from calculator.inputs import Inputs, validate_inputs
from calculator.rates import RatesError
from calculator.streams import STREAMS
from tests.support.repository import RATES_TEXT
from tests.support.strategies import creator_inputs, goal_creators, tax_situations

RATES = parse_rates(RATES_TEXT)
inputs = creator_inputs(RATES)
tax = tax_situations(RATES)


@settings(max_examples=300, deadline=None)
@given(inputs, tax)
def test_net_is_gross_less_contributions_and_tax_bound_by_bound(values: dict[str, Any], status: dict[str, Any]) -> None:
    net = estimate({**values, **status}, RATES)["net"]
    for bound in ("low", "high"):
        assert net["social_contributions"][bound] >= 0 and net["income_tax"][bound] >= 0
        assert net["net"][bound] == pytest.approx(
            net["gross"][bound] - net["social_contributions"][bound] - net["income_tax"][bound], abs=0.005)
        assert net["net"][bound] <= net["gross"][bound]
    # Ranges stay ranges: the low net comes from the low gross.
    assert net["net"]["low"] <= net["net"]["high"] + 0.01


@settings(max_examples=200, deadline=None)
@given(inputs, tax)
def test_contributions_follow_turnover_not_margin(values: dict[str, Any], status: dict[str, Any]) -> None:
    """Selling more of your own products raises contributions by the revenue's share, whatever the margin."""
    values = {**values, **status, "product_price": 10.0}
    before = estimate({**values, "product_sales": 0}, RATES)["net"]
    after = estimate({**values, "product_sales": 100}, RATES)["net"]
    category = RATES.france.categories[status["tax_status"]]
    share = (category.social_contributions.value + category.training_levy.value) / 100
    extra = 100 * 10.0 * RATES.usd_to_eur.value * share
    assert after["social_contributions"]["low"] - before["social_contributions"]["low"] == pytest.approx(extra,
                                                                                                       abs=0.02)


def test_no_tax_status_means_no_net_block() -> None:
    assert "net" not in estimate({"followers": 1, "age": 30, "monthly_views": 1, "video_seconds": 90}, RATES)


def test_warnings_say_which_end_of_the_range_passes() -> None:
    base = {"followers": 50000, "age": 30, "video_seconds": 90, "tax_status": "micro_bnc",
            "qualified_views_percent": 100}
    # 0.40 to 6.00 USD per 1,000 views: 1,000,000 views a month pass the VAT franchise only at the high end.
    only_high = estimate({**base, "monthly_views": 1_000_000}, RATES)["net"]["warnings"]
    assert [(w["code"], w["low_passes"]) for w in only_high] == [("vat_franchise", False)]
    assert only_high[0]["message"].startswith("Seul le haut de la fourchette dépasse le seuil de franchise")
    both = estimate({**base, "monthly_views": 30_000_000}, RATES)["net"]["warnings"]
    assert [(w["code"], w["low_passes"]) for w in both] == [("vat_franchise", True), ("micro_ceiling", True)]
    assert both[1]["message"].startswith("Même au bas de la fourchette")
    abroad = estimate({**base, "monthly_views": 0, "region": "us_ca"}, RATES)["net"]["warnings"]
    assert [w["code"] for w in abroad] == ["region"]


def test_rates_in_force_follow_the_stated_date() -> None:
    """The BNC rate has scheduled changes: moving france.in_force_on picks another dated value."""
    text = RATES_TEXT.replace("in_force_on: 2026-11-25", "in_force_on: 2025-06-30")
    assert text != RATES_TEXT
    category = parse_rates(text).france.categories["micro_bnc"]
    assert category.social_contributions.value == 24.6
    assert category.turnover_ceiling.value == 77700
    assert RATES.france.categories["micro_bnc"].social_contributions.value == 25.6
    with pytest.raises(RatesError, match=r"france\.categories\.micro_bnc\.social_contributions\.values"):
        parse_rates(RATES_TEXT.replace("in_force_on: 2026-11-25", "in_force_on: 2020-01-01"))


def test_dated_values_elsewhere_are_rejected_with_the_field_named() -> None:
    text = RATES_TEXT.replace("  value: 0.8486\n", "  values: [{since: 2026-01-01, value: 0.8486}]\n", 1)
    with pytest.raises(RatesError, match=r"^usd_to_eur\.values"):
        parse_rates(text)


def test_the_net_block_lists_the_rates_used_with_their_dates() -> None:
    net = estimate({"followers": 1, "age": 30, "monthly_views": 0, "video_seconds": 90, "tax_status": "micro_bnc"},
                   RATES)["net"]
    first = net["rates"][0]
    assert (first["value"], first["since"]) == (25.6, "2026-01-01")
    assert all(rate["references"] and datetime.date.fromisoformat(rate["as_of"]) for rate in net["rates"])
    assert [ref["url"] for ref in net["simulators"]] == [ref.url for ref in RATES.france.simulators]


# --- goal mode ------------------------------------------------------------------------
creators = goal_creators(RATES)
tax_or_none = st.none() | tax


def reached(values: dict[str, Any], bound: str) -> float:
    """What estimate() says the creator gets in EUR: net with a tax status, the gross total otherwise."""
    result = estimate(values, RATES)
    if "net" in result:
        return float(result["net"]["net"][bound])
    return float(in_currency(result, RATES, "EUR")["total"][bound])


@settings(max_examples=150, deadline=None)
@given(st.floats(1, 50_000, allow_nan=False).map(lambda x: round(x, 2)), creators, tax_or_none)
def test_feeding_the_goal_back_to_estimate_gives_the_target(target: float, creator: dict[str, Any],
                                                            status: dict[str, Any] | None) -> None:
    values = {**creator, **(status or {}), "monthly_views": 0}
    answer = requirements(target, values, RATES)
    for stream in STREAMS:
        lever = stream.LEVER
        if lever is None:
            assert stream.NAME not in answer["levers"]
            continue
        found = answer["levers"][stream.NAME]
        if not found["reachable"]:
            assert found["low"] is None and found["unmet"] and found["reasons"]
            continue
        floor = lever.floor(RATES)
        # Optimistic count with the best rate (high bound), pessimistic with the worst (low bound).
        for count, bound in ((found["low"], "high"), (found["high"], "low")):
            assert reached({**values, lever.input_key: count}, bound) >= target
            if count - 1 >= floor:
                assert reached({**values, lever.input_key: count - 1}, bound) < target
        assert found["low"] <= found["high"]


def test_goal_levers_are_calculator_streams_solved_for_their_own_input() -> None:
    streams = estimate({"followers": 1, "age": 30, "monthly_views": 0, "video_seconds": 90}, RATES)["streams"]
    levers = {stream.NAME: stream.LEVER for stream in STREAMS if stream.LEVER is not None}
    assert list(levers) == ["creator_rewards", "brand_deals", "live_gifts"]
    assert tuple(levers.values()) == LEVERS
    for name, lever in levers.items():
        assert lever.input_key in streams[name]["inputs_used"]
    assert {field.name for field in dataclasses.fields(Inputs)} >= {lever.input_key for lever in LEVERS}


def test_goal_inputs_already_read_give_the_same_answer() -> None:
    creator = {"followers": "50000", "age": "30", "video_seconds": "90", "monthly_views": "", "tax_status": "micro_bnc"}
    read = validate_inputs({**creator, "monthly_views": 0}, RATES)
    assert requirements(1000, read, RATES) == requirements(1000, creator, RATES)


def test_goal_at_the_programme_minimum_is_flagged() -> None:
    """A small target is met by fewer views than the Creator Rewards minimum: the minimum is the answer."""
    answer = requirements(1, {"followers": 50000, "age": 30, "video_seconds": 90}, RATES)["levers"]["creator_rewards"]
    assert answer["low"] == RATES.creator_rewards.min_monthly_views.value
    assert answer["at_minimum"] is True


@pytest.mark.parametrize(("target", "message"), [
    ("", "Indiquez l'objectif en euros par mois, par exemple 1 000."),
    ("-5", "Indiquez un objectif supérieur à 0 €, par exemple 1 000."),
    ("mille", "« mille » n'est pas un nombre : écrivez des chiffres, par exemple 10 000."),
    ("1e12", "Indiquez un objectif d'au plus 10 000 000 € par mois."),
])
def test_bad_targets_are_rejected_in_french(target: str, message: str) -> None:
    with pytest.raises(InputError) as error:
        requirements(target, {"followers": 1, "age": 30, "video_seconds": 90}, RATES)
    assert (error.value.key, error.value.message) == ("target", message)


def test_goal_accepts_french_spacing_and_a_euro_sign() -> None:
    creator = {"followers": 50000, "age": 30, "video_seconds": 90}
    assert requirements("1 000 €", creator, RATES) == requirements(1000, creator, RATES)


@pytest.mark.parametrize(("typed", "quoted"), [("12,5", "12,5"), ("12,5 %", "12,5"), (12.5, "12,5"), ("1e300", "1e300"),
                                               ("inf", "inf")])
def test_a_rate_that_is_no_bracket_is_quoted_as_typed(typed: object, quoted: str) -> None:
    with pytest.raises(InputError) as error:
        estimate({"followers": 1, "age": 30, "monthly_views": 1, "video_seconds": 90, "marginal_tax_rate": typed},
                 RATES)
    assert error.value.key == "marginal_tax_rate"
    assert error.value.message.startswith(f"« {quoted}\u00a0% » n'est pas une tranche du barème. Tranches possibles")
