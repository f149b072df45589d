"""What every stream module shares: the interface it exposes, and `stream`, which builds its result
the same way for all (envelope of the sourced ranges, zeros and reasons when not eligible)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from .. import french
from ..money import cents
from ..rates import AccountRule, Parameter, Rates
from ..results import USD, MoneyRange, PaidBy, RangeEntry, Stream

DetailsT = TypeVar("DetailsT")


def _no_floor(rates: Rates) -> float:
    return 0.0


@dataclass(frozen=True)
class Lever:
    """A stream the goal mode can solve for: the input it counts, in which unit, from which least count."""

    input_key: str
    unit: str
    """French, after the count: "vues sur 30 jours"."""
    floor: Callable[[Rates], float] = _no_floor
    """The least quantity the programme pays for at all."""


@dataclass(frozen=True)
class Unmet:
    """A requirement the creator does not meet: the input key and a French reason."""

    key: str
    reason: str


@dataclass(frozen=True)
class SourcedRange:
    """One monthly amount computed from one sourced parameter (and any shared factors), before rounding."""

    parameter: Parameter
    low: float
    high: float


def stream(
    label: str,
    ranges: Sequence[SourcedRange],
    unmet: Sequence[Unmet],
    *,
    inputs_used: Sequence[str],
    paid_by: PaidBy,
    details: DetailsT,
    in_total: bool = True,
    turnover: MoneyRange | None = None,
) -> Stream[DetailsT]:
    """Build a stream result: the envelope of its sourced ranges, or zeros when not eligible.

    `turnover` is what the creator declares when it is not the amount itself (own products: the revenue).
    """
    eligible = not unmet
    entries = tuple(
        RangeEntry(
            key=item.parameter.key or item.parameter.path,
            source=item.parameter.label,
            parameter=item.parameter.path,
            assumption=item.parameter.assumption,
            references=item.parameter.references,
            amount=MoneyRange(cents(item.low) if eligible else 0.0, cents(item.high) if eligible else 0.0, USD),
        )
        for item in ranges
    )
    amount = MoneyRange(min((entry.amount.low for entry in entries), default=0.0),
                        max((entry.amount.high for entry in entries), default=0.0), USD)
    return Stream(
        label=label,
        amount=amount,
        ranges=entries,
        eligible=eligible,
        unmet=tuple(item.key for item in unmet),
        reasons=tuple(item.reason for item in unmet),
        inputs_used=tuple(inputs_used),
        paid_by=paid_by,
        in_total=in_total,
        details=details,
        turnover=turnover if turnover is not None and eligible else amount,
    )


def at_least(value: float, key: str, minimum: Parameter, reason: str, *, strictly: bool = False) -> list[Unmet]:
    """[] when value reaches the parameter (exceeds it, with strictly=True), else one Unmet whose
    reason quotes it ({minimum})."""
    if value > minimum.value or (value == minimum.value and not strictly):
        return []
    return [Unmet(key, reason.format(minimum=french.number(minimum.value)))]


BUSINESS = "business"
"""account_type value of a business account."""


def account_allowed(account_type: str, rule: AccountRule, what: str) -> list[Unmet]:
    """[] unless a business account uses a stream TikTok closes to them: then one Unmet on `account_type`."""
    if account_type != BUSINESS or rule.allowed:
        return []
    return [Unmet("account_type", f"Les comptes professionnels n'ont pas accès {what} : passez à un compte personnel.")]


def percent(parameter: Parameter) -> tuple[float, float]:
    """A percentage parameter as fractions (low, high)."""
    return parameter.low / 100, parameter.high / 100


def per_thousand_views(views: float, rpms: tuple[Parameter, ...]) -> list[SourcedRange]:
    """Views x a rate per 1,000 views, one range per sourced rate."""
    return [SourcedRange(rpm, views / 1000 * rpm.low, views / 1000 * rpm.high) for rpm in rpms]
