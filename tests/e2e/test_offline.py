"""Warm visits: the service worker serves the runtime from its cache, works offline, and lets a
new build (new rates) reach a returning reader on the next visit."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, Response

from calculator import Rates
from tests.support.browser import wait_until
from tests.support.calculator_page import (
    DEFAULTS,
    READY,
    START_TIMEOUT_MS,
    expected,
    open_calculator,
    shown,
    type_values,
    wait_for_service_worker,
)
from tests.support.site import RequestLog, hosting_headers, publish, serve

pytestmark = pytest.mark.own_context  # a first visit's service worker and offline copy


def test_second_visit_uses_the_cache_and_works_offline(page: Page, site_url: str, rates: Rates) -> None:
    open_calculator(page, f"{site_url}/calculateur/")
    wait_for_service_worker(page)

    from_network: list[str] = []

    def record(response: Response) -> None:
        runtime = "/pyodide/" in response.url or "/assets/" in response.url
        if runtime and not response.from_service_worker:
            from_network.append(response.url)

    page.on("response", record)
    open_calculator(page, f"{site_url}/calculateur/")
    assert from_network == []

    page.context.set_offline(True)
    try:
        page.reload()
        page.wait_for_selector(READY, timeout=START_TIMEOUT_MS)
        type_values(page, {"monthly_views": "700000"})
        assert shown(page) == expected({**DEFAULTS, "monthly_views": "700000"}, rates)
    finally:
        page.context.set_offline(False)


def changed_files(old: Path, new: Path) -> set[str]:
    """The paths, as served, of the files a new build changed or added."""
    changed = set()
    for file in new.rglob("*"):
        relative = file.relative_to(new).as_posix()
        if file.is_file() and (not (old / relative).is_file() or (old / relative).read_bytes() != file.read_bytes()):
            changed.add("/" + relative.removesuffix("index.html"))
    return changed


def cached_files(page: Page) -> set[str]:
    """What the service worker's cache holds, as site paths."""
    keys: list[str] = page.evaluate("""async () => {
        const cache = await caches.open("combien-paie-tiktok-precache");
        return (await cache.keys()).map((request) => new URL(request.url).pathname);
    }""")
    return set(keys)


def listed(site: Path) -> set[str]:
    """What the site's service worker keeps (the manifest written into sw.js), as site paths."""
    script = (site / "sw.js").read_text(encoding="utf-8")
    start = script.index("const MANIFEST = ") + len("const MANIFEST = ")
    manifest = json.loads(script[start:script.index(";\nconst CACHE")])
    return {"/" + entry["url"] for entry in manifest}


def rates_file(site: Path) -> str:
    return "/" + next(site.glob("assets/rates.*.json")).relative_to(site).as_posix()


def test_a_new_build_reaches_a_returning_reader_who_fetches_only_what_changed(
        page: Page, built_site: Path, other_site: Path, rates: Rates, other_rates: Rates, tmp_path: Path) -> None:
    log = RequestLog()
    url = serve(tmp_path, hosting_headers(tmp_path), log=log)
    inputs = {**DEFAULTS, "monthly_views": "1000000"}
    publish(built_site, tmp_path)
    open_calculator(page, f"{url}/calculateur/?monthly_views=1000000")
    wait_for_service_worker(page)
    assert shown(page) == expected(inputs, rates)
    old_rates, new_rates = rates_file(built_site), rates_file(other_site)
    assert old_rates != new_rates and old_rates in cached_files(page)

    # A new build with other rates (so other figures on the calculator pages, a new rates file).
    publish(other_site, tmp_path)
    log.requests.clear()
    open_calculator(page, f"{url}/calculateur/?monthly_views=1000000")
    assert shown(page) == expected(inputs, other_rates)
    assert shown(page)["creator_rewards"] != expected(inputs, rates)["creator_rewards"]
    # The new service worker installed (it fetched what its manifest revised) and activated (it dropped
    # what the new build no longer lists).
    wait_until(page, lambda: new_rates in (cached := cached_files(page)) and old_rates not in cached,
               "the new build's worker holds the new rates file, and no longer the old one")
    changed = changed_files(built_site, other_site)
    fetched = log.sent()  # not counting revalidations that sent no body (304)
    assert {"/sw.js", "/calculateur/", "/embed/", new_rates} <= fetched
    # Of what the service worker keeps, only what the build changed was downloaded again; and no runtime
    # file at all (Material's search, which the page loads itself and sw.js does not keep, may revalidate).
    kept = fetched & listed(other_site)
    assert kept <= changed, f"fetched though unchanged: {sorted(kept - changed)}"
    runtime = [path for path in fetched if path.startswith(("/pyodide/", "/assets/wheels/"))
               or re.search(r"/calculator-[a-z]+\.[0-9a-f]+\.mjs$", path)]
    assert runtime == []
    page.context.set_offline(True)
    try:
        page.reload()
        page.wait_for_selector(READY, timeout=START_TIMEOUT_MS)
        assert shown(page) == expected(inputs, other_rates)
    finally:
        page.context.set_offline(False)
