"""Showing a result in euros: every amount of money times the dated USD -> EUR rate from rates.yml.

estimate() always answers in USD (TikTok pays in USD); this only changes what is displayed.
Which values are money is said by their type (`results.MoneyRange`, `results.Money`), so the
conversion walks the result and scales exactly those still in USD: the net block, already in
euros, and factors or percentages (`results.Bounds`) stay as they are.
"""

from __future__ import annotations

import dataclasses
from typing import Any, overload

from .inputs import InputError
from .rates import Rates
from .results import USD, Estimate, ExchangeRate, Money, MoneyRange, PlainEstimate, plain_estimate

CURRENCIES = ("USD", "EUR")


def currency_problem(currency: str) -> str | None:
    """The French message for a currency the calculator cannot show, or None."""
    if currency in CURRENCIES:
        return None
    return f"« {currency} » n'est pas une devise possible. Choix possibles : {', '.join(CURRENCIES)}."


def converted(result: Estimate, rates: Rates, currency: str) -> Estimate:
    """The estimate with every USD amount in `currency` (to the cent), and the rate used."""
    problem = currency_problem(currency)
    if problem:
        raise InputError("currency", problem)
    if currency == result.currency:
        return result
    rate = rates.usd_to_eur
    scaled: Estimate = _scaled(result, rate.value, currency)
    return dataclasses.replace(scaled, currency=currency,
                               exchange_rate=ExchangeRate(rate.value, rate.as_of, rate.label))


@overload
def in_currency(result: Estimate, rates: Rates, currency: str) -> Estimate: ...
@overload
def in_currency(result: dict[str, Any], rates: Rates, currency: str) -> dict[str, Any]: ...


def in_currency(result: Estimate | dict[str, Any], rates: Rates, currency: str) -> Estimate | dict[str, Any]:
    """An estimate() result with every money amount in `currency`: the typed Estimate, or the dict
    estimate() returned (which keeps the typed value it was written from)."""
    if isinstance(result, Estimate):
        return converted(result, rates, currency)
    problem = currency_problem(currency)
    if problem:
        raise InputError("currency", problem)
    if currency == result["currency"]:
        return result
    if not isinstance(result, PlainEstimate):
        raise TypeError("in_currency converts what estimate() returned (or a calculator.results.Estimate), "
                        "not a rebuilt table: which numbers are money is known from the typed value")
    return plain_estimate(converted(result.source, rates, currency))


def _scaled(value: Any, rate: float, currency: str) -> Any:
    """`value` with every USD amount inside it converted; the rest as it is (the same object when it holds
    no USD money, so references and texts are not copied)."""
    kind = type(value)
    if kind in _ATOMS:
        return value
    if kind is MoneyRange or kind is Money:
        return value.scaled(rate, currency) if value.currency == USD else value
    if kind is tuple:
        items = tuple(_scaled(item, rate, currency) for item in value)
        return value if all(new is old for new, old in zip(items, value, strict=True)) else items
    if kind is dict:
        return {key: _scaled(item, rate, currency) for key, item in value.items()}
    changes = {}
    for name in _field_names(kind):
        old = getattr(value, name)
        if type(old) not in _ATOMS:
            new = _scaled(old, rate, currency)
            if new is not old:
                changes[name] = new
    return dataclasses.replace(value, **changes) if changes else value


_ATOMS = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(kind: type) -> tuple[str, ...]:
    if kind not in _FIELD_NAMES:
        _FIELD_NAMES[kind] = (tuple(item.name for item in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind)
                              else ())
    return _FIELD_NAMES[kind]
