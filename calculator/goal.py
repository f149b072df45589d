"""Goal mode: how many views, sponsored videos or LIVE diamonds a monthly target in euros takes.

Each lever is one income stream on its own (the others left at zero). The target is net
of contributions and income tax when `tax_status` is set, gross otherwise. The answer is
checked against the stream's own formula, so feeding it back to `estimate()` gives the
target: the count found reaches it, one less does not (unless that would fall below the
programme's own minimum, such as the Creator Rewards Program's monthly views).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from . import french
from .inputs import LARGEST, Inputs, read_target, validate_inputs
from .money import cents
from .net import TaxSituation, in_euros
from .rates import Rates
from .streams.brand_deals import brand_deals
from .streams.tiktok_payments import live_gifts
from .streams.views import creator_rewards

PROBE = 1_000_000.0
"""A quantity large enough to pass every minimum, to read a stream's amount per unit."""


@dataclass(frozen=True)
class Lever:
    stream: str
    input_key: str
    unit: str
    compute: Callable[[Inputs, Rates], dict[str, Any]]
    floor: Callable[[Rates], float]
    """The least quantity the programme pays for at all."""


LEVERS = (
    Lever("creator_rewards", "monthly_views", "vues sur 30 jours",
          lambda values, rates: creator_rewards(values, rates.creator_rewards),
          lambda rates: rates.creator_rewards.min_monthly_views.value),
    Lever("brand_deals", "sponsored_videos", "vidéos sponsorisées par mois",
          lambda values, rates: brand_deals(values, rates.brand_deals, rates.niches[values.niche]),
          lambda rates: 0.0),
    Lever("live_gifts", "live_diamonds", "diamants reçus en LIVE par mois",
          lambda values, rates: live_gifts(values, rates.live_gifts),
          lambda rates: 0.0),
)


def requirements(target_monthly_eur: object, inputs: Mapping[str, object], rates: Rates) -> dict[str, Any]:
    """For a monthly target in EUR (net when tax_status is set), the quantity each lever needs on its own.

    Each lever gives {"low", "high"}: the count at the optimistic rate, then at the pessimistic
    one; both None when the creator cannot use that lever, with the unmet rules listed.
    Raises InputError (key "target" or an input key) for invalid values.
    """
    target = read_target(target_monthly_eur)
    values = validate_inputs(goal_inputs(inputs), rates)
    situation = TaxSituation.of(values, rates.france)

    def reached(amount_usd: float) -> float:
        euros = in_euros(amount_usd, rates)
        return cents(euros) if situation is None else situation.monthly(euros, euros)["net"]

    gross_eur = _gross_for(target, situation)
    return {
        "target": target,
        "currency": "EUR",
        "net": situation is not None,
        "tax_status": values.tax_status,
        "gross_needed": {"eur": cents(gross_eur), "usd": cents(gross_eur / rates.usd_to_eur.value)},
        "levers": {lever.stream: _solve(lever, values, rates, target, gross_eur, reached) for lever in LEVERS},
    }


def goal_inputs(inputs: Mapping[str, object]) -> dict[str, object]:
    """The inputs as the goal mode reads them: it solves for views, so the views field may stay blank."""
    given = dict(inputs)
    if given.get("monthly_views") in (None, ""):
        given["monthly_views"] = 0
    return given


def _solve(lever: Lever, values: Inputs, rates: Rates, target: float, gross_eur: float,
           reached: Callable[[float], float]) -> dict[str, Any]:
    probe = lever.compute(_with(values, lever.input_key, PROBE), rates)
    answer: dict[str, Any] = {"label": probe["label"], "input": lever.input_key, "unit": lever.unit,
                              "low": None, "high": None, "reachable": False, "at_minimum": False,
                              "unmet": probe["unmet"], "reasons": probe["reasons"]}
    if not probe["eligible"] or probe["low"] <= 0:
        if probe["eligible"]:
            answer["reasons"] = ["Avec ces réglages, cette source ne rapporte rien."]
        return answer
    floor = lever.floor(rates)

    def amount(count: float, bound: str) -> float:
        result = lever.compute(_with(values, lever.input_key, float(count)), rates)
        value = result[bound]
        assert isinstance(value, float)
        return value

    def enough(count: int, bound: str) -> bool:
        return reached(amount(count, bound)) >= target

    def count_for(bound: str) -> int | None:
        """The least count from the programme's minimum on that reaches the target (None past LARGEST).

        Starts from the probe's estimate, which the rounding of the probe to the cent can put far off
        for tiny rates, so it searches by doubling steps, then bisects: never a step-by-step walk.
        """
        start, limit = math.ceil(floor), int(LARGEST)
        guess = min(gross_eur / rates.usd_to_eur.value / (float(probe[bound]) / PROBE), LARGEST)
        high = max(math.ceil(guess), start)
        low, step = high - 1, 1
        while not enough(high, bound):
            if high >= limit:
                return None
            low, high, step = high, min(high + step, limit), 2 * step
        step = 1
        while low >= start and enough(low, bound):
            high, low, step = low, low - step, 2 * step
        low = max(low, start - 1)  # now `low` falls short of the target, or below the programme's minimum
        while high - low > 1:
            middle = (low + high) // 2
            low, high = (low, middle) if enough(middle, bound) else (middle, high)
        return high

    optimistic, pessimistic = count_for("high"), count_for("low")
    if optimistic is None or pessimistic is None:
        answer["reasons"] = [f"Il faudrait plus de {french.number(LARGEST)} {lever.unit}."]
        return answer
    answer.update(low=optimistic, high=pessimistic, reachable=True, at_minimum=optimistic <= floor)
    return answer


def _with(values: Inputs, key: str, quantity: float) -> Inputs:
    changes: dict[str, Any] = {key: quantity}
    return dataclasses.replace(values, **changes)


def _gross_for(target: float, situation: TaxSituation | None) -> float:
    """The monthly gross (= turnover) in EUR whose net is the target, found by bisection."""
    if situation is None:
        return target
    low, high = target, 2 * target
    while situation.monthly(high, high)["net"] < target:
        low, high = high, 2 * high
    for _ in range(60):
        middle = (low + high) / 2
        if situation.monthly(middle, middle)["net"] < target:
            low = middle
        else:
            high = middle
    return high
