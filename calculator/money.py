"""Rounding money to the cent (French text for readers lives in french.py)."""

from __future__ import annotations


def cents(amount: float) -> float:
    """Round a USD amount to the cent, the precision TikTok pays in."""
    return round(amount, 2) + 0.0  # + 0.0 turns -0.0 into 0.0
