"""Sponsored videos: videos per month x price per video, the price set by follower tier or per follower.

Each sourced price (a tier table's price for the creator's tier, or a price per 1,000
followers) gives its own range; all are adjusted by the same two factors:
- engagement: the creator's rate over the sourced benchmark, clamped to the stated bounds
  (a blank rate counts as the benchmark, so the factor is 1);
- niche: the niche's factor range from rates.yml (1 for the niches sources say pay best).
Brands pay it, to accounts from the follower count at which they start to ask. The goal mode
solves this stream for the sponsored videos per month.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import french
from ..inputs import Inputs
from ..rates import BrandDeals, Rates, Tier
from ..results import Bounds, Stream
from .shape import Lever, SourcedRange, at_least, stream

NAME = "brand_deals"
LEVER = Lever("sponsored_videos", "vidéos sponsorisées par mois")


@dataclass(frozen=True)
class TierLabel:
    key: str
    label: str


@dataclass(frozen=True)
class Details:
    tier: TierLabel | None
    """The follower tier the creator reaches, if any."""
    engagement_factor: float
    niche_factor: Bounds


def compute(inputs: Inputs, rates: Rates) -> Stream[Details]:
    rules = rates.brand_deals
    niche = rates.niches[inputs.niche]
    unmet = at_least(inputs.followers, "followers", rules.min_followers,
                     "Les marques démarchent les comptes à partir d'environ {minimum} abonnés.")
    tier = creator_tier(inputs.followers, rules.tiers)
    engagement = engagement_factor(inputs.engagement_rate, rules)
    low_factor = inputs.sponsored_videos * engagement * niche.brand_factor.low
    high_factor = inputs.sponsored_videos * engagement * niche.brand_factor.high
    ranges = [
        SourcedRange(table.prices[tier.key], table.prices[tier.key].low * low_factor,
                     table.prices[tier.key].high * high_factor)
        for table in rules.price_tables
        if tier is not None and tier.key in table.prices
    ]
    thousands = inputs.followers / 1000
    ranges += [SourcedRange(rate, thousands * rate.low * low_factor, thousands * rate.high * high_factor)
               for rate in rules.follower_rates]
    details = Details(tier=None if tier is None else TierLabel(tier.key, tier.label),
                      engagement_factor=round(engagement, 4),
                      niche_factor=Bounds(niche.brand_factor.low, niche.brand_factor.high))
    return stream(rules.label, ranges, unmet, inputs_used=["followers", "sponsored_videos", "engagement_rate", "niche"],
                  paid_by="brand", details=details,
                  unlock=f"dès {french.number(rules.min_followers.value)} abonnés, indiquez vos vidéos sponsorisées "
                         "par mois")


def creator_tier(followers: float, tiers: tuple[Tier, ...]) -> Tier | None:
    """The highest tier whose floor the creator reaches (tiers are sorted by floor)."""
    reached = [tier for tier in tiers if followers >= tier.min_followers.value]
    return reached[-1] if reached else None


def engagement_factor(engagement_rate: float | None, rules: BrandDeals) -> float:
    if engagement_rate is None:
        return 1.0
    ratio = engagement_rate / rules.engagement_benchmark.value
    return min(max(ratio, rules.engagement_factor_min.value), rules.engagement_factor_max.value)
