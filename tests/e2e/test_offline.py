"""Warm visits: the service worker serves the runtime from its cache, works offline, and lets a
new build (new rates) reach a returning reader on the next visit."""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import Page, Response

from calculator import Rates
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
from tests.support.site import serve


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


def publish(build: Path, folder: Path) -> None:
    """Put a build in the served folder as a host's deploy would: the old files go, the new ones are new."""
    for old in folder.iterdir():
        if old.is_dir():
            shutil.rmtree(old)
        else:
            old.unlink()
    # Plain copies, not copy2: fresh modification times, as freshly written files have.
    shutil.copytree(build, folder, dirs_exist_ok=True, copy_function=shutil.copy)


def test_a_new_build_with_new_rates_reaches_a_returning_reader(page: Page, built_site: Path, other_site: Path,
                                                                rates: Rates, other_rates: Rates,
                                                                tmp_path: Path) -> None:
    url = serve(tmp_path)
    inputs = {**DEFAULTS, "monthly_views": "1000000"}
    publish(built_site, tmp_path)
    open_calculator(page, f"{url}/calculateur/?monthly_views=1000000")
    wait_for_service_worker(page)
    assert shown(page) == expected(inputs, rates)

    publish(other_site, tmp_path)
    open_calculator(page, f"{url}/calculateur/?monthly_views=1000000")
    assert shown(page) == expected(inputs, other_rates)
    assert shown(page)["creator_rewards"] != expected(inputs, rates)["creator_rewards"]
