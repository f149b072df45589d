"""The shape every stream returns, built in one place so all streams stay alike."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from .. import french
from ..money import cents
from ..rates import Parameter

PaidBy = Literal["tiktok", "brand", "merchant", "customer"]


@dataclass(frozen=True)
class Unmet:
    """A requirement the creator does not meet: the input key and a French reason."""

    key: str
    reason: str


@dataclass(frozen=True)
class SourcedRange:
    """One monthly amount computed from one sourced parameter (and any shared factors)."""

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
    in_total: bool = True,
    details: dict[str, object] | None = None,
) -> dict[str, object]:
    """Build a stream result: the envelope of its sourced ranges, or zeros when not eligible."""
    eligible = not unmet
    lows = [cents(item.low) if eligible else 0.0 for item in ranges]
    highs = [cents(item.high) if eligible else 0.0 for item in ranges]
    entries = [
        {
            "key": item.parameter.key or item.parameter.path,
            "source": item.parameter.label,
            "parameter": item.parameter.path,
            "assumption": item.parameter.assumption,
            "references": [{"title": ref.title, "url": ref.url} for ref in item.parameter.references],
            "low": low,
            "high": high,
        }
        for item, low, high in zip(ranges, lows, highs, strict=True)
    ]
    return {
        "label": label,
        "low": min(lows, default=0.0),
        "high": max(highs, default=0.0),
        "ranges": entries,
        "eligible": eligible,
        "unmet": [item.key for item in unmet],
        "reasons": [item.reason for item in unmet],
        "inputs_used": list(inputs_used),
        "paid_by": paid_by,
        "in_total": in_total,
        "details": details or {},
    }


def at_least(value: float, key: str, minimum: Parameter, reason: str, *, strictly: bool = False) -> list[Unmet]:
    """[] when value reaches the parameter (exceeds it, with strictly=True), else one Unmet whose
    reason quotes it ({minimum})."""
    if value > minimum.value or (value == minimum.value and not strictly):
        return []
    return [Unmet(key, reason.format(minimum=french.number(minimum.value)))]


def percent(parameter: Parameter) -> tuple[float, float]:
    """A percentage parameter as fractions (low, high)."""
    return parameter.low / 100, parameter.high / 100


def summed(streams: Iterable[Mapping[str, object]]) -> dict[str, float]:
    """{"low", "high"}: the sums of the streams' bounds, to the cent."""
    def bound(stream: Mapping[str, object], name: str) -> float:
        amount = stream[name]
        assert isinstance(amount, float)
        return amount

    chosen = list(streams)
    return {name: cents(sum(bound(stream, name) for stream in chosen)) for name in ("low", "high")}
