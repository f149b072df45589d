"""The parameter model read from rates.yml, and its validation.

The frozen dataclasses below are the one description of the format: each field's type says how it is
written in rates.yml. `str` is a non-empty text, `float` a number from 0 to 10¹⁵, `datetime.date` a real
date, `Parameter` a figure (`Single`, `Scheduled`, `Ranges` narrow the forms it may take), a dataclass a
table of exactly its fields (`X | None` when one may be left out), `tuple[X, ...]` a list and
`Mapping[str, X]` a non-empty table keyed by name; `Annotated` adds what the type alone cannot say (at
least one item, bounds). `shape_of` turns those types into shapes; `parse_rates` reads the document by
walking them and `python -m calculator.schema` writes rates.schema.json (what editors check the file
with) from the same shapes. Rules tying several fields together (a range's low under its high, tiers in
order, unique keys) are the checks at the end of this module: JSON Schema cannot state them.

Any problem raises `RatesError` whose message starts with the key path of the field at fault (for
example ``creator_rewards.rpm[1].low``). Unknown keys are errors too, so a typo cannot silently leave a
figure out.
"""

# No `from __future__ import annotations`: shape_of reads the fields' types as objects, not as text.
import datetime
import json
import math
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, is_dataclass
from typing import Annotated, Any, NamedTuple, TypeAlias, Union, get_args, get_origin

LARGEST = 1e15
"""No figure goes above this (the largest, TikTok's pledges, are in billions): a figure typed with a few
exponent digits too many would otherwise make the calculator's amounts overflow to infinity."""

PERCENT = "percent"
PERCENT_MAXIMUM = 100
"""A figure whose unit is `percent` goes from 0 to 100."""


class RatesError(ValueError):
    """rates.yml is not valid; `path` names the field at fault."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path or '<racine>'}: {problem}")
        self.path = path
        self.problem = problem


# --- Shapes: how a field is written, for parse_rates and for calculator.schema ---------------------------
# Named tuples rather than dataclasses: the worker imports this module at start, and a named tuple costs
# a seventh of a frozen dataclass to create. Those without fields are plain classes, so that they do not
# all equal the empty tuple (typing caches `Annotated[...]` by its arguments' equality).
class TextShape(NamedTuple):
    """Non-empty text; it must start with one of `starts_with`, or be one of `one_of`, when they are given."""

    starts_with: tuple[str, ...] = ()
    one_of: tuple[str, ...] = ()
    problem: str = ""
    """What is wrong when it does not, formatted with the text as `value`."""


class NumberShape:
    """A finite number from 0 to LARGEST."""


class DateShape(NamedTuple):
    """A real date, YYYY-MM-DD. `in_force`: the date the section's `Scheduled` figures are read on."""

    in_force: bool = False


class FlagShape:
    """true or false."""


class Between(NamedTuple):
    """Bounds the value of a single figure keeps on top of 0 to LARGEST (`above` excludes its bound)."""

    problem: str
    """Said when it does not, formatted with the value as `value`."""
    minimum: float | None = None
    maximum: float | None = None
    above: float | None = None

    def holds(self, number: float) -> bool:
        return ((self.minimum is None or number >= self.minimum) and (self.maximum is None or number <= self.maximum)
                and (self.above is None or number > self.above))


FORMS: dict[str, tuple[str, ...]] = {"value": ("value",), "range": ("low", "high"), "schedule": ("values",)}
"""The ways a figure gives its number, by the keys each uses: one `value`, a range `low`/`high`, or dated
`values` (only in a section that states the date they are read on)."""


class FigureShape(NamedTuple):
    """A figure: the FORMS it may take, whether it needs a `key` (in a list of sourced figures), its bounds."""

    forms: tuple[str, ...]
    keyed: bool = False
    within: Between | None = None


class AtLeast(NamedTuple):
    """A list needs at least `size` items; `problem` says so."""

    size: int
    problem: str


class UniqueKeys:
    """Each figure of the list has a `key` of its own."""


class TableKey:
    """The field holds the name its table files the entry under, not a key written in the entry."""


class ListShape(NamedTuple):
    item: "Shape"
    at_least: AtLeast | None = None
    unique_keys: bool = False


class TableShape(NamedTuple):
    """A non-empty table of entries keyed by name."""

    entry: "Shape"


class FieldShape(NamedTuple):
    key: str
    shape: "Shape"
    required: bool


class RecordShape(NamedTuple):
    """A table of exactly these fields, read into `build` (the dataclass); `table_key` is filled from the table."""

    build: type
    fields: tuple[FieldShape, ...]
    table_key: str | None = None


Shape: TypeAlias = (TextShape | NumberShape | DateShape | FlagShape | FigureShape | ListShape | TableShape
                    | RecordShape)


# --- The model -----------------------------------------------------------------------------------------
Url: TypeAlias = Annotated[str, TextShape(starts_with=("https://", "http://"),
                                          problem="adresse web attendue, pas {value!r}")]
NameInTable: TypeAlias = Annotated[str, TableKey()]
EVIDENCE: tuple[str, ...] = ("official", "press", "study", "vendor", "seed", "unverified")
"""How much a reference proves, best first: `official` (TikTok's help centre, newsroom, Creator Academy;
URSSAF, service-public, Légifrance, impots.gouv), `press` (a named outlet reporting with its own sources),
`study` (a survey or report with a stated sample), `vendor` (SEO, agency or calculator pages), `seed` (the
seed article), `unverified` (no address, or the page cannot be found)."""
STRONG: frozenset[str] = frozenset({"official", "press", "study"})
WEAK: frozenset[str] = frozenset({"vendor", "seed"})
"""The classes a stream's headline is chosen by (`evidence_class`): strong, weak, then unverified."""
Evidence: TypeAlias = Annotated[str, TextShape(one_of=EVIDENCE, problem="{value!r} n'est pas un niveau de preuve : "
                                               + ", ".join(EVIDENCE))]


@dataclass(frozen=True)
class Reference:
    """A source: its title, its address when it has one (the seed article is cited by title alone), how much
    it proves (`evidence`, see EVIDENCE) and the date it was published when it gives one."""

    title: str
    url: Url | None
    evidence: Evidence
    published: datetime.date | None


@dataclass(frozen=True)
class DatedValue:
    """One value of a figure that changes on known dates, and the day it takes effect."""

    since: datetime.date
    value: float


@dataclass(frozen=True)
class Parameter:
    """One figure: a single value (low == high) or a range, with where it comes from.

    A figure with scheduled changes keeps them all in `schedule` (oldest first); its
    value is then the one in force on the date its section states.
    """

    path: str
    key: str | None
    label: str
    unit: str
    low: float
    high: float
    is_range: bool
    as_of: datetime.date
    references: tuple[Reference, ...]
    assumption: bool
    rationale: str | None
    schedule: tuple[DatedValue, ...] = ()
    stated_evidence: str | None = None
    """The figure's own `evidence`, when its best reference does not back the figure itself (never better)."""

    @property
    def value(self) -> float:
        return self.low

    @property
    def evidence(self) -> str:
        """How much the figure is proven: its stated `evidence`, else the best grade of its references, where
        the seed article counts only when it is the sole reference (what it relays from another source is
        worth what that source is worth); `unverified` without references."""
        if self.stated_evidence is not None:
            return self.stated_evidence
        return best_evidence(self.references)


def best_evidence(references: tuple["Reference", ...]) -> str:
    """The best grade among the references (EVIDENCE order), the seed ignored when any other is there."""
    grades = [reference.evidence for reference in references]
    if len(grades) > 1:
        grades = [grade for grade in grades if grade != "seed"] or grades
    return min(grades, key=EVIDENCE.index, default="unverified")


def evidence_class(grade: str) -> int:
    """0 for strong evidence (official, press, study), 1 for weak (vendor, seed), 2 for unverified."""
    return 0 if grade in STRONG else 1 if grade in WEAK else 2


# parse_rates reads a figure's fields by this record's shape, then turns them into a Parameter.
@dataclass(frozen=True, kw_only=True)
class WrittenFigure:
    """A figure as rates.yml writes it: its number, a `unit` (a `percent` goes from 0 to 100), a French
    `label`, `as_of` (the date it was last checked against its references) and `references`, or
    `assumption: true` with a one-line French `rationale`; `key` names it in a list of sourced figures."""

    key: str | None = None
    label: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    values: Annotated[tuple[DatedValue, ...], AtLeast(1, "au moins une valeur datée est nécessaire")] | None = None
    unit: str
    as_of: datetime.date
    references: tuple[Reference, ...]
    assumption: bool | None = None
    rationale: str | None = None
    evidence: Evidence | None = None
    """Only when the best reference does not itself give the figure (it is cited for context): the grade of
    what does, never better than the references' (`Parameter.evidence`)."""


Single: TypeAlias = Annotated[Parameter, FigureShape(("value",))]
Scheduled: TypeAlias = Annotated[Parameter, FigureShape(("value", "schedule"))]
"""A single figure that may give dated `values`: only in a section with an `InForce` date."""
Ranges: TypeAlias = Annotated[tuple[Annotated[Parameter, FigureShape(("value", "range"), keyed=True)], ...],
                              AtLeast(1, "au moins une fourchette sourcée est nécessaire"), UniqueKeys()]
"""One figure per source, each with its own `key`: where sources disagree, none is averaged away."""
InForce: TypeAlias = Annotated[datetime.date, DateShape(in_force=True)]


@dataclass(frozen=True)
class Milestone:
    """A dated event the guide tells (a launch, a closure), with its sources."""

    key: NameInTable
    label: str
    date: datetime.date
    references: Annotated[tuple[Reference, ...], AtLeast(1, "au moins une référence est nécessaire")]


@dataclass(frozen=True)
class Fact:
    """A rule the guide states that is no figure (what TikTok's formula weighs, what TikTok Shop does not sell),
    in a French `label`, dated and sourced like a figure so that the page cites it with its grade."""

    label: str
    as_of: datetime.date
    references: Annotated[tuple[Reference, ...], AtLeast(1, "au moins une référence est nécessaire")]


@dataclass(frozen=True)
class CreatorFund:
    """The Creator Fund (closed): its money, pledges and RPM."""

    label: str
    us_fund: Single
    us_pledge: Single
    global_pledge: Single
    rpm: Ranges
    min_video_seconds: Single


@dataclass(frozen=True)
class AccountRule:
    """Whether a business account may use a stream (TikTok's rule, with the sources that state it)."""

    label: str
    allowed: bool
    as_of: datetime.date
    references: Annotated[tuple[Reference, ...], AtLeast(1, "au moins une référence est nécessaire")]


CountryCode: TypeAlias = str
"""An ISO 3166 two-letter code (FR, BE…), checked by `_check_codes`."""


@dataclass(frozen=True)
class CountryList:
    """One source's list of the countries where the Creator Rewards Program is offered (ISO codes), dated."""

    key: str
    label: str
    countries: Annotated[tuple[CountryCode, ...], AtLeast(1, "au moins un pays est nécessaire")]
    as_of: datetime.date
    references: Annotated[tuple[Reference, ...], AtLeast(1, "au moins une référence est nécessaire")]


@dataclass(frozen=True)
class CreatorRewards:
    """The Creator Rewards Program: who qualifies, which views count, where it is offered, and its RPM."""

    label: str
    min_followers: Single
    min_monthly_views: Single
    min_age: Single
    min_video_seconds: Single
    qualified_view_seconds: Single
    min_qualified_views_per_video: Single
    qualified_share: Annotated[Single, Between("une part de vues qualifiées va de 0 à 100 %, pas {value:g}",
                                               maximum=100)]
    """The share of the 30-day views TikTok counts, used when the creator leaves `qualified_views_percent` blank."""
    countries: Annotated[tuple[CountryList, ...], AtLeast(1, "au moins une liste de pays est nécessaire"),
                         UniqueKeys()]
    countries_rule: str
    """In French: which of the lists the model follows, and why."""
    business_accounts: AccountRule
    formula: Fact
    """What TikTok says the rewards formula weighs (no RPM is published)."""
    rpm: Ranges


@dataclass(frozen=True)
class Tier:
    """A size of account brands price by, from its follower floor."""

    key: str
    label: str
    min_followers: Single


@dataclass(frozen=True)
class PriceTable:
    """One source's price of a sponsored video, by tier key."""

    key: str
    label: str
    prices: Mapping[str, Parameter]
    """Price of one sponsored video, by tier key; a table may leave tiers out."""


@dataclass(frozen=True)
class SurveyBand:
    """One answer of a survey of creators: the share of them (`share`, percent) whose price per sponsored post
    is around `price` (in euros when the survey is French)."""

    key: str
    label: str
    share: Single
    price: Single


@dataclass(frozen=True)
class BrandDeals:
    """Sponsored videos: tiers, price tables, rates per follower, and how engagement moves them."""

    label: str
    min_followers: Single
    tiers: Annotated[tuple[Tier, ...], AtLeast(1, "les paliers doivent aller du plus petit au plus grand seuil")]
    price_tables: tuple[PriceTable, ...]
    follower_rates: Ranges
    engagement_benchmark: Annotated[Single, Between("la référence d'engagement divise le taux du créateur : elle "
                                                    "doit être supérieure à 0", above=0)]
    engagement_factor_min: Single
    engagement_factor_max: Single
    france_survey: Annotated[tuple[SurveyBand, ...], AtLeast(1, "au moins une réponse d'enquête est nécessaire"),
                             UniqueKeys()]
    """French creators' own prices per sponsored post, in euros: shown next to the dollar grids, not computed."""


@dataclass(frozen=True)
class Deliverable:
    """A deliverable of a media kit other than the dedicated sponsored video: its price is that video's price
    (brand_deals, for one video) times each sourced ratio in `factors` (unit `factor`), one range per source."""

    key: NameInTable
    label: str
    per: str
    """In French, what one price buys: "par vidéo", "par période de 30 jours"."""
    description: str
    factors: Ranges


@dataclass(frozen=True)
class PaymentTerms:
    """When a brand (a professional client) must pay, and what a late payment owes (Code de commerce, L441-10)."""

    default_days: Single
    """Days after the service, when nothing else was agreed."""
    agreed_max_days: Single
    """The longest delay that may be agreed, in days after the invoice date."""
    end_of_month_days: Single
    """The longest "fin de mois" delay that may be agreed in writing, in days after the invoice date."""
    late_penalty_multiple: Single
    """Late-payment penalties may not be set below this many times the legal interest rate."""
    recovery_fee: Single
    """The flat recovery fee a late professional client owes, in euros."""


@dataclass(frozen=True)
class RateCard:
    """What a media kit prices beyond one sponsored video, as ratios to it, and the payment terms to state."""

    label: str
    deliverables: Mapping[str, Deliverable]
    invoice_vat_mention: Fact
    """The mention an invoice under the VAT franchise must carry (its label quotes it)."""
    payment_terms: PaymentTerms


@dataclass(frozen=True)
class Niche:
    """A content niche: how brands pay it, and its affiliate commissions."""

    key: NameInTable
    label: str
    brand_factor: Parameter
    affiliate_commission: Ranges


@dataclass(frozen=True)
class Affiliate:
    """Affiliate links and TikTok Shop (the typical commissions are in each niche): who may join TikTok Shop's
    affiliate programme, the commission range sellers may set, and when TikTok Shop pays."""

    label: str
    shop_min_followers: Single
    shop_min_age: Single
    commission_bound: Parameter
    """The range of commission rates TikTok Shop lets a seller set: every typical band must lie inside it."""
    business_accounts: AccountRule
    settlement_days: Single
    shop_min_followers_elsewhere: Single
    """The follower floor TikTok Shop publishes for affiliate creators in other markets (France's is reported)."""
    financial_products: Fact
    """TikTok Shop sells no financial products: a finance creator's affiliation happens off TikTok."""
    bio_link_min_followers: Single
    """Followers a personal account needs for a clickable link in its bio (business accounts: none)."""


@dataclass(frozen=True)
class LiveGifts:
    """LIVE gifts: who may go LIVE, what coins cost, and what a diamond is worth to the creator."""

    label: str
    min_followers: Single
    min_age: Single
    coin_price: Ranges
    # The viewer's price is diamonds / this ratio: a ratio near 0 would make it infinite (fuzzing found 5e-324).
    diamonds_per_coin: Annotated[Single, Between("un créateur reçoit entre 0,01 et 100 diamants par pièce, pas "
                                                 "{value:g} (faute de frappe ?)", minimum=0.01, maximum=100)]
    diamonds_rule: Fact
    """How TikTok says it awards diamonds (no fixed ratio to coins)."""
    creator_share: Parameter
    """The share of the gifts' value outside the United States (each region states its own: `live_share`)."""
    diamond_value: Ranges
    business_accounts: AccountRule


@dataclass(frozen=True)
class Subscriptions:
    """Paid subscriptions: who may offer them, and the app stores' fee."""

    label: str
    views_route_followers: Single
    views_route_monthly_views: Single
    """With views_route_followers, one way in; the other is meeting the LIVE requirements (live_gifts): so
    neither is a minimum on its own."""
    min_age: Single
    store_fee: Parameter
    business_accounts: AccountRule


@dataclass(frozen=True)
class Region:
    """Where the creator lives: whether the Creator Rewards Program is offered there (by its ISO `country`
    code looked up in the sourced lists, or `offered` for a region that is no one country), their share of
    subscriptions and of LIVE gifts, the VAT included in a viewer's price, and their payout minimum."""

    key: NameInTable
    label: str
    country: CountryCode | None
    offered: bool | None
    subscription_share: Parameter
    subscription_vat: Parameter | None
    """The VAT rate included in what a subscriber pays, where TikTok's share is computed net of it (EU)."""
    live_share: Parameter
    payout_minimum: Parameter


@dataclass(frozen=True)
class ProductType:
    """A kind of product a creator sells, and its margins."""

    key: NameInTable
    label: str
    margins: Ranges


@dataclass(frozen=True)
class OwnProducts:
    """Selling one's own products, by product type."""

    label: str
    product_types: Mapping[str, ProductType]


@dataclass(frozen=True)
class Payout:
    """Getting paid: withdrawal methods, daily limit and processing time."""

    methods: Annotated[tuple[str, ...], AtLeast(1, "au moins un moyen de retrait est nécessaire")]
    daily_limit: Single
    processing_days: Single
    rewards_payment_day: Annotated[Single, Between("un jour du mois va de 1 à 31, pas {value:g}", minimum=1,
                                                   maximum=31)]
    """The day of the month the Creator Rewards Program pays the previous month's rewards."""
    live_minimum: Ranges
    """The least balance of LIVE gifts and subscriptions that can be withdrawn, one figure per source."""
    requirements: Fact
    """What TikTok asks before a first payout (identity, tax form, self-billing where VAT applies)."""


@dataclass(frozen=True)
class Series:
    """TikTok Series, paid collections of videos: who may sell them, their size, price and payout."""

    label: str
    min_age: Single
    min_followers: Single
    min_monthly_views: Single
    min_posts: Single
    """Public posts over the last 30 days."""
    min_account_days: Single
    max_videos: Single
    video_seconds: Parameter
    price: Parameter
    """The price range a creator picks from (USD), fixed once the collection is published."""
    payout_minimum: Single
    payment_day: Single
    business_accounts: AccountRule


@dataclass(frozen=True)
class CreatorMarketplace:
    """TikTok One (formerly Creator Marketplace), TikTok's platform for brand deals: who may join, where, and
    what TikTok charges on its payments."""

    label: str
    min_age: Single
    min_followers: Single
    min_post_views: Single
    min_posts: Single
    countries_count: Single
    business_accounts: AccountRule
    payments: Fact


@dataclass(frozen=True)
class Minors:
    """French law on child influencers: below this age, most of the income goes to a blocked account."""

    label: str
    protected_below: Single


@dataclass(frozen=True)
class TaxCategory:
    """A micro-entreprise category a creator may declare, and its French rates."""

    key: NameInTable
    label: str
    social_contributions: Scheduled
    training_levy: Scheduled
    versement_liberatoire: Scheduled
    allowance: Scheduled
    turnover_ceiling: Scheduled
    vat_threshold: Scheduled
    vat_tolerance: Scheduled
    chamber_fee: Scheduled | None = None
    """Taxe pour frais de chambre (CCI), a share of turnover collected with the contributions (BIC only)."""


@dataclass(frozen=True)
class TaxBracket:
    """One bracket of the income-tax scale: its rate, and the income per part where it ends (none for the top)."""

    key: str
    rate: Single
    upper: Scheduled | None = None


@dataclass(frozen=True)
class IncomeTax:
    """The household's income tax (CGI art. 197): the scale per part, the cap on the quotient familial and the
    décote. Dated values take effect on 1 January of the income year they tax (`since: 2025-01-01` is the
    scale voted for 2025 incomes)."""

    label: str
    brackets: Annotated[tuple[TaxBracket, ...], AtLeast(1, "au moins une tranche est nécessaire")]
    quotient_cap: Scheduled
    """Largest cut in tax each half-part beyond the first part (single) or two parts (couple) may bring."""
    decote_single: Scheduled
    decote_couple: Scheduled
    decote_rate: Scheduled


@dataclass(frozen=True)
class Formalities:
    """What a creator starting in France must do and by when, the aids and taxes of the first years, the rules
    of commercial influence, and the VAT franchise's 2025 story: figures the guide shows, dates it tells."""

    label: str
    registration_days: Single
    """Days after the start of the activity by which it must be declared at the guichet unique."""
    versement_liberatoire_months: Single
    """Months after the month of creation within which a new business may opt for the versement libératoire."""
    acre_request_days: Single
    """Days after the start of the activity within which ACRE must be requested (it is no longer automatic)."""
    acre_cut_earlier: Single
    """Cut in a micro-entrepreneur's contribution rates under ACRE for a business created before the change."""
    acre_cut: Single
    """The same cut for a business created from the date `dates.acre_cut_change` (1 July 2026)."""
    cfe_exemption_turnover: Single
    """Yearly turnover up to which a micro-entrepreneur pays no CFE (the first year is exempt whatever it is)."""
    influence_contract_threshold: Single
    """Pay plus benefits in kind from one advertiser in a year from which a written contract is required."""
    vat_single_threshold: Single
    """The single VAT franchise threshold the loi de finances pour 2025 voted, suspended, then repealed."""
    dates: Mapping[str, Milestone]
    """Dated events: the VAT franchise story, the versement libératoire deadline, ACRE's cut, the contract rule."""


@dataclass(frozen=True)
class France:
    """Contributions and income tax of a micro-entrepreneur, with the rates in force on `in_force_on`."""

    label: str
    in_force_on: InForce
    allowance_minimum: Scheduled
    income_tax: IncomeTax
    versement_liberatoire_ceiling: Scheduled
    """Taxable income per part (revenu fiscal de référence of two years before) above which the option is closed;
    dated by the year the option applies to."""
    simulators: tuple[Reference, ...]
    categories: Mapping[str, TaxCategory]
    formalities: Formalities
    """The steps and dated rules the guide tells a creator in France (read by the guide, not the calculator)."""


@dataclass(frozen=True)
class Rates:
    """Every figure the site and the calculator use, and nothing else."""

    sources: tuple[Reference, ...]
    """Every reference, written once with a YAML anchor and cited through aliases."""
    currency: Annotated[str, TextShape(one_of=("USD",),
                                       problem="seule la devise USD est prise en charge, pas {value!r}")]
    usd_to_eur: Annotated[Single, Between("un dollar vaut entre 0,1 et 10 euros, pas {value:g} (faute de frappe ?)",
                                          minimum=0.1, maximum=10)]
    milestones: Mapping[str, Milestone]
    creator_fund: CreatorFund
    creator_rewards: CreatorRewards
    brand_deals: BrandDeals
    rate_card: RateCard
    niches: Mapping[str, Niche]
    affiliate: Affiliate
    live_gifts: LiveGifts
    subscriptions: Subscriptions
    regions: Mapping[str, Region]
    own_products: OwnProducts
    series: Series
    creator_marketplace: CreatorMarketplace
    payout: Payout
    minors: Minors
    france: France

    def parameters_by_path(self) -> dict[str, Parameter]:
        """Every parameter by its key path, in file order (a YAML alias appears at each place it is used)."""
        found: dict[str, Parameter] = {}
        _collect(self, found)
        return found

    def parameters(self) -> list[Parameter]:
        """Every distinct figure once, in file order: a parameter shared through a YAML alias counts once."""
        unique: dict[tuple[object, ...], Parameter] = {}
        for parameter in self.parameters_by_path().values():
            content = (parameter.label, parameter.unit, parameter.low, parameter.high, parameter.as_of,
                       parameter.references, parameter.assumption, parameter.stated_evidence)
            unique.setdefault(content, parameter)
        return list(unique.values())


# --- From types to shapes --------------------------------------------------------------------------------
_STATED = (TextShape, NumberShape, DateShape, FlagShape, FigureShape)
"""Shapes an `Annotated` states outright (the rest are rules on the shape its type has)."""
_PLAIN: dict[object, Shape] = {str: TextShape(), float: NumberShape(), bool: FlagShape(),
                               datetime.date: DateShape(), Parameter: FigureShape(("value", "range"))}
_RECORDS: dict[type, RecordShape] = {}


def shape_of(annotation: object) -> Shape:
    """How a field of this type is written in rates.yml (the module's docstring says how types read)."""
    rules: tuple[object, ...] = ()
    if get_origin(annotation) is Annotated:
        annotation, *more = get_args(annotation)
        rules = tuple(more)
    shape = next((rule for rule in rules if isinstance(rule, _STATED)), None) or _PLAIN.get(annotation)
    origin = get_origin(annotation)
    if shape is None and origin is tuple:
        shape = ListShape(shape_of(get_args(annotation)[0]),
                          at_least=next((rule for rule in rules if isinstance(rule, AtLeast)), None),
                          unique_keys=any(isinstance(rule, UniqueKeys) for rule in rules))
    elif shape is None and origin is Mapping:
        shape = TableShape(shape_of(get_args(annotation)[1]))
    elif shape is None and isinstance(annotation, type) and is_dataclass(annotation):
        shape = record_shape(annotation)
    if shape is None:
        raise TypeError(f"rates.yml has no way to write {annotation!r}")
    within = next((rule for rule in rules if isinstance(rule, Between)), None)
    return shape._replace(within=within) if within is not None and isinstance(shape, FigureShape) else shape


def record_shape(record: type) -> RecordShape:
    """The fields a dataclass of the model is written with, in its declared order."""
    if record not in _RECORDS:
        table_key = None
        written: list[FieldShape] = []
        for field in fields(record):
            annotation, required = field.type, True
            if get_origin(annotation) in (Union, types.UnionType):
                annotation = next(arg for arg in get_args(annotation) if arg is not type(None))
                required = False
            if get_origin(annotation) is Annotated and any(isinstance(rule, TableKey) for rule in get_args(annotation)):
                table_key = field.name
            else:
                written.append(FieldShape(field.name, shape_of(annotation), required))
        _RECORDS[record] = RecordShape(record, tuple(written), table_key)
    return _RECORDS[record]


# --- Reading ---------------------------------------------------------------------------------------------
def parse_rates(yaml_text: str) -> Rates:
    """Validate rates.yml text and return the parameter model.

    JSON is YAML too: the browser receives the same document as JSON (written at build time
    from rates.yml), which the json module reads far faster than PyYAML's pure-Python parser.
    """
    rates: Rates = _read_rates(_load(yaml_text), "", None)
    return rates


def _load(text: str) -> object:
    if text.lstrip().startswith("{"):
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            pass  # not JSON after all: YAML says what is wrong
    import yaml  # only here: the browser's JSON never needs it

    # libyaml's parser where PyYAML was built with it (the build's and the tests' CPython): the same safe
    # constructor, about ten times faster than the pure-Python one, which stays the fallback.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(text, Loader=loader)  # a safe loader either way
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (ligne {mark.line + 1}, colonne {mark.column + 1})" if mark else ""
        raise RatesError("", f"YAML invalide{where}: {error}") from None


Reader: TypeAlias = Callable[[object, str, datetime.date | None], Any]
"""Reads one node from its value, its key path and the date a section's scheduled figures are read on."""
_EntryReader: TypeAlias = Callable[[object, str, datetime.date | None, str], Any]


_READERS: dict[tuple[type, Shape], Reader] = {}
_ENTRY_READERS: dict[type, _EntryReader] = {}


def _reader(shape: Shape) -> Reader:
    """The function that reads (and checks) a node of this shape: built once per shape, when this module loads."""
    key = (type(shape), shape)  # named tuples of different classes may hold equal fields
    if key not in _READERS:
        _READERS[key] = _new_reader(shape)
    return _READERS[key]


def _new_reader(shape: Shape) -> Reader:
    if isinstance(shape, TextShape):
        return _text_reader(shape)
    if isinstance(shape, NumberShape):
        return _number
    if isinstance(shape, DateShape):
        return _date
    if isinstance(shape, FlagShape):
        return _flag
    if isinstance(shape, FigureShape):
        return _figure_reader(shape)
    if isinstance(shape, ListShape):
        return _list_reader(shape)
    if isinstance(shape, TableShape):
        return _table_reader(shape)
    read_record = _record_reader(shape)
    return lambda value, path, on: read_record(value, path, on, "")


def _child(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _keys(value: object, path: str) -> dict[str, object]:
    if not isinstance(value, dict):
        raise RatesError(path, f"attendu une table de clés, trouvé {_kind(value)}")
    for key in value:
        if not isinstance(key, str):
            raise RatesError(path, f"clé {key!r} : les clés doivent être du texte")
    return value


# The leaves take `on` without using it: as they are, they are readers, with no wrapper to call through.
def _text(value: object, path: str, on: datetime.date | None = None) -> str:
    if not isinstance(value, str) or not value.strip():
        raise RatesError(path, f"attendu un texte non vide, trouvé {_kind(value)}")
    return value


def _number(value: object, path: str, on: datetime.date | None = None) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RatesError(path, f"attendu un nombre, trouvé {_kind(value)}")
    try:
        number = float(value)
    except OverflowError:  # an integer too long for a float
        raise RatesError(path, "le nombre dépasse un million de milliards (faute de frappe ?)") from None
    if not math.isfinite(number):
        raise RatesError(path, "le nombre doit être fini")
    if number < 0:
        raise RatesError(path, f"le nombre doit être positif ou nul, pas {number}")
    if number > LARGEST:
        raise RatesError(path, f"le nombre dépasse un million de milliards (faute de frappe ?) : {number:g}")
    return number


def _date(value: object, path: str, on: datetime.date | None = None) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            pass
    raise RatesError(path, f"attendu une date réelle AAAA-MM-JJ, trouvé {value!r}")


def _flag(value: object, path: str, on: datetime.date | None = None) -> bool:
    if not isinstance(value, bool):
        raise RatesError(path, f"attendu true ou false, trouvé {_kind(value)}")
    return value


def _text_reader(shape: TextShape) -> Reader:
    if not shape.starts_with and not shape.one_of:
        return _text

    def read(value: object, path: str, on: datetime.date | None) -> str:
        text = _text(value, path)
        if not (text in shape.one_of if shape.one_of else text.startswith(shape.starts_with)):
            raise RatesError(path, shape.problem.format(value=text))
        return text

    return read


def _list_reader(shape: ListShape) -> Reader:
    read_item = _reader(shape.item)

    def read(value: object, path: str, on: datetime.date | None) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise RatesError(path, f"attendu une liste, trouvé {_kind(value)}")
        items = tuple(read_item(item, f"{path}[{index}]", on) for index, item in enumerate(value))
        if shape.at_least is not None and len(items) < shape.at_least.size:
            raise RatesError(path, shape.at_least.problem)
        if shape.unique_keys:
            seen: set[str] = set()
            for index, item in enumerate(items):
                if item.key in seen:
                    raise RatesError(f"{path}[{index}].key", f"clé {item.key!r} déjà utilisée")
                seen.add(item.key)
        return items

    return read


def _table_reader(shape: TableShape) -> Reader:
    if isinstance(shape.entry, RecordShape):
        read_entry = _record_reader(shape.entry)  # fills the entry's `NameInTable` field
    else:
        read_value = _reader(shape.entry)

        def read_entry(value: object, path: str, on: datetime.date | None, name: str) -> Any:
            return read_value(value, path, on)

    def read(value: object, path: str, on: datetime.date | None) -> dict[str, Any]:
        mapping = _keys(value, path)
        if not mapping:
            raise RatesError(path, "la table ne peut pas être vide")
        return {name: read_entry(item, _child(path, name), on, name) for name, item in mapping.items()}

    return read


def _fields_reader(shape: RecordShape) -> Callable[[dict[str, object], str, datetime.date | None], dict[str, Any]]:
    """Reads exactly the record's fields from a table (`_keys`), in their declared order: a missing one or an
    unknown key is an error."""
    plan = [(field.key, _reader(field.shape), field.required,
             isinstance(field.shape, DateShape) and field.shape.in_force) for field in shape.fields]
    known = frozenset(field.key for field in shape.fields)

    def read(mapping: dict[str, object], path: str, on: datetime.date | None) -> dict[str, Any]:
        prefix = f"{path}." if path else ""
        values: dict[str, Any] = {}
        for key, read_field, required, in_force in plan:
            if key in mapping:
                values[key] = read_field(mapping[key], prefix + key, on)
                if in_force:
                    on = values[key]
            elif required:
                raise RatesError(prefix + key, "champ obligatoire manquant")
            else:
                values[key] = None
        if not known.issuperset(mapping):
            unknown = next(key for key in mapping if key not in known)
            raise RatesError(_child(path, unknown), "champ inconnu (faute de frappe ?)")
        return values

    return read


def _record_reader(shape: RecordShape) -> _EntryReader:
    if shape.build not in _ENTRY_READERS:
        _ENTRY_READERS[shape.build] = _new_record_reader(shape)
    return _ENTRY_READERS[shape.build]


def _new_record_reader(shape: RecordShape) -> _EntryReader:
    read_fields = _fields_reader(shape)
    check = _CHECKS.get(shape.build)

    def read(value: object, path: str, on: datetime.date | None, name: str) -> object:
        values = read_fields(_keys(value, path), path, on)
        if shape.table_key is not None:
            values[shape.table_key] = name
        record = shape.build(**values)
        if check is not None:
            check(record, path)
        return record

    return read


def _figure_reader(shape: FigureShape) -> Reader:
    """A figure in one of the FORMS its shape allows, with the rules tying its fields together."""
    allowed = " ou ".join(f"`{FORMS[form][0]}`" for form in shape.forms)
    single = f"attendu une seule valeur ({allowed}), pas une fourchette"

    def read(value: object, path: str, on: datetime.date | None) -> Parameter:
        mapping = _keys(value, path)
        # The form first: a figure written the wrong way is that mistake, whatever its numbers say.
        forms = [form for form, keys in FORMS.items() if any(key in mapping for key in keys)]
        if len(forms) != 1:
            raise RatesError(path, "indiquer soit `value`, soit `low` et `high`, soit des `values` datées")
        if forms == ["schedule"] and ("schedule" not in shape.forms or on is None):
            raise RatesError(f"{path}.values", "des valeurs datées ne servent que dans une section qui fixe sa "
                             "date d'application (france.in_force_on)")
        written = _read_written(mapping, path, on)
        schedule: tuple[DatedValue, ...] = ()
        if forms == ["value"]:
            low = high = written["value"]
        elif forms == ["schedule"]:
            assert on is not None
            schedule = written["values"]
            for index in range(1, len(schedule)):
                if schedule[index].since <= schedule[index - 1].since:
                    raise RatesError(f"{path}.values[{index}].since", "les dates doivent aller de la plus ancienne "
                                     "à la plus récente, sans doublon")
            in_force = [item for item in schedule if item.since <= on]
            if not in_force:
                raise RatesError(f"{path}.values", f"aucune valeur n'est en vigueur le {on.isoformat()}")
            low = high = in_force[-1].value
        else:
            for key in FORMS["range"]:
                if written[key] is None:
                    raise RatesError(f"{path}.{key}", "champ obligatoire manquant")
            low, high = written["low"], written["high"]
            if low > high:
                raise RatesError(f"{path}.low", f"le bas de fourchette ({low:g}) dépasse le haut ({high:g})")
        if written["unit"] == PERCENT:
            for name, number in [("value" if forms != ["range"] else "high", high),
                                 *((f"values[{index}].value", item.value) for index, item in enumerate(schedule))]:
                if number > PERCENT_MAXIMUM:
                    raise RatesError(f"{path}.{name}", f"un pourcentage va de 0 à 100, pas {number:g}")
        assumption, rationale, references = bool(written["assumption"]), written["rationale"], written["references"]
        if assumption and rationale is None:
            raise RatesError(f"{path}.rationale", "une hypothèse (`assumption: true`) doit dire pourquoi")
        if not assumption and rationale is not None:
            raise RatesError(f"{path}.rationale", "`rationale` ne sert qu'avec `assumption: true`")
        if not assumption and not references:
            raise RatesError(f"{path}.references",
                             "au moins une référence est nécessaire (ou `assumption: true` avec `rationale`)")
        if shape.keyed and written["key"] is None:
            raise RatesError(f"{path}.key", "champ obligatoire manquant")
        if forms[0] not in shape.forms:
            raise RatesError(path, single)
        if shape.within is not None and not shape.within.holds(low):
            raise RatesError(f"{path}.value", shape.within.problem.format(value=low))
        stated = written["evidence"]
        if stated is not None and EVIDENCE.index(stated) < EVIDENCE.index(best_evidence(references)):
            raise RatesError(f"{path}.evidence", f"un chiffre ne peut pas être mieux prouvé ({stated}) que sa "
                             f"meilleure référence ({best_evidence(references)})")
        return Parameter(path=path, key=written["key"], label=written["label"], unit=written["unit"], low=low,
                         high=high, is_range=forms == ["range"], as_of=written["as_of"], references=references,
                         assumption=assumption, rationale=rationale, schedule=schedule, stated_evidence=stated)

    return read


# --- Rules across fields: what JSON Schema cannot say -------------------------------------------------------
_CHECKS: dict[type, Callable[[Any, str], None]] = {}


def _checks(record: type) -> Callable[[Callable[[Any, str], None]], Callable[[Any, str], None]]:
    """Registers the rules a record of this class must follow once its fields are read."""
    def register(check: Callable[[Any, str], None]) -> Callable[[Any, str], None]:
        _CHECKS[record] = check
        return check

    return register


@_checks(BrandDeals)
def _check_brand_deals(deals: BrandDeals, path: str) -> None:
    floors = [tier.min_followers.value for tier in deals.tiers]
    if floors != sorted(set(floors)):
        raise RatesError(f"{path}.tiers", "les paliers doivent aller du plus petit au plus grand seuil")
    tier_keys = {tier.key for tier in deals.tiers}
    for index, table in enumerate(deals.price_tables):
        for tier_key in table.prices:
            if tier_key not in tier_keys:
                raise RatesError(f"{path}.price_tables[{index}].prices.{tier_key}",
                                 f"palier inconnu ; paliers possibles : {', '.join(sorted(tier_keys))}")
    # Two bounds JSON Schema could state (Between); kept here, together, for the message and key path they had.
    if deals.engagement_factor_min.value > 1 or deals.engagement_factor_max.value < 1:
        raise RatesError(f"{path}.engagement_factor_min",
                         "les bornes doivent encadrer 1 (un engagement égal à la référence ne change rien)")


@_checks(IncomeTax)
def _check_income_tax(tax: IncomeTax, path: str) -> None:
    brackets = tax.brackets
    for index, bracket in enumerate(brackets):
        last = index == len(brackets) - 1
        if (bracket.upper is None) != last:
            raise RatesError(f"{path}.brackets[{index}].upper", "seule la dernière tranche n'a pas de limite haute"
                             if not last else "la dernière tranche n'a pas de limite haute")
        if index and bracket.rate.value <= brackets[index - 1].rate.value:
            raise RatesError(f"{path}.brackets[{index}].rate", "les taux doivent croître d'une tranche à l'autre")
        previous = brackets[index - 1].upper if index else None
        if bracket.upper is not None and previous is not None and bracket.upper.value <= previous.value:
            raise RatesError(f"{path}.brackets[{index}].upper", "les limites doivent croître d'une tranche à l'autre")


def _check_code(code: str, path: str) -> None:
    if len(code) != 2 or not code.isascii() or not code.isupper():
        raise RatesError(path, f"code pays ISO à deux lettres majuscules attendu (FR, BE…), pas {code!r}")


@_checks(CountryList)
def _check_country_list(countries: CountryList, path: str) -> None:
    for index, code in enumerate(countries.countries):
        _check_code(code, f"{path}.countries[{index}]")


@_checks(Region)
def _check_region(region: Region, path: str) -> None:
    if region.country is not None:
        _check_code(region.country, f"{path}.country")
    if (region.country is None) == (region.offered is None):
        raise RatesError(f"{path}.country", "indiquer soit `country` (code ISO, cherché dans les listes de pays), "
                         "soit `offered` (true ou false) pour une région qui n'est pas un pays")


@_checks(Rates)
def _check_rates(rates: "Rates", path: str) -> None:
    bound = rates.affiliate.commission_bound
    for name, niche in rates.niches.items():
        for index, commission in enumerate(niche.affiliate_commission):
            if commission.low < bound.low or commission.high > bound.high:
                raise RatesError(f"niches.{name}.affiliate_commission[{index}]",
                                 f"la fourchette ({commission.low:g} à {commission.high:g} %) sort des taux que "
                                 f"TikTok Shop autorise (affiliate.commission_bound : {bound.low:g} à "
                                 f"{bound.high:g} %)")


@_checks(France)
def _check_france(france: France, path: str) -> None:
    top = max(bracket.rate.value for bracket in france.income_tax.brackets)
    for key, tax in france.categories.items():
        if tax.vat_tolerance.value < tax.vat_threshold.value:
            raise RatesError(f"{path}.categories.{key}.vat_tolerance",
                             "le seuil majoré ne peut pas être inférieur au seuil de franchise")
        social = tax.social_contributions.value + tax.training_levy.value + (
            0 if tax.chamber_fee is None else tax.chamber_fee.value)
        burden = social + tax.versement_liberatoire.value
        if burden >= 100 or social + top >= 100:
            raise RatesError(f"{path}.categories.{key}",
                             "cotisations et impôt réunis doivent rester sous 100 % du chiffre d'affaires")


# Built after the checks, which the readers look up as they are made.
_read_written = _fields_reader(record_shape(WrittenFigure))
_read_rates = _reader(record_shape(Rates))


def _collect(node: object, found: dict[str, Parameter]) -> None:
    if isinstance(node, Parameter):
        found.setdefault(node.path, node)
    elif isinstance(node, tuple):
        for item in node:
            _collect(item, found)
    elif isinstance(node, Mapping):
        for item in node.values():
            _collect(item, found)
    elif hasattr(node, "__dataclass_fields__"):
        for name in node.__dataclass_fields__:
            _collect(getattr(node, name), found)


def _kind(node: object) -> str:
    if node is None:
        return "rien"
    return {bool: "un booléen", int: "un nombre", float: "un nombre", str: "un texte",
            list: "une liste", dict: "une table"}.get(type(node), type(node).__name__)


def rates_json(yaml_text: str) -> str:
    """The rates.yml document as JSON (dates as ISO text), for the browser; parse_rates reads both."""
    import yaml

    return _as_json(yaml.safe_load(yaml_text))


def parse_rates_and_json(yaml_text: str) -> tuple[Rates, str]:
    """`parse_rates` and `rates_json` from one read of the text: the build needs both, and the YAML parse is
    most of what either costs (about 40 ms for rates.yml with libyaml, 270 ms without)."""
    document = _load(yaml_text)
    rates: Rates = _read_rates(document, "", None)
    return rates, _as_json(document)


def _as_json(document: object) -> str:
    return json.dumps(document, default=lambda value: value.isoformat(), ensure_ascii=False, separators=(",", ":"))
