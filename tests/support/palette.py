"""The reader's palette as Material keeps it, for tests that look at a page in light or dark."""

from __future__ import annotations

import json
from typing import Any, Literal

from playwright.sync_api import Page, expect

Scheme = Literal["default", "slate"]
# What Material stores when the reader picks a palette (key scoped to the site root, see __md_get).
PALETTES: dict[Scheme, dict[str, Any]] = {
    "default": {"index": 0, "color": {"media": "(prefers-color-scheme: light)", "scheme": "default",
                                      "primary": "indigo", "accent": "indigo"}},
    "slate": {"index": 1, "color": {"media": "(prefers-color-scheme: dark)", "scheme": "slate",
                                    "primary": "indigo", "accent": "indigo"}},
}


def choose_palette(page: Page, scheme: Scheme) -> None:
    """From the next document of this page on, the reader has chosen `scheme` with Material's toggle (and the system
    agrees). On the page, not its context: the tests of a worker share one."""
    page.emulate_media(color_scheme="dark" if scheme == "slate" else "light")
    page.add_init_script(f"localStorage.setItem('/.__palette', {json.dumps(json.dumps(PALETTES[scheme]))})")


# Material's toggle shows one label at a time: the one that switches to the other scheme.
TOGGLE_TO: dict[Scheme, str] = {"slate": "Passer en mode sombre", "default": "Passer en mode clair"}


def switch_palette(page: Page, scheme: Scheme) -> None:
    """Switch the open page to `scheme` in place, as the reader does: Material's toggle (every page has it but
    /embed/); on /embed/, the body's scheme that its `?theme=` sets."""
    if page.locator("[data-embed]").count():
        page.locator("body").evaluate("(body, scheme) => body.setAttribute('data-md-color-scheme', scheme)", scheme)
    else:
        page.locator(f"label[title='{TOGGLE_TO[scheme]}']:visible").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
