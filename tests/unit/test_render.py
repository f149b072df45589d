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
        "creator_rewards", "400.0", "6000.0")
    assert html.count("data-stream=") == len(result["streams"])
    assert '<p class="cpt-total" data-total data-low="400.0" data-high="6000.0">' in html
    assert "Total estimé : 400\u00a0$ à 6\u202f000\u00a0$ par mois" in html


def test_euros_change_the_text_not_the_data(rates: Rates) -> None:
    result = estimate(INPUTS, rates)
    html = render_result(result, in_currency(result, rates, "EUR"))
    assert 'data-low="400.0"' in html and "\u00a0€" in html and "Montants convertis à" in html


def test_every_text_is_escaped(rates: Rates) -> None:
    hostile = "<img src=x onerror=alert(1)>"
    rewards = dataclasses.replace(rates.creator_rewards, label=hostile)
    result = estimate(INPUTS, dataclasses.replace(rates, creator_rewards=rewards))
    html = render_result(result, result)
    assert hostile not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
