"""When the runtime cannot load, arrives altered, or the worker dies: the reader is told, in French,
keeps what they typed, sees the build-time figures marked as defaults, and can retry."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, Route, expect

from calculator import Rates
from tests.support.calculator_page import (
    ANSWER_TIMEOUT_MS,
    DEFAULTS,
    ERROR,
    READY,
    START_TIMEOUT_MS,
    expected,
    open_calculator,
    shown,
)

pytestmark = pytest.mark.own_context  # routes the runtime's files to break them, on the context


def broken(kind: str) -> Callable[[Route], None]:
    """A route handler that makes one download fail: refused, or served with one byte changed."""
    def handle(route: Route) -> None:
        if kind == "blocked":
            route.abort()
            return
        response = route.fetch()
        body = bytearray(response.body())
        body[len(body) // 2] ^= 0xFF
        route.fulfill(response=response, body=bytes(body))
    return handle


# What the browser and Pyodide log themselves about the download this test broke on purpose.
NOISE = ("Failed to load resource", "modifié ou corrompu",
         "téléchargement impossible")


def expected_console_noise(errors: list[str], pattern: str = "") -> None:
    """Only the broken download's own traces are allowed; anything else is still a failure.

    A corrupted standard library is the exception: Pyodide has already started Python when the
    check fails, and prints the interpreter's own fatal error, line by line, after its first line.
    """
    if "python_stdlib" in pattern:
        errors.clear()  # how much of it arrives before the page gives up varies from run to run
    unexpected = [error for error in errors if not any(noise in error for noise in NOISE)]
    assert unexpected == []
    errors.clear()


@pytest.mark.parametrize(("pattern", "kind", "message"), [
    ("**/assets/wheels/**/combien_paie_tiktok-*.whl", "blocked", "téléchargement impossible de combien_paie_tiktok-"),
    ("**/pyodide/*/pyodide.asm.wasm", "blocked", "téléchargement impossible de pyodide.asm.wasm"),
    ("**/pyodide/*/python_stdlib.*.zip", "corrupted", "python_stdlib"),
    ("**/assets/rates.*.json", "corrupted", "modifié ou corrompu"),
    ("**/assets/wheels/**/combien_paie_tiktok-*.whl", "corrupted", "modifié ou corrompu"),
])
def test_a_runtime_file_that_fails_shows_the_error_and_keeps_the_default_figures(
        page: Page, site_url: str, rates: Rates, page_errors: list[str], pattern: str, kind: str,
        message: str) -> None:
    page.context.route(pattern, broken(kind))
    page.goto(f"{site_url}/calculateur/")
    page.wait_for_selector(ERROR, timeout=START_TIMEOUT_MS)
    status = page.locator("[data-status]")
    expect(status).to_contain_text("Le calculateur n'a pas pu démarrer")
    expect(status).to_contain_text(message)
    # The build-time figures stay, marked as the defaults' figures; the form is not frozen.
    assert shown(page) == expected(DEFAULTS, rates)
    expect(page.locator("[data-default-note]")).to_be_visible()
    page.fill("input[name=followers]", "45000")
    expect(page.locator("input[name=followers]")).to_have_value("45000")
    expect(page.locator("[data-retry]")).to_be_visible()
    page.context.unroute_all(behavior="ignoreErrors")  # the service worker may still be fetching
    expected_console_noise(page_errors, pattern)


def test_retry_really_retries(page: Page, site_url: str, rates: Rates, page_errors: list[str]) -> None:
    pattern = "**/assets/wheels/**/combien_paie_tiktok-*.whl"
    page.context.route(pattern, broken("blocked"))
    page.goto(f"{site_url}/calculateur/?monthly_views=500000")
    page.wait_for_selector(ERROR, timeout=START_TIMEOUT_MS)
    # Shown as the defaults' figures even though the link asked for other views.
    expect(page.locator("[data-results]")).to_be_visible()
    expect(page.locator("[data-default-note]")).to_be_visible()
    page.fill("input[name=followers]", "45000")
    page.context.unroute(pattern)
    page.get_by_role("button", name="Réessayer").click()
    page.wait_for_selector(READY, timeout=START_TIMEOUT_MS)
    assert shown(page) == expected({**DEFAULTS, "monthly_views": "500000", "followers": "45000"}, rates)
    expect(page.locator("[data-retry]")).to_be_hidden()
    expect(page.locator("[data-default-note]")).to_be_hidden()
    expected_console_noise(page_errors)


def test_a_worker_that_dies_is_restarted_once_and_the_form_is_kept(page: Page, site_url: str,
                                                                  rates: Rates) -> None:
    # The page's clock runs as usual, but the test can jump it past the answer timeout (8 s) instead of waiting.
    page.clock.install()
    open_calculator(page, f"{site_url}/calculateur/")
    page.evaluate("window.cptCalculator.worker.terminate()")
    page.fill("input[name=monthly_views]", "750000")
    page.clock.fast_forward(ANSWER_TIMEOUT_MS)
    # No answer from the dead worker: the page notices, starts a new one and asks again.
    expect(page.locator("[data-status]")).to_contain_text("redémarre")
    page.wait_for_selector(READY, timeout=START_TIMEOUT_MS)
    expect(page.locator("input[name=monthly_views]")).to_have_value("750000")
    assert shown(page) == expected({**DEFAULTS, "monthly_views": "750000"}, rates)
    # A second death is not hidden: the error and "Réessayer", which starts it again.
    page.evaluate("window.cptCalculator.worker.terminate()")
    page.fill("input[name=followers]", "30000")
    page.clock.fast_forward(ANSWER_TIMEOUT_MS)
    page.wait_for_selector(ERROR)
    expect(page.locator("[data-status]")).to_contain_text("Le calculateur s'est arrêté")
    expect(page.locator("[data-stream]")).to_have_count(0)
    page.get_by_role("button", name="Réessayer").click()
    page.wait_for_selector(READY, timeout=START_TIMEOUT_MS)
    assert shown(page) == expected({**DEFAULTS, "monthly_views": "750000", "followers": "30000"}, rates)
