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
from typing import Any

from . import french
from .inputs import LARGEST, Inputs, goal_inputs, read_target, validate_inputs
from .money import cents
from .net import TaxSituation, in_euros
from .rates import Rates
from .results import GrossNeeded, LeverAnswer, MoneyRange, Requirements, plain
from .streams import STREAMS, StreamModule
from .streams.shape import Lever

PROBE = 1_000_000.0
"""A quantity large enough to pass every minimum, to read a stream's amount per unit."""

LEVERS: tuple[Lever, ...] = tuple(stream.LEVER for stream in STREAMS if stream.LEVER is not None)
"""The inputs the goal mode solves for, in the order of the streams (the page reads their `input_key`)."""


def solve(target: float, values: Inputs, rates: Rates) -> Requirements:
    """For a monthly target in EUR (already read by `read_target`; net when tax_status is set), the quantity
    each lever needs on its own. `values` are the goal mode's inputs (`goal_inputs`: views may be blank).

    Each lever gives low/high: the count at the optimistic rate, then at the pessimistic one; both None
    when the creator cannot use that lever, with the unmet rules listed.
    """
    situation = TaxSituation.of(values, rates.france)

    def reached(amount_usd: float) -> float:
        euros = in_euros(amount_usd, rates)
        return cents(euros) if situation is None else situation.monthly(euros, euros).net

    gross_eur = _gross_for(target, situation)
    return Requirements(
        target=target,
        currency="EUR",
        net=situation is not None,
        tax_status=values.tax_status,
        gross_needed=GrossNeeded(eur=cents(gross_eur), usd=cents(gross_eur / rates.usd_to_eur.value)),
        levers={stream.NAME: _solve(stream, stream.LEVER, values, rates, target, gross_eur, reached)
                for stream in STREAMS if stream.LEVER is not None},
    )


def requirements(target_monthly_eur: object, inputs: Inputs | Mapping[str, object], rates: Rates) -> dict[str, Any]:
    """`solve` as the plain dict README documents, for a target given as a number or French text ("1 000 €").

    Takes inputs already read, or a mapping of input keys to values, validated as the goal mode reads
    them (`goal_inputs`). Raises InputError (key "target" or an input key) for invalid values.
    """
    target = read_target(target_monthly_eur)
    values = inputs if isinstance(inputs, Inputs) else validate_inputs(goal_inputs(inputs), rates)
    result: dict[str, Any] = plain(solve(target, values, rates))
    return result


def _solve(stream: StreamModule, lever: Lever, values: Inputs, rates: Rates, target: float, gross_eur: float,
           reached: Callable[[float], float]) -> LeverAnswer:
    probe = stream.compute(_with(values, lever.input_key, PROBE), rates)
    unreachable = LeverAnswer(label=probe.label, input=lever.input_key, unit=lever.unit, low=None, high=None,
                              reachable=False, at_minimum=False, unmet=probe.unmet, reasons=probe.reasons)
    if not probe.eligible or probe.amount.low <= 0:
        if probe.eligible:
            return dataclasses.replace(unreachable, reasons=("Avec ces réglages, cette source ne rapporte rien.",))
        return unreachable
    floor = lever.floor(rates)

    def enough(count: int, bound: Callable[[MoneyRange], float]) -> bool:
        return reached(bound(stream.compute(_with(values, lever.input_key, float(count)), rates).amount)) >= target

    def count_for(bound: Callable[[MoneyRange], float]) -> int | None:
        """The least count from the programme's minimum on that reaches the target (None past LARGEST).

        Starts from the probe's estimate, which the rounding of the probe to the cent can put far off
        for tiny rates, so it searches by doubling steps, then bisects: never a step-by-step walk.
        """
        start, limit = math.ceil(floor), int(LARGEST)
        guess = min(gross_eur / rates.usd_to_eur.value / (bound(probe.amount) / PROBE), LARGEST)
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

    optimistic, pessimistic = count_for(_best), count_for(_worst)
    if optimistic is None or pessimistic is None:
        too_many = f"Il faudrait plus de {french.number(LARGEST)} {lever.unit}."
        return dataclasses.replace(unreachable, reasons=(too_many,))
    return dataclasses.replace(unreachable, low=optimistic, high=pessimistic, reachable=True,
                               at_minimum=optimistic <= floor)


def _best(amount: MoneyRange) -> float:
    return amount.high


def _worst(amount: MoneyRange) -> float:
    return amount.low


def _with(values: Inputs, key: str, quantity: float) -> Inputs:
    changes: dict[str, Any] = {key: quantity}
    return dataclasses.replace(values, **changes)


def _gross_for(target: float, situation: TaxSituation | None) -> float:
    """The monthly gross (= turnover) in EUR whose net is the target, found by bisection."""
    if situation is None:
        return target
    low, high = target, 2 * target
    while situation.monthly(high, high).net < target:
        low, high = high, 2 * high
    for _ in range(60):
        middle = (low + high) / 2
        if situation.monthly(middle, middle).net < target:
            low = middle
        else:
            high = middle
    return high
