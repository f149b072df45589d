"""What the "Confidentialité" page promises, checked in Chromium after a reader used the calculator.

No cookie, no storage but the service worker's cache (the site's own files) and Material's note
of the palette, and nothing the reader typed kept anywhere. The conftest guards already fail on
any request outside the site.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from tests.support.calculator_page import READY, open_calculator

TYPED = "987654"


def test_using_the_calculator_leaves_no_cookie_and_nothing_typed_behind(page: Page, site_url: str) -> None:
    open_calculator(page, f"{site_url}/calculateur/")
    page.fill("input[name=followers]", TYPED)
    page.wait_for_selector(READY)
    page.evaluate("navigator.serviceWorker.ready")
    page.goto(f"{site_url}/confidentialite/")
    expect(page.locator("h1")).to_contain_text("Confidentialité")

    assert page.context.cookies() == []
    assert page.evaluate("document.cookie") == ""
    local: dict[str, str] = page.evaluate("Object.fromEntries(Object.entries(localStorage))")
    assert all(key.endswith(".__palette") for key in local), local  # Material's light/dark choice
    assert TYPED not in str(local)
    assert page.evaluate("sessionStorage.length") == 0
    assert page.evaluate("indexedDB.databases()") == []
    cached: dict[str, list[str]] = page.evaluate("""async () => Object.fromEntries(await Promise.all(
        (await caches.keys()).map(async name => [name, (await (await caches.open(name)).keys()).map(r => r.url)]))
    )""")
    assert list(cached) and all(name.startswith("combien-paie-tiktok-") for name in cached), cached
    urls = [url for entries in cached.values() for url in entries]
    assert f"{site_url}/calculateur/" in [url.split("?__revision=")[0] for url in urls]  # the files for offline use
    assert all(urlsplit(url).netloc == urlsplit(site_url).netloc for url in urls)
    assert not [url for url in urls if TYPED in url]
