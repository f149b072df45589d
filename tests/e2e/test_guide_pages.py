"""The guide's own behaviour in Chromium: search in French, the palette toggle, the 404 page.

Links, images and headings are checked in the built HTML (tests/site/test_links_and_policy.py); every page is
opened in the browser by the accessibility suite, under the guards of conftest.py (no error, no request outside
the local server, no policy violation).
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.support.browser import wait_until


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


def test_a_link_to_a_section_far_down_a_page_lands_on_it(page: Page, site_url: str) -> None:
    """Guide text below the first blocks is rendered only as the reader nears it (content-visibility); a link to
    one of its sections must still bring that section to the top of the window."""
    page.goto(f"{site_url}/impots/")
    deferred = page.locator(".md-content__inner > h2:nth-child(n+6)")
    assert deferred.count() > 1
    assert deferred.last.evaluate("heading => getComputedStyle(heading).contentVisibility") == "auto"
    target = deferred.last.get_attribute("id")
    page.goto(f"{site_url}/revenus/live/")  # from another page, as a reader follows the link: a new document
    page.goto(f"{site_url}/impots/#{target}")
    heading = page.locator(f"[id='{target}']")
    wait_until(page, lambda: heading.evaluate("h => { const top = h.getBoundingClientRect().top;"
                                              " return top >= 0 && top < innerHeight / 3; }"),
               "the linked section stands at the top of the window")
    expect(heading).to_be_in_viewport()
