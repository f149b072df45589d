"""What the calculator answers, as frozen dataclasses, and `plain`: the one place they become JSON-ready data.

`estimate()` and `requirements()` build these values and return `plain(value)`, the dicts README
documents; Python callers can use the typed values themselves: `estimate.calculate(inputs, rates)`,
`goal.solve(target, inputs, rates)` and `currency.converted(estimate, rates, currency)`.
Money is its own type, so showing a result in euros scales exactly the money: a `MoneyRange` or
`Money` carries its currency, and a `Bounds` (factors, percentages, counts) is never money.

How a dataclass becomes a dict: one key per field, in field order, except fields marked with
`INLINE` (their own keys are written into the parent: a stream's `low`/`high`), `HIDDEN` (used by
the calculator, not shown) and `ABSENT_WHEN_NONE` (the key is left out rather than null).
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

from .money import cents
from .rates import Reference

USD = "USD"
"""The currency estimate() computes in: TikTok pays in USD (rates.yml `currency`, held to USD by parse_rates)."""
EUR = "EUR"

INLINE = {"plain": "inline"}
HIDDEN = {"plain": "hidden"}
ABSENT_WHEN_NONE = {"plain": "absent_when_none"}

PaidBy = Literal["tiktok", "tiktok_shop", "brand", "merchant", "customer"]
"""Who pays: TikTok itself, TikTok Shop (affiliate commissions it settles after delivery), or others directly."""
Confidence = Literal["high", "medium", "low", "unverified"]
"""How solid a stream's headline is: only official ranges, press or studies, vendors or the seed, nothing
verified (calculator.streams.shape)."""


@dataclass(frozen=True)
class MoneyRange:
    """A low/high amount of money in `currency` (written as {"low", "high"}: the currency is the result's)."""

    low: float
    high: float
    currency: str

    def scaled(self, rate: float, currency: str) -> MoneyRange:
        return MoneyRange(cents(self.low * rate), cents(self.high * rate), currency)


@dataclass(frozen=True)
class Money:
    """One amount of money in `currency` (written as the bare number)."""

    amount: float
    currency: str

    def scaled(self, rate: float, currency: str) -> Money:
        return Money(cents(self.amount * rate), currency)


@dataclass(frozen=True)
class Bounds:
    """A low/high pair that is not money (a factor, a percentage): a change of currency leaves it alone."""

    low: float
    high: float


@dataclass(frozen=True)
class RangeEntry:
    """One sourced range of a stream: the parameter it comes from and the monthly amount it gives."""

    key: str
    source: str
    parameter: str
    assumption: bool
    evidence: str
    """How much its parameter is proven (rates.EVIDENCE): its stated grade, else its best reference's."""
    in_headline: bool
    """Whether it is one of the ranges with the stream's best evidence, which make the headline."""
    references: tuple[Reference, ...]
    amount: MoneyRange = field(metadata=INLINE)


@dataclass(frozen=True)
class NoDetails:
    """The details of a stream that has nothing to add (written as {})."""


DetailsT = TypeVar("DetailsT")


@dataclass(frozen=True)
class Stream(Generic[DetailsT]):
    """One kind of income for a month, or zeros when not eligible: the headline (`amount`) is the envelope of
    the ranges with the best evidence, `extremes` that of all its ranges, `confidence` how solid the headline is.

    `details` is the stream's own (each stream module defines its type); `turnover` is what the
    creator declares for it in France: the amount itself, except for sales of their own products,
    where it is the revenue rather than the margin.
    """

    label: str
    amount: MoneyRange = field(metadata=INLINE)
    extremes: MoneyRange
    confidence: Confidence
    ranges: tuple[RangeEntry, ...]
    eligible: bool
    unmet: tuple[str, ...]
    """Input keys whose requirement the creator does not meet."""
    reasons: tuple[str, ...]
    """One French reason per unmet requirement."""
    unlock: str
    """What would open this stream, in French, from its own rule (« dès 1 000 abonnés, indiquez vos vidéos
    sponsorisées par mois »): the page says it where the stream pays nothing."""
    inputs_used: tuple[str, ...]
    paid_by: PaidBy
    in_total: bool
    details: DetailsT
    turnover: MoneyRange = field(metadata=HIDDEN)


@dataclass(frozen=True)
class Months:
    """Months to the first payout: at best, and at worst (None: never if every month is the worst)."""

    low: int
    high: int | None


@dataclass(frozen=True)
class Balance:
    """One of the balances TikTok pays into, with its own rules: what reaches it each month, the least that
    can be withdrawn (None: no minimum found), how and when it is paid, and months to the first payout."""

    key: str
    label: str
    streams: tuple[str, ...]
    monthly: MoneyRange
    minimum: MoneyRange | None
    schedule: str
    """In French: when and where the money lands."""
    methods: tuple[str, ...]
    daily_limit: Money | None
    processing_days: float | None
    months_to_first_payout: Months | None
    """None when this balance receives nothing."""
    references: tuple[Reference, ...]


@dataclass(frozen=True)
class Payout:
    region: str
    region_label: str
    tiktok_monthly: MoneyRange
    """What TikTok and TikTok Shop pay per month, all balances together."""
    months_to_first_payout: Months | None
    """The soonest any balance pays (best case), and the soonest at worst; None when TikTok pays nothing."""
    balances: tuple[Balance, ...]


@dataclass(frozen=True)
class ExchangeRate:
    value: float
    as_of: datetime.date
    label: str | None = field(default=None, metadata=ABSENT_WHEN_NONE)


@dataclass(frozen=True)
class NetWarning:
    code: str
    message: str
    threshold: float | None
    low_passes: bool


@dataclass(frozen=True)
class RateEntry:
    """A French rate the net block used, with the date it took effect and where it comes from."""

    parameter: str
    label: str
    value: float
    unit: str
    since: datetime.date | None
    as_of: datetime.date
    references: tuple[Reference, ...]


@dataclass(frozen=True)
class Net:
    """What is left in France, in euros whatever the currency shown: each bound from the same bound of the gross."""

    currency: str
    tax_status: str
    label: str
    versement_liberatoire: bool
    household: str
    children: int
    tax_parts: float
    other_taxable_income: float
    """The household's other net taxable income, EUR a year."""
    bareme_income_year: int | None
    """The income year of the barème used (None with the versement libératoire)."""
    income_tax_basis: str
    """How income tax is computed, in French (the barème's year, said when it is the latest voted; the household)."""
    in_force_on: datetime.date
    exchange_rate: ExchangeRate
    gross: MoneyRange
    turnover: MoneyRange
    social_contributions: MoneyRange
    income_tax: MoneyRange
    net: MoneyRange
    warnings: tuple[NetWarning, ...]
    rates: tuple[RateEntry, ...]
    simulators: tuple[Reference, ...]


@dataclass(frozen=True)
class Notice:
    """Something the reader must know about the whole result (e.g. a minor's blocked account), in French."""

    code: str
    message: str
    references: tuple[Reference, ...]


@dataclass(frozen=True)
class Estimate:
    """What estimate() answers: monthly amounts per stream, their total, the payout; the net block with a tax status."""

    currency: str
    streams: Mapping[str, Stream[Any]]
    total: MoneyRange
    payout: Payout
    notices: tuple[Notice, ...] = ()
    net: Net | None = field(default=None, metadata=ABSENT_WHEN_NONE)
    exchange_rate: ExchangeRate | None = field(default=None, metadata=ABSENT_WHEN_NONE)
    """The rate used, once the result is shown in another currency than USD."""


@dataclass(frozen=True)
class LeverAnswer:
    """Goal mode, one lever: the count it needs on its own, at the best (low) and worst (high) sourced rate."""

    label: str
    input: str
    unit: str
    low: int | None
    high: int | None
    reachable: bool
    at_minimum: bool
    """The optimistic count is the programme's own minimum: fewer would not be paid at all."""
    unmet: tuple[str, ...]
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class GrossNeeded:
    eur: float
    usd: float


@dataclass(frozen=True)
class Requirements:
    """What requirements() answers for a monthly target in euros (net with a tax status, gross otherwise)."""

    target: float
    currency: str
    net: bool
    tax_status: str
    gross_needed: GrossNeeded
    levers: Mapping[str, LeverAnswer]


def summed(amounts: Iterable[MoneyRange], currency: str) -> MoneyRange:
    """The sum of the ranges, bound by bound, to the cent."""
    chosen = list(amounts)
    return MoneyRange(cents(sum(amount.low for amount in chosen)), cents(sum(amount.high for amount in chosen)),
                      currency)


class PlainEstimate(dict[str, Any]):
    """What estimate() returns: the plain dict README documents, which also keeps the typed value it was
    written from (`source`), so that in_currency converts exactly the money instead of guessing it from keys."""

    source: Estimate


def plain_estimate(result: Estimate) -> PlainEstimate:
    data = PlainEstimate(plain(result))
    data.source = result
    return data


def plain(value: Any) -> Any:
    """JSON-ready data (dicts, lists, numbers, text, None) for a result value; dates become ISO text."""
    # Dispatched on the exact type, and texts and numbers kept without a call: this runs on every
    # answer in the browser, where a generic walk would cost more than the calculation itself.
    kind = type(value)
    if kind in _ATOMS:
        return value
    if kind is MoneyRange:
        return {"low": value.low, "high": value.high}
    if kind is Money:
        return value.amount
    if kind is tuple or kind is list:
        return [item if type(item) in _ATOMS else plain(item) for item in value]
    if kind is dict:
        return {key: item if type(item) in _ATOMS else plain(item) for key, item in value.items()}
    layout = _layout(kind)
    if layout is not None:
        data: dict[str, Any] = {}
        for name, how in layout:
            item = getattr(value, name)
            if how is None:
                data[name] = item if type(item) in _ATOMS else plain(item)
            elif how == "inline":
                data.update(plain(item))
            elif how == "absent_when_none" and item is not None:
                data[name] = plain(item)
        return data
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {key: plain(item) for key, item in value.items()}
    return value


_ATOMS = frozenset({str, int, float, bool, type(None)})

_LAYOUTS: dict[type, tuple[tuple[str, str | None], ...] | None] = {}


def _layout(kind: type) -> tuple[tuple[str, str | None], ...] | None:
    """A dataclass's fields and how each is written (None: as itself); None for any other type."""
    if kind not in _LAYOUTS:
        _LAYOUTS[kind] = (tuple((item.name, item.metadata.get("plain")) for item in dataclasses.fields(kind))
                          if dataclasses.is_dataclass(kind) else None)
    return _LAYOUTS[kind]


# --- The rate card (calculator.rate_card) ------------------------------------------------------------------
@dataclass(frozen=True)
class FactorEntry:
    """One sourced ratio of a deliverable to the dedicated video, and the price it gives (the dedicated video's
    headline low times the ratio's low, its high times the ratio's high)."""

    key: str
    source: str
    parameter: str
    assumption: bool
    evidence: str
    in_headline: bool
    references: tuple[Reference, ...]
    factor: Bounds
    amount: MoneyRange = field(metadata=INLINE)


@dataclass(frozen=True)
class DeliverablePrice:
    """The price of one deliverable, in USD (`amount`, the headline) and in EUR at the dated rate, with the
    sourced ranges it comes from; `net`, with a tax status, what one such deal a month leaves in France."""

    key: str
    label: str
    per: str
    description: str
    amount: MoneyRange = field(metadata=INLINE)
    eur: MoneyRange
    extremes: MoneyRange
    confidence: Confidence
    """The lower of the dedicated video's and its own ratios' (the dedicated video: its own)."""
    basis: str
    """In French: how the price is built."""
    ranges: tuple[RangeEntry, ...] | tuple[FactorEntry, ...]
    net: Net | None = field(default=None, metadata=ABSENT_WHEN_NONE)


@dataclass(frozen=True)
class SurveyAnswer:
    """One answer of the French survey in euros, shown beside the card (not used in its prices)."""

    key: str
    label: str
    share: float
    """Percent of the creators surveyed."""
    price_eur: float
    references: tuple[Reference, ...]


@dataclass(frozen=True)
class VatReminder:
    """What the VAT franchise means for invoicing a brand in France, with the category's thresholds (EUR a year)."""

    threshold: float
    tolerance: float
    message: str
    references: tuple[Reference, ...]


@dataclass(frozen=True)
class RateCard:
    """What rate_card() answers: a price range per deliverable, for the creator's followers, engagement and niche."""

    currency: str
    exchange_rate: ExchangeRate
    eligible: bool
    unmet: tuple[str, ...]
    reasons: tuple[str, ...]
    tier: Any
    """The follower tier reached ({key, label}), or None."""
    engagement_factor: float
    niche_factor: Bounds
    deliverables: Mapping[str, DeliverablePrice]
    france_survey: tuple[SurveyAnswer, ...]
    notices: tuple[Notice, ...]
    net_basis: str | None = field(default=None, metadata=ABSENT_WHEN_NONE)
    """With a tax status, in French: what each deliverable's `net` assumes (one such deal a month)."""
    vat: VatReminder | None = field(default=None, metadata=ABSENT_WHEN_NONE)
