"""Every page of the guide in Chromium: no broken internal link, no missing image, no error.

The autouse guards of conftest.py also fail any page that throws, logs an error or asks
for anything outside the local server.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from playwright.sync_api import APIRequestContext, Page, expect

from tests.support.repository import PAGES

SITE_URL = "http://127.0.0.1:8000/"


def test_the_sitemap_lists_every_page(built_site: Path) -> None:
    listed = re.findall(r"<loc>([^<]+)</loc>", (built_site / "sitemap.xml").read_text(encoding="utf-8"))
    assert sorted(url.removeprefix(SITE_URL) for url in listed) == PAGES


def link_problems(request: APIRequestContext, page_url: str, hrefs: list[str], cache: dict[str, str]) -> list[str]:
    problems = []
    for href in hrefs:
        target = urljoin(page_url, href)
        if urlsplit(target).hostname != "127.0.0.1":
            continue
        address, fragment = urldefrag(target)
        if address not in cache:
            response = request.get(address)
            cache[address] = response.text() if response.ok else ""
        if not cache[address]:
            problems.append(f"{href}: not found")
        elif fragment and f'id="{fragment}"' not in cache[address]:
            problems.append(f"{href}: no #{fragment} on the target page")
    return problems


@pytest.fixture(scope="module")
def fetched() -> dict[str, str]:
    """Each linked address's page, fetched once for the module (every page links to the whole menu)."""
    return {}


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_broken_link_or_image(page: Page, site_url: str, path: str, fetched: dict[str, str]) -> None:
    page.goto(f"{site_url}/{path}")
    page.wait_for_load_state("load")
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
    assert link_problems(page.request, page.url, hrefs, fetched) == []
    broken = page.eval_on_selector_all("img", "images => images.filter(i => !i.complete || !i.naturalWidth)"
                                              ".map(i => i.src)")
    assert broken == []
    expect(page.locator("h1")).to_have_count(1)


def test_search_works_in_french_and_offline(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/")
    page.get_by_role("textbox", name="Rechercher").or_(page.locator("input.md-search__input")).first.click()
    page.keyboard.type("diamants")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=15_000)
    expect(page.locator(".md-search-result__meta")).to_contain_text("documents trouvés")


def test_palette_toggle_switches_to_dark(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/")
    scheme = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("label[for^='__palette']").first.click()
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", scheme or "")


def test_404_page_is_french_and_links_home(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/404.html")
    expect(page.locator("h1")).to_have_text("Page introuvable")
    expect(page.get_by_role("link", name="Revenir à l'accueil")).to_be_visible()
