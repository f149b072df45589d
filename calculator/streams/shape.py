"""The shape every stream returns, built in one place so all streams stay alike."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..money import cents
from ..rates import Parameter


@dataclass(frozen=True)
class Unmet:
    """A requirement the creator does not meet: the input key and a French reason."""

    key: str
    reason: str


def stream(
    label: str,
    ranges: Sequence[tuple[Parameter, float, float]],
    unmet: Sequence[Unmet],
    in_total: bool,
) -> dict[str, object]:
    """Build a stream result: the envelope of its sourced ranges, or zeros when not eligible."""
    eligible = not unmet
    lows = [cents(low) if eligible else 0.0 for _, low, _ in ranges]
    highs = [cents(high) if eligible else 0.0 for _, _, high in ranges]
    entries = [
        {
            "key": parameter.key,
            "source": parameter.label,
            "parameter": parameter.path,
            "references": [{"title": ref.title, "url": ref.url} for ref in parameter.references],
            "low": low,
            "high": high,
        }
        for (parameter, _, _), low, high in zip(ranges, lows, highs, strict=True)
    ]
    return {
        "label": label,
        "low": min(lows),
        "high": max(highs),
        "ranges": entries,
        "eligible": eligible,
        "unmet": [item.key for item in unmet],
        "reasons": [item.reason for item in unmet],
        "in_total": in_total,
    }
