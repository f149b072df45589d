"""The calculator: one pure function of (inputs, rates); `calculate` gives the typed `Estimate`,
`estimate` the plain, JSON-serialisable data every front end reads."""

from __future__ import annotations

from collections.abc import Mapping

from .inputs import Inputs, parsed
from .net import net_block
from .payout import payout
from .rates import Rates
from .results import USD, Estimate, Notice, PlainEstimate, plain_estimate, summed
from .streams import STREAMS

FRANCE = "france"


def calculate(values: Inputs, rates: Rates) -> Estimate:
    """Monthly earnings ranges per income stream, in USD, and when the first payout comes; with a
    `net` block in EUR (contributions, income tax, what is left) when `tax_status` is set."""
    streams = {stream.NAME: stream.compute(values, rates) for stream in STREAMS}
    counted = [result for result in streams.values() if result.in_total]
    total = summed((result.amount for result in counted), USD)
    return Estimate(
        currency=rates.currency,
        streams=streams,
        total=total,
        payout=payout(streams, rates, rates.regions[values.region]),
        notices=notices(values, rates),
        net=net_block(total, summed((result.turnover for result in counted), USD), values, rates,
                      in_france=summed((result.turnover for result in counted
                                        if not result.paid_by.startswith("tiktok")), USD)),
    )


def estimate(inputs: Inputs | Mapping[str, object], rates: Rates) -> PlainEstimate:
    """`calculate` as the plain dict README documents ("What `estimate()` returns").

    Takes inputs already read (`calculator.inputs.read_inputs`), or a mapping of input keys to values,
    which it validates: InputError (naming the key) for a missing, unknown or invalid input.
    """
    return plain_estimate(calculate(parsed(inputs, rates), rates))


def notices(values: Inputs, rates: Rates) -> tuple[Notice, ...]:
    """What the reader must know about the whole result: for now, a child influencer's blocked account in France."""
    protected = rates.minors.protected_below
    if values.region != FRANCE or values.age >= protected.value:
        return ()
    return (Notice(
        code="minor_blocked_account",
        message=(f"Moins de {protected.value:g} ans : en France, la loi n° 2020-1266 du 19 octobre 2020 sur les "
                 "enfants influenceurs fait verser l'essentiel de ces revenus (au-delà d'un seuil fixé par décret, "
                 "une part pouvant rester aux parents) sur un compte à la Caisse des dépôts, bloqué jusqu'à la "
                 "majorité. Les marques qui vous paient déposent elles-mêmes votre rémunération."),
        references=protected.references),)
