"""Subscriptions: subscribers x monthly price, less the VAT included in that price where the region
levies it on TikTok's side (France, Belgium), less the app stores' fee, times the creator's share for
the region of residence (one range: the worst fee with the lowest share, the best fee with the
highest). TikTok pays it into the same balance as LIVE gifts.

Who may offer one (TikTok Newsroom, September 2024): creators of 18 or more with 10,000 followers
and 100,000 video views over the last month, or who meet the LIVE requirements (live_gifts).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import french
from ..inputs import Inputs
from ..money import cents
from ..rates import Rates
from ..results import USD, MoneyRange, Stream
from .shape import SourcedRange, Unmet, account_allowed, at_least, percent, stream

NAME = "subscriptions"
LEVER = None


@dataclass(frozen=True)
class Details:
    subscribers_paid: MoneyRange
    """Subscribers x price: what subscribers paid before VAT, fees and TikTok's share."""
    vat_percent: float | None
    """The VAT included in that price, taken out before the share (None where none applies)."""
    tiktok_received: MoneyRange
    """What TikTok keeps to share, net of VAT and of the app stores' fee (highest fee first)."""


def compute(inputs: Inputs, rates: Rates) -> Stream[Details]:
    rules = rates.subscriptions
    live = rates.live_gifts
    region = rates.regions[inputs.region]
    direct = not at_least(inputs.followers, "followers", rules.views_route_followers, "") and not at_least(
        inputs.monthly_views, "monthly_views", rules.views_route_monthly_views, "")
    via_live = not at_least(inputs.followers, "followers", live.min_followers, "")
    unmet = [
        *([] if direct or via_live else [Unmet(
            "followers", f"Il faut au moins {french.number(rules.views_route_followers.value)} abonnés et "
            f"{french.number(rules.views_route_monthly_views.value)} vues sur le dernier mois, ou remplir les "
            f"conditions du LIVE (au moins {french.number(live.min_followers.value)} abonnés).")]),
        *at_least(inputs.age, "age", rules.min_age, "Il faut avoir au moins {minimum} ans."),
        *account_allowed(inputs.account_type, rules.business_accounts, "aux abonnements"),
    ]
    gross = inputs.subscribers * inputs.subscription_price
    vat = None if region.subscription_vat is None else region.subscription_vat.value
    before_vat = gross / (1 + (vat or 0) / 100)
    fee_low, fee_high = percent(rules.store_fee)
    share_low, share_high = percent(region.subscription_share)
    received = MoneyRange(cents(before_vat * (1 - fee_high)), cents(before_vat * (1 - fee_low)), USD)
    ranges = [SourcedRange(region.subscription_share, before_vat * (1 - fee_high) * share_low,
                           before_vat * (1 - fee_low) * share_high)]
    return stream(rules.label, ranges, unmet,
                  inputs_used=["followers", "age", "monthly_views", "subscribers", "subscription_price", "region",
                               "account_type"],
                  paid_by="tiktok",
                  unlock=f"indiquez vos abonnés payants et le prix de l'abonnement (dès "
                         f"{french.number(rules.views_route_followers.value)} abonnés et "
                         f"{french.number(rules.views_route_monthly_views.value)} vues sur 30 jours, ou "
                         f"{french.number(live.min_followers.value)} abonnés avec le LIVE)",
                  details=Details(MoneyRange(gross, gross, USD), vat, received))
