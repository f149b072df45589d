"""End-to-end fixtures: a freshly built site on a local server, Debian's Chromium, and guards.

Every test here fails if the page makes a request outside the local server, throws an
uncaught error or logs a console error (a failed load, a worker crash).
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Error, Page, Route

from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
READY = "[data-calculator][data-state=ready]:not([data-busy])"


def build_site(target: Path, rates_file: Path | None = None) -> Path:
    """Run the real build (MkDocs with its hooks) into `target`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if rates_file is not None:
        env["COMBIEN_RATES_FILE"] = str(rates_file)
    completed = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(target)],
                               cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return target


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@functools.cache
def _serve(directory: Path) -> str:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(QuietHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def serve(directory: Path) -> str:
    """Serve `directory` on a free port for the rest of the session; return its base URL."""
    return _serve(directory)


@pytest.fixture(scope="session")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return serve(build_site(tmp_path_factory.mktemp("site")))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if Path(CHROMIUM).exists():
        return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}
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
