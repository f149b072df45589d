"""LIVE gifts: diamonds received x what one diamond is worth to the creator. TikTok pays it, to
creators who reach the minimum followers and age for LIVE (business accounts included).

What a diamond is worth is computed, for each sourced coin price, as the price of the coin behind
one diamond times the creator's share for the region of residence (`regions.*.live_share`: up to
50 % outside the United States, 20 to 53 % there since the scaled LIVE rewards); a value a source
states outright (`live_gifts.diamond_value`) adds its own range. The details say what viewers paid
for those gifts (coins bought: diamonds / diamonds per coin, at the cheapest and dearest sourced
coin price) and the share used. The goal mode solves this stream for the monthly diamonds.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .. import french
from ..inputs import Inputs
from ..money import cents
from ..rates import EVIDENCE, Parameter, Rates
from ..results import USD, Bounds, MoneyRange, Stream
from .shape import Lever, SourcedRange, account_allowed, at_least, percent, stream

NAME = "live_gifts"
LEVER = Lever("live_diamonds", "diamants reçus en LIVE par mois")


@dataclass(frozen=True)
class Details:
    viewer_paid: MoneyRange
    """What viewers spent on the coins behind those diamonds."""
    creator_share_percent: Bounds


def compute(inputs: Inputs, rates: Rates) -> Stream[Details]:
    rules = rates.live_gifts
    share = rates.regions[inputs.region].live_share
    unmet = [
        *at_least(inputs.followers, "followers", rules.min_followers,
                  "Il faut au moins {minimum} abonnés pour faire des LIVE."),
        *at_least(inputs.age, "age", rules.min_age, "Il faut avoir au moins {minimum} ans pour recevoir des cadeaux."),
        *account_allowed(inputs.account_type, rules.business_accounts, "aux cadeaux en LIVE"),
    ]
    per_coin = 1 / rules.diamonds_per_coin.value  # parse_rates keeps the ratio in 0.01-100
    share_low, share_high = percent(share)
    ranges = [SourcedRange(diamond_value(price, share), inputs.live_diamonds * price.low * per_coin * share_low,
                           inputs.live_diamonds * price.high * per_coin * share_high)
              for price in rules.coin_price]
    ranges += [SourcedRange(value, inputs.live_diamonds * value.low, inputs.live_diamonds * value.high)
               for value in rules.diamond_value]
    coins = inputs.live_diamonds * per_coin
    viewer_paid = MoneyRange(cents(coins * min(p.low for p in rules.coin_price)),
                             cents(coins * max(p.high for p in rules.coin_price)), USD)
    return stream(rules.label, ranges, unmet,
                  inputs_used=["followers", "age", "live_diamonds", "region", "account_type"],
                  paid_by="tiktok",
                  unlock=f"dès {french.number(rules.min_followers.value)} abonnés et "
                         f"{french.number(rules.min_age.value)} ans, indiquez les diamants reçus par mois",
                  details=Details(viewer_paid, Bounds(share.low, share.high)))


def diamond_value(price: Parameter, share: Parameter) -> Parameter:
    """The figure one computed range comes from: a coin price times the region's share, citing both, and only as
    proven as the weaker of the two (a press price times a vendor's share is a vendor's figure)."""
    shown = french.percent(share.low) if share.low == share.high else \
        f"{french.number(share.low)} à {french.percent(share.high)}"
    return dataclasses.replace(
        price, key=f"{price.key}_share",
        label=f"Valeur d'un diamant : {price.label[0].lower()}{price.label[1:]}, multiplié par la part reversée au "
              f"créateur ({shown})",
        references=(*price.references, *(ref for ref in share.references if ref not in price.references)),
        assumption=price.assumption or share.assumption,
        stated_evidence=max(price.evidence, share.evidence, key=EVIDENCE.index))
