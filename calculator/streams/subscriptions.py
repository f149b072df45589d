"""Subscriptions: subscribers x monthly price, less the app stores' fee, times the creator's share for
the region of residence (one range: the worst fee with the lowest share, the best fee with the
highest). TikTok pays it, to creators who reach the minimum followers and age.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..inputs import Inputs
from ..rates import Rates
from ..results import USD, MoneyRange, Stream
from .shape import SourcedRange, at_least, percent, stream

NAME = "subscriptions"
LEVER = None


@dataclass(frozen=True)
class Details:
    subscribers_paid: MoneyRange
    """Subscribers x price: what subscribers paid before fees and TikTok's share."""


def compute(inputs: Inputs, rates: Rates) -> Stream[Details]:
    rules = rates.subscriptions
    region = rates.regions[inputs.region]
    unmet = [
        *at_least(inputs.followers, "followers", rules.min_followers,
                  "Il faut au moins {minimum} abonnés pour proposer un abonnement."),
        *at_least(inputs.age, "age", rules.min_age, "Il faut avoir au moins {minimum} ans."),
    ]
    gross = inputs.subscribers * inputs.subscription_price
    fee_low, fee_high = percent(rules.store_fee)
    share_low, share_high = percent(region.subscription_share)
    ranges = [SourcedRange(region.subscription_share, gross * (1 - fee_high) * share_low,
                           gross * (1 - fee_low) * share_high)]
    return stream(rules.label, ranges, unmet,
                  inputs_used=["followers", "age", "subscribers", "subscription_price", "region"], paid_by="tiktok",
                  details=Details(MoneyRange(gross, gross, USD)))
