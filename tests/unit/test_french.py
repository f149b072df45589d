"""calculator.french writes figures as French readers expect, the same in the panel, the guide and the CLI."""

from __future__ import annotations

import datetime
import json
import subprocess

from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from calculator import french

AMOUNTS = st.floats(min_value=0, max_value=1e12, allow_nan=False, allow_infinity=False)


def test_examples_readers_see() -> None:
    assert french.number(10000) == "10\u202f000"
    assert french.number(0.8486) == "0,8486"
    assert french.number(0.5, cents=True) == "0,50"
    assert french.money(6000.0, "USD") == "6\u202f000\u00a0$"
    assert french.money(848.6, "EUR") == "848,60\u00a0€"
    assert french.money(0.8486, "EUR") == "0,8486\u00a0€"
    assert french.percent(25.6) == "25,6\u00a0%"
    assert french.span(5000, 5000) == "5\u202f000" and french.span(1, 2) == "1 à 2"
    assert french.date("2026-01-01") == "1er janvier 2026"
    assert french.date(datetime.date(2026, 2, 25)) == "25 février 2026"
    assert french.month(datetime.date(2026, 8, 3)) == "août 2026"
    assert french.short_date(datetime.date(2026, 1, 5)) == "05/01/2026"


def test_any_number_a_reader_types_can_be_quoted_back() -> None:
    """Error messages quote what was typed: a huge or non-finite number must not crash the formatter."""
    assert french.percent(1e300).startswith("1\u202f000\u202f000")
    assert french.number(-2.5) == "-2,5"
    assert french.number(float("inf")) == "infini" and french.number(float("nan")) == "pas un nombre"


@given(AMOUNTS, st.booleans())
def test_numbers_follow_babels_french_patterns(value: float, cents: bool) -> None:
    pattern = "#,##0.00##" if cents else "#,##0.####"
    assert french.number(value, cents=cents) == format_decimal(value, format=pattern, locale="fr_FR")


def test_money_is_what_intl_number_format_writes() -> None:
    """The page shows Python's text as is: it must be what the browser's own French formatting gives."""
    amounts = [0.0, 0.5, 1.0, 8.49, 42.43, 848.6, 1234.56, 6000.0, 10_000.0, 5_091.6, 1e9 + 0.25, 123_456_789.1]
    script = ("const amounts = JSON.parse(process.argv[1]);"
              "for (const code of ['USD', 'EUR']) { const f = new Intl.NumberFormat('fr-FR', {style: 'currency', "
              "currency: code, currencyDisplay: 'narrowSymbol', trailingZeroDisplay: 'stripIfInteger'});"
              "console.log(JSON.stringify(amounts.map((a) => f.format(a)))); }")
    lines = subprocess.run(["node", "-e", script, json.dumps(amounts)], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    for code, line in zip(("USD", "EUR"), lines, strict=True):
        assert json.loads(line) == [french.money(amount, code) for amount in amounts]


def test_the_exchange_rate_reads_the_same_in_the_panel_and_the_cli() -> None:
    from calculator import estimate, in_currency, parse_rates
    from calculator.cli import summary
    from calculator.render import render_result
    from tests.support.repository import RATES_TEXT

    rates = parse_rates(RATES_TEXT)
    result = estimate({"followers": 20000, "age": 25, "monthly_views": 10**6, "video_seconds": 75}, rates)
    euros = in_currency(result, rates, "EUR")
    rate = french.number(rates.usd_to_eur.value)
    assert len(rate.partition(",")[2]) == 4  # all four decimals of the dated rate, as the guide prints it
    assert f"Montants convertis à {rate}\u00a0€ pour 1\u00a0$" in render_result(result, euros)
    assert f"1 USD = {rate} EUR" in summary(euros, rates)
