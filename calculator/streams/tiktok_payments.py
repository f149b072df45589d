"""What viewers pay through TikTok and the creator receives: LIVE gifts and subscriptions."""

from __future__ import annotations

from ..inputs import Inputs
from ..money import cents
from ..rates import LiveGifts, Region, Subscriptions
from .shape import SourcedRange, at_least, percent, stream


def live_gifts(inputs: Inputs, rules: LiveGifts) -> dict[str, object]:
    """Diamonds x what one diamond is worth to the creator.

    The details say what viewers paid for those gifts (coins bought), so the split shows:
    each coin spent gives the creator `diamonds_per_coin` diamonds, worth a share of the coin.
    """
    unmet = [
        *at_least(inputs.followers, "followers", rules.min_followers,
                  "Il faut au moins {minimum} abonnés pour faire des LIVE."),
        *at_least(inputs.age, "age", rules.min_age, "Il faut avoir au moins {minimum} ans pour recevoir des cadeaux."),
    ]
    ranges = [SourcedRange(value, inputs.live_diamonds * value.low, inputs.live_diamonds * value.high)
              for value in rules.diamond_value]
    coins = inputs.live_diamonds / rules.diamonds_per_coin.value if rules.diamonds_per_coin.value else 0.0
    viewer_paid = {"low": cents(coins * min(p.low for p in rules.coin_price)),
                   "high": cents(coins * max(p.high for p in rules.coin_price))}
    share_low, share_high = percent(rules.creator_share)
    return stream(rules.label, ranges, unmet, inputs_used=["followers", "age", "live_diamonds"], paid_by="tiktok",
                  details={"viewer_paid": viewer_paid,
                           "creator_share_percent": {"low": share_low * 100, "high": share_high * 100}})


def subscriptions(inputs: Inputs, rules: Subscriptions, region: Region) -> dict[str, object]:
    """Subscribers x price, less app-store fees, times the creator's share for the region."""
    unmet = [
        *at_least(inputs.followers, "followers", rules.min_followers,
                  "Il faut au moins {minimum} abonnés pour proposer un abonnement."),
        *at_least(inputs.age, "age", rules.min_age, "Il faut avoir au moins {minimum} ans."),
    ]
    gross = inputs.subscribers * inputs.subscription_price
    fee_low, fee_high = percent(rules.store_fee)
    share_low, share_high = percent(region.subscription_share)
    share = region.subscription_share
    ranges = [SourcedRange(share, gross * (1 - fee_high) * share_low, gross * (1 - fee_low) * share_high)]
    return stream(rules.label, ranges, unmet,
                  inputs_used=["followers", "age", "subscribers", "subscription_price", "region"], paid_by="tiktok",
                  details={"subscribers_paid": {"low": gross, "high": gross}})
