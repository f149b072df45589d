"""Render what a page defers: guide text below its first blocks has `content-visibility: auto`
(docs/stylesheets/calculator.css), laid out and painted only when the reader nears it.

A check of the whole page's colours or boxes must see that text as the reader will once scrolled there: skipped
content keeps no overflow of its own (a sideways overflow there would go unseen) and axe-core misreads its colours
(on the Impôts page, two false contrast errors and fifteen undecided cases)."""

from __future__ import annotations

from playwright.sync_api import Frame, Page

RENDER_ALL = """() => {
  let deferred = 0;
  for (const element of document.querySelectorAll("*")) {
    if (getComputedStyle(element).contentVisibility !== "auto") continue;
    element.style.contentVisibility = "visible";
    deferred++;
  }
  return deferred;
}"""


def render_everything(page: Page | Frame) -> int:
    """Render every deferred block of the document now; return how many there were."""
    deferred: int = page.evaluate(RENDER_ALL)
    return deferred
