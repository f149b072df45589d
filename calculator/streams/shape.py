"""What every stream module shares: the interface it exposes, and `stream`, which builds its result
the same way for all: the headline from the ranges with the best evidence, the extremes from all of
them, zeros and reasons when not eligible.

Each range carries the evidence of its parameter (`Parameter.evidence`: its stated grade, else its best
reference's, the seed counting only alone). Grades fall in three classes (rates.STRONG: official, press,
study; rates.WEAK: vendor, seed; then unverified): the headline `low`/`high` is the envelope of the ranges
of the best class the stream has, `extremes` the envelope of every range, and `confidence` says how solid
the headline is: `high` when only official ranges make it, `medium` with press or studies, `low` from
vendors or the seed, `unverified` when nothing else exists."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from .. import french
from ..money import cents
from ..rates import AccountRule, Parameter, Rates, evidence_class
from ..results import USD, Confidence, MoneyRange, PaidBy, RangeEntry, Stream

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
    unlock: str,
    in_total: bool = True,
    turnover: MoneyRange | None = None,
) -> Stream[DetailsT]:
    """Build a stream result: the envelope of its sourced ranges, or zeros when not eligible.

    `unlock` says what would open the stream (read where it pays nothing); `turnover` is what the creator
    declares when it is not the amount itself (own products: the revenue).
    """
    eligible = not unmet
    grades = [item.parameter.evidence for item in ranges]
    best = min((evidence_class(grade) for grade in grades), default=2)
    entries = tuple(
        RangeEntry(
            key=item.parameter.key or item.parameter.path,
            source=item.parameter.label,
            parameter=item.parameter.path,
            assumption=item.parameter.assumption,
            evidence=grade,
            in_headline=evidence_class(grade) == best,
            references=item.parameter.references,
            amount=MoneyRange(cents(item.low) if eligible else 0.0, cents(item.high) if eligible else 0.0, USD),
        )
        for item, grade in zip(ranges, grades, strict=True)
    )
    amount = envelope(entry for entry in entries if entry.in_headline)
    return Stream(
        label=label,
        amount=amount,
        extremes=envelope(entries),
        confidence=confidence([entry.evidence for entry in entries if entry.in_headline]),
        ranges=entries,
        eligible=eligible,
        unmet=tuple(item.key for item in unmet),
        reasons=tuple(item.reason for item in unmet),
        unlock=unlock,
        inputs_used=tuple(inputs_used),
        paid_by=paid_by,
        in_total=in_total,
        details=details,
        turnover=turnover if turnover is not None and eligible else amount,
    )


def envelope(entries: Iterable[RangeEntry]) -> MoneyRange:
    """The lowest low and the highest high of the ranges (zeros without any)."""
    chosen = list(entries)
    return MoneyRange(min((entry.amount.low for entry in chosen), default=0.0),
                      max((entry.amount.high for entry in chosen), default=0.0), USD)


def confidence(headline_grades: Sequence[str]) -> Confidence:
    """How solid a headline made of ranges with these grades is (all of one class: see the module)."""
    if not headline_grades or "unverified" in headline_grades:
        return "unverified"
    if evidence_class(headline_grades[0]) == 1:
        return "low"
    return "high" if all(grade == "official" for grade in headline_grades) else "medium"


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


def in_usd(parameter: Parameter, rates: Rates) -> tuple[float, float]:
    """A money figure's bounds in USD: a unit starting with `EUR` (a source that reports in euros) is divided
    by the dated `usd_to_eur` rate, so the range keeps the figure the source gave."""
    if parameter.unit.startswith(EUR_UNIT):
        return parameter.low / rates.usd_to_eur.value, parameter.high / rates.usd_to_eur.value
    return parameter.low, parameter.high


EUR_UNIT = "EUR "
"""How a unit in euros starts (`EUR per 1000 qualified views`); other money units are in USD."""


def per_thousand_views(views: float, rpms: tuple[Parameter, ...], rates: Rates) -> list[SourcedRange]:
    """Views x a rate per 1,000 views, one range per sourced rate (rates in euros converted to USD)."""
    ranges = []
    for rpm in rpms:
        low, high = in_usd(rpm, rates)
        ranges.append(SourcedRange(rpm, views / 1000 * low, views / 1000 * high))
    return ranges
