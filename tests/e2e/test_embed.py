"""The embeddable calculator on a "blog" served from another origin than the site.

Two local servers on different ports: the blog fixture pages (written by each test) and
the built site. The figures in every widget must be CPython's, the iframe must follow its
content's height, and hostile attributes, queries and messages must change nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Dialog, ElementHandle, Frame, Page, expect

from calculator import Rates, french, requirements
from tests.support.browser import wait_until
from tests.support.calculator_page import DEFAULTS, READY, START_TIMEOUT_MS, expected, open_calculator, shown
from tests.support.site import serve

_names = itertools.count()


@pytest.fixture(scope="session")
def blog(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("blog")
    return folder, serve(folder)


@pytest.fixture(autouse=True)
def no_dialog(page: Page) -> Iterator[list[str]]:
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield dialogs
    assert dialogs == [], f"a dialog opened: {dialogs}"


def open_blog(page: Page, blog: tuple[Path, str], body: str) -> None:
    folder, url = blog
    name = f"article-{next(_names)}.html"
    (folder / name).write_text(f"<!doctype html><html lang='fr'><head><meta charset='utf-8'><title>Blog</title>"
                               f"</head><body><h1>Mon article</h1>{body}<p>Fin de l'article.</p></body></html>",
                               encoding="utf-8")
    page.goto(f"{url}/{name}")


def ready_frame(element: ElementHandle) -> Frame:
    element.scroll_into_view_if_needed()  # as a reader would, before typing in it
    frame = element.content_frame()
    assert frame is not None
    frame.wait_for_selector(READY, timeout=START_TIMEOUT_MS)
    return frame


def content_height(frame: Frame) -> float:
    return float(frame.evaluate(
        "() => document.querySelector('[data-calculator]').getBoundingClientRect().bottom + scrollY + 24"))


def frame_height(element: ElementHandle) -> float:
    box = element.bounding_box()
    assert box is not None
    return float(box["height"])


def wait_heights_match(element: ElementHandle, frame: Frame) -> None:
    wait_until(frame, lambda: abs(frame_height(element) - content_height(frame)) <= 3,
               "the iframe's height follows its content")


def test_script_snippets_sync_async_defer_each_get_their_widget(page: Page, site_url: str, blog: tuple[Path, str],
                                                                  rates: Rates) -> None:
    snippets = [
        ({"monthly_views": "300000", "followers": "20000"}, ""),
        ({"monthly_views": "1000000", "followers": "50000", "niche": "beauty", "sponsored_videos": "1"}, " async"),
        ({"live_diamonds": "4000", "followers": "3000", "currency": "EUR"}, " defer"),
    ]
    body = "".join(
        f'<p>Widget {index}</p><script src="{site_url}/embed.js"'
        + "".join(f' data-{key.replace("_", "-")}="{value}"' for key, value in values.items())
        + f"{attribute}></script>"
        for index, (values, attribute) in enumerate(snippets)
    )
    open_blog(page, blog, body)
    frames = page.query_selector_all("iframe")
    assert len(frames) == 3
    for element, (values, _) in zip(frames, snippets, strict=True):
        assert element.get_attribute("title") == "Calculateur de revenus TikTok"
        assert element.get_attribute("loading") is None, "a lazy iframe would take its height only when reached"
        frame = ready_frame(element)
        inputs = {key: value for key, value in values.items() if key != "currency"}
        assert shown(frame) == expected({**DEFAULTS, **inputs}, rates)
        # The iframe stands where its tag was: right after the paragraph before it.
        assert element.evaluate("e => e.previousElementSibling.tagName") == "SCRIPT"
    expect(ready_frame(frames[2]).locator("[data-currency]")).to_have_value("EUR")


def test_widgets_further_down_have_their_height_before_the_reader_scrolls(page: Page, site_url: str,
                                                                          blog: tuple[Path, str]) -> None:
    """Chromium runs no ResizeObserver in an iframe out of view: the widget measures itself, so that a
    second widget three screens down is already as tall as its content, and nothing jumps on the way."""
    article = "".join(f"<p>Paragraphe {n} de l'article, assez long pour pousser la suite plus bas.</p>"
                      for n in range(80))
    open_blog(page, blog, f'<script src="{site_url}/embed.js" data-followers="20000" async></script>{article}'
                          f'<script src="{site_url}/embed.js" data-fields="followers,monthly_views" defer></script>')
    elements = page.query_selector_all("iframe")
    assert len(elements) == 2
    viewport = page.viewport_size
    assert viewport is not None
    for element in elements:
        frame = element.content_frame()
        assert frame is not None
        frame.wait_for_selector("[data-calculator]", state="attached", timeout=START_TIMEOUT_MS)
        wait_heights_match(element, frame)
    top, height = page.evaluate("e => [e.getBoundingClientRect().top, innerHeight]", elements[1])
    assert top > 2 * height, "the second widget is out of view, further down the article"
    assert page.evaluate("scrollY") == 0, "nothing scrolled"


def test_plain_iframe_works_with_a_fixed_height(page: Page, site_url: str, blog: tuple[Path, str],
                                                rates: Rates) -> None:
    open_blog(page, blog, f'<iframe src="{site_url}/embed/?followers=15000&amp;monthly_views=250000" '
                          'title="Calculateur" width="100%" height="900" style="border:0"></iframe>')
    element = page.query_selector("iframe")
    assert element is not None
    frame = ready_frame(element)
    assert shown(frame) == expected({**DEFAULTS, "followers": "15000", "monthly_views": "250000"}, rates)


def test_iframe_height_follows_its_content(page: Page, site_url: str, blog: tuple[Path, str]) -> None:
    # In a blog's column (one column of fields, the summary below them).
    open_blog(page, blog, f'<div style="max-width: 640px"><script src="{site_url}/embed.js" '
                          'data-fields="followers,monthly_views"></script></div>')
    element = page.query_selector("iframe")
    assert element is not None
    frame = ready_frame(element)
    expect(frame.locator("input[name=age]")).to_be_hidden()
    expect(frame.locator("input[name=followers]")).to_be_visible()
    wait_heights_match(element, frame)
    with_results = frame_height(element)
    frame.fill("input[name=followers]", "beaucoup")
    frame.wait_for_selector(READY)
    wait_heights_match(element, frame)
    # The summary gave way to a one-line message beside the field: the frame shrank with it.
    assert frame_height(element) < with_results - 20
    frame.fill("input[name=followers]", "25000")
    frame.wait_for_selector(READY)
    wait_heights_match(element, frame)
    assert abs(frame_height(element) - with_results) <= 3


HOSTILE = '"><img src=x onerror=alert(1)><script>alert(2)</script>'


def test_hostile_attributes_queries_and_messages_change_nothing(page: Page, site_url: str,
                                                                blog: tuple[Path, str], rates: Rates) -> None:
    open_blog(page, blog,
              f'<script src="{site_url}/embed.js" data-followers="{HOSTILE.replace(chr(34), "&quot;")}" '
              f'data-fields="&lt;svg onload=alert(3)&gt;" data-theme="javascript:alert(4)" data-x-unknown="1" '
              f'data-currency="&lt;b&gt;" data-monthly-views="1000000"></script>')
    element = page.query_selector("iframe")
    assert element is not None
    frame = ready_frame(element)
    expect(frame.locator("input[name=followers]")).to_have_value(HOSTILE)
    expect(frame.locator("[data-error-for=followers]")).to_contain_text("n'est pas un nombre")
    expect(frame.locator("[data-calculator] img")).to_have_count(0)
    expect(frame.locator("[data-error-for=currency]")).to_contain_text("« <b> » n'est pas une devise possible")
    frame.fill("input[name=followers]", "20000")
    frame.select_option("[data-currency]", "USD")
    frame.wait_for_selector(READY)
    before = shown(frame)
    assert before == expected({**DEFAULTS, "followers": "20000", "monthly_views": "1000000"}, rates)
    wait_heights_match(element, frame)
    height = frame_height(element)
    # Messages that are not from the widget's frame, or claim absurd heights, are ignored by embed.js;
    # the widget itself listens to no message at all. Each window counts the hostile messages it gets,
    # with a listener added after embed.js's and the page's own: once the counts are in, every message
    # has been handled, and whatever it would have changed has changed. (The blog does not count the
    # widget's own height reports.)
    count_messages = """widget => { window.cptMessages = 0; addEventListener('message', (event) => {
        if (!widget || event.source !== widget.contentWindow) window.cptMessages++; }); }"""
    page.evaluate(count_messages, element)
    frame.evaluate(count_messages, None)
    page.evaluate("""() => {
        const frame = document.querySelector('iframe');
        window.postMessage({type: 'combien-paie-tiktok:height', version: 1, height: 5}, '*');
        frame.contentWindow.postMessage({type: 'combien-paie-tiktok:height', version: 1, height: 5}, '*');
        frame.contentWindow.postMessage({type: 'estimate', id: 99, inputs: {followers: 1}}, '*');
        frame.contentWindow.postMessage('<img src=x onerror=alert(5)>', '*');
        const spy = document.createElement('iframe');
        spy.srcdoc = "<script>parent.postMessage({type: 'combien-paie-tiktok:height', version: 1, height: 7}, '*')"
            + "<\\/script>";
        document.body.append(spy);
    }""")
    wait_until(page, lambda: page.evaluate("window.cptMessages") == 2, "the page got its own and the spy's message")
    wait_until(frame, lambda: frame.evaluate("window.cptMessages") == 3, "the widget got the three messages")
    assert abs(frame_height(element) - height) <= 3
    assert frame.locator(READY).count() == 1, "a message started a computation"
    assert shown(frame) == before
    assert frame.url.startswith(f"{site_url}/embed/")
    assert page.context.cookies() == []


def test_embed_page_keeps_the_dom_contract_and_links_back(page: Page, site_url: str, rates: Rates) -> None:
    open_calculator(page, f"{site_url}/embed/?monthly_views=500000&theme=dark")
    assert shown(page) == expected({**DEFAULTS, "monthly_views": "500000"}, rates)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.locator("header, nav.md-nav, footer")).to_have_count(0)
    # The detail and the guide open in a new tab, the first with the reader's figures.
    full = page.get_by_role("link", name="Voir le détail par revenu et les sources sur le calculateur complet")
    expect(full).to_have_attribute("target", "_blank")
    expect(full).to_have_attribute("href", f"{site_url}/calculateur/?monthly_views=500000")
    expect(page.get_by_role("link", name="Guide : Combien paie TikTok")).to_have_attribute("target", "_blank")


def test_integrer_page_snippets_work_when_pasted_in_a_blog(page: Page, site_url: str, blog: tuple[Path, str],
                                                           rates: Rates) -> None:
    page.goto(f"{site_url}/integrer/")
    page.check("input[name=fields][value=sponsored_videos]")
    page.fill("[data-prefill=followers]", "45000")
    page.fill("[data-prefill=monthly_views]", "600000")
    page.fill("[data-prefill=sponsored_videos]", "2")
    page.select_option("select[name=currency]", "EUR")
    script_snippet = page.locator('[data-snippet="script"] code').inner_text()
    iframe_snippet = page.locator('[data-snippet="iframe"] code').inner_text()
    assert script_snippet.startswith(f'<script src="{site_url}/embed.js" data-fields="followers,age,monthly_views,')
    assert 'data-followers="45000"' in script_snippet and 'data-currency="EUR"' in script_snippet
    # The preview runs the same snippet, once the blogger stops typing: a slow machine may have shown (and
    # replaced) a preview of what was typed so far, so the test waits for the one with every value.
    preview = page.locator("[data-embed-preview] iframe[src*='followers=45000'][src*='monthly_views=600000']"
                           "[src*='sponsored_videos=2'][src*='currency=EUR']")
    expect(preview).to_have_count(1, timeout=10_000)
    inputs = {**DEFAULTS, "followers": "45000", "monthly_views": "600000", "sponsored_videos": "2"}
    assert shown(ready_frame(preview.element_handle())) == expected(inputs, rates)

    open_blog(page, blog, f"<p>Script :</p>{script_snippet}<p>Iframe :</p>{iframe_snippet}")
    frames = page.query_selector_all("iframe")
    assert len(frames) == 2
    for element in frames:
        frame = ready_frame(element)
        assert shown(frame) == expected(inputs, rates)
        expect(frame.locator("[data-currency]")).to_have_value("EUR")
        expect(frame.locator("input[name=sponsored_videos]")).to_be_visible()
        expect(frame.locator("input[name=product_price]")).to_be_hidden()


def test_a_blogger_can_embed_the_goal_mode(page: Page, site_url: str, blog: tuple[Path, str], rates: Rates) -> None:
    page.goto(f"{site_url}/integrer/")
    for key in ("tax_status",):
        page.check(f"input[name=fields][value={key}]")
    page.fill("[data-prefill=followers]", "45000")
    page.fill("[data-prefill=target]", "800")
    script_snippet = page.locator('[data-snippet="script"] code').inner_text()
    assert 'data-target="800"' in script_snippet
    open_blog(page, blog, script_snippet)
    element = page.query_selector("iframe")
    assert element is not None
    frame = ready_frame(element)
    levers = requirements(800, {**DEFAULTS, "followers": "45000"}, rates)["levers"]
    rewards = frame.locator("[data-requirement=creator_rewards]")
    expect(rewards).to_have_attribute("data-low", str(levers["creator_rewards"]["low"]))
    expect(rewards).to_have_attribute("data-high", str(levers["creator_rewards"]["high"]))
    expect(frame.locator("input[name=target]")).to_have_value("800")
    # The compact embed shows the goal's summary, the views it takes, and keeps the levers' detail for the site.
    views = levers["creator_rewards"]
    expect(frame.locator("[data-goal]")).to_have_text(
        f"Pour 800\u00a0€ bruts par mois : {french.count_span(views['low'], views['high'], views['unit'])}")
    expect(rewards).to_be_hidden()
    # Switching mode never shows a field the blogger left out.
    expect(frame.locator("input[name=product_price]")).to_be_hidden()
    frame.get_by_label("Estimation : ce que rapportent mes chiffres").check()
    frame.wait_for_selector(READY)
    expect(frame.locator("[data-stream]")).to_have_count(7)
    expect(frame.locator("input[name=product_price]")).to_be_hidden()
    expect(frame.locator("input[name=monthly_views]")).to_be_visible()
