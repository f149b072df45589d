"""The direct programmes that pay per 1,000 views: the Creator Rewards Program and the old Creator Fund."""

from __future__ import annotations

from collections.abc import Mapping

from ..money import french_number
from ..rates import CreatorFund, CreatorRewards, Parameter
from .shape import Unmet, stream


def creator_rewards(inputs: Mapping[str, float], rules: CreatorRewards) -> dict[str, object]:
    """Creator Rewards Program: qualified views x RPM, for eligible creators with videos over a minute.

    Every view the creator enters counts as qualified: the page and the guide say so.
    """
    unmet = [
        requirement
        for requirement in (
            _at_least(inputs, "followers", rules.min_followers, "Il faut au moins {minimum} abonnés."),
            _at_least(inputs, "monthly_views", rules.min_monthly_views,
                      "Il faut au moins {minimum} vues sur les 30 derniers jours."),
            _at_least(inputs, "age", rules.min_age, "Il faut avoir au moins {minimum} ans."),
            _longer_than(inputs, "video_seconds", rules.min_video_seconds,
                         "Seules les vidéos de plus de {minimum} secondes sont rémunérées."),
        )
        if requirement is not None
    ]
    return stream(rules.label, _per_thousand_views(inputs["monthly_views"], rules.rpm), unmet, in_total=True)


def creator_fund(inputs: Mapping[str, float], rules: CreatorFund) -> dict[str, object]:
    """The closed Creator Fund, for comparison: what the same views would have paid. Never in the total."""
    unmet = [
        requirement
        for requirement in (
            _at_least(inputs, "video_seconds", rules.min_video_seconds,
                      "Les vidéos devaient durer au moins {minimum} secondes."),
        )
        if requirement is not None
    ]
    return stream(rules.label, _per_thousand_views(inputs["monthly_views"], rules.rpm), unmet, in_total=False)


def _per_thousand_views(views: float, rpms: tuple[Parameter, ...]) -> list[tuple[Parameter, float, float]]:
    return [(rpm, views / 1000 * rpm.low, views / 1000 * rpm.high) for rpm in rpms]


def _at_least(inputs: Mapping[str, float], key: str, minimum: Parameter, reason: str) -> Unmet | None:
    if inputs[key] >= minimum.value:
        return None
    return Unmet(key, reason.format(minimum=french_number(minimum.value)))


def _longer_than(inputs: Mapping[str, float], key: str, minimum: Parameter, reason: str) -> Unmet | None:
    if inputs[key] > minimum.value:
        return None
    return Unmet(key, reason.format(minimum=french_number(minimum.value)))
