"""The results panel's HTML: the DOM contract, French amounts, and escaped text."""

from __future__ import annotations

import dataclasses
import re

from calculator import Rates, estimate, in_currency
from calculator.render import render_result

INPUTS = {"followers": 20000, "age": 25, "monthly_views": 1_000_000, "qualified_views_percent": 100,
          "video_seconds": 75}


def test_panel_keeps_the_dom_contract(rates: Rates) -> None:
    result = estimate(INPUTS, rates)
    html = render_result(result, result)
    assert re.findall(r'data-stream="(\w+)" data-low="([\d.]+)" data-high="([\d.]+)"', html)[0] == (
        "creator_rewards", "11.78", "1178.41")
    assert html.count("data-stream=") == len(result["streams"])
    assert '<p class="cpt-total" data-total data-low="11.78" data-high="1178.41">' in html
    assert "Total estimé : 11,78\u00a0$ à 1\u202f178,41\u00a0$ par mois" in html
    # How solid it is, how far all sources go, and each range's grade.
    assert 'data-confidence="medium"' in html
    assert ("Fiabilité : moyenne (presse ou études) ; de 11,78\u00a0$ à 6\u202f000\u00a0$ selon toutes les "
            "sources.") in html
    assert '<li data-evidence="unverified">' in html and "[non vérifiée, hors fourchette retenue]" in html


def test_euros_change_the_text_not_the_data(rates: Rates) -> None:
    result = estimate(INPUTS, rates)
    html = render_result(result, in_currency(result, rates, "EUR"))
    assert 'data-low="11.78"' in html and "\u00a0€" in html and "Montants convertis à" in html


def test_every_text_is_escaped(rates: Rates) -> None:
    hostile = "<img src=x onerror=alert(1)>"
    rewards = dataclasses.replace(rates.creator_rewards, label=hostile)
    result = estimate(INPUTS, dataclasses.replace(rates, creator_rewards=rewards))
    html = render_result(result, result)
    assert hostile not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
