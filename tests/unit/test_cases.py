"""Runs every scenario of scenarios/ (OpenFisca style): inputs in, expected figures out.

`expected` is a subset of the estimate() result; under a stream, `ranges` is written as
[[low, high], ...] in the order of the sourced ranges. `goal.expected` is a subset of
requirements(goal.target, inputs). `rate_card.expected` is a subset of rate_card(inputs), written the same way
(under a deliverable, `ranges` as [[low, high], ...]).
"""

from __future__ import annotations

from typing import Any

import pytest

from calculator import Rates, estimate, rate_card, requirements
from calculator.scenarios import Scenario, load_scenarios
from tests.support.repository import ROOT

SCENARIOS = load_scenarios(ROOT / "scenarios")


def check(expected: Any, actual: Any, path: str) -> None:
    if isinstance(expected, dict):
        assert isinstance(actual, dict), f"{path}: expected a table, got {actual!r}"
        for key, value in expected.items():
            assert key in actual, f"{path}.{key}: missing from the result"
            if key == "ranges" and isinstance(value, list) and value and isinstance(value[0], list):
                pairs = [[entry["low"], entry["high"]] for entry in actual[key]]
                check(value, pairs, f"{path}.{key}")
            else:
                check(value, actual[key], f"{path}.{key}")
    elif isinstance(expected, list):
        assert isinstance(actual, list) and len(actual) == len(expected), f"{path}: {actual!r} != {expected!r}"
        for index, (want, got) in enumerate(zip(expected, actual, strict=True)):
            check(want, got, f"{path}[{index}]")
    elif isinstance(expected, bool) or expected is None or isinstance(expected, str):
        assert actual == expected, f"{path}: {actual!r} != {expected!r}"
    else:
        assert actual == pytest.approx(expected, abs=0.005), f"{path}: {actual!r} != {expected!r}"


def test_there_are_cases_for_the_seed_and_every_tier() -> None:
    names = {scenario.name for scenario in SCENARIOS}
    assert {"un-million-de-vues", "500-000-vues-qualifiees", "finance-100k-engages"} <= names
    tiers = {scenario.expected.get("streams", {}).get("brand_deals", {}).get("details", {}).get("tier", {}).get("key")
             for scenario in SCENARIOS}
    assert {"nano", "micro", "mid", "macro", "mega"} <= tiers


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[scenario.name for scenario in SCENARIOS])
def test_scenario(scenario: Scenario, rates: Rates) -> None:
    check(scenario.expected, estimate(scenario.inputs, rates), scenario.name)


def test_there_are_cases_for_each_tax_status_the_thresholds_and_the_goal_mode(rates: Rates) -> None:
    statuses = {scenario.inputs.get("tax_status", "none") for scenario in SCENARIOS}
    assert set(rates.france.categories) <= statuses
    warned = {(warning["code"], warning["low_passes"]) for scenario in SCENARIOS
              for warning in scenario.expected.get("net", {}).get("warnings", [])}
    assert {("vat_franchise", True), ("vat_franchise", False), ("micro_ceiling", True)} <= warned
    goals = [scenario for scenario in SCENARIOS if scenario.goal]
    assert {bool(scenario.inputs.get("tax_status")) for scenario in goals} == {True, False}


GOALS = [scenario for scenario in SCENARIOS if scenario.goal]


@pytest.mark.parametrize("scenario", GOALS, ids=[scenario.name for scenario in GOALS])
def test_goal(scenario: Scenario, rates: Rates) -> None:
    assert scenario.goal is not None
    check(scenario.goal["expected"], requirements(scenario.goal["target"], scenario.inputs, rates), scenario.name)


CARDS = [scenario for scenario in SCENARIOS if scenario.rate_card]


def test_there_are_rate_card_cases_with_and_without_a_tax_status_and_an_ineligible_one() -> None:
    assert {bool(scenario.inputs.get("tax_status")) for scenario in CARDS} == {True, False}
    assert any(scenario.rate_card and scenario.rate_card["expected"].get("eligible") is False for scenario in CARDS)


@pytest.mark.parametrize("scenario", CARDS, ids=[scenario.name for scenario in CARDS])
def test_rate_card(scenario: Scenario, rates: Rates) -> None:
    assert scenario.rate_card is not None
    check(scenario.rate_card["expected"], rate_card(scenario.inputs, rates), scenario.name)
