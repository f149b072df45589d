"""The direct programmes that pay per 1,000 views: the Creator Rewards Program and the old Creator Fund."""

from __future__ import annotations

from ..inputs import Inputs
from ..rates import CreatorFund, CreatorRewards, Parameter
from .shape import SourcedRange, at_least, stream

VIEW_INPUTS = ["followers", "age", "monthly_views", "video_seconds"]


def creator_rewards(inputs: Inputs, rules: CreatorRewards) -> dict[str, object]:
    """Creator Rewards Program: qualified views x RPM, for eligible creators with videos over a minute.

    Every view the creator enters counts as qualified: the page and the guide say so.
    """
    unmet = [
        *at_least(inputs.followers, "followers", rules.min_followers, "Il faut au moins {minimum} abonnés."),
        *at_least(inputs.monthly_views, "monthly_views", rules.min_monthly_views,
                  "Il faut au moins {minimum} vues sur les 30 derniers jours."),
        *at_least(inputs.age, "age", rules.min_age, "Il faut avoir au moins {minimum} ans."),
        *at_least(inputs.video_seconds, "video_seconds", rules.min_video_seconds,
                  "Seules les vidéos de plus de {minimum} secondes sont rémunérées.", strictly=True),
    ]
    return stream(rules.label, _per_thousand_views(inputs.monthly_views, rules.rpm), unmet,
                  inputs_used=VIEW_INPUTS, paid_by="tiktok")


def creator_fund(inputs: Inputs, rules: CreatorFund) -> dict[str, object]:
    """The closed Creator Fund, for comparison: what the same views would have paid. Never in the total."""
    unmet = at_least(inputs.video_seconds, "video_seconds", rules.min_video_seconds,
                     "Les vidéos devaient durer au moins {minimum} secondes.")
    return stream(rules.label, _per_thousand_views(inputs.monthly_views, rules.rpm), unmet,
                  inputs_used=["monthly_views", "video_seconds"], paid_by="tiktok", in_total=False)


def _per_thousand_views(views: float, rpms: tuple[Parameter, ...]) -> list[SourcedRange]:
    return [SourcedRange(rpm, views / 1000 * rpm.low, views / 1000 * rpm.high) for rpm in rpms]

