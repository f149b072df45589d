"""The calculator as a reader sees it in Chromium (/calculateur/, /embed/, or an iframe of it), and what
CPython answers for the same inputs: the tests compare the two."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from playwright.sync_api import Frame, Page

from calculator import INPUT_FIELDS, Rates, estimate
from calculator.form import CHECKED, initial_text, texts_of
from tests.support.browser import wait_until
from tests.support.rendering import render_everything
from tests.support.repository import ROOT

# The page's DOM contract (README): data-state says whether Python started, data-busy that an answer is due.
READY = "[data-calculator][data-state=ready]:not([data-busy])"
ERROR = "[data-calculator][data-state=error]"
# How long a cold start may take: Pyodide's wasm compiles in the browser, slowly on a loaded machine.
START_TIMEOUT_MS = 60_000
# How long the page waits for an answer before it calls the worker dead, as calculator-client.mjs says.
ANSWER_TIMEOUT_MS = int(re.findall(r"export const ANSWER_TIMEOUT_MS = (\d+);",
                                   (ROOT / "docs/javascripts/calculator-client.mjs").read_text("utf-8"))[0])
# The form's initial values, as the page writes them.
DEFAULTS = {field.key: initial_text(field) for field in INPUT_FIELDS if field.required}
STREAM_COUNT = 7


def shown(page: Page | Frame) -> dict[str, tuple[float, float]]:
    """Every stream's and the total's (low, high) as the page's (or an iframe's) data attributes give them."""
    figures: dict[str, list[float]] = page.eval_on_selector_all(
        "[data-stream], [data-total]",
        """elements => Object.fromEntries(elements.map(e =>
            [e.dataset.stream ?? "total", [Number(e.dataset.low), Number(e.dataset.high)]]))""",
    )
    return {name: (low, high) for name, (low, high) in figures.items()}


def expected(inputs: dict[str, Any], rates: Rates) -> dict[str, tuple[float, float]]:
    """What `shown` must give for these inputs: CPython's estimate."""
    result: dict[str, Any] = estimate(inputs, rates)
    figures = {name: (stream["low"], stream["high"]) for name, stream in result["streams"].items()}
    return {**figures, "total": (result["total"]["low"], result["total"]["high"])}


def open_calculator(page: Page, url: str) -> None:
    """Open a calculator page and wait until Python answered for what the form holds."""
    page.goto(url)
    page.wait_for_selector(READY, timeout=START_TIMEOUT_MS)


def reveal(page: Page | Frame, key: str) -> None:
    """Open the group (« J'ai des partenariats »…) that holds the field `key`, as a reader clicks its title."""
    group = page.locator(f"details[data-group]:has([name={key}])")
    if group.count() and not group.evaluate("details => details.open"):
        group.locator("summary").click()


def open_every_group(page: Page | Frame) -> None:
    """Open each group of fields that is shown and closed, as a reader clicks its title."""
    closed = page.locator("details[data-group]:visible:not([open]) > summary")
    while closed.count():
        closed.first.click()


def type_values(page: Page, values: dict[str, str]) -> None:
    """Fill each field as a reader would (opening its group first), then wait for the answer to the last one."""
    for key, value in values.items():
        reveal(page, key)
        page.fill(f"input[name={key}]", value)
    page.wait_for_selector(READY)


def query_of(inputs: dict[str, Any]) -> str:
    """Inputs as a link's query (calculator.form writes each value as the form holds it)."""
    return urlencode(texts_of(inputs))


# Every calculator control to the given text, or back to what the page was served with, then one
# input event: one answer for a whole set of inputs. Typing is tested on its own; this is for tests
# that check many inputs on one page, where a reload would start Python again each time.
_SET_FORM = """(form, [inputs, checked]) => {
  const controls = [...form.querySelectorAll("input[name]:not([data-extra]), select[name]")];
  for (const control of controls) {
    const value = inputs[control.name];
    if (control.type === "checkbox") control.checked = value === undefined ? control.defaultChecked : value === checked;
    else if (control.tagName === "SELECT") {
      const served = [...control.options].find((option) => option.defaultSelected) ?? control.options[0];
      control.value = value ?? served.value;
    } else control.value = value ?? control.defaultValue;
  }
  controls[0].dispatchEvent(new Event("input", { bubbles: true }));
}"""


def set_form(page: Page, inputs: dict[str, Any]) -> None:
    """Give the form these inputs and its served values elsewhere; wait for Python's answer."""
    page.locator("[data-calculator] form").evaluate(_SET_FORM, [texts_of(inputs), CHECKED])
    page.wait_for_selector(READY)


def wait_for_service_worker(page: Page) -> None:
    """Wait until the site's service worker is installed and controls the page (it has cached the runtime)."""
    page.evaluate("() => navigator.serviceWorker.ready.then(() => true)")
    wait_until(page, lambda: page.evaluate("() => navigator.serviceWorker.controller !== null"),
               "the service worker controls the page")


def assert_no_horizontal_scroll(page: Page | Frame, what: str) -> None:
    """The page does not scroll sideways: its content is no wider than its window (deferred text rendered)."""
    render_everything(page)
    width, client = page.evaluate("[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
    assert width <= client, f"{what}: the page scrolls sideways ({width} px of content in {client} px)"
