"""The results panel in Chromium is the very markup CPython renders for the same form: the page adds,
drops and reformats nothing (calculator/render.py writes it, calculator/french.py every figure)."""

from __future__ import annotations

from urllib.parse import urlencode

from playwright.sync_api import Page, expect

from calculator import Rates, estimate, in_currency, requirements
from calculator.form import initial_texts, texts_of
from calculator.render import render_goal, render_result
from calculator.scenarios import load_scenario
from tests.support.calculator_page import READY, START_TIMEOUT_MS
from tests.support.repository import ROOT

# The browser's own parser writes both sides, so only a different DOM can make them differ.
AS_PARSED = "html => { const box = document.createElement('div'); box.innerHTML = html; return box.innerHTML; }"


def panel_after_python(page: Page, url: str) -> str:
    """The panel once Python in the browser has answered the form (not the build-time figures)."""
    page.goto(url)
    page.wait_for_selector(READY, timeout=START_TIMEOUT_MS)
    expect(page.locator("[data-results]")).not_to_have_attribute("data-prerendered", "")
    return page.inner_html("[data-results]")


def as_parsed(page: Page, html: str) -> str:
    return str(page.evaluate(AS_PARSED, html))


def test_the_initial_form(page: Page, site_url: str, rates: Rates) -> None:
    shown = panel_after_python(page, f"{site_url}/calculateur/")
    result = estimate(initial_texts(), rates)
    assert shown == as_parsed(page, render_result(result, result))


def test_a_tax_status_shown_in_euros_with_the_box_ticked_by_a_yes_word(page: Page, site_url: str,
                                                                       rates: Rates) -> None:
    scenario = load_scenario(ROOT / "scenarios" / "net-bnc-versement-liberatoire.yml")
    assert scenario.inputs["versement_liberatoire"] is True
    # The link says « oui », as people write it: Python reads it as yes, so the box must be ticked.
    query = {**texts_of(scenario.inputs), "versement_liberatoire": "oui", "currency": "EUR"}
    shown = panel_after_python(page, f"{site_url}/calculateur/?{urlencode(query)}")
    expect(page.get_by_label("Versement libératoire de l'impôt")).to_be_checked()
    result = estimate({**initial_texts(), **texts_of(scenario.inputs)}, rates)
    assert result["net"]["versement_liberatoire"] is True
    assert shown == as_parsed(page, render_result(result, in_currency(result, rates, "EUR")))


def test_a_goal(page: Page, site_url: str, rates: Rates) -> None:
    scenario = load_scenario(ROOT / "scenarios" / "objectif-1000-nets.yml")
    assert scenario.goal is not None
    target = str(scenario.goal["target"])
    query = {**texts_of(scenario.inputs), "target": target}
    shown = panel_after_python(page, f"{site_url}/calculateur/?{urlencode(query)}")
    goal = requirements(target, {**initial_texts(), **texts_of(scenario.inputs)}, rates)
    assert shown == as_parsed(page, render_goal(goal))
