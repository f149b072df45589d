"""Creator Rewards Program: qualified views x RPM (what TikTok pays per 1,000 qualified views), one
range per sourced RPM, for eligible creators with videos over a minute.

Qualified views are the 30-day views times `qualified_views_percent` (blank: the share rates.yml
assumes, `creator_rewards.qualified_share`; 100 when the creator enters the qualified views TikTok
Studio shows). Eligibility: the followers, the views over the last 30 days (all of them, as TikTok
states its 100,000-view rule) and the age must reach the programme's minimums, videos must last
strictly longer than its minimum length, the account must be personal, and the programme must be
offered where the creator lives: a country counts only when every sourced list names it
(`creator_rewards.countries_rule`). Otherwise the stream is 0 and the reasons say which rule is
unmet. The goal mode solves this stream for the monthly views, from the programme's own minimum up.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import french
from ..inputs import Inputs
from ..rates import CreatorRewards, Rates, Region
from ..results import Stream
from .shape import Lever, Unmet, account_allowed, at_least, per_thousand_views, stream

NAME = "creator_rewards"
LEVER = Lever("monthly_views", "vues sur 30 jours", floor=lambda rates: rates.creator_rewards.min_monthly_views.value)


@dataclass(frozen=True)
class Details:
    qualified_views: float
    """The views TikTok pays for: the 30-day views x the qualified share."""
    qualified_share_percent: float
    share_assumed: bool
    """True when the share is the model's assumption (the creator left it blank)."""


def compute(inputs: Inputs, rates: Rates) -> Stream[Details]:
    rules = rates.creator_rewards
    unmet = [
        *at_least(inputs.followers, "followers", rules.min_followers, "Il faut au moins {minimum} abonnés."),
        *at_least(inputs.monthly_views, "monthly_views", rules.min_monthly_views,
                  "Il faut au moins {minimum} vues sur les 30 derniers jours."),
        *at_least(inputs.age, "age", rules.min_age, "Il faut avoir au moins {minimum} ans."),
        *at_least(inputs.video_seconds, "video_seconds", rules.min_video_seconds,
                  "Seules les vidéos de plus de {minimum} secondes sont rémunérées.", strictly=True),
        *offered(rates.regions[inputs.region], rules),
        *account_allowed(inputs.account_type, rules.business_accounts, "au programme de récompenses"),
    ]
    assumed = inputs.qualified_views_percent is None
    share = rules.qualified_share.value if inputs.qualified_views_percent is None else inputs.qualified_views_percent
    qualified = inputs.monthly_views * share / 100
    return stream(rules.label, per_thousand_views(qualified, rules.rpm, rates), unmet,
                  inputs_used=["followers", "age", "monthly_views", "qualified_views_percent", "video_seconds",
                               "region", "account_type"],
                  paid_by="tiktok", details=Details(qualified, share, assumed),
                  unlock=f"dès {french.number(rules.min_followers.value)} abonnés, "
                         f"{french.number(rules.min_monthly_views.value)} vues sur 30 jours et "
                         f"{french.number(rules.min_age.value)} ans, avec des vidéos de plus de "
                         f"{french.number(rules.min_video_seconds.value)} secondes")


def offered(region: Region, rules: CreatorRewards) -> list[Unmet]:
    """[] where the programme is offered; else one Unmet on `region` saying which lists name the country."""
    if region.country is None:
        return [] if region.offered else [
            Unmet("region", f"Le programme de récompenses n'est pas proposé dans ce pays ({region.label}).")]
    naming = [source for source in rules.countries if region.country in source.countries]
    if len(naming) == len(rules.countries):
        return []
    if not naming:
        return [Unmet("region", f"Le programme de récompenses n'est pas proposé dans ce pays ({region.label}) : "
                      f"aucune des {len(rules.countries)} listes de pays consultées ne le cite.")]
    cited = " ; ".join(source.label for source in naming)
    return [Unmet("region", f"{region.label} : seule une partie des listes de pays cite ce pays ({cited}). Le modèle "
                  "ne retient que les pays que toutes les listes citent : vérifiez dans TikTok Studio.")]
