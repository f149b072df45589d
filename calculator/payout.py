"""Getting paid: the withdrawal minimum for the creator's region and how long until it is reached.

Only money paid through TikTok's wallet counts here (Creator Rewards, LIVE gifts,
subscriptions): brands, merchants and customers pay the creator directly.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from .rates import Payout as PayoutRules
from .rates import Region
from .results import USD, Money, MoneyRange, Months, Payout, Stream, summed


def payout(streams: Iterable[Stream[Any]], rules: PayoutRules, region: Region) -> Payout:
    monthly = summed((s.amount for s in streams if s.in_total and s.paid_by == "tiktok"), USD)
    minimum = region.payout_minimum
    return Payout(
        region=region.key,
        region_label=region.label,
        minimum=MoneyRange(minimum.low, minimum.high, USD),
        methods=rules.methods,
        daily_limit=Money(rules.daily_limit.value, USD),
        processing_days=rules.processing_days.value,
        tiktok_monthly=monthly,
        months_to_first_payout=months_to_reach(minimum.low, minimum.high, monthly.low, monthly.high),
        references=(*minimum.references, *rules.daily_limit.references),
    )


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
