"""/kit-media/ as a reader fills it in Chromium, and what CPython's rate_card() answers for the same inputs."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

from calculator import Rates, rate_card
from tests.support.calculator_page import READY, reveal

KIT = "kit-media/"
A_CREATOR = {"handle": "@claire.cuisine.etudiante.et.budget.malin",
             "niche_words": "Recettes rapides à moins de 5 euros pour étudiants",
             "contact": "claire.partenariats@exemple.fr · Agence Studio Martin, 06 12 34 56 78",
             "country_1": "France", "country_1_share": "68", "country_2": "Belgique", "country_2_share": "12,5",
             "country_3": "Canada", "country_3_share": "7", "age_18_24": "41", "age_25_34": "33",
             "age_35_44": "14", "age_45_54": "8", "age_55_plus": "4", "women": "71", "men": "28",
             "other_gender": "1",
             "video_1_title": "Un repas complet pour 2 € : le riz sauté du dimanche soir qui sauve la semaine",
             "video_1_views": "2 400 000", "video_2_title": "Mes courses de la semaine à 25 € chez Lidl",
             "video_2_views": "870 000", "video_3_title": "Le gâteau au yaourt sans balance",
             "video_3_views": "512 000"}
"""A realistic full form of the kit's own fields (long handle, three videos, every audience row)."""


def type_personal(page: Page, personal: dict[str, str]) -> None:
    """Type each of the kit's own fields as a reader does, then wait for the kit that answers them all."""
    for key, text in personal.items():
        page.fill(f"[data-personal={key}]", text)
    page.wait_for_selector(READY)


def type_inputs(page: Page, inputs: dict[str, str]) -> None:
    """Fill calculator inputs of the kit's form (a text field, or a choice), opening their group first."""
    for key, text in inputs.items():
        reveal(page, key)
        if page.locator(f"select[name={key}]").count():
            page.select_option(f"select[name={key}]", text)
        else:
            page.fill(f"input[name={key}]", text)
    page.wait_for_selector(READY)


def prices_shown(page: Page) -> dict[str, tuple[float, float]]:
    """Each deliverable's (low, high) in USD, as the sheet's data attributes give them."""
    figures: dict[str, list[float]] = page.eval_on_selector_all(
        "[data-deliverable]",
        "rows => Object.fromEntries(rows.map(r => [r.dataset.deliverable, [Number(r.dataset.low), "
        "Number(r.dataset.high)]]))")
    return {name: (low, high) for name, (low, high) in figures.items()}


def prices_expected(inputs: dict[str, Any], rates: Rates) -> dict[str, tuple[float, float]]:
    card: dict[str, Any] = rate_card(inputs, rates)
    return {name: (item["low"], item["high"]) for name, item in card["deliverables"].items()}
