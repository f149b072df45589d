"""Debian's Chromium as the tests and scripts/bench drive it, and how to wait on a page under its policy."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from playwright.sync_api import Frame, Page

CHROMIUM = "/usr/bin/chromium"
# Headless in a container: no sandbox (no user namespaces there), no GPU, and none of the browser's
# own traffic (component updates, background requests) that would leave the local server.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
# The tests' Chromium (not scripts/bench's, which measures the browser readers have): WebAssembly compiled by
# V8's baseline compiler only. Re-optimising Pyodide's hot functions in the background pays off over minutes,
# not in a test's seconds, and it takes a core from the page: a cold start to data-state=ready took 2,7 s
# instead of 3,4 s (median of 5, 2 cores), with about a quarter less CPU. What runs is the same code.
CHROMIUM_TEST_ARGS = [*CHROMIUM_ARGS, "--js-flags=--liftoff-only"]

T = TypeVar("T")


def wait_until(page: Page | Frame, condition: Callable[[], T], what: str, timeout: float = 10.0) -> T:
    """Poll `condition` until it gives something truthy, and return that; fail naming `what` after `timeout` s.

    Playwright's wait_for_function evaluates its predicate with eval(), which the site's Content Security
    Policy rightly refuses; this polls from Python instead (`condition` may call page.evaluate), and waits
    through Playwright between tries so that the page's events still reach the test's handlers.
    """
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: still not the case after {timeout:g} s")
        page.wait_for_timeout(50)
    return result
