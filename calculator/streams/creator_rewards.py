"""Creator Rewards Program: qualified views x RPM (what TikTok pays per 1,000 views), one range per
sourced RPM, for eligible creators with videos over a minute.

Eligibility: the followers, the views over the last 30 days and the age must reach the programme's
minimums, and videos must last strictly longer than its minimum length; otherwise the stream is 0
and the reasons say which rule is unmet. Every view the creator enters counts as qualified: the
page and the guide say so. The goal mode solves this stream for the monthly views, from the
programme's own minimum up.
"""

from __future__ import annotations

from ..inputs import Inputs
from ..rates import Rates
from ..results import NoDetails, Stream
from .shape import Lever, at_least, per_thousand_views, stream

NAME = "creator_rewards"
LEVER = Lever("monthly_views", "vues sur 30 jours", floor=lambda rates: rates.creator_rewards.min_monthly_views.value)


def compute(inputs: Inputs, rates: Rates) -> Stream[NoDetails]:
    rules = rates.creator_rewards
    unmet = [
        *at_least(inputs.followers, "followers", rules.min_followers, "Il faut au moins {minimum} abonnés."),
        *at_least(inputs.monthly_views, "monthly_views", rules.min_monthly_views,
                  "Il faut au moins {minimum} vues sur les 30 derniers jours."),
        *at_least(inputs.age, "age", rules.min_age, "Il faut avoir au moins {minimum} ans."),
        *at_least(inputs.video_seconds, "video_seconds", rules.min_video_seconds,
                  "Seules les vidéos de plus de {minimum} secondes sont rémunérées.", strictly=True),
    ]
    return stream(rules.label, per_thousand_views(inputs.monthly_views, rules.rpm, rates), unmet,
                  inputs_used=["followers", "age", "monthly_views", "video_seconds"], paid_by="tiktok",
                  details=NoDetails())
