"""calculator.french writes figures as French readers expect, the same in the panel, the guide and the CLI."""

from __future__ import annotations

import datetime
import json
import subprocess
from decimal import Decimal

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


def test_counts_in_prose_keep_two_significant_digits() -> None:
    """The issue's example: views solved from rates that differ tenfold read as an order of magnitude."""
    assert french.count_span(293_398, 4_400_963, "vues sur 30 jours") == \
        "environ 290\u202f000 à 4,4 millions de vues sur 30 jours"
    assert french.count_span(100_000, 1_000_000, "vues") == "100\u202f000 à 1 million de vues"  # exact: no « environ »
    assert french.count_span(2, 13, "vidéos sponsorisées par mois") == "2 à 13 vidéos sponsorisées par mois"
    assert french.count_span(4_400_963, 4_410_000, "abonnés") == "environ 4,4 millions d'abonnés"
    assert french.count(2.5e9) == "2,5 milliards" and french.count(999_999) == "1 million"
    assert french.count_span(3_369_271, 336_927_084, "vues") == "environ 3,4 à 340 millions de vues"
    assert french.count_span(500_000, 2_000_000, "vues") == "500\u202f000 à 2 millions de vues"


def test_a_span_of_check_dates_says_the_shared_year_once() -> None:
    day = datetime.date
    assert french.date_span(day(2026, 11, 25), day(2026, 11, 25)) == "le 25 novembre 2026"
    assert french.date_span(day(2026, 11, 25), day(2026, 12, 1)) == "du 25 novembre au 1er décembre 2026"
    assert french.date_span(day(2026, 11, 1), day(2026, 11, 25)) == "du 1er au 25 novembre 2026"
    assert french.date_span(day(2025, 12, 1), day(2026, 2, 25)) == "du 1er décembre 2025 au 25 février 2026"


def test_weak_sources_are_named_as_such_after_their_title() -> None:
    assert french.weak_source_note("vendor", "What is TikTok Creator Rewards RPM? (Napolify)") == " [site commercial]"
    assert french.weak_source_note("unverified", "shortsgenerator.ai") == " [source non vérifiée]"
    assert french.weak_source_note("seed", "Combien TikTok paie-t-il (David Park), article source du projet") == ""
    assert french.weak_source_note("official", "Wallet (TikTok Help Center)") == ""


def test_equal_bounds_of_money_read_as_one_amount() -> None:
    assert french.money_span(0, 0, "USD") == "0\u00a0$"
    assert french.money_span(141.41, 141.41, "EUR") == "141,41\u00a0€"
    assert french.money_span(1.41, 141.41, "USD") == "1,41\u00a0$ à 141,41\u00a0$"


COUNTS = st.integers(min_value=0, max_value=10**12)


def _read_count(text: str) -> float:
    """'4,4 millions' -> 4 400 000: what a reader understands from french.count's text."""
    figure, _, word = text.partition(" ")
    size = 10**9 if word.startswith("milliard") else 10**6 if word.startswith("million") else 1
    return float(Decimal(figure.replace("\u202f", "").replace(",", ".")) * size)


@given(COUNTS)
def test_a_rounded_count_has_at_most_two_significant_digits_and_is_close(value: int) -> None:
    shown = french.rounded(value)
    digits = str(int(shown)).rstrip("0") or "0"
    assert len(digits) <= french.COUNT_DIGITS
    assert abs(shown - value) <= 0.05 * value  # half a unit of the second digit, relative to at least 10 of them
    assert _read_count(french.count(value)) == shown


@given(COUNTS, COUNTS)
def test_rounding_keeps_the_order_of_two_counts(a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert french.rounded(low) <= french.rounded(high)
    text = french.count_span(low, high, "vues")
    assert text.startswith("environ ") == (french.rounded(low) != low or french.rounded(high) != high)
    assert " à " not in text or french.count(low) != french.count(high)


def test_amounts_in_the_panel_keep_three_significant_digits() -> None:
    assert french.readable_money(1178.41, "USD") == "1\u202f180\u00a0$"
    assert french.readable_money(11.78, "EUR") == "11,8\u00a0€"
    assert french.readable_money(1.41, "USD") == "1,41\u00a0$"
    assert french.readable_money(0, "USD") == "0\u00a0$"
    assert french.readable_span(141.41, 141.2, "USD") == "141\u00a0$"  # both read alike: one amount


@given(st.integers(min_value=0, max_value=10**14))
def test_a_readable_amount_has_at_most_three_significant_digits_and_is_close(cents: int) -> None:
    value = cents / 100  # the calculator's amounts are whole cents (calculator/money.py)
    text = french.readable_money(value, "USD").removesuffix("\u00a0$")
    figure = Decimal(text.replace("\u202f", "").replace(",", "."))
    digits = str(figure).replace(".", "").lstrip("0").rstrip("0")
    assert len(digits) <= french.READABLE_DIGITS
    assert abs(float(figure) - value) <= 0.005 * value
