"""No figure is typed in the guide's Markdown: amounts, percentages and RPMs come from rates.yml."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.repository import ROOT

# Template expressions, and code (snippets to copy are not prose).
NOT_PROSE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|^```.*?^```|`[^`\n]+`", re.S | re.M)
LITERAL_FIGURES = [
    re.compile(r"\d[\d \u00a0\u202f.,]*(?:\$|US\$|€|%|\bUSD\b|\bEUR\b|\bdollars?\b|\beuros?\b|"
               r"\bmillions? de dollars|\bmilliards? de dollars)", re.I),
    re.compile(r"[$€]\s?\d"),
    re.compile(r"\bRPM\b\s*(?:de|d'environ|autour de|entre|:|=)?\s*\d+[.,]\d", re.I),
]


def literal_figures(markdown: str) -> list[str]:
    """Figures typed outside {{ … }}, {% … %} and code, each with the text around it."""
    prose = NOT_PROSE.sub(" ", markdown)
    return [prose[max(match.start() - 30, 0):match.end() + 10].replace("\n", " ")
            for pattern in LITERAL_FIGURES for match in pattern.finditer(prose)]


@pytest.mark.parametrize(
    "text",
    ["Le fonds payait 0,02 $ pour 1 000 vues.", "entre 0.40 et 1.00 USD", "jusqu'à 70 % des revenus",
     "un RPM de 0,40", "200 millions de dollars", "environ 10 € par mois", "$5 par vidéo", "50 dollars",
     "un RPM: 4.5"],
)
def test_the_check_catches_typed_figures(text: str) -> None:
    assert literal_figures(text)


@pytest.mark.parametrize(
    "text",
    ["{{ rates.creator_fund.rpm[0] | usd }} pour 1 000 vues", "10 000 abonnés et {{ x | percent }}",
     "Le RPM (revenu pour 1 000 vues) varie.", "en 2023, un million de vues", "{% set r = estimate(a=5) %}",
     '```html\n<iframe width="100%">\n```', "l'adresse `?width=100%`"],
)
def test_the_check_lets_template_figures_and_counts_through(text: str) -> None:
    assert literal_figures(text) == []


PAGES = sorted((ROOT / "docs").rglob("*.md"))


@pytest.mark.parametrize("page", PAGES, ids=[str(page.relative_to(ROOT / "docs")) for page in PAGES])
def test_no_figure_is_typed_in_the_guide(page: Path) -> None:
    assert literal_figures(page.read_text(encoding="utf-8")) == []
