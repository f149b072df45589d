"""Warm visits: the service worker serves the runtime from its cache, works offline, and lets a
rebuild (new rates) reach a returning reader on the next visit."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, Response

from calculator import Rates, parse_rates
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
from tests.support.repository import ROOT
from tests.support.site import build_site, serve


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


def test_a_rebuild_with_new_rates_reaches_a_returning_reader(page: Page, tmp_path: Path) -> None:
    site = build_site(tmp_path / "site")
    url = serve(site)
    open_calculator(page, f"{url}/calculateur/?monthly_views=1000000")
    wait_for_service_worker(page)
    assert shown(page)["creator_rewards"] == (400, 6000)

    changed = (ROOT / "rates.yml").read_text(encoding="utf-8").replace("high: 6.00", "high: 7.00")
    (tmp_path / "rates.yml").write_text(changed, encoding="utf-8")
    build_site(site, tmp_path / "rates.yml")
    open_calculator(page, f"{url}/calculateur/?monthly_views=1000000")
    assert shown(page)["creator_rewards"] == (400, 7000)
    assert shown(page) == expected({**DEFAULTS, "monthly_views": "1000000"}, parse_rates(changed))
