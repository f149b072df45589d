"""What is left in France: a micro-entrepreneur's social contributions and income tax, in euros.

Contributions and the versement libératoire are shares of turnover (what the creator
receives: for their own products, the sales revenue, not the margin). Without the
versement libératoire, income tax is the marginal rate applied to the yearly turnover
less the category's flat allowance (never less than its minimum). Everything uses the
rates in force on `france.in_force_on` and the dated USD -> EUR rate.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from . import french
from .inputs import NO_TAX, Inputs
from .money import cents
from .rates import France, Parameter, Rates, TaxCategory
from .results import EUR, Bounds, ExchangeRate, MoneyRange, Net, NetWarning, RateEntry

MONTHS = 12


@dataclass(frozen=True)
class Month:
    """One bound of a month in France, in euros to the cent."""

    gross: float
    turnover: float
    social_contributions: float
    income_tax: float
    net: float


@dataclass(frozen=True)
class TaxSituation:
    """The tax inputs read once: the category, and how income tax is paid."""

    category: TaxCategory
    versement_liberatoire: bool
    marginal_rate: float
    allowance_minimum: float

    @classmethod
    def of(cls, values: Inputs, france: France) -> TaxSituation | None:
        if values.tax_status == NO_TAX:
            return None
        return cls(france.categories[values.tax_status], values.versement_liberatoire, values.marginal_tax_rate,
                   france.allowance_minimum.value)

    def monthly(self, gross_eur: float, turnover_eur: float) -> Month:
        """One bound: gross, turnover, contributions, tax and net for a month, to the cent."""
        social_rate = self.category.social_contributions.value + self.category.training_levy.value
        social = cents(turnover_eur * social_rate / 100)
        if self.versement_liberatoire:
            tax = cents(turnover_eur * self.category.versement_liberatoire.value / 100)
        else:
            yearly = MONTHS * turnover_eur
            allowance = min(yearly, max(yearly * self.category.allowance.value / 100, self.allowance_minimum))
            tax = cents((yearly - allowance) * self.marginal_rate / 100 / MONTHS)
        gross = cents(gross_eur)
        return Month(gross=gross, turnover=cents(turnover_eur), social_contributions=social, income_tax=tax,
                     net=cents(gross - social - tax))


def in_euros(amount_usd: float, rates: Rates) -> float:
    return amount_usd * rates.usd_to_eur.value


def net_block(total: MoneyRange, turnover: MoneyRange, values: Inputs, rates: Rates) -> Net | None:
    """The `net` block of an estimate (None when tax_status is "none"): monthly low/high in EUR, warnings, rates."""
    situation = TaxSituation.of(values, rates.france)
    if situation is None:
        return None
    low = situation.monthly(in_euros(total.low, rates), in_euros(turnover.low, rates))
    high = situation.monthly(in_euros(total.high, rates), in_euros(turnover.high, rates))
    category = situation.category
    used = [category.social_contributions, category.training_levy]
    if situation.versement_liberatoire:
        used.append(category.versement_liberatoire)
    else:
        used += [category.allowance, rates.france.allowance_minimum]
    used += [category.vat_threshold, category.vat_tolerance, category.turnover_ceiling]
    return Net(
        currency=EUR,
        tax_status=values.tax_status,
        label=category.label,
        versement_liberatoire=situation.versement_liberatoire,
        marginal_tax_rate=None if situation.versement_liberatoire else situation.marginal_rate,
        in_force_on=rates.france.in_force_on,
        exchange_rate=ExchangeRate(rates.usd_to_eur.value, rates.usd_to_eur.as_of),
        gross=MoneyRange(low.gross, high.gross, EUR),
        turnover=MoneyRange(low.turnover, high.turnover, EUR),
        social_contributions=MoneyRange(low.social_contributions, high.social_contributions, EUR),
        income_tax=MoneyRange(low.income_tax, high.income_tax, EUR),
        net=MoneyRange(low.net, high.net, EUR),
        warnings=warnings(Bounds(MONTHS * low.turnover, MONTHS * high.turnover), category, values.region),
        rates=tuple(_rate_entry(parameter, rates.france.in_force_on) for parameter in used),
        simulators=rates.france.simulators,
    )


def warnings(yearly: Bounds, category: TaxCategory, region: str) -> tuple[NetWarning, ...]:
    """Codes and French messages for thresholds the yearly turnover (EUR) crosses (and a non-French residence)."""
    found: list[NetWarning] = []
    low, high = french.number(round(yearly.low)), french.number(round(yearly.high))
    checks = (
        ("vat_franchise", category.vat_threshold,
         f"le seuil de franchise en base de TVA ({french.money(category.vat_threshold.value, 'EUR')} par an)",
         "vous devrez alors facturer la TVA, dès le dépassement du seuil majoré de "
         f"{french.money(category.vat_tolerance.value, 'EUR')}, sinon à partir du 1er janvier suivant."),
        ("micro_ceiling", category.turnover_ceiling,
         f"le plafond du régime micro ({french.money(category.turnover_ceiling.value, 'EUR')} par an)",
         "au-delà deux années de suite, l'entreprise sort du régime micro et passe au régime réel."),
    )
    for code, threshold, what, then in checks:
        if yearly.high <= threshold.value:
            continue
        if yearly.low > threshold.value:
            message = (f"Même au bas de la fourchette, votre chiffre d'affaires sur douze mois ({low} à "
                       f"{high}\u00a0€) dépasse {what} : {then}")
        else:
            message = (f"Seul le haut de la fourchette dépasse {what} : sur douze mois, votre chiffre d'affaires "
                       f"irait de {low} à {high}\u00a0€. Si vous atteignez le haut, {then}")
        found.append(NetWarning(code, message, threshold.value, low_passes=yearly.low > threshold.value))
    if region != "france":
        found.append(NetWarning("region", "Ce calcul vaut pour une micro-entreprise en France : il suppose que vous y "
                                "résidez fiscalement.", None, low_passes=False))
    return tuple(found)


def _rate_entry(parameter: Parameter, on: datetime.date) -> RateEntry:
    in_force = [item for item in parameter.schedule if item.since <= on]
    return RateEntry(parameter=parameter.path, label=parameter.label, value=parameter.value, unit=parameter.unit,
                     since=in_force[-1].since if in_force else None, as_of=parameter.as_of,
                     references=parameter.references)
