"""End-to-end fixtures: a freshly built site on a local server, Debian's Chromium, and guards.

Every test here fails if the page makes a request outside the local server, throws an
uncaught error, logs a console error (a failed load, a worker crash) or breaks its Content
Security Policy (a `securitypolicyviolation` event in any page or frame).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Error, Page, Route

from tests.support.browser import CHROMIUM, CHROMIUM_TEST_ARGS
from tests.support.site import hosting_headers, serve


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> str:
    """The built site, served with the response headers its `_headers` file asks of a host."""
    return serve(built_site, hosting_headers(built_site))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if Path(CHROMIUM).exists():
        return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_TEST_ARGS}
    return browser_type_launch_args


@pytest.fixture(autouse=True)
def offline_guard(context: BrowserContext) -> Iterator[list[str]]:
    """Abort, and fail the test on, any request that leaves 127.0.0.1 (workers included)."""
    outside: list[str] = []

    def check(route: Route) -> None:
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", check)
    yield outside
    assert outside == [], f"requests outside the local server: {outside}"


# Every document of the context, frames included, reports its Content Security Policy
# violations to the test (the worker's come through the page as console errors).
_REPORT_VIOLATIONS = """document.addEventListener("securitypolicyviolation", (event) => {
  const text = `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} in ${event.documentURI}`
    + ` (${event.sourceFile || "?"}:${event.lineNumber}${event.sample ? `: ${event.sample}` : ""})`;
  if (typeof window.__cptCspViolation === "function") window.__cptCspViolation(text);
  else console.error(`CSP violation: ${text}`);
}, true);"""


@pytest.fixture(autouse=True)
def csp_violations(context: BrowserContext) -> Iterator[list[str]]:
    """Fail the test on any `securitypolicyviolation` event, in any page or frame of the context."""
    violations: list[str] = []
    context.expose_binding("__cptCspViolation", lambda source, text: violations.append(str(text)))
    context.add_init_script(_REPORT_VIOLATIONS)
    yield violations
    assert violations == [], f"Content Security Policy violations: {violations}"


@pytest.fixture(autouse=True)
def page_errors(page: Page) -> Iterator[list[str]]:
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(f"console: {message.text}")

    def on_page_error(error: Error) -> None:
        errors.append(f"page error: {error}")

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    yield errors
    assert errors == [], errors
