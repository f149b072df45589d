"""Showing a result in euros: every amount times the dated USD -> EUR rate from rates.yml.

estimate() always answers in USD (TikTok pays in USD); this only changes what is displayed.
"""

from __future__ import annotations

import copy
from typing import Any

from .inputs import InputError
from .money import cents
from .rates import Rates

CURRENCIES = ("USD", "EUR")


def currency_problem(currency: str) -> str | None:
    """The French message for a currency the calculator cannot show, or None."""
    if currency in CURRENCIES:
        return None
    return f"« {currency} » n'est pas une devise possible. Choix possibles : {', '.join(CURRENCIES)}."


def in_currency(result: dict[str, Any], rates: Rates, currency: str) -> dict[str, Any]:
    """A copy of an estimate() result with every money amount in `currency`."""
    problem = currency_problem(currency)
    if problem:
        raise InputError("currency", problem)
    if currency == result["currency"]:
        return result
    rate = rates.usd_to_eur.value
    converted = copy.deepcopy(result)
    converted["currency"] = currency
    converted["exchange_rate"] = {"value": rate, "as_of": rates.usd_to_eur.as_of.isoformat(),
                                  "label": rates.usd_to_eur.label}

    def scale(pair: dict[str, Any]) -> None:
        for bound in ("low", "high"):
            pair[bound] = cents(pair[bound] * rate)

    for stream in converted["streams"].values():
        scale(stream)
        for entry in stream["ranges"]:
            scale(entry)
        for name in ("viewer_paid", "sales", "revenue", "subscribers_paid"):
            if name in stream["details"]:
                scale(stream["details"][name])
    scale(converted["total"])
    scale(converted["payout"]["minimum"])
    scale(converted["payout"]["tiktok_monthly"])
    converted["payout"]["daily_limit"] = cents(converted["payout"]["daily_limit"] * rate)
    return converted
