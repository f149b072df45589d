"""The reader's palette as Material keeps it, for tests that look at a page in light or dark."""

from __future__ import annotations

import json
from typing import Any, Literal

from playwright.sync_api import Page

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
