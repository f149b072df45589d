"""Small shared helpers: rounding to cents, French number and date text."""

from __future__ import annotations

import datetime

SYMBOLS = {"USD": "$", "EUR": "€"}
"""How French text writes each currency the calculator shows, after the amount."""

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre")


def cents(amount: float) -> float:
    """Round a USD amount to the cent, the precision TikTok pays in."""
    return round(amount, 2) + 0.0  # + 0.0 turns -0.0 into 0.0


def french_number(number: float) -> str:
    """10000 -> '10 000' (narrow no-break space, as Intl.NumberFormat('fr-FR') writes it)."""
    if float(number).is_integer():
        return f"{number:,.0f}".replace(",", "\u202f")
    return f"{number:,.2f}".replace(",", "\u202f").replace(".", ",")


def french_date(iso: str) -> str:
    """'2026-01-01' -> '1er janvier 2026'."""
    day = datetime.date.fromisoformat(iso)
    return f"{'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"
