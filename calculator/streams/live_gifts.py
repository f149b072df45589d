"""LIVE gifts: diamonds received x what one diamond is worth to the creator, one range per sourced
diamond value. TikTok pays it, to creators who reach the minimum followers and age for LIVE.

The details say what viewers paid for those gifts (coins bought: diamonds / diamonds per coin, at
the cheapest and dearest sourced coin price) and the creator's share of it, so the split shows.
The goal mode solves this stream for the monthly diamonds.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..inputs import Inputs
from ..money import cents
from ..rates import Rates
from ..results import USD, Bounds, MoneyRange, Stream
from .shape import Lever, SourcedRange, at_least, percent, stream

NAME = "live_gifts"
LEVER = Lever("live_diamonds", "diamants reçus en LIVE par mois")


@dataclass(frozen=True)
class Details:
    viewer_paid: MoneyRange
    """What viewers spent on the coins behind those diamonds."""
    creator_share_percent: Bounds


def compute(inputs: Inputs, rates: Rates) -> Stream[Details]:
    rules = rates.live_gifts
    unmet = [
        *at_least(inputs.followers, "followers", rules.min_followers,
                  "Il faut au moins {minimum} abonnés pour faire des LIVE."),
        *at_least(inputs.age, "age", rules.min_age, "Il faut avoir au moins {minimum} ans pour recevoir des cadeaux."),
    ]
    ranges = [SourcedRange(value, inputs.live_diamonds * value.low, inputs.live_diamonds * value.high)
              for value in rules.diamond_value]
    coins = inputs.live_diamonds / rules.diamonds_per_coin.value if rules.diamonds_per_coin.value else 0.0
    viewer_paid = MoneyRange(cents(coins * min(p.low for p in rules.coin_price)),
                             cents(coins * max(p.high for p in rules.coin_price)), USD)
    share_low, share_high = percent(rules.creator_share)
    return stream(rules.label, ranges, unmet, inputs_used=["followers", "age", "live_diamonds"], paid_by="tiktok",
                  details=Details(viewer_paid, Bounds(share_low * 100, share_high * 100)))
