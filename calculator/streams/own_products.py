"""The creator's own products or services: units x price x margin, one range per sourced margin for
the product type. Customers pay it; no minimum applies.

The amount is the margin, but what the creator declares in France is the sales revenue
(units x price): the stream's turnover, and the details' `revenue`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..inputs import Inputs
from ..rates import Rates
from ..results import USD, MoneyRange, Stream
from .shape import SourcedRange, percent, stream

NAME = "own_products"
LEVER = None


@dataclass(frozen=True)
class Details:
    revenue: MoneyRange
    """Units x price: what customers paid, the turnover declared."""
    product_type: str
    """The product type's French label."""


def compute(inputs: Inputs, rates: Rates) -> Stream[Details]:
    rules = rates.own_products
    product = rules.product_types[inputs.product_type]
    revenue = MoneyRange(inputs.product_sales * inputs.product_price, inputs.product_sales * inputs.product_price,
                         USD)
    ranges = [SourcedRange(margin, revenue.low * percent(margin)[0], revenue.high * percent(margin)[1])
              for margin in product.margins]
    return stream(rules.label, ranges, [], inputs_used=["product_sales", "product_price", "product_type"],
                  paid_by="customer", unlock="indiquez vos ventes par mois et le prix d'un produit",
                  details=Details(revenue, product.label), turnover=revenue)
