"""The answer first, as a reader sees it: the summary in view on a phone, inputs and answer side by side on a wide
screen, no page that scrolls sideways, no « 0 $ à 0 $ », a compact embed whose default snippet stays short."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from calculator import Rates, estimate, french, requirements
from tests.support.browser import wait_until
from tests.support.calculator_page import (
    DEFAULTS,
    READY,
    START_TIMEOUT_MS,
    assert_no_horizontal_scroll,
    open_calculator,
    open_every_group,
)
from tests.support.palette import PALETTES, switch_palette
from tests.support.site import serve

PHONE = {"width": 390, "height": 844}
WIDE = {"width": 1280, "height": 800}
SCHEMES = tuple(PALETTES)
IN_VIEW = """e => { const box = e.getBoundingClientRect();
  return box.height > 0 && box.top >= 0 && box.bottom <= innerHeight; }"""


@pytest.mark.parametrize("width", [390, 768, 1280])  # 360 px: test_accessibility's phone check
def test_no_page_scrolls_sideways(page: Page, site_url: str, width: int) -> None:
    """Each page in both palettes, switched in place as the reader's toggle does (a palette changes colours, not
    boxes, so one start of each page serves both)."""
    page.set_viewport_size({"width": width, "height": 800})
    for path in ("calculateur/", "calculateur/?monthly_views=3000000&sponsored_videos=2&live_diamonds=9000"
                 "&tax_status=micro_bnc", "embed/", "embed/?theme=dark"):
        open_calculator(page, f"{site_url}/{path}")
        open_every_group(page)
        for scheme in SCHEMES:
            if page.locator("body").get_attribute("data-md-color-scheme") != scheme:
                switch_palette(page, scheme)
            assert_no_horizontal_scroll(page, f"{path} at {width} px in {scheme}, every group open")


@pytest.mark.browser_context_args(viewport=PHONE, is_mobile=True, has_touch=True)
def test_on_a_phone_the_summary_is_in_view_at_load_and_while_the_reader_fills_the_fields(page: Page,
                                                                                         site_url: str) -> None:
    open_calculator(page, f"{site_url}/calculateur/")
    summary = page.locator("[data-summary]")
    assert summary.evaluate(IN_VIEW), "the summary is on the first screen"
    assert summary.evaluate("e => e.getBoundingClientRect().height") < PHONE["height"] / 4, "a compact bar"
    # Every group open, down to the last field of the form: the summary is still on screen.
    open_every_group(page)
    last = page.locator("[data-calculator] form .cpt-field:visible").last
    last.scroll_into_view_if_needed()
    assert last.evaluate(IN_VIEW)
    assert summary.evaluate(IN_VIEW), "the summary stays in view beside the last field"
    page.locator("input[name=followers]").scroll_into_view_if_needed()
    page.fill("input[name=followers]", "50000")
    page.wait_for_selector(READY)
    assert summary.evaluate(IN_VIEW), "the new figures are in view while typing"
    # « Voir le détail » leads to the detail.
    page.locator("[data-summary] a[href='#cpt-detail']").click()
    wait_until(page, lambda: page.locator("#cpt-detail").evaluate("e => e.getBoundingClientRect().top < innerHeight"),
               "the detail is on screen")



@pytest.mark.browser_context_args(viewport=PHONE, is_mobile=True, has_touch=True)
def test_on_a_phone_the_goal_s_answer_is_in_view_too(page: Page, site_url: str, rates: Rates) -> None:
    """The goal mode keeps its answer in view as the estimate does: what the views must be, as CPython says."""
    open_calculator(page, f"{site_url}/calculateur/?target=1000&tax_status=micro_bnc")
    summary = page.locator("[data-summary]")
    assert summary.evaluate(IN_VIEW), "the goal's summary is on the first screen"
    assert summary.evaluate("e => e.getBoundingClientRect().height") < PHONE["height"] / 3, "a compact bar"
    views = requirements("1000", {**DEFAULTS, "tax_status": "micro_bnc"}, rates)["levers"]["creator_rewards"]
    expect(summary.locator("[data-goal]")).to_have_text(
        f"Pour 1\u202f000\u00a0€ nets par mois : {french.count_span(views['low'], views['high'], views['unit'])}")
    page.locator("input[name=target]").fill("2000")
    page.wait_for_selector(READY)
    expect(summary.locator("[data-goal]")).to_contain_text("Pour 2\u202f000\u00a0€ nets par mois : ")
    assert summary.evaluate(IN_VIEW), "the new answer is in view while typing"
    page.locator("[data-summary] a[href='#cpt-detail']").click()
    wait_until(page, lambda: page.locator("#cpt-detail").evaluate("e => e.getBoundingClientRect().top < innerHeight"),
               "the detail is on screen")

@pytest.mark.browser_context_args(viewport=WIDE)
def test_on_a_wide_screen_the_answer_stands_beside_the_inputs_and_stays(page: Page, site_url: str) -> None:
    open_calculator(page, f"{site_url}/calculateur/")
    form = page.locator("[data-calculator] form").bounding_box()
    answer = page.locator("[data-summary]").bounding_box()
    assert form is not None and answer is not None
    assert answer["x"] >= form["x"] + form["width"], "the answer is to the right of the fields"
    assert answer["y"] < WIDE["height"] / 2, "the answer starts on the first screen"
    assert form["width"] + answer["width"] > 0.75 * WIDE["width"], "the page uses the width (no sidebars)"
    # The reader scrolls down until the form's last control shows at the bottom of the screen.
    page.locator("[data-calculator] [data-currency]").evaluate("e => e.scrollIntoView({block: 'end'})")
    assert page.evaluate("scrollY") > 300, "the page scrolled"
    assert page.locator("[data-summary]").evaluate(IN_VIEW), "the answer stays in view"


def test_the_default_page_has_no_zero_line_and_its_summary_is_cpythons_total(page: Page, site_url: str,
                                                                           rates: Rates) -> None:
    open_calculator(page, f"{site_url}/calculateur/")
    text = page.locator("[data-results]").inner_text()
    assert "0\u00a0$ à 0\u00a0$" not in text and " 0\u00a0$ par mois" not in text
    result: dict[str, Any] = estimate(DEFAULTS, rates)
    total, tiktok = result["total"], result["payout"]["tiktok_monthly"]
    expect(page.locator("[data-summary] [data-total]")).to_have_text(
        f"Total estimé : {french.readable_span(total['low'], total['high'], 'USD')} par mois")
    expect(page.locator("[data-summary] .cpt-sentence")).to_contain_text(
        f"environ {french.readable_span(tiktok['low'], tiktok['high'], 'USD')} par mois")
    # A stream that pays nothing is a line of « Autres revenus possibles », saying what would open it.
    silent = [name for name, stream in result["streams"].items() if stream["high"] == 0]
    assert silent
    for name in silent:
        line = page.locator(f"[data-others] [data-stream={name}]")
        expect(line).to_contain_text(result["streams"][name]["unlock"])
        expect(line).not_to_contain_text("$")


def test_a_link_opens_the_groups_it_fills_and_an_error_opens_its_group(page: Page, site_url: str) -> None:
    open_calculator(page, f"{site_url}/calculateur/?live_diamonds=5000&niche=general")
    expect(page.locator("details[data-group=live]")).to_have_attribute("open", "")
    expect(page.locator("input[name=live_diamonds]")).to_be_visible()
    # niche=general is what the page holds anyway: nothing to show there.
    expect(page.locator("details[data-group=brand_deals]")).not_to_have_attribute("open", "")
    open_calculator(page, f"{site_url}/calculateur/?product_price=abc")
    expect(page.locator("[data-error-for=product_price]")).to_be_visible()


COUNT_SHIFTS = """window.__cptShifted = 0;
new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__cptShifted += entry.value; })
  .observe({type: "layout-shift", buffered: true});"""


@pytest.mark.browser_context_args(viewport=PHONE, is_mobile=True, has_touch=True)
@pytest.mark.parametrize("path", ["calculateur/", "embed/"])
def test_nothing_moves_while_the_calculator_starts(page: Page, site_url: str, path: str) -> None:
    """The prerendered page is the page: when Python answers, no field or figure jumps (the compact embed used to
    be served with every field, then hid them: a layout shift of 0.87, which cost it Lighthouse points)."""
    page.add_init_script(COUNT_SHIFTS)
    open_calculator(page, f"{site_url}/{path}")
    # Two frames after the answer: the observer has been told of every shift of the frames before.
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    shifted = page.evaluate("window.__cptShifted")
    # The sum of every layout shift since the page started (Lighthouse calls up to 0.1 good).
    assert shifted < 0.02, f"{path}: cumulative layout shift {shifted:.3f}"


EMBED_LIMITS = {800: 900, 360: 1100}
"""The default snippet's iframe, at most this tall (px) in a column this wide (px)."""


@pytest.mark.parametrize("column", sorted(EMBED_LIMITS))
def test_the_default_snippet_is_compact(page: Page, site_url: str, column: int,
                                        tmp_path_factory: pytest.TempPathFactory) -> None:
    folder: Path = tmp_path_factory.mktemp("compact-blog")
    (folder / "index.html").write_text(
        f"<!doctype html><html lang='fr'><head><meta charset='utf-8'><title>Blog</title></head><body>"
        f"<div style='width:{column}px'><script src='{site_url}/embed.js' async></script></div></body></html>",
        encoding="utf-8")
    page.goto(f"{serve(folder)}/index.html")
    element = page.wait_for_selector("iframe")
    assert element is not None
    element.scroll_into_view_if_needed()
    frame = element.content_frame()
    assert frame is not None
    frame.wait_for_selector(READY, timeout=START_TIMEOUT_MS)
    # The four core fields, the summary and the link to the full calculator: nothing else to fill in.
    visible = frame.locator("[data-calculator] form :is(input, select):visible").evaluate_all(
        "controls => controls.map(c => c.name || c.dataset.key)")
    assert visible == ["followers", "age", "monthly_views", "video_seconds", "currency"]
    expect(frame.locator("[data-summary]")).to_be_visible()
    link = frame.get_by_role("link", name="Voir le détail par revenu et les sources sur le calculateur complet")
    # It opens the full calculator with what the reader typed.
    frame.fill("input[name=followers]", "45000")
    frame.wait_for_selector(READY)
    address = urlsplit(link.get_attribute("href") or "")
    assert f"{address.scheme}://{address.netloc}{address.path}" == f"{site_url}/calculateur/"
    assert parse_qs(address.query) == {"followers": ["45000"]}  # what differs from the form both pages start with

    def height() -> float:
        box = element.bounding_box()
        return 0.0 if box is None else float(box["height"])

    content = frame.evaluate("() => document.querySelector('[data-calculator]').getBoundingClientRect().bottom")
    wait_until(page, lambda: abs(height() - content - 24) <= 3, "the iframe has its content's height")
    assert height() <= EMBED_LIMITS[column], f"{height()} px in a {column} px column"
