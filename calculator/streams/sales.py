"""Income from selling: affiliate commissions on others' products, and margins on your own."""

from __future__ import annotations

from ..inputs import Inputs
from ..rates import Affiliate, Niche, OwnProducts
from .shape import SourcedRange, percent, stream


def affiliate(inputs: Inputs, rules: Affiliate, niche: Niche) -> dict[str, object]:
    """Sales x average order value x commission, one range per sourced commission for the niche."""
    sales = inputs.affiliate_sales * inputs.average_order_value
    ranges = [SourcedRange(commission, sales * percent(commission)[0], sales * percent(commission)[1])
              for commission in niche.affiliate_commission]
    return stream(rules.label, ranges, [], inputs_used=["affiliate_sales", "average_order_value", "niche"],
                  paid_by="merchant", details={"sales": {"low": sales, "high": sales}})


def own_products(inputs: Inputs, rules: OwnProducts) -> dict[str, object]:
    """Units x price x margin, one range per sourced margin for the product type."""
    product = rules.product_types[inputs.product_type]
    revenue = inputs.product_sales * inputs.product_price
    ranges = [SourcedRange(margin, revenue * percent(margin)[0], revenue * percent(margin)[1])
              for margin in product.margins]
    return stream(rules.label, ranges, [], inputs_used=["product_sales", "product_price", "product_type"],
                  paid_by="customer",
                  details={"revenue": {"low": revenue, "high": revenue}, "product_type": product.label})
