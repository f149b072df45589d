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
from calculator.net import Household, Scale, TaxSituation
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
    chamber = 0.0 if category.chamber_fee is None else category.chamber_fee.value
    share = (category.social_contributions.value + category.training_levy.value + chamber) / 100
    extra = 100 * 10.0 * RATES.usd_to_eur.value * share
    assert after["social_contributions"]["low"] - before["social_contributions"]["low"] == pytest.approx(extra,
                                                                                                       abs=0.02)


def test_no_tax_status_means_no_net_block() -> None:
    assert "net" not in estimate({"followers": 1, "age": 30, "monthly_views": 1, "video_seconds": 90}, RATES)


def test_warnings_say_which_end_of_the_range_passes() -> None:
    base = {"followers": 50000, "age": 30, "video_seconds": 90, "tax_status": "micro_bnc", "monthly_views": 0,
            "qualified_views_percent": 100}
    # Two sponsored videos a month (French brands): 106.08 to 4 243 € a month, 1 273 to 50 916 € a year: only the
    # high end passes the 37 500 € VAT franchise.
    only_high = estimate({**base, "sponsored_videos": 2}, RATES)["net"]["warnings"]
    assert [(w["code"], w["low_passes"]) for w in only_high] == [("vat_franchise", False)]
    assert only_high[0]["message"].startswith("Seul le haut de la fourchette dépasse le seuil de franchise")
    # A billion views (press RPMs, 0.01 to 1.00 EUR per 1,000: 10,000 EUR a month even at the low end, 120,000 a
    # year): TikTok's payments (from its Irish company, VAT self-assessed) pass the micro ceiling at both ends but
    # count nothing towards the VAT franchise, which only counts receipts made in France.
    both = estimate({**base, "monthly_views": 1_000_000_000}, RATES)["net"]["warnings"]
    assert [(w["code"], w["low_passes"]) for w in both] == [("micro_ceiling", True)]
    assert both[0]["message"].startswith("Même au bas de la fourchette")
    abroad = estimate({**base, "region": "us_ca"}, RATES)["net"]["warnings"]
    assert [w["code"] for w in abroad] == ["region"]


def test_the_vat_warning_says_tiktok_self_assesses() -> None:
    message = estimate({"followers": 50000, "age": 30, "video_seconds": 90, "monthly_views": 0,
                        "tax_status": "micro_bnc", "sponsored_videos": 20}, RATES)["net"]["warnings"][0]["message"]
    assert "clients et de marques en France" in message
    assert "n'y entre pas" in message and "autoliquidée" in message  # TikTok is not invoiced VAT


def test_the_versement_liberatoire_ceiling_is_judged_per_part() -> None:
    """Micro-BNC, 10 sponsored videos: 530.38 to 21 215 € a month, taxable 4 200.61 to 168 022.80 € a year
    (66 %). A single person with 30 000 € of other income: 34 200.61 € per part at the low end, over 29 315 €.
    A couple with two children (3 parts) and nothing else: 1 400.20 to 56 007.60 € per part, only the high end."""
    base = {"followers": 50000, "age": 30, "video_seconds": 90, "monthly_views": 0, "tax_status": "micro_bnc",
            "sponsored_videos": 10, "versement_liberatoire": True}
    single = estimate({**base, "other_taxable_income": 30_000}, RATES)["net"]["warnings"]
    ceiling = [w for w in single if w["code"] == "versement_liberatoire_ceiling"]
    assert [(w["low_passes"], w["threshold"]) for w in ceiling] == [(True, 29315)]
    assert "revenu fiscal de référence" in ceiling[0]["message"] and "2024 pour 2026" in ceiling[0]["message"]
    family = estimate({**base, "household": "couple", "children": 2}, RATES)["net"]["warnings"]
    assert [w["low_passes"] for w in family if w["code"] == "versement_liberatoire_ceiling"] == [False]
    without = estimate({**base, "versement_liberatoire": False, "other_taxable_income": 30_000}, RATES)["net"]
    assert "versement_liberatoire_ceiling" not in [w["code"] for w in without["warnings"]]


def test_rates_in_force_follow_the_stated_date() -> None:
    """The BNC rate has scheduled changes: moving france.in_force_on picks another dated value."""
    text = RATES_TEXT.replace("in_force_on: 2026-11-25", "in_force_on: 2025-06-30")
    assert text != RATES_TEXT
    category = parse_rates(text).france.categories["micro_bnc"]
    assert category.social_contributions.value == 24.6
    assert category.turnover_ceiling.value == 77700
    assert RATES.france.categories["micro_bnc"].social_contributions.value == 25.6
    earlier = parse_rates(text).france  # the barème of 2025 incomes (its own year), the option's ceiling for 2025
    first = earlier.income_tax.brackets[0].upper
    assert first is not None and (first.value, earlier.versement_liberatoire_ceiling.value) == (11600, 28797)
    with pytest.raises(RatesError, match=r"france\.income_tax\.brackets\[0\]\.upper\.values"):
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


def net_of(**inputs: object) -> dict[str, Any]:
    creator = {"followers": 50000, "age": 30, "monthly_views": 0, "video_seconds": 90}
    net: dict[str, Any] = estimate({**creator, **inputs}, RATES)["net"]
    return net


def test_a_link_that_still_carries_the_marginal_rate_opens() -> None:
    """The household replaced `marginal_tax_rate`: old shared links keep working, the rate is ignored."""
    old = net_of(tax_status="micro_bnc", sponsored_videos=1, marginal_tax_rate="30")
    assert old == net_of(tax_status="micro_bnc", sponsored_videos=1)


def test_income_tax_is_the_households_extra_tax_at_the_bareme() -> None:
    """A single person with 40 000 € of other taxable income, micro-BNC, a 6 000 €/year turnover (barème of 2025
    incomes): taxable 6 000 x 66 % = 3 960 €. Without it: (29 579 - 11 600) x 11 % + (40 000 - 29 579) x 30 %
    = 1 977.69 + 3 126.30 = 5 103.99 € (no décote above 1 982 €). With it (43 960 €): + 3 960 x 30 % = 1 188 €
    a year, 99 € a month."""
    rates = RATES.france.categories["micro_bnc"]
    assert rates.allowance.value == 34
    month = 6000 / 12
    tax = TaxSituation(rates, False, 305, Household(False, 0, 40_000), Scale.of(RATES.france.income_tax))
    assert tax.scale.household_tax(40_000, tax.household) == pytest.approx(5103.99)
    assert tax.monthly(month, month).income_tax == 99.0


def test_the_quotient_familial_is_capped_per_half_part() -> None:
    """A couple with two children (3 parts) and 120 000 € of taxable income: per part 40 000 € gives
    1 977.69 + 10 421 x 30 % = 5 104 € x 3 = 15 311.97 €; with the couple's 2 parts alone, 60 000 € a part gives
    1 977.69 + 30 421 x 30 % = 11 104 € x 2 = 22 207.98 €, less the cap 2 x 1 807 € = 18 593.98 €: the cap wins."""
    scale = Scale.of(RATES.france.income_tax)
    assert scale.quotient_cap == 1807
    assert scale.household_tax(120_000, Household(True, 2, 0)) == pytest.approx(18_593.98)
    # Low income: the children's half-parts give their whole advantage (no cap) and the décote applies.
    # 30 000 € for 3 parts: 10 000 € a part, under 11 600 €: no tax at all.
    assert scale.household_tax(30_000, Household(True, 2, 0)) == 0


def test_the_decote_lowers_small_taxes() -> None:
    """A single person, 15 000 € taxable: gross (15 000 - 11 600) x 11 % = 374 €; décote 897 - 45.25 % x 374
    = 727.77 € > 374 €: nothing to pay. At 20 000 €: gross 924 €, décote 897 - 418.11 = 478.89 €, tax 445.11 €."""
    scale = Scale.of(RATES.france.income_tax)
    assert scale.household_tax(15_000, Household(False, 0, 0)) == 0
    assert scale.household_tax(20_000, Household(False, 0, 0)) == pytest.approx(445.11)


def test_the_bareme_says_it_is_the_latest_voted() -> None:
    net = net_of(tax_status="micro_bnc", sponsored_videos=1)
    assert net["bareme_income_year"] == 2025
    assert "barème des revenus 2025 (le dernier voté : celui des revenus 2026 ne l'est pas encore)" in (
        net["income_tax_basis"])
    assert net_of(tax_status="micro_bnc", sponsored_videos=1, versement_liberatoire=True)["bareme_income_year"] is None
