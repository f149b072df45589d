"""What the "Confidentialité" page promises, checked in Chromium after a reader used the calculator.

No cookie, no storage but the service worker's cache (the site's own files) and Material's note
of the palette, and nothing the reader typed kept anywhere. The conftest guards already fail on
any request outside the site.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.support.browser import wait_until
from tests.support.calculator_page import READY, open_calculator

pytestmark = pytest.mark.own_context  # what one visit leaves on the device, from an empty browser

TYPED = "987654"
# The snapshot's bytes as Latin-1 text (Python keeps an ASCII str one byte per character), or "" while there is none.
_SNAPSHOT_TEXT = """async () => {
  const response = await (await caches.open("combien-paie-tiktok-snapshot"))
    .match(new URL("/combien-paie-tiktok-snapshot", location.href).href);
  return response ? new TextDecoder("latin1").decode(await response.arrayBuffer()) : "";
}"""


def test_using_the_calculator_leaves_no_cookie_and_nothing_typed_behind(page: Page, site_url: str) -> None:
    open_calculator(page, f"{site_url}/calculateur/?monthly_views={TYPED}1")  # in Python's very first question
    page.fill("input[name=followers]", TYPED)
    page.wait_for_selector(READY)
    page.evaluate("navigator.serviceWorker.ready")
    # The calculator's memory snapshot, kept once the page is idle, was taken before Python saw any input.
    snapshot = wait_until(page, lambda: page.evaluate(_SNAPSHOT_TEXT), "the calculator keeps its snapshot", 30)
    assert len(snapshot) > 1_000_000
    assert [value for value in (TYPED, f"{TYPED}1") if value in snapshot] == []
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
