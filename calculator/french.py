"""The one formatter for French readers: numbers, money, percentages and dates.

The results panel, the command line and the guide's pages all write figures through these
functions, so a figure reads the same everywhere. The rules are those of
`Intl.NumberFormat("fr-FR")` and of Babel's fr_FR patterns (`#,##0.####`, `#,##0.00##`):
a narrow no-break space between thousands, a comma before decimals, a no-break space before
a unit, and rounding half to even on the decimal digits the reader sees (2.675 -> 2,68).
Pure standard library: it runs in the browser under Pyodide too.
"""

from __future__ import annotations

import datetime
import math
from decimal import ROUND_HALF_EVEN, Context, Decimal

NBSP = "\u00a0"
"""Between a figure and its unit (« 10 $ », « 24,6 % »)."""
THOUSANDS = "\u202f"
"""Between groups of three digits (« 10 000 »), as Intl.NumberFormat('fr-FR') writes it."""
SYMBOLS = {"USD": "$", "EUR": "€"}
"""How French text writes each currency the calculator shows, after the amount."""
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")
MAX_DECIMALS = 4
"""Rates per 1 000 views or per diamond and the exchange rate need four decimals (0,8486); amounts, two."""
_DIGITS = Context(prec=330)
"""Enough digits to round any finite float to MAX_DECIMALS (the largest has 309 before the point): an error
message may quote a huge number a reader typed (« 1e300 % n'est pas une tranche »)."""


EVIDENCE = {"official": "source officielle", "press": "presse", "study": "étude", "vendor": "site commercial",
            "seed": "article source", "unverified": "non vérifiée"}
"""How a reference's or a range's `evidence` (calculator.rates.EVIDENCE) reads."""
CONFIDENCE = {"high": "élevée (sources officielles)", "medium": "moyenne (presse ou études)",
              "low": "faible (sites commerciaux ou article source)", "unverified": "non vérifiée"}
"""How a stream's `confidence` reads, after « Fiabilité : »."""


def evidence(grade: str) -> str:
    """'press' -> 'presse'."""
    return EVIDENCE.get(grade, grade)


def confidence(level: str) -> str:
    """'medium' -> 'moyenne (presse ou études)'."""
    return CONFIDENCE.get(level, level)


def number(value: float, *, cents: bool = False) -> str:
    """10000 -> '10 000', 0.5 -> '0,5', 0.84861 -> '0,8486'; with cents, at least two decimals: 0.5 -> '0,50'."""
    if not math.isfinite(value):
        return "infini" if value > 0 else "moins l'infini" if value < 0 else "pas un nombre"
    # The shortest text that reads back as the same float (what Babel rounds from): most figures are
    # cents and need no rounding, so Decimal (ten times slower, and the panel writes ~80 figures an
    # answer) is only used when there is something to round.
    text = repr(value) if isinstance(value, float) else str(value)
    whole, _, decimals = text.partition(".")
    if "e" in text or len(decimals) > MAX_DECIMALS:
        rounded = Decimal(text).quantize(Decimal(1).scaleb(-MAX_DECIMALS), rounding=ROUND_HALF_EVEN, context=_DIGITS)
        whole, _, decimals = f"{rounded:f}".partition(".")
    sign, whole = ("-", whole[1:]) if whole.startswith("-") else ("", whole)
    decimals = decimals.rstrip("0")
    if not decimals and int(whole) == 0:
        sign = ""  # -0.0, or a negative number that rounds to 0
    if cents:
        decimals = decimals.ljust(2, "0")
    grouped = f"{int(whole):,}".replace(",", THOUSANDS)
    return f"{sign}{grouped},{decimals}" if decimals else f"{sign}{grouped}"


def amount(value: float) -> str:
    """An amount of money without its symbol: whole amounts without decimals, others with cents ('0,50')."""
    return number(value, cents=not float(value).is_integer())


def money(value: float, currency: str) -> str:
    """'1 234 $', '0,50 €': the amount, a no-break space and the currency's symbol."""
    return f"{amount(value)}{NBSP}{symbol(currency)}"


def symbol(currency: str) -> str:
    return SYMBOLS.get(currency, currency)


def percent(value: float) -> str:
    """24.6 -> '24,6 %' (the value is already in percent)."""
    return f"{number(value)}{NBSP}%"


def span(low: float, high: float) -> str:
    """'5 000' when both bounds agree, else '5 000 à 10 000' (counts, not money)."""
    return number(low) if low == high else f"{number(low)} à {number(high)}"


def date(day: datetime.date | str) -> str:
    """'2026-01-01' or a date -> '1er janvier 2026', as French writes the first of the month."""
    day = datetime.date.fromisoformat(day) if isinstance(day, str) else day
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


def month(day: datetime.date) -> str:
    """'janvier 2026'."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def short_date(day: datetime.date) -> str:
    """'01/01/2026'."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
