"""The calculator: one pure function of (inputs, rates) returning plain, JSON-serialisable data."""

from __future__ import annotations

from collections.abc import Mapping

from .inputs import validate_inputs
from .money import cents
from .rates import Rates
from .streams.views import creator_fund, creator_rewards


def estimate(inputs: Mapping[str, object], rates: Rates) -> dict[str, object]:
    """Monthly earnings ranges per income stream, in USD.

    Raises InputError (naming the key) for a missing, unknown or invalid input.
    """
    values = validate_inputs(inputs)
    streams = {
        "creator_rewards": creator_rewards(values, rates.creator_rewards),
        "creator_fund": creator_fund(values, rates.creator_fund),
    }
    counted = [result for result in streams.values() if result["in_total"]]
    return {
        "currency": rates.currency,
        "streams": streams,
        "total": {
            "low": cents(sum(_amount(result, "low") for result in counted)),
            "high": cents(sum(_amount(result, "high") for result in counted)),
        },
    }


def _amount(result: Mapping[str, object], bound: str) -> float:
    amount = result[bound]
    assert isinstance(amount, float)
    return amount
