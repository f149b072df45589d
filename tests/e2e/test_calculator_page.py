"""The calculator page in real Chromium: its figures are CPython's figures for the same inputs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from calculator import Rates
from tests.support.calculator_page import (
    DEFAULTS,
    READY,
    START_TIMEOUT_MS,
    STREAM_COUNT,
    expected,
    open_calculator,
    query_of,
    reveal,
    set_form,
    shown,
    type_values,
)
from tests.support.repository import SCENARIOS
from tests.support.site import serve


def test_default_inputs_show_cpython_figures(page: Page, site_url: str, rates: Rates) -> None:
    open_calculator(page, f"{site_url}/calculateur/")
    for key, value in DEFAULTS.items():
        expect(page.locator(f"input[name={key}]")).to_have_value(value)
    assert shown(page) == expected(DEFAULTS, rates)


def test_a_link_fills_every_kind_of_field(page: Page, site_url: str, rates: Rates) -> None:
    scenario = next(scenario for scenario in SCENARIOS if scenario.name == "net-bic-vente-produits")
    assert {"product_type", "tax_status", "versement_liberatoire"} <= set(scenario.inputs)  # selects, a yes/no
    open_calculator(page, f"{site_url}/calculateur/?{query_of(scenario.inputs)}")
    for key, value in scenario.inputs.items():
        if isinstance(value, bool):
            expect(page.locator(f"input[name={key}]")).to_be_checked(checked=value)
        else:
            expect(page.locator(f"[name={key}]")).to_have_value(str(value))
    assert shown(page) == expected(scenario.inputs, rates)


TYPED = [
    {"monthly_views": "1000000", "followers": "20000", "video_seconds": "75"},   # seed: 1 million views
    {"monthly_views": "500000", "followers": "150000", "age": "31"},             # seed: 500,000 views
    {"followers": "9999"},                                                       # just below the threshold
    {"age": "17", "video_seconds": "45"},                                        # two requirements unmet
    {"monthly_views": "0"},
    {"monthly_views": "2 500 000", "video_seconds": "90,5"},                     # typed the French way
]


def test_typing_recomputes_like_cpython(page: Page, site_url: str, rates: Rates) -> None:
    open_calculator(page, f"{site_url}/calculateur/")
    for values in TYPED:
        set_form(page, {})  # each case starts from the served form
        type_values(page, values)
        assert shown(page) == expected({**DEFAULTS, **values}, rates), values


def test_leaving_a_field_asks_python_nothing_more(page: Page, site_url: str) -> None:
    """A field that loses focus fires « change » with what its typing already sent: no new question, so the answer is
    not redrawn under the reader's next click (« Voir le détail » right after typing missed its link)."""
    open_calculator(page, f"{site_url}/calculateur/")
    field = page.locator("input[name=followers]")
    field.fill("123456")
    page.wait_for_selector(READY)
    answer = page.locator("[data-results] [data-summary]").element_handle()
    field.blur()  # « change » is dispatched, and handled, before blur() returns
    assert page.locator("[data-calculator]").get_attribute("data-busy") is None, "asked again on leaving the field"
    assert answer.evaluate("e => e.isConnected"), "the answer was redrawn"
    field.fill("123457")  # a new value, though, is asked for and drawn
    page.wait_for_selector(READY)
    assert not answer.evaluate("e => e.isConnected"), "the new value's answer replaced the old one"


def test_amounts_are_formatted_for_french_readers(page: Page, site_url: str) -> None:
    open_calculator(page, f"{site_url}/calculateur/?monthly_views=1000000&qualified_views_percent=100")
    rewards = page.locator("[data-stream=creator_rewards] .cpt-amount")
    # The headline from the press RPMs (0.01 and 1.00 EUR per 1,000 views, / 0.8486): 11.78 to 1,178.41 USD,
    # which readers see with three significant digits; the data attributes keep the cents.
    expect(rewards).to_have_text("11,8\u00a0$ à 1\u202f180\u00a0$ par mois")
    expect(page.locator("[data-stream=creator_rewards]")).to_have_attribute("data-high", "1178.41")


def test_ineligible_creator_sees_the_reason(page: Page, site_url: str) -> None:
    open_calculator(page, f"{site_url}/calculateur/?followers=500")
    stream = page.locator("[data-stream=creator_rewards]")
    expect(stream).to_have_attribute("data-eligible", "false")
    expect(stream).to_contain_text("Il faut au moins 10\u202f000 abonnés.")


def test_bad_input_is_marked_kept_and_hides_stale_numbers(page: Page, site_url: str) -> None:
    open_calculator(page, f"{site_url}/calculateur/")
    field = page.locator("input[name=followers]")
    for typed, message in [("abc", "n'est pas un nombre"), ("-5", "négatif"), ("", "obligatoire"),
                           ("12,5", "entier")]:
        type_values(page, {"followers": typed})
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_value(typed)
        expect(page.locator("[data-error-for=followers]")).to_contain_text(message)
        expect(page.locator("[data-stream]")).to_have_count(0)
        expect(page.locator("[data-status]")).to_contain_text("Corrigez")
        type_values(page, {"followers": "20000"})
        expect(field).not_to_have_attribute("aria-invalid", "true")
        expect(page.locator("[data-error-for=followers]")).to_be_hidden()
        expect(page.locator("[data-stream]")).to_have_count(STREAM_COUNT)


def test_bad_query_value_is_shown_as_typed(page: Page, site_url: str) -> None:
    open_calculator(page, f"{site_url}/calculateur/?age=<b>x</b>")
    expect(page.locator("input[name=age]")).to_have_value("<b>x</b>")
    expect(page.locator("[data-error-for=age]")).to_contain_text("n'est pas un nombre")
    expect(page.locator("[data-error-for=age] b")).to_have_count(0)


def test_a_site_built_from_other_rates_shows_their_figures(page: Page, other_site: Path, rates: Rates,
                                                          other_rates: Rates) -> None:
    open_calculator(page, f"{serve(other_site)}/calculateur/?monthly_views=1000000")
    inputs = {**DEFAULTS, "monthly_views": "1000000"}
    assert shown(page) == expected(inputs, other_rates)
    assert shown(page)["creator_rewards"] != expected(inputs, rates)["creator_rewards"]


def test_home_page_links_to_the_calculator(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/")
    page.get_by_role("link", name=re.compile("calculateur", re.I)).first.click()
    page.wait_for_selector(READY, timeout=START_TIMEOUT_MS)
    assert page.url.endswith("/calculateur/")


def test_every_scenario_matches_cpython(page: Page, site_url: str, rates: Rates) -> None:
    open_calculator(page, f"{site_url}/calculateur/")
    for scenario in SCENARIOS:
        set_form(page, scenario.inputs)
        assert shown(page) == expected(scenario.inputs, rates), scenario.name


def test_presets_fill_the_form_in_one_click(page: Page, site_url: str, rates: Rates) -> None:
    open_calculator(page, f"{site_url}/calculateur/?product_sales=40&product_price=10")
    presets = [scenario for scenario in SCENARIOS if scenario.preset]
    assert len(presets) >= 3
    for scenario in presets:
        page.get_by_role("button", name=scenario.title).click()
        page.wait_for_selector(READY)
        assert shown(page) == expected(scenario.inputs, rates), scenario.name
        for key, value in scenario.inputs.items():
            expect(page.locator(f"[name={key}]")).to_have_value(str(value))
        # Whatever the previous state, a preset leaves no other income filled in.
        expect(page.locator("input[name=product_sales]")).to_have_value("")


def test_optional_fields_and_selects_recompute(page: Page, site_url: str, rates: Rates) -> None:
    open_calculator(page, f"{site_url}/calculateur/")
    type_values(page, {"sponsored_videos": "2", "affiliate_sales": "30", "average_order_value": "19,90",
                       "live_diamonds": "20000", "subscribers": "12", "subscription_price": "4.99",
                       "product_sales": "7", "product_price": "35"})
    choices = {"niche": "beauty", "region": "canada", "account_type": "business", "affiliate_channel": "links",
               "product_type": "coaching"}
    for key, value in choices.items():
        reveal(page, key)
        page.select_option(f"select[name={key}]", value)
        page.wait_for_selector(READY)
    inputs = {**DEFAULTS, "sponsored_videos": "2", "affiliate_sales": "30", "average_order_value": "19,90",
              "live_diamonds": "20000", "subscribers": "12", "subscription_price": "4.99", "product_sales": "7",
              "product_price": "35", **choices}
    figures = shown(page)
    assert figures == expected(inputs, rates)
    assert all(figures[name][1] > 0 for name in ("brand_deals", "affiliate", "live_gifts", "subscriptions",
                                                  "own_products"))


def test_old_and_new_keys_in_a_link_fill_the_form(page: Page, site_url: str, rates: Rates) -> None:
    # `us_ca`, the former « États-Unis et Canada », still opens: Python reads it as united_states.
    query = {"region": "us_ca", "qualified_views_percent": "100", "account_type": "business",
             "affiliate_channel": "links", "affiliate_sales": "10", "average_order_value": "20"}
    open_calculator(page, f"{site_url}/calculateur/?{query_of(query)}")
    for key, value in query.items():
        expect(page.locator(f"[name={key}]")).to_have_value(value)
    assert shown(page) == expected({**DEFAULTS, **query}, rates)
    expect(page.locator("[data-stream=creator_rewards]")).to_contain_text("comptes professionnels")
    for key, typed, message in [("qualified_views_percent", "150", "entre 0 et 100"),
                                ("account_type", "societe", "Choix possibles : personal, business")]:
        open_calculator(page, f"{site_url}/calculateur/?{key}={typed}")
        expect(page.locator(f"[data-error-for={key}]")).to_contain_text(message)


def test_unknown_choice_in_the_link_is_kept_and_explained(page: Page, site_url: str) -> None:
    open_calculator(page, f"{site_url}/calculateur/?niche=cuisine")
    expect(page.locator("select[name=niche]")).to_have_value("cuisine")
    expect(page.locator("select[name=niche]")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("[data-error-for=niche]")).to_contain_text("Choix possibles : finance")
    expect(page.locator("[data-stream]")).to_have_count(0)


def test_bad_optional_input_is_explained(page: Page, site_url: str) -> None:
    open_calculator(page, f"{site_url}/calculateur/")
    for key, typed, message in [("engagement_rate", "120", "entre 0 et 100"), ("product_price", "NaN", "fini"),
                                ("subscribers", "-4", "négatif")]:
        type_values(page, {key: typed})
        expect(page.locator(f"input[name={key}]")).to_have_value(typed)
        expect(page.locator(f"[data-error-for={key}]")).to_contain_text(message)
        expect(page.locator("[data-stream]")).to_have_count(0)
        set_form(page, {})
        expect(page.locator("[data-stream]")).to_have_count(STREAM_COUNT)


def test_euros_change_the_text_not_the_data(page: Page, site_url: str, rates: Rates) -> None:
    open_calculator(page, f"{site_url}/calculateur/?monthly_views=1000000&qualified_views_percent=100")
    page.select_option("[data-currency]", "EUR")
    page.wait_for_selector(READY)
    assert shown(page) == expected({**DEFAULTS, "monthly_views": "1000000", "qualified_views_percent": "100"}, rates)
    # 11.78 x 0.8486 = 10.00 and 1,178.41 x 0.8486 = 1,000.00 EUR: the press RPMs were in euros.
    assert round(11.78 * rates.usd_to_eur.value, 2) == 10
    expect(page.locator("[data-stream=creator_rewards] .cpt-amount")).to_have_text(
        "10\u00a0€ à 1\u202f000\u00a0€ par mois")
    assert "currency=EUR" in page.url
    page.reload()
    page.wait_for_selector(READY, timeout=START_TIMEOUT_MS)
    expect(page.locator("[data-currency]")).to_have_value("EUR")


def test_result_shows_sources_chart_and_payout(page: Page, site_url: str) -> None:
    open_calculator(page, f"{site_url}/calculateur/?monthly_views=1000000&live_diamonds=10000")
    rewards = page.locator("[data-stream=creator_rewards]")
    rewards.get_by_text("Extrêmes et sources").click()
    expect(rewards.get_by_role("link", name=re.compile("Napolify"))).to_have_attribute(
        "href", "https://napolify.com/blogs/news/creator-rewards-rpm")
    chart = page.get_by_role("img", name=re.compile("Fourchettes mensuelles par source de revenus"))
    expect(chart).to_have_attribute("aria-label", re.compile("Cadeaux en LIVE : 50\u00a0\\$ à 67\u00a0\\$"))
    # One bar per stream that pays (the LIVE and the rewards), then the total.
    expect(chart.locator("rect.cpt-range")).to_have_count(3)
    expect(page.locator("[data-payout]")).to_contain_text("Premier versement possible après 1 mois au mieux")
    expect(page.locator("[data-payout]")).to_contain_text("PayPal ou virement bancaire")


@pytest.mark.parametrize("path", ["calculateur/", "embed/"])
def test_without_javascript_the_defaults_are_prerendered(browser: Any, site_url: str, rates: Rates,
                                                         path: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}/{path}")
    assert shown(page) == expected(DEFAULTS, rates)
    expect(page.locator("[data-summary] [data-total]")).to_be_visible()
    if path == "calculateur/":  # the embed shows the summary alone, and links to the detail
        expect(page.locator("[data-stream=creator_rewards] .cpt-amount")).to_be_visible()
    context.close()


def test_other_inputs_in_the_link_hide_the_default_figures_until_python_answers(page: Page, site_url: str,
                                                                               rates: Rates) -> None:
    page.goto(f"{site_url}/calculateur/?monthly_views=500000", wait_until="domcontentloaded")
    expect(page.locator("input[name=monthly_views]")).to_have_value("500000")
    expect(page.locator("[data-pending]")).to_be_visible()
    expect(page.locator("[data-results]")).to_be_hidden()
    page.wait_for_selector(READY, timeout=START_TIMEOUT_MS)
    expect(page.locator("[data-pending]")).to_have_count(0)
    expect(page.locator("[data-results]")).to_be_visible()
    assert shown(page) == expected({**DEFAULTS, "monthly_views": "500000"}, rates)


def test_typing_before_python_is_ready_hides_the_default_figures(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/calculateur/", wait_until="domcontentloaded")
    expect(page.locator("[data-results] [data-stream]")).to_have_count(STREAM_COUNT)
    expect(page.locator("[data-results]")).to_be_visible()
    page.fill("input[name=followers]", "123456")
    expect(page.locator("[data-results]")).to_be_hidden()
    page.wait_for_selector(READY, timeout=START_TIMEOUT_MS)
