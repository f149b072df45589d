"""Getting paid: the withdrawal minimum for the creator's region and how long until it is reached.

Only money paid through TikTok's wallet counts here (Creator Rewards, LIVE gifts,
subscriptions): brands, merchants and customers pay the creator directly.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from .rates import Payout, Region
from .streams.shape import summed


def payout(streams: Mapping[str, Mapping[str, object]], rules: Payout, region: Region) -> dict[str, object]:
    paid_by_tiktok = [s for s in streams.values() if s["in_total"] and s["paid_by"] == "tiktok"]
    monthly = summed(paid_by_tiktok)
    minimum = region.payout_minimum
    return {
        "region": region.key,
        "region_label": region.label,
        "minimum": {"low": minimum.low, "high": minimum.high},
        "methods": list(rules.methods),
        "daily_limit": rules.daily_limit.value,
        "processing_days": rules.processing_days.value,
        "tiktok_monthly": monthly,
        "months_to_first_payout": months_to_reach(minimum.low, minimum.high, monthly["low"], monthly["high"]),
        "references": [{"title": ref.title, "url": ref.url}
                       for ref in (*minimum.references, *rules.daily_limit.references)],
    }


def months_to_reach(minimum_low: float, minimum_high: float, monthly_low: float,
                    monthly_high: float) -> dict[str, int | None] | None:
    """Fastest case: the smallest minimum at the best month; slowest: the largest at the worst.

    None when even the best month earns nothing; "high" is None when the worst month earns nothing.
    """
    if monthly_high <= 0:
        return None
    return {
        "low": max(1, math.ceil(minimum_low / monthly_high)),
        "high": max(1, math.ceil(minimum_high / monthly_low)) if monthly_low > 0 else None,
    }

