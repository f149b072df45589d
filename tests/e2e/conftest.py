"""End-to-end fixtures: a freshly built site on a local server, Debian's Chromium, and guards.

Every test here fails if the page makes a request outside the local server, throws an
uncaught error, logs a console error (a failed load, a worker crash) or breaks its Content
Security Policy (a `securitypolicyviolation` event in any page or frame).

Each test gets a page of its own, in a browser context that the tests of a worker share, as a returning reader's
browser: its Cache Storage keeps the memory snapshot of the first start, so later calculator starts restore it
(about 2 core-seconds less than a start in a new context, with a fresh start's costs paid once). Cookies, local
and session storage are cleared before each test. The shared context blocks service workers, so that a test
sees the site, not a cached copy. A test gets a context of its own when it asks for other context options
(`browser_context_args`) or is marked `own_context`: one that looks at what a first visit does, stores, or
fetches (failures, offline copy, snapshot, privacy).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Error, Page, Route

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


# Every document of the context, frames included, reports its Content Security Policy
# violations to the test (the worker's come through the page as console errors).
_REPORT_VIOLATIONS = """document.addEventListener("securitypolicyviolation", (event) => {
  const text = `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} in ${event.documentURI}`
    + ` (${event.sourceFile || "?"}:${event.lineNumber}${event.sample ? `: ${event.sample}` : ""})`;
  if (typeof window.__cptCspViolation === "function") window.__cptCspViolation(text);
  else console.error(`CSP violation: ${text}`);
}, true);"""


class Guards:
    """What a context's pages did that the test must fail on: requests outside 127.0.0.1 (aborted) and Content
    Security Policy violations. Installed once per context (the `guards` fixture)."""

    def __init__(self, context: BrowserContext) -> None:
        self.outside: list[str] = []
        self.violations: list[str] = []
        context.route("**/*", self._check)
        context.expose_binding("__cptCspViolation", lambda source, text: self.violations.append(str(text)))
        context.add_init_script(_REPORT_VIOLATIONS)

    def _check(self, route: Route) -> None:
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()


@pytest.fixture(scope="session")
def shared_context(browser: Browser, browser_context_args: dict[str, Any]) -> Iterator[BrowserContext]:
    context = browser.new_context(**browser_context_args, service_workers="block")
    yield context
    context.close()


@pytest.fixture(scope="session")
def shared_guards(shared_context: BrowserContext) -> Guards:
    return Guards(shared_context)


@pytest.fixture
def context(request: pytest.FixtureRequest, new_context: Callable[..., BrowserContext],
            shared_context: BrowserContext) -> BrowserContext:
    """The worker's shared context (see the module's docstring), or a new one for a test that needs its own."""
    if request.node.get_closest_marker("browser_context_args") or request.node.get_closest_marker("own_context"):
        return new_context()
    shared_context.clear_cookies()
    return shared_context


@pytest.fixture
def guards(request: pytest.FixtureRequest, context: BrowserContext, shared_context: BrowserContext) -> Guards:
    """The context's guards, emptied for this test (a new context gets its own)."""
    if context is not shared_context:
        return Guards(context)
    guards: Guards = request.getfixturevalue("shared_guards")
    guards.outside.clear()
    guards.violations.clear()
    return guards


@pytest.fixture
def page(context: BrowserContext, shared_context: BrowserContext, site_url: str) -> Iterator[Page]:
    page = context.new_page()
    if context is shared_context:
        # What an earlier test left in the site's local and session storage (Material's palette choice…); the Cache
        # Storage, where the snapshot is, stays.
        session = context.new_cdp_session(page)
        session.send("Storage.clearDataForOrigin",
                     {"origin": site_url, "storageTypes": "local_storage,session_storage"})
        session.detach()
    yield page
    page.close()


@pytest.fixture(autouse=True)
def offline_guard(guards: Guards) -> Iterator[list[str]]:
    """Abort, and fail the test on, any request that leaves 127.0.0.1 (workers included)."""
    yield guards.outside
    assert guards.outside == [], f"requests outside the local server: {guards.outside}"


@pytest.fixture(autouse=True)
def csp_violations(guards: Guards) -> Iterator[list[str]]:
    """Fail the test on any `securitypolicyviolation` event, in any page or frame of the context."""
    yield guards.violations
    assert guards.violations == [], f"Content Security Policy violations: {guards.violations}"


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
