"""The closed Creator Fund, for comparison: what the same views would have paid, views x its RPM (one
range per sourced RPM) for videos of at least its minimum length. Never counted in the total.
"""

from __future__ import annotations

from ..inputs import Inputs
from ..rates import Rates
from ..results import NoDetails, Stream
from .shape import at_least, per_thousand_views, stream

NAME = "creator_fund"
LEVER = None


def compute(inputs: Inputs, rates: Rates) -> Stream[NoDetails]:
    rules = rates.creator_fund
    unmet = at_least(inputs.video_seconds, "video_seconds", rules.min_video_seconds,
                     "Les vidéos devaient durer au moins {minimum} secondes.")
    return stream(rules.label, per_thousand_views(inputs.monthly_views, rules.rpm, rates), unmet,
                  inputs_used=["monthly_views", "video_seconds"], paid_by="tiktok", in_total=False,
                  details=NoDetails(), unlock="montré pour comparaison seulement : ce fonds a fermé")
