"""Getting paid: each balance TikTok pays into has its own rules, and its own time to the first payout.

- Creator Rewards Program: a month's rewards are paid on a set day of the next month
  (`payout.rewards_payment_day`) once the balance reaches the region's minimum
  (`regions.*.payout_minimum`, a figure from the seed article only), so the first payout comes one
  month after the minimum is reached.
- LIVE gifts and subscriptions: a balance the creator withdraws once it reaches the LIVE minimum
  (`payout.live_minimum`, one figure per source), at most the daily limit, processed within the
  stated days (TikTok's wallet page).
- TikTok Shop affiliate commissions (when `affiliate_channel` is tiktok_shop): paid by TikTok Shop
  about `affiliate.settlement_days` after delivery, refunds deducted; no minimum was found.

Brands, merchants and customers pay the creator directly: they are in no balance.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from . import french
from .rates import Parameter, Rates, Region
from .results import USD, Balance, Money, MoneyRange, Months, Payout, Stream, summed


def payout(streams: Mapping[str, Stream[Any]], rates: Rates, region: Region) -> Payout:
    rules = rates.payout
    methods = " ou ".join(rules.methods)

    def monthly(names: Iterable[str]) -> MoneyRange:
        return summed((streams[name].amount for name in names
                       if name in streams and streams[name].in_total and streams[name].paid_by != "merchant"), USD)

    rewards = monthly(["creator_rewards"])
    minimum = region.payout_minimum
    day = rules.rewards_payment_day
    balances = [Balance(
        key="creator_rewards", label="Programme de récompenses pour les créateurs", streams=("creator_rewards",),
        monthly=rewards, minimum=MoneyRange(minimum.low, minimum.high, USD),
        schedule=f"Les gains d'un mois sont versés le {french.number(day.value)} du mois suivant, une fois le "
                 f"minimum atteint, puis retirés par {methods} (règle rapportée par des sites tiers, pas par TikTok ; "
                 f"le minimum ne vient que de l'article source).",
        methods=rules.methods, daily_limit=None, processing_days=None,
        months_to_first_payout=later(months_to_reach(minimum.low, minimum.high, rewards.low, rewards.high), 1),
        references=(*minimum.references, *day.references))]
    live = monthly(["live_gifts", "subscriptions"])
    live_minimum = envelope(rules.live_minimum)
    balances.append(Balance(
        key="live", label="Cadeaux LIVE et abonnements", streams=("live_gifts", "subscriptions"), monthly=live,
        minimum=live_minimum,
        schedule=f"Solde que vous retirez vous-même une fois le minimum atteint, par {methods} : au plus "
                 f"{french.money(rules.daily_limit.value, USD)} par jour, demande traitée sous "
                 f"{french.number(rules.processing_days.value)} jours.",
        methods=rules.methods, daily_limit=Money(rules.daily_limit.value, USD),
        processing_days=rules.processing_days.value,
        months_to_first_payout=months_to_reach(live_minimum.low, live_minimum.high, live.low, live.high),
        references=(*unique(ref for item in rules.live_minimum for ref in item.references),
                    *rules.daily_limit.references)))
    if "affiliate" in streams and streams["affiliate"].paid_by == "tiktok_shop":
        shop = monthly(["affiliate"])
        settlement = rates.affiliate.settlement_days
        balances.append(Balance(
            key="tiktok_shop", label="Commissions TikTok Shop", streams=("affiliate",), monthly=shop, minimum=None,
            schedule=f"Chaque commission est versée par TikTok Shop environ {french.number(settlement.value)} jours "
                     "après la livraison, une fois le délai de retour passé, remboursements déduits.",
            methods=(), daily_limit=None, processing_days=settlement.value,
            months_to_first_payout=months_to_reach(0, 0, shop.low, shop.high),
            references=settlement.references))
    return Payout(region=region.key, region_label=region.label,
                  tiktok_monthly=summed((balance.monthly for balance in balances), USD),
                  months_to_first_payout=soonest(balance.months_to_first_payout for balance in balances),
                  balances=tuple(balances))


def envelope(figures: Iterable[Parameter]) -> MoneyRange:
    chosen = list(figures)
    return MoneyRange(min(item.low for item in chosen), max(item.high for item in chosen), USD)


def unique(items: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(dict.fromkeys(items))


def months_to_reach(minimum_low: float, minimum_high: float, monthly_low: float,
                    monthly_high: float) -> Months | None:
    """Fastest case: the smallest minimum at the best month; slowest: the largest at the worst.

    None when even the best month earns nothing; "high" is None when the worst month earns nothing.
    """
    if monthly_high <= 0:
        return None
    return Months(
        low=max(1, math.ceil(minimum_low / monthly_high)),
        high=max(1, math.ceil(minimum_high / monthly_low)) if monthly_low > 0 else None,
    )


def later(months: Months | None, lag: int) -> Months | None:
    """The same, paid `lag` months after the minimum is reached."""
    if months is None:
        return None
    return Months(months.low + lag, None if months.high is None else months.high + lag)


def soonest(all_months: Iterable[Months | None]) -> Months | None:
    """The first payout from any balance: the soonest best case, and the soonest worst case that ever pays."""
    found = [months for months in all_months if months is not None]
    if not found:
        return None
    worst = [months.high for months in found if months.high is not None]
    return Months(min(months.low for months in found), min(worst) if worst else None)
