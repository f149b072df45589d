"""What is left in France: a micro-entrepreneur's social contributions and income tax, in euros.

Contributions are shares of turnover (what the creator receives: for their own products, the
sales revenue, not the margin): the contributions proper, the training levy (CFP) and, for BIC
activities, the chamber fee (TFC), at the rates URSSAF collects. Income tax is either the
versement libératoire (a share of turnover, instead of the barème) or the household's extra tax
at the barème: the tax of the household with the TikTok income (yearly turnover less the
category's flat allowance, never less than its minimum) minus its tax without it, each with the
quotient familial, its cap per half-part and the décote (CGI art. 197), divided by 12.
Everything uses the rates in force on `france.in_force_on` (for the barème, the scale of that
income year, or the latest one voted) and the dated USD -> EUR rate.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from . import french
from .inputs import NO_TAX, Inputs
from .money import cents
from .rates import France, IncomeTax, Parameter, Rates, TaxCategory
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
class Household:
    """The foyer fiscal: a couple or a single person, dependent children, other net taxable income a year."""

    couple: bool
    children: int
    other_income: float

    @property
    def principal_parts(self) -> float:
        return 2.0 if self.couple else 1.0

    @property
    def parts(self) -> float:
        """Parts of quotient familial: one per adult, half a part for each of the first two children, a whole
        part from the third on."""
        for_children = 0.5 * self.children if self.children <= 2 else self.children - 1.0
        return self.principal_parts + for_children


@dataclass(frozen=True)
class Scale:
    """The barème in force: (rate, upper limit per part) by bracket, the quotient cap and the décote."""

    brackets: tuple[tuple[float, float | None], ...]
    quotient_cap: float
    decote_single: float
    decote_couple: float
    decote_rate: float

    @classmethod
    def of(cls, tax: IncomeTax) -> Scale:
        return cls(tuple((bracket.rate.value / 100, None if bracket.upper is None else bracket.upper.value)
                         for bracket in tax.brackets),
                   tax.quotient_cap.value, tax.decote_single.value, tax.decote_couple.value,
                   tax.decote_rate.value / 100)

    def per_part(self, income: float) -> float:
        """The barème on one part's income: each rate on the slice of income inside its bracket."""
        tax, lower = 0.0, 0.0
        for rate, upper in self.brackets:
            top = income if upper is None else min(income, upper)
            if top > lower:
                tax += (top - lower) * rate
            if upper is None or income <= upper:
                break
            lower = upper
        return tax

    def household_tax(self, income: float, household: Household) -> float:
        """Yearly tax of a household on its net taxable income: the quotient familial, capped per extra
        half-part (the tax may not fall below the adults' parts' tax less the cap), then the décote."""
        parts, principal = household.parts, household.principal_parts
        with_children = self.per_part(income / parts) * parts
        extra_halves = 2 * (parts - principal)
        capped = self.per_part(income / principal) * principal - self.quotient_cap * extra_halves
        gross = max(with_children, capped)
        decote = max(0.0, (self.decote_couple if household.couple else self.decote_single) - self.decote_rate * gross)
        return max(0.0, gross - decote)


@dataclass(frozen=True)
class TaxSituation:
    """The tax inputs read once: the category, how income tax is paid, the household and the barème."""

    category: TaxCategory
    versement_liberatoire: bool
    allowance_minimum: float
    household: Household
    scale: Scale

    @classmethod
    def of(cls, values: Inputs, france: France) -> TaxSituation | None:
        if values.tax_status == NO_TAX:
            return None
        return cls(france.categories[values.tax_status], values.versement_liberatoire, france.allowance_minimum.value,
                   Household(values.household == "couple", int(values.children), values.other_taxable_income),
                   Scale.of(france.income_tax))

    @property
    def social_rate(self) -> float:
        """Contributions, CFP and TFC together, in percent of turnover."""
        category = self.category
        chamber = 0.0 if category.chamber_fee is None else category.chamber_fee.value
        return category.social_contributions.value + category.training_levy.value + chamber

    def taxable(self, yearly_turnover: float) -> float:
        """The micro-entreprise's net taxable income: turnover less the flat allowance (never less than its minimum)."""
        allowance = max(yearly_turnover * self.category.allowance.value / 100, self.allowance_minimum)
        return yearly_turnover - min(yearly_turnover, allowance)

    def extra_income_tax(self, yearly_turnover: float) -> float:
        """What the TikTok income adds to the household's yearly tax at the barème."""
        other = self.household.other_income
        return (self.scale.household_tax(other + self.taxable(yearly_turnover), self.household)
                - self.scale.household_tax(other, self.household))

    def monthly(self, gross_eur: float, turnover_eur: float) -> Month:
        """One bound: gross, turnover, contributions, tax and net for a month, to the cent."""
        social = cents(turnover_eur * self.social_rate / 100)
        if self.versement_liberatoire:
            tax = cents(turnover_eur * self.category.versement_liberatoire.value / 100)
        else:
            tax = cents(self.extra_income_tax(MONTHS * turnover_eur) / MONTHS)
        gross = cents(gross_eur)
        return Month(gross=gross, turnover=cents(turnover_eur), social_contributions=social, income_tax=tax,
                     net=cents(gross - social - tax))


def in_euros(amount_usd: float, rates: Rates) -> float:
    return amount_usd * rates.usd_to_eur.value


def net_block(total: MoneyRange, turnover: MoneyRange, values: Inputs, rates: Rates,
              in_france: MoneyRange | None = None) -> Net | None:
    """The `net` block of an estimate (None when tax_status is "none"): monthly low/high in EUR, warnings, rates.

    `in_france` is the turnover from customers and brands in France, not from TikTok's companies abroad (the
    VAT franchise counts only it); the whole turnover when not given."""
    situation = TaxSituation.of(values, rates.france)
    if situation is None:
        return None
    france = rates.france
    low = situation.monthly(in_euros(total.low, rates), in_euros(turnover.low, rates))
    high = situation.monthly(in_euros(total.high, rates), in_euros(turnover.high, rates))
    category, tax = situation.category, france.income_tax
    used = [category.social_contributions, category.training_levy]
    if category.chamber_fee is not None:
        used.append(category.chamber_fee)
    used += [category.allowance, france.allowance_minimum]
    if situation.versement_liberatoire:
        used += [category.versement_liberatoire, france.versement_liberatoire_ceiling]
    else:
        used += [parameter for bracket in tax.brackets for parameter in (bracket.rate, bracket.upper)
                 if parameter is not None]
        used += [tax.quotient_cap, tax.decote_couple if situation.household.couple else tax.decote_single,
                 tax.decote_rate]
    used += [category.vat_threshold, category.vat_tolerance, category.turnover_ceiling]
    domestic = turnover if in_france is None else in_france
    yearly = Bounds(MONTHS * low.turnover, MONTHS * high.turnover)
    household = situation.household
    return Net(
        currency=EUR,
        tax_status=values.tax_status,
        label=category.label,
        versement_liberatoire=situation.versement_liberatoire,
        household=values.household,
        children=household.children,
        tax_parts=household.parts,
        other_taxable_income=household.other_income,
        bareme_income_year=None if situation.versement_liberatoire else bareme_year(france),
        income_tax_basis=basis(situation, france),
        in_force_on=france.in_force_on,
        exchange_rate=ExchangeRate(rates.usd_to_eur.value, rates.usd_to_eur.as_of),
        gross=MoneyRange(low.gross, high.gross, EUR),
        turnover=MoneyRange(low.turnover, high.turnover, EUR),
        social_contributions=MoneyRange(low.social_contributions, high.social_contributions, EUR),
        income_tax=MoneyRange(low.income_tax, high.income_tax, EUR),
        net=MoneyRange(low.net, high.net, EUR),
        warnings=warnings(yearly, Bounds(MONTHS * cents(in_euros(domestic.low, rates)),
                                         MONTHS * cents(in_euros(domestic.high, rates))),
                          situation, france, values.region),
        rates=tuple(_rate_entry(parameter, france.in_force_on) for parameter in used),
        simulators=france.simulators,
    )


def bareme_year(france: France) -> int:
    """The income year of the barème in force on `in_force_on` (its dated values start on 1 January of it)."""
    since = _since(france.income_tax.brackets[0].upper or france.income_tax.quotient_cap, france.in_force_on)
    return france.in_force_on.year if since is None else since.year


def basis(situation: TaxSituation, france: France) -> str:
    """How the income tax is computed, in French, for the result."""
    if situation.versement_liberatoire:
        return (f"versement libératoire de {french.percent(situation.category.versement_liberatoire.value)} du "
                "chiffre d'affaires, à la place du barème")
    year, on = bareme_year(france), france.in_force_on
    scale = f"barème des revenus {year}"
    if year < on.year:
        scale += f" (le dernier voté : celui des revenus {on.year} ne l'est pas encore)"
    household = situation.household
    children = ("" if household.children == 0 else
                f", {household.children} enfant{'s' if household.children > 1 else ''} à charge")
    who = "couple marié ou pacsé" if household.couple else "personne seule"
    return (f"{scale}, ce que vos revenus TikTok ajoutent à l'impôt du foyer ({who}{children}, "
            f"{french.number(household.parts)} part{'s' if household.parts > 1 else ''}, autres revenus imposables "
            f"{french.money(household.other_income, 'EUR')} par an)")


def warnings(yearly: Bounds, in_france: Bounds, situation: TaxSituation, france: France,
             region: str) -> tuple[NetWarning, ...]:
    """Codes and French messages for thresholds the yearly turnover (EUR) crosses (and a non-French residence)."""
    category = situation.category
    found: list[NetWarning] = []
    vat_then = (f"ces recettes-là {french.vat_switch(category.vat_tolerance.value)}. Ce que "
                "TikTok vous verse (récompenses, LIVE, abonnements) n'y entre pas : cela vient d'une société du groupe "
                "établie dans un autre pays de l'Union (son nom figure sur vos relevés TikTok), à qui "
                "vous rendez un service entre entreprises, facturé hors taxe, la TVA étant autoliquidée par TikTok.")
    checks = (
        ("vat_franchise", category.vat_threshold, in_france,
         "Le total de vos recettes de clients et de marques en France (partenariats, vos produits, affiliation)",
         f"le seuil de franchise en base de TVA ({french.money(category.vat_threshold.value, 'EUR')} par an)",
         vat_then),
        ("micro_ceiling", category.turnover_ceiling, yearly, "Votre chiffre d'affaires",
         f"le plafond du régime micro ({french.money(category.turnover_ceiling.value, 'EUR')} par an)",
         "au-delà deux années de suite, l'entreprise sort du régime micro et passe au régime réel."),
    )
    for code, threshold, amounts, subject, what, then in checks:
        found += _passes(code, threshold.value, amounts, subject, what, then, "\u00a0€")
    if situation.versement_liberatoire:
        ceiling, on = france.versement_liberatoire_ceiling.value, france.in_force_on
        household = situation.household
        per_part = Bounds(*((household.other_income + situation.taxable(amount)) / household.parts
                            for amount in (yearly.low, yearly.high)))
        what = (f"le plafond du versement libératoire ({french.money(ceiling, 'EUR')} par part), jugé sur le revenu "
                f"fiscal de référence d'il y a deux ans ({on.year - 2} pour {on.year})")
        then = (f"si c'était déjà le cas en {on.year - 2}, l'option ne vous est pas ouverte : l'impôt se calcule au "
                "barème (décochez la case pour le voir).")
        found += _passes("versement_liberatoire_ceiling", ceiling, per_part,
                         "Le revenu imposable de votre foyer, par part,", what, then, "\u00a0€ par part")
    if region != "france":
        found.append(NetWarning("region", "Ce calcul vaut pour une micro-entreprise en France : il suppose que vous y "
                                "résidez fiscalement.", None, low_passes=False))
    return tuple(found)


def _passes(code: str, threshold: float, amounts: Bounds, subject: str, what: str, then: str,
            unit: str) -> list[NetWarning]:
    if amounts.high <= threshold:
        return []
    low, high = french.number(round(amounts.low)), french.number(round(amounts.high))
    if amounts.low > threshold:
        message = (f"Même au bas de la fourchette, {_lower(subject)} sur douze mois ({low} à {high}{unit}) dépasse "
                   f"{what} : {then}")
    else:
        message = (f"Seul le haut de la fourchette dépasse {what} : sur douze mois, {_lower(subject)} "
                   f"irait de {low} à {high}{unit}. Si vous atteignez le haut, {then}")
    return [NetWarning(code, message, threshold, low_passes=amounts.low > threshold)]


def _lower(text: str) -> str:
    return text[0].lower() + text[1:]


def _since(parameter: Parameter, on: datetime.date) -> datetime.date | None:
    in_force = [item for item in parameter.schedule if item.since <= on]
    return in_force[-1].since if in_force else None


def _rate_entry(parameter: Parameter, on: datetime.date) -> RateEntry:
    return RateEntry(parameter=parameter.path, label=parameter.label, value=parameter.value, unit=parameter.unit,
                     since=_since(parameter, on), as_of=parameter.as_of, references=parameter.references)
