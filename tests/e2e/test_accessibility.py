"""Accessibility (WCAG 2.2 AA) in real Chromium: axe-core on every page, keyboard use, zoom, labels.

axe-core comes from the PyPI package axe-playwright-python (it bundles `axe.min.js`); a test fails
on any violation axe rates serious or critical, naming the rule, the element and the fix.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import Locator, Page, expect

from calculator import INPUT_FIELDS, Rates, estimate
from tests.support.browser import wait_until
from tests.support.calculator_page import (
    DEFAULTS,
    READY,
    START_TIMEOUT_MS,
    assert_no_horizontal_scroll,
    open_calculator,
    open_every_group,
)
from tests.support.kit_page import A_CREATOR, KIT, type_personal
from tests.support.palette import Scheme, choose_palette, switch_palette
from tests.support.rendering import render_everything
from tests.support.repository import PAGES, SCENARIOS

AXE = Axe()
CALCULATORS = ("calculateur/", "embed/")
EVERY_FIELD = "fields=" + ",".join(field.key for field in INPUT_FIELDS)
"""What a blogger's data-fields asks for to show every field: the embed shows the four core ones by default."""


def url_of(site_url: str, path: str, query: str = "") -> str:
    """A calculator page with `query`; on /embed/ with every field, to check every control there too."""
    query = "&".join(part for part in (query, EVERY_FIELD if path == "embed/" else "") if part)
    return f"{site_url}/{path}" + (f"?{query}" if query else "")


PRESETS = [scenario for scenario in SCENARIOS if scenario.preset]


def axe_problems(page: Page, rules: tuple[str, ...] = ()) -> list[str]:
    """Serious and critical axe-core violations, one readable line per element (only `rules`, when given)."""
    # Colours caught mid-transition (Material hides its tabs on scroll) are not what a reader sees.
    wait_until(page, lambda: page.evaluate("() => document.getAnimations().every(a => a.playState !== 'running')"),
               "the page's animations and transitions have ended")
    render_everything(page)  # guide text deferred by content-visibility, as the reader sees it once there
    if not page.evaluate("() => typeof axe === 'object'"):  # once per document: axe.min.js is half a megabyte
        page.evaluate(AXE.axe_script)
    options = {"resultTypes": ["violations"], **({"runOnly": list(rules)} if rules else {})}
    response: dict[str, Any] = page.evaluate("options => axe.run(document, options)", options)
    return [f"{violation['id']} ({violation['impact']}) at {' > '.join(map(str, node['target']))}: "
            f"{violation['help']} [{node.get('failureSummary', '').strip()}]"
            for violation in response["violations"] if violation["impact"] in ("serious", "critical")
            for node in violation["nodes"]]


COLOUR_RULES = ("color-contrast", "link-in-text-block")
"""The axe rules a palette can break: the other palette changes colours, not structure, names or order."""


def open_in_palette(page: Page, url: str, scheme: Scheme) -> None:
    """Open `url` as a reader who chose `scheme` (Material's toggle; `?theme=` on /embed/)."""
    if "/embed/" in url:
        page.emulate_media(color_scheme="dark" if scheme == "slate" else "light")
        url += ("&" if "?" in url else "?") + "theme=" + ("dark" if scheme == "slate" else "light")
    else:
        choose_palette(page, scheme)
    page.goto(url)
    if any(f"/{path}" in url for path in (*CALCULATORS, KIT)):
        page.wait_for_selector(READY, timeout=START_TIMEOUT_MS)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)


def show_error(page: Page, key: str = "followers", text: str = "abc") -> Locator:
    """Type a bad value; return the field once its French message is shown."""
    page.fill(f"input[name={key}]", text)
    expect(page.locator(f"[data-error-for={key}]")).to_be_visible()
    page.wait_for_selector(READY)
    return page.locator(f"input[name={key}]")


# --- axe-core -------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [path for path in PAGES if path not in (*CALCULATORS, KIT)] + ["404.html"])
def test_guide_page_has_no_serious_axe_violation_in_either_palette(page: Page, site_url: str, path: str) -> None:
    open_in_palette(page, f"{site_url}/{path}", "default")
    assert axe_problems(page) == [], "light palette"
    # The reader's own toggle: Material switches the colours with transitions held back.
    switch_palette(page, "slate")
    assert axe_problems(page, COLOUR_RULES) == [], "dark palette"


def in_both_palettes(page: Page, what: str) -> None:
    """No serious violation in the light palette, nor in the dark one once the reader switches (Material's toggle on
    /calculateur/; on /embed/, the scheme its `?theme=dark` sets): the colour rules, as for the guide pages."""
    assert axe_problems(page) == [], f"{what}, light palette"
    switch_palette(page, "slate")
    assert axe_problems(page, COLOUR_RULES) == [], f"{what}, dark palette"
    switch_palette(page, "default")


@pytest.mark.parametrize("path", CALCULATORS)
def test_calculator_has_no_serious_axe_violation(page: Page, site_url: str, path: str) -> None:
    open_in_palette(page, url_of(site_url, path, "tax_status=micro_bnc&monthly_views=2000000"), "default")
    expect(page.locator("[data-net-block]")).to_be_visible()
    in_both_palettes(page, "ready, net block shown")
    show_error(page)
    in_both_palettes(page, "a field shows an error")
    page.fill("input[name=followers]", "20000")
    page.locator("input[name=cpt-mode][value=goal]").check()
    expect(page.locator("[data-goal]")).to_be_visible()  # the summary; the compact embed hides the detail
    page.wait_for_selector(READY)
    in_both_palettes(page, "goal mode")


def test_the_media_kit_has_no_serious_axe_violation(page: Page, site_url: str) -> None:
    open_in_palette(page, f"{site_url}/{KIT}?tax_status=micro_bnc", "default")
    type_personal(page, A_CREATOR)
    expect(page.locator("[data-kit-net-block]")).to_be_visible()
    in_both_palettes(page, "ready, every field filled, the net block shown")
    type_personal(page, {"country_3_share": "50"})
    expect(page.locator("[data-error-for=country_3_share]")).to_be_visible()
    in_both_palettes(page, "shares over 100 % show their error")
    field, error = page.locator("[data-personal=country_3_share]"), page.locator("[data-error-for=country_3_share]")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_accessible_description(re.compile(re.escape(error.inner_text().strip())))


# --- keyboard -------------------------------------------------------------------------------

FOCUSED = """() => {
  const e = document.activeElement, style = getComputedStyle(e);
  const box = (e.closest(".cpt-field, .cpt-mode label") ?? e).getBoundingClientRect();  // a grid cell, not the input
  return {
    inside: Boolean(e.closest("[data-calculator] form, [data-calculator] .cpt-presets")),
    name: e.matches("[data-preset]") ? "preset:" + e.textContent.trim() : (e.getAttribute("name") ?? e.id),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== "none",
    top: box.top + scrollY, left: box.left + scrollX, height: box.height,
  };
}"""
TABBABLE = """root => [...root.querySelectorAll("[data-preset], form input, form select, form summary")]
  .filter(e => e.getClientRects().length && !(e.type === "radio" && !e.checked))
  .filter(e => e.matches("summary") || !e.closest("details:not([open])"))
  .map(e => e.matches("[data-preset]") ? "preset:" + e.textContent.trim() : (e.getAttribute("name") ?? e.id))"""


def tab_through_calculator(page: Page, key: str = "Tab", limit: int = 80) -> list[dict[str, Any]]:
    """Press `key` until focus enters the calculator's presets or form, then record each stop until it leaves."""
    stops: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press(key)
        focused: dict[str, Any] = page.evaluate(FOCUSED)
        if focused["inside"]:
            stops.append(focused)
        elif stops:
            return stops
    raise AssertionError(f"{key} never left the calculator, or never reached it: {[s['name'] for s in stops]}")


def skip_to_content(page: Page) -> None:
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text(re.compile("contenu", re.IGNORECASE))
    page.keyboard.press("Enter")


@pytest.mark.parametrize("path", [*CALCULATORS, KIT])
def test_keyboard_reaches_every_control_in_reading_order_with_visible_focus(page: Page, site_url: str,
                                                                            path: str) -> None:
    open_calculator(page, url_of(site_url, path, "tax_status=micro_bnc"))
    if path != "embed/":
        skip_to_content(page)
    stops = tab_through_calculator(page)
    names = [stop["name"] for stop in stops]
    assert names == page.eval_on_selector("[data-calculator]", TABBABLE), "every visible control, once, in page order"
    presets = [f"preset:{p.title}" for p in PRESETS] if path == "calculateur/" else []  # the embed has none
    assert [name for name in names if name.startswith("preset:")] == presets
    if path == KIT:  # the calculator inputs it reads, then its own fields, then the taxes' group the link opened
        assert names[:2] == ["followers", "engagement_rate"]
        assert {"niche", "kit-handle", "kit-country_3_share", "kit-video_3_views", "cpt-group-net",
                "versement_liberatoire", "cpt-currency"} <= set(names)
    else:
        assert {"cpt-mode", "followers", "monthly_views", "versement_liberatoire", "cpt-currency"} <= set(names)
        # A group's title is a stop; a closed group's fields are not (the link opened the taxes' group, which it
        # fills; the embed opens the groups of the fields its link chose).
        assert "cpt-group-brand_deals" in names
        assert ("niche" in names) == (path == "embed/")
    assert [stop["name"] for stop in stops if not (stop["outline"] or stop["shadow"])] == [], "focus not visible"
    for before, after in itertools.pairwise(stops):
        same_row = abs(after["top"] - before["top"]) < before["height"] / 2
        assert (after["left"] > before["left"]) if same_row else (after["top"] > before["top"]), \
            f"{after['name']} comes after {before['name']} but sits before it on screen"
    backwards = tab_through_calculator(page, "Shift+Tab")
    assert [stop["name"] for stop in backwards] == names[::-1]


@pytest.mark.parametrize("path", CALCULATORS)
def test_a_preset_and_the_goal_mode_work_from_the_keyboard(page: Page, site_url: str, path: str) -> None:
    open_calculator(page, url_of(site_url, path))
    if path == "calculateur/":  # the embed has no preset
        skip_to_content(page)
        chosen = PRESETS[1]
        while page.evaluate(FOCUSED)["name"] != f"preset:{chosen.title}":
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_selector(READY)
        for key, value in chosen.inputs.items():
            expect(page.locator(f"[name={key}]")).to_have_value(str(value))

    while page.evaluate(FOCUSED)["name"] != "cpt-mode":
        page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    expect(page.locator("input[name=cpt-mode][value=goal]")).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.locator("input[name=target]")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type("1500")
    expect(page).to_have_url(re.compile(r"[?&]target=1500\b"))
    page.wait_for_selector(READY)
    expect(page.locator("[data-goal]")).to_be_visible()  # the summary; the compact embed hides the detail


# --- zoom and small screens -----------------------------------------------------------------

def check_layout(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/{KIT}?tax_status=micro_bnc")
    page.wait_for_selector(READY, timeout=START_TIMEOUT_MS)
    type_personal(page, A_CREATOR)
    assert_no_horizontal_scroll(page, KIT)
    type_personal(page, {"handle": "@" + "x" * 59, "video_1_views": "1234567890123456789012345678901234567890"})
    assert_no_horizontal_scroll(page, f"{KIT} with a long handle and an error")
    for path in ["calculateur/?tax_status=micro_bnc&monthly_views=2000000",
                 f"embed/?tax_status=micro_bnc&{EVERY_FIELD}", "impots/", "revenus/live/"]:
        page.goto(f"{site_url}/{path}")
        if path.startswith(CALCULATORS):
            page.wait_for_selector(READY, timeout=START_TIMEOUT_MS)
            expect(page.locator("[data-net-block]")).to_be_visible()
            assert_no_horizontal_scroll(page, path)
            show_error(page, "monthly_views", "1234567890123456789012345678901234567890")
            assert_no_horizontal_scroll(page, f"{path} with an error")
            page.fill("input[name=monthly_views]", "")
            page.locator("input[name=cpt-mode][value=goal]").check()
            expect(page.locator("[data-goal]")).to_be_visible()  # the summary; the compact embed hides the detail
            page.wait_for_selector(READY)
            assert_no_horizontal_scroll(page, f"{path} in goal mode")
        else:
            assert_no_horizontal_scroll(page, path)


@pytest.mark.browser_context_args(viewport={"width": 640, "height": 400}, device_scale_factor=2)
def test_no_horizontal_scroll_at_200_percent_zoom(page: Page, site_url: str) -> None:
    """A 1280 x 800 window zoomed to 200 % lays the page out in 640 x 400 CSS pixels."""
    check_layout(page, site_url)


@pytest.mark.browser_context_args(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True,
                                  has_touch=True)
def test_no_horizontal_scroll_on_a_360_px_phone(page: Page, site_url: str) -> None:
    check_layout(page, site_url)


# --- names, descriptions, text alternatives -------------------------------------------------

def assert_errors_describe(page: Page, keys: list[str]) -> None:
    """A bad value in each of `keys` at once (Python answers with every field's message): each field is marked
    invalid and its own French message is its description; put back as it was, each error goes."""
    typed = {key: page.locator(f"input[name={key}]").input_value() for key in keys}
    for key in keys:
        page.fill(f"input[name={key}]", "abc")
    page.wait_for_selector(READY)
    for key in keys:
        field, error = page.locator(f"input[name={key}]"), page.locator(f"[data-error-for={key}]")
        expect(error).to_be_visible()
        assert error.get_attribute("id") in (field.get_attribute("aria-describedby") or "").split(), key
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_accessible_description(re.compile(re.escape(error.inner_text().strip())))
    for key, text in typed.items():
        page.fill(f"input[name={key}]", text)
    page.wait_for_selector(READY)
    for key in keys:
        expect(page.locator(f"[data-error-for={key}]")).to_be_hidden()
        expect(page.locator(f"input[name={key}]")).not_to_have_attribute("aria-invalid", "true")


@pytest.mark.parametrize("path", CALCULATORS)
def test_every_field_has_a_label_and_its_error_describes_it(page: Page, site_url: str, path: str) -> None:
    open_calculator(page, url_of(site_url, path))
    open_every_group(page)
    controls = page.locator("[data-calculator] form :is(input, select):visible")
    assert controls.count() >= 20
    for control in controls.all():
        expect(control).to_have_accessible_name(re.compile(r"\S\S"))
    keys = page.locator("[data-calculator] form input[type=text]:not([data-extra])").evaluate_all(
        "fields => fields.map(f => f.name)")
    assert {"followers", "monthly_views", "product_price"} <= set(keys)
    assert_errors_describe(page, keys)

    page.locator("input[name=cpt-mode][value=goal]").check()
    expect(page.locator("input[name=target]")).to_have_accessible_name(re.compile("Objectif"))
    assert_errors_describe(page, ["target"])

    open_calculator(page, url_of(site_url, path, "niche=nope"))  # the link opens the niche's group
    expect(page.locator("select[name=niche]")).to_have_accessible_description(
        re.compile(re.escape(page.locator("[data-error-for=niche]").inner_text().strip())))


def test_the_chart_has_a_text_alternative_that_follows_the_figures(page: Page, site_url: str, rates: Rates) -> None:
    # On /calculateur/ (the embed shows the summary alone, and links to the detail).
    open_calculator(page, f"{site_url}/calculateur/")
    chart = page.get_by_role("img", name=re.compile("Fourchettes mensuelles"))
    expect(chart).to_have_count(1)
    # One bar per stream of the total that pays something, then the total: CPython's streams, as the page names
    # them in its headings.
    paying = [name for name, stream in estimate(DEFAULTS, rates)["streams"].items()
              if stream["eligible"] and stream["high"] > 0 and stream["in_total"]]
    headings = [page.locator(f"[data-stream={name}] h2").inner_text() for name in paying] + ["Total"]
    before = chart.get_attribute("aria-label") or ""
    # "Fourchettes mensuelles par source de revenus. Stream : 120 $ à 240 $ ; Total : 120 $ à 240 $."
    entries = before.split(". ", 1)[1].split(" ; ")
    assert len(entries) == len(headings), f"one entry per bar: {entries}"
    for entry, heading in zip(entries, headings, strict=True):
        name, _, amounts = entry.partition(" : ")
        assert heading == name, f"the chart's text alternative names {name!r} where the page shows {heading!r}"
        # One amount when both bounds agree (« 0 $ »), else both with their symbol (« 120 $ à 240 $ »).
        assert re.fullmatch(r"[\d\u202f,]+\xa0\$( à [\d\u202f,]+\xa0\$)?\.?", amounts), entry
    # Each bar's visible label says the same as the text alternative.
    labels = page.locator(".cpt-chart .cpt-bar span").all_inner_texts()
    assert [label.replace("\u00a0", " ") for label in labels] == [
        entry.rstrip(".").replace("\u00a0", " ") for entry in entries]
    page.fill("input[name=monthly_views]", "3000000")
    page.wait_for_selector(READY)
    expect(chart).not_to_have_attribute("aria-label", before)


# --- announcements --------------------------------------------------------------------------

# Every text the polite region is given, in order, spaces collapsed (a repeated text counts again: it is read again).
RECORD_ANNOUNCEMENTS = """region => {
  window.cptAnnouncements = [];
  new MutationObserver(() => window.cptAnnouncements.push(region.textContent.replace(/\\s+/g, " ").trim()))
    .observe(region, { childList: true, subtree: true, characterData: true });
}"""
LATEST_HEADLINE = "e => e.textContent.replace(/\\s+/g, ' ').trim()"


@pytest.mark.parametrize("path", CALCULATORS)
def test_results_are_announced_once_the_reader_pauses_not_per_keystroke(page: Page, site_url: str,
                                                                        path: str) -> None:
    open_calculator(page, f"{site_url}/{path}")
    # The results themselves are not a live region: a reader would hear every keystroke's figures.
    expect(page.locator("[data-results]")).not_to_have_attribute("aria-live", re.compile("."))
    region = page.locator("[data-calculator] [data-announce]")
    expect(region).to_have_count(1)
    assert region.evaluate("e => e.getAttribute('aria-live') === 'polite' || e.getAttribute('role') === 'status'")
    # The first answer is announced too: let that happen before recording what typing makes heard.
    first = page.locator("[data-results] [data-total]").evaluate(LATEST_HEADLINE)
    wait_until(page, lambda: region.evaluate(LATEST_HEADLINE) == first, "the first figures are announced")
    region.evaluate(RECORD_ANNOUNCEMENTS)
    field = page.locator("input[name=monthly_views]")
    field.select_text()
    field.press_sequentially("750000", delay=40)  # six answers, each sooner after the last than a pause
    page.wait_for_selector(READY)
    headline = page.locator("[data-results] [data-total]").evaluate(LATEST_HEADLINE)
    assert headline.startswith("Total estimé") and re.search(r"\d", headline), headline
    # The page announces the headline of its latest answer once the answers stop. Once that one is
    # heard no announcement is pending any more, so the record is complete without waiting longer.
    announced = wait_until(page, lambda: page.evaluate(
        "headline => window.cptAnnouncements.at(-1) === headline && window.cptAnnouncements", headline),
        "the latest figures are announced")
    assert announced == [headline]
