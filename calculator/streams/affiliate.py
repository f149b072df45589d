"""Affiliate commissions on others' products: sales x average order value x commission, one range per
sourced commission for the creator's niche. Merchants pay it; no minimum applies. The details give
what buyers spent (sales x average order).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..inputs import Inputs
from ..rates import Rates
from ..results import USD, MoneyRange, Stream
from .shape import SourcedRange, percent, stream

NAME = "affiliate"
LEVER = None


@dataclass(frozen=True)
class Details:
    sales: MoneyRange
    """What buyers spent through the creator's links."""


def compute(inputs: Inputs, rates: Rates) -> Stream[Details]:
    sales = inputs.affiliate_sales * inputs.average_order_value
    ranges = [SourcedRange(commission, sales * percent(commission)[0], sales * percent(commission)[1])
              for commission in rates.niches[inputs.niche].affiliate_commission]
    return stream(rates.affiliate.label, ranges, [], inputs_used=["affiliate_sales", "average_order_value", "niche"],
                  paid_by="merchant", details=Details(MoneyRange(sales, sales, USD)))
