"""Affiliate commissions on others' products: sales x average order value x commission, one range per
sourced commission for the creator's niche. The details give what buyers spent (sales x average
order) and the range of rates TikTok Shop lets sellers set (a bound, never a range of pay).

With `affiliate_channel` tiktok_shop (products added to TikTok videos), TikTok Shop pays the
commission after delivery and the return window, refunds deducted, to creators who reach its
access rule (France: 18 or older and 1,500 followers at the March 2025 launch; business accounts
admitted). With `links` (other affiliate programmes), the merchant pays and no follower rule applies.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import french
from ..inputs import Inputs
from ..rates import Rates
from ..results import USD, Bounds, MoneyRange, PaidBy, Stream
from .shape import SourcedRange, account_allowed, at_least, percent, stream

NAME = "affiliate"
LEVER = None
TIKTOK_SHOP = "tiktok_shop"


@dataclass(frozen=True)
class Details:
    sales: MoneyRange
    """What buyers spent through the creator's links."""
    channel: str
    commission_bound_percent: Bounds
    """The rates a TikTok Shop seller may set (every typical band lies inside it)."""


def compute(inputs: Inputs, rates: Rates) -> Stream[Details]:
    rules = rates.affiliate
    sales = inputs.affiliate_sales * inputs.average_order_value
    ranges = [SourcedRange(commission, sales * percent(commission)[0], sales * percent(commission)[1])
              for commission in rates.niches[inputs.niche].affiliate_commission]
    shop = inputs.affiliate_channel == TIKTOK_SHOP
    unmet = [
        *at_least(inputs.followers, "followers", rules.shop_min_followers,
                  "L'affiliation TikTok Shop demande au moins {minimum} abonnés (règle du lancement en France)."),
        *at_least(inputs.age, "age", rules.shop_min_age, "L'affiliation TikTok Shop demande d'avoir au moins "
                  "{minimum} ans."),
        *account_allowed(inputs.account_type, rules.business_accounts, "à l'affiliation TikTok Shop"),
    ] if shop else []
    paid_by: PaidBy = "tiktok_shop" if shop else "merchant"
    bound = rules.commission_bound
    return stream(rules.label, ranges, unmet,
                  inputs_used=["affiliate_channel", "affiliate_sales", "average_order_value", "niche",
                               *(["followers", "age", "account_type"] if shop else [])],
                  paid_by=paid_by,
                  unlock="indiquez vos ventes affiliées par mois et leur panier moyen" + (
                      f" (TikTok Shop : dès {french.number(rules.shop_min_age.value)} ans et "
                      f"{french.number(rules.shop_min_followers.value)} abonnés)" if shop else ""),
                  details=Details(MoneyRange(sales, sales, USD), inputs.affiliate_channel,
                                                   Bounds(bound.low, bound.high)))
