"""Net income in France and the goal mode in real Chromium: the page shows CPython's figures."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from calculator import Rates, estimate, french, requirements
from calculator.scenarios import Scenario
from tests.support.calculator_page import (
    DEFAULTS,
    READY,
    START_TIMEOUT_MS,
    open_calculator,
    query_of,
    reveal,
    set_form,
    type_values,
)
from tests.support.repository import SCENARIOS

TAXED = [scenario for scenario in SCENARIOS if scenario.inputs.get("tax_status")]
GOALS = [scenario for scenario in SCENARIOS if scenario.goal]


def net_shown(page: Page) -> dict[str, tuple[float, float]]:
    figures: dict[str, list[float]] = page.eval_on_selector_all(
        "[data-net]", "rows => Object.fromEntries(rows.map(r => [r.dataset.net, [Number(r.dataset.low), "
                      "Number(r.dataset.high)]]))")
    return {part: (low, high) for part, (low, high) in figures.items()}


def net_expected(inputs: dict[str, Any], rates: Rates) -> dict[str, tuple[float, float]]:
    net = estimate(inputs, rates)["net"]
    return {part: (net[part]["low"], net[part]["high"])
            for part in ("gross", "social_contributions", "income_tax", "net")}


def goal_shown(page: Page) -> dict[str, tuple[int, int] | None]:
    figures: dict[str, list[int] | None] = page.eval_on_selector_all(
        "[data-requirement]", "items => Object.fromEntries(items.map(i => [i.dataset.requirement, "
                              "i.dataset.reachable === 'true' ? [Number(i.dataset.low), Number(i.dataset.high)] "
                              ": null]))")
    return {name: None if pair is None else (pair[0], pair[1]) for name, pair in figures.items()}


def goal_expected(target: float, inputs: dict[str, Any], rates: Rates) -> dict[str, tuple[int, int] | None]:
    levers = requirements(target, inputs, rates)["levers"]
    return {name: (lever["low"], lever["high"]) if lever["reachable"] else None for name, lever in levers.items()}


def test_net_figures_of_every_taxed_scenario_match_cpython(page: Page, site_url: str, rates: Rates) -> None:
    open_calculator(page, f"{site_url}/calculateur/")
    assert len(TAXED) >= 3
    for scenario in TAXED:
        set_form(page, scenario.inputs)
        assert net_shown(page) == net_expected(scenario.inputs, rates), scenario.name
        warnings = estimate(scenario.inputs, rates)["net"]["warnings"]
        expect(page.locator("[data-warning]")).to_have_count(len(warnings))
        for warning in warnings:
            expect(page.locator(f"[data-warning={warning['code']}]")).to_have_text(warning["message"])


def test_choosing_a_status_and_the_versement_liberatoire_recomputes(page: Page, site_url: str,
                                                                    rates: Rates) -> None:
    open_calculator(page, f"{site_url}/calculateur/?monthly_views=1000000")
    expect(page.locator("[data-net-block]")).to_have_count(0)
    reveal(page, "tax_status")
    page.select_option("select[name=tax_status]", "micro_bnc")
    page.wait_for_selector(READY)
    page.select_option("select[name=household]", "couple")
    page.wait_for_selector(READY)
    inputs = {**DEFAULTS, "monthly_views": "1000000", "tax_status": "micro_bnc", "household": "couple"}
    assert net_shown(page) == net_expected(inputs, rates)
    page.get_by_label("Versement libératoire de l'impôt").check()
    page.wait_for_selector(READY)
    assert net_shown(page) == net_expected({**inputs, "versement_liberatoire": "true"}, rates)
    assert "versement_liberatoire=true" in page.url
    # Euros whatever the displayed currency: the net block is what reaches a French bank account.
    net = estimate({**inputs, "versement_liberatoire": "true"}, rates)["net"]
    euros = french.readable_money(net["net"]["low"], "EUR")
    expect(page.locator("[data-net=net] td").first).to_have_text(euros)
    expect(page.locator(".cpt-disclaimer")).to_contain_text("pas un conseil fiscal")
    expect(page.locator(".cpt-disclaimer a").first).to_have_attribute("href", rates.france.simulators[0].url or "")
    page.reload()
    page.wait_for_selector(READY, timeout=START_TIMEOUT_MS)
    expect(page.get_by_label("Versement libératoire de l'impôt")).to_be_checked()
    page.get_by_label("Versement libératoire de l'impôt").uncheck()
    page.wait_for_selector(READY)
    assert net_shown(page) == net_expected(inputs, rates)


def test_a_link_sets_the_household_and_an_old_link_with_a_marginal_rate_opens(page: Page, site_url: str,
                                                                               rates: Rates) -> None:
    """The household fields come from the link and give CPython's barème; `marginal_tax_rate` (the field they
    replaced) in an old shared link is ignored, not an error."""
    household = {"monthly_views": "1000000", "qualified_views_percent": "100", "tax_status": "micro_bnc",
                 "household": "couple", "children": "2", "other_taxable_income": "80000"}
    open_calculator(page, f"{site_url}/calculateur/?{query_of(household)}&marginal_tax_rate=30")
    expect(page.locator("select[name=household]")).to_have_value("couple")
    expect(page.locator("input[name=children]")).to_have_value("2")
    expect(page.locator("input[name=other_taxable_income]")).to_have_value("80000")
    expect(page.locator("[aria-invalid=true]")).to_have_count(0)
    assert net_shown(page) == net_expected({**DEFAULTS, **household}, rates)
    expect(page.locator("[data-net-block]")).to_contain_text("3 parts")
    # 198 € a month at the high end, the quotient familial capped (scenarios/net-couple-enfants.yml by hand).
    assert net_shown(page)["income_tax"] == (0.0, 198.0)


@pytest.mark.parametrize("scenario", GOALS, ids=[scenario.name for scenario in GOALS])
def test_goal_from_the_link_matches_cpython(page: Page, site_url: str, rates: Rates, scenario: Scenario) -> None:
    assert scenario.goal is not None
    target = scenario.goal["target"]
    open_calculator(page, f"{site_url}/calculateur/?{query_of(scenario.inputs)}&target={target}")
    expect(page.get_by_label("Objectif : combien de vues pour gagner une somme par mois ?")).to_be_checked()
    expect(page.locator("input[name=target]")).to_have_value(str(target))
    assert goal_shown(page) == goal_expected(target, scenario.inputs, rates)
    expect(page.locator("input[name=monthly_views]")).to_be_hidden()
    expect(page.locator("[data-stream]")).to_have_count(0)


def test_switching_to_the_goal_mode_and_typing_a_target(page: Page, site_url: str, rates: Rates) -> None:
    open_calculator(page, f"{site_url}/calculateur/?tax_status=micro_bnc")
    page.get_by_label("Objectif : combien de vues pour gagner une somme par mois ?").check()
    page.wait_for_selector(READY)
    inputs = {**DEFAULTS, "tax_status": "micro_bnc"}
    assert goal_shown(page) == goal_expected(1000, inputs, rates)
    type_values(page, {"target": "2 500"})
    assert goal_shown(page) == goal_expected(2500, inputs, rates)
    assert "target=2+500" in page.url or "target=2%20500" in page.url
    expect(page.locator("[data-goal]")).to_contain_text("nets par mois")
    # Bad target: said beside the field, kept as typed, no stale answer.
    type_values(page, {"target": "beaucoup"})
    expect(page.locator("input[name=target]")).to_have_value("beaucoup")
    expect(page.locator("input[name=target]")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("[data-error-for=target]")).to_contain_text("n'est pas un nombre")
    expect(page.locator("[data-requirement]")).to_have_count(0)
    # Back to the estimate: the fields the goal solved for come back, with the streams.
    page.get_by_label("Estimation : ce que rapportent mes chiffres").check()
    page.wait_for_selector(READY)
    expect(page.locator("input[name=monthly_views]")).to_be_visible()
    expect(page.locator("[data-stream]")).to_have_count(7)
    assert "target=" not in page.url


def test_goal_says_why_a_lever_is_out_of_reach(page: Page, site_url: str) -> None:
    open_calculator(page, f"{site_url}/calculateur/?followers=5000&age=16&video_seconds=45&target=500")
    rewards = page.locator("[data-requirement=creator_rewards]")
    expect(rewards).to_have_attribute("data-reachable", "false")
    expect(rewards).to_contain_text("Il faut avoir au moins 18 ans.")


def test_embed_answers_the_goal_mode_too(page: Page, site_url: str, rates: Rates) -> None:
    open_calculator(page, f"{site_url}/embed/?target=1500&tax_status=micro_bic_services")
    assert goal_shown(page) == goal_expected(1500, {**DEFAULTS, "tax_status": "micro_bic_services"}, rates)
