"""Hypothesis strategies shared by the property tests: a creator's inputs, a French tax situation."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from calculator import Rates

money = st.floats(0, 10_000, allow_nan=False)


def creator_inputs(rates: Rates) -> st.SearchStrategy[dict[str, Any]]:
    """Every estimate() input but the tax ones, over wide ranges (choices from rates.yml)."""
    return st.fixed_dictionaries({
        "followers": st.integers(0, 10**9),
        "age": st.integers(0, 130),
        "monthly_views": st.integers(0, 10**11),
        "video_seconds": st.floats(0, 3600, allow_nan=False),
        "sponsored_videos": st.integers(0, 100),
        "engagement_rate": st.none() | st.floats(0, 100, allow_nan=False),
        "niche": st.sampled_from(sorted(rates.niches)),
        "affiliate_sales": st.integers(0, 10**6),
        "average_order_value": money,
        "live_diamonds": st.integers(0, 10**9),
        "subscribers": st.integers(0, 10**7),
        "subscription_price": money,
        "region": st.sampled_from(sorted(rates.regions)),
        "product_sales": st.integers(0, 10**6),
        "product_price": money,
        "product_type": st.sampled_from(sorted(rates.own_products.product_types)),
    })


def tax_situations(rates: Rates) -> st.SearchStrategy[dict[str, Any]]:
    """A micro-entreprise category of rates.yml, with or without the versement libératoire, and a household."""
    return st.fixed_dictionaries({
        "tax_status": st.sampled_from(sorted(rates.france.categories)),
        "versement_liberatoire": st.booleans(),
        "household": st.sampled_from(["single", "couple"]),
        "children": st.integers(0, 5),
        "other_taxable_income": st.sampled_from([0, 20_000, 60_000, 250_000]),
    })


def goal_creators(rates: Rates) -> st.SearchStrategy[dict[str, Any]]:
    """A creator as the goal mode sees one (no views: they are solved for)."""
    return st.fixed_dictionaries({
        "followers": st.integers(0, 10**7),
        "age": st.integers(0, 80),
        "video_seconds": st.sampled_from([30, 61, 90, 600]),
        "engagement_rate": st.none() | st.floats(0, 30, allow_nan=False),
        "niche": st.sampled_from(sorted(rates.niches)),
    })
