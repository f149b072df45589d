"""Small helpers shared by the streams: rounding to cents and French number text."""

from __future__ import annotations


def cents(amount: float) -> float:
    """Round a USD amount to the cent, the precision TikTok pays in."""
    return round(amount, 2) + 0.0  # + 0.0 turns -0.0 into 0.0


def french_number(number: float) -> str:
    """10000 -> '10 000' (narrow no-break space, as Intl.NumberFormat('fr-FR') writes it)."""
    if float(number).is_integer():
        return f"{number:,.0f}".replace(",", "\u202f")
    return f"{number:,.2f}".replace(",", "\u202f").replace(".", ",")
