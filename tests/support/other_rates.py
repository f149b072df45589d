"""rates.yml with the figures the guide shows moved to new values, for a second build of the site.

One build from these rates serves every test that checks the site follows rates.yml: the guide's
pages (tests/site), the calculator and a returning reader's cache (tests/e2e).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from tests.support.repository import RATES_TEXT

# Each topic page and parameters it must show (at least one per page; the guide shows many more).
PAGE_FIGURES = {
    "index.html": ["creator_rewards.rpm[0]", "creator_rewards.rpm[1]", "creator_fund.rpm[0]",
                   "creator_rewards.min_followers"],
    "programmes/fonds-createurs/index.html": ["creator_fund.rpm[0]", "creator_fund.us_fund"],
    "programmes/recompenses-createurs/index.html": ["creator_rewards.rpm[1]", "creator_rewards.qualified_view_seconds",
                                                    "creator_rewards.min_followers",
                                                    "creator_rewards.min_monthly_views",
                                                    "creator_rewards.qualified_share"],
    "revenus/partenariats/index.html": ["brand_deals.engagement_benchmark", "brand_deals.price_tables[1].prices.mid",
                                        "brand_deals.france_survey[0].price", "brand_deals.france_survey[0].share",
                                        "brand_deals.france_survey[2].price", "creator_marketplace.min_followers",
                                        "creator_marketplace.countries_count"],
    "revenus/affiliation/index.html": ["niches.beauty.affiliate_commission[0]", "affiliate.commission_bound",
                                       "affiliate.bio_link_min_followers", "affiliate.shop_min_followers",
                                       "affiliate.shop_min_followers_elsewhere", "affiliate.settlement_days"],
    "revenus/live/index.html": ["live_gifts.diamond_value[0]", "live_gifts.creator_share",
                                "regions.united_states.live_share", "live_gifts.min_followers"],
    "revenus/abonnements/index.html": ["regions.united_states.subscription_share", "subscriptions.store_fee",
                                       "subscriptions.views_route_monthly_views", "regions.france.subscription_vat"],
    "revenus/produits/index.html": ["own_products.product_types.digital.margins[0]", "series.price",
                                    "series.min_followers", "series.payout_minimum", "series.max_videos"],
    "comprendre/facteurs/index.html": ["brand_deals.engagement_benchmark"],
    "comprendre/strategies/index.html": ["creator_rewards.min_monthly_views"],
    "paiements/index.html": ["payout.daily_limit", "regions.france.payout_minimum", "payout.live_minimum[0]",
                             "series.payout_minimum", "payout.rewards_payment_day"],
    "faq/index.html": ["creator_rewards.min_followers", "brand_deals.france_survey[0].price",
                       "brand_deals.france_survey[0].share", "series.min_age"],
    "glossaire/index.html": ["creator_fund.rpm[0]"],
    "impots/index.html": ["france.categories.micro_bnc.allowance", "france.categories.micro_bic_sales.turnover_ceiling",
                          "france.allowance_minimum", "france.versement_liberatoire_ceiling",
                          "france.formalities.vat_single_threshold"],
    "declarer/index.html": ["france.formalities.registration_days", "france.formalities.acre_request_days",
                            "france.formalities.acre_cut_earlier", "france.formalities.acre_cut",
                            "france.formalities.cfe_exemption_turnover",
                            "france.formalities.influence_contract_threshold",
                            "france.formalities.versement_liberatoire_months", "france.versement_liberatoire_ceiling"],
    "objectif/index.html": ["creator_rewards.min_monthly_views", "france.categories.micro_bnc.training_levy"],
    "sources/index.html": ["usd_to_eur", "live_gifts.diamond_value[0]", "own_products.product_types.merch.margins[0]"],
}
CHANGED = sorted({path for paths in PAGE_FIGURES.values() for path in paths})


def changed_rates(paths: list[str]) -> str:
    """rates.yml with each listed parameter moved to a new, distinctive value."""
    document = yaml.safe_load(RATES_TEXT)
    for path in paths:
        node: Any = document
        for step in re.findall(r"[^.\[\]]+", path):
            node = node[int(step)] if step.isdigit() else node[step]
        unit = node.get("unit")
        if "values" in node:  # dated values: change the one in force (the newest)
            node = node["values"][-1]
        bound = "high" if "high" in node else "value"
        node[bound] = round(node[bound] * 1.5 + (0.07 if node[bound] < 10 else 7), 2)
        if unit == "percent":
            node[bound] = min(node[bound], 99.5)
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


OTHER_RATES_TEXT = changed_rates(CHANGED)
