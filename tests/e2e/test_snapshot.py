"""Warm visits from a memory snapshot (calculator-worker.mjs, `Snapshots`): after a first start, the reader's
browser keeps the started calculator's memory in Cache Storage and the next visit restores it; a snapshot
that is altered, fails to restore or belongs to another build falls back to a fresh start, silently."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from calculator import Rates
from tests.support.browser import wait_until
from tests.support.calculator_page import DEFAULTS, expected, open_calculator, shown, type_values
from tests.support.site import hosting_headers, publish, serve

pytestmark = pytest.mark.own_context  # the first visit's snapshot, and altered ones

ROOT = "[data-calculator]"
# The worker's one entry in its own cache (sw.js leaves that cache alone).
_ENTRY = """async (change) => {
  const cache = await caches.open("combien-paie-tiktok-snapshot");
  const address = new URL("/combien-paie-tiktok-snapshot", location.href).href;
  const response = await cache.match(address);
  if (!response) return null;
  const headers = Object.fromEntries(response.headers);
  if (change) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (change.flip !== undefined) bytes[Math.floor(bytes.length * change.flip)] ^= 0xff;
    if (change.hash) headers["x-snapshot-sha256"] = change.hash;
    if (change.key) headers["x-snapshot-key"] = change.key;
    await cache.put(address, new Response(bytes, { headers }));
  }
  return headers;
}"""
SHA256_OF_ANY = """async (flip) => {
  const cache = await caches.open("combien-paie-tiktok-snapshot");
  const address = new URL("/combien-paie-tiktok-snapshot", location.href).href;
  const bytes = new Uint8Array(await (await cache.match(address)).arrayBuffer());
  bytes[Math.floor(bytes.length * flip)] ^= 0xff;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...digest].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}"""


def start_path(page: Page) -> tuple[str, str]:
    root = page.locator(ROOT)
    return str(root.get_attribute("data-python-start")), str(root.get_attribute("data-snapshot"))


def snapshot_kept(page: Page) -> dict[str, str]:
    headers: dict[str, str] = wait_until(page, lambda: page.evaluate(_ENTRY, None),
                                         "the worker keeps its snapshot once the page is idle", timeout=30)
    return headers


def test_the_second_visit_restores_the_snapshot_and_computes_as_cpython(page: Page, site_url: str,
                                                                         rates: Rates) -> None:
    open_calculator(page, f"{site_url}/calculateur/")
    assert start_path(page) == ("fresh", "none")
    snapshot_kept(page)
    for path in ("/calculateur/", "/embed/"):
        open_calculator(page, f"{site_url}{path}?monthly_views=640000")
        assert start_path(page) == ("snapshot", "restored"), path
        inputs = {**DEFAULTS, "monthly_views": "640000"}
        assert shown(page) == expected(inputs, rates)
        # The compact /embed/ shows the four core fields only; the full page has the brand-deal group too.
        typed = {"followers": "52000", **({"sponsored_videos": "2"} if path == "/calculateur/" else {})}
        type_values(page, typed)
        assert shown(page) == expected({**inputs, **typed}, rates)


def test_an_altered_snapshot_or_one_that_cannot_restore_falls_back_to_a_fresh_start(
        page: Page, site_url: str, rates: Rates) -> None:
    open_calculator(page, f"{site_url}/calculateur/")
    snapshot_kept(page)
    # One byte changed in the stored memory: its sha256 no longer matches, the snapshot is not used.
    page.evaluate(_ENTRY, {"flip": 0.5})
    open_calculator(page, f"{site_url}/calculateur/?monthly_views=320000")
    assert start_path(page) == ("fresh", "corrupted")
    assert shown(page) == expected({**DEFAULTS, "monthly_views": "320000"}, rates)
    # Altered with a matching sha256 (its header wrecked at the start): Pyodide refuses it, the worker
    # starts fresh in its place, and the page never shows an error (the conftest fails on any).
    snapshot_kept(page)
    page.evaluate(_ENTRY, {"flip": 0.0, "hash": page.evaluate(SHA256_OF_ANY, 0.0)})
    open_calculator(page, f"{site_url}/calculateur/?monthly_views=330000")
    assert start_path(page) == ("fresh", "restore-failed")
    assert shown(page) == expected({**DEFAULTS, "monthly_views": "330000"}, rates)
    # And a new snapshot replaces it.
    snapshot_kept(page)
    open_calculator(page, f"{site_url}/calculateur/")
    assert start_path(page) == ("snapshot", "restored")


def test_a_snapshot_of_another_build_is_not_used(page: Page, built_site: Path, other_site: Path, rates: Rates,
                                                  other_rates: Rates, tmp_path: Path) -> None:
    url = serve(tmp_path, hosting_headers(tmp_path))
    inputs = {**DEFAULTS, "monthly_views": "1000000"}
    publish(built_site, tmp_path)
    open_calculator(page, f"{url}/calculateur/?monthly_views=1000000")
    old_key = snapshot_kept(page)["x-snapshot-key"]
    publish(other_site, tmp_path)  # other rates: the old snapshot holds the old ones
    open_calculator(page, f"{url}/calculateur/?monthly_views=1000000")
    assert start_path(page) == ("fresh", "stale")
    assert shown(page) == expected(inputs, other_rates)
    wait_until(page, lambda: (page.evaluate(_ENTRY, None) or {}).get("x-snapshot-key") not in (None, old_key),
               "the new build's snapshot replaces the old one", timeout=30)
    open_calculator(page, f"{url}/calculateur/?monthly_views=1000000")
    assert start_path(page) == ("snapshot", "restored")
    assert shown(page) == expected(inputs, other_rates) != expected(inputs, rates)
