"""The calculator: one pure function of (inputs, rates) returning plain, JSON-serialisable data."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .inputs import validate_inputs
from .net import net_block
from .payout import payout
from .rates import Rates
from .streams.brand_deals import brand_deals
from .streams.sales import affiliate, own_products
from .streams.shape import summed
from .streams.tiktok_payments import live_gifts, subscriptions
from .streams.views import creator_fund, creator_rewards


def estimate(inputs: Mapping[str, object], rates: Rates) -> dict[str, Any]:
    """Monthly earnings ranges per income stream, in USD, and when the first payout comes; with a
    `net` block in EUR (contributions, income tax, what is left) when `tax_status` is set.

    Raises InputError (naming the key) for a missing, unknown or invalid input.
    """
    values = validate_inputs(inputs, rates)
    niche = rates.niches[values.niche]
    region = rates.regions[values.region]
    streams: dict[str, dict[str, object]] = {
        "creator_rewards": creator_rewards(values, rates.creator_rewards),
        "brand_deals": brand_deals(values, rates.brand_deals, niche),
        "affiliate": affiliate(values, rates.affiliate, niche),
        "live_gifts": live_gifts(values, rates.live_gifts),
        "subscriptions": subscriptions(values, rates.subscriptions, region),
        "own_products": own_products(values, rates.own_products),
        "creator_fund": creator_fund(values, rates.creator_fund),
    }
    counted = [result for result in streams.values() if result["in_total"]]
    total = summed(counted)
    result: dict[str, Any] = {
        "currency": rates.currency,
        "streams": streams,
        "total": total,
        "payout": payout(streams, rates.payout, region),
    }
    net = net_block(total, summed(turnover(result) for result in counted), values, rates)
    if net is not None:
        result["net"] = net
    return result


def turnover(stream: dict[str, object]) -> dict[str, object]:
    """What the stream brings in as turnover: what the creator receives, i.e. the sales revenue for their
    own products (whose amount is the margin), the amount itself for every other stream."""
    details = stream["details"]
    assert isinstance(details, dict)
    if "revenue" in details and stream["eligible"]:
        return dict(details["revenue"])
    return stream

