"""The parameter model read from rates.yml, and its validation.

`parse_rates` turns the YAML text into frozen dataclasses, checking every field on the
way; any problem raises `RatesError` whose message starts with the key path of the field
at fault (for example ``creator_rewards.rpm[1].low``). Unknown keys are errors too, so a
typo cannot silently leave a figure out.
"""

from __future__ import annotations

import datetime
import functools
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

LARGEST = 1e15
"""No figure goes above this (the largest, TikTok's pledges, are in billions): a figure typed with a few
exponent digits too many would otherwise make the calculator's amounts overflow to infinity."""


class RatesError(ValueError):
    """rates.yml is not valid; `path` names the field at fault."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path or '<racine>'}: {problem}")
        self.path = path
        self.problem = problem


@dataclass(frozen=True)
class Reference:
    title: str
    url: str | None


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

    @property
    def value(self) -> float:
        return self.low


@dataclass(frozen=True)
class Milestone:
    """A dated event the guide tells (a launch, a closure), with its sources."""

    key: str
    label: str
    date: datetime.date
    references: tuple[Reference, ...]


@dataclass(frozen=True)
class CreatorFund:
    label: str
    us_fund: Parameter
    us_pledge: Parameter
    global_pledge: Parameter
    rpm: tuple[Parameter, ...]
    min_video_seconds: Parameter


@dataclass(frozen=True)
class CreatorRewards:
    label: str
    min_followers: Parameter
    min_monthly_views: Parameter
    min_age: Parameter
    min_video_seconds: Parameter
    qualified_view_seconds: Parameter
    min_qualified_views_per_video: Parameter
    rpm: tuple[Parameter, ...]


@dataclass(frozen=True)
class Tier:
    key: str
    label: str
    min_followers: Parameter


@dataclass(frozen=True)
class PriceTable:
    key: str
    label: str
    prices: Mapping[str, Parameter]
    """Price of one sponsored video, by tier key; a table may leave tiers out."""


@dataclass(frozen=True)
class BrandDeals:
    label: str
    min_followers: Parameter
    tiers: tuple[Tier, ...]
    price_tables: tuple[PriceTable, ...]
    follower_rates: tuple[Parameter, ...]
    engagement_benchmark: Parameter
    engagement_factor_min: Parameter
    engagement_factor_max: Parameter


@dataclass(frozen=True)
class Niche:
    key: str
    label: str
    brand_factor: Parameter
    affiliate_commission: tuple[Parameter, ...]


@dataclass(frozen=True)
class Affiliate:
    label: str


@dataclass(frozen=True)
class LiveGifts:
    label: str
    min_followers: Parameter
    min_age: Parameter
    coin_price: tuple[Parameter, ...]
    diamonds_per_coin: Parameter
    creator_share: Parameter
    diamond_value: tuple[Parameter, ...]


@dataclass(frozen=True)
class Subscriptions:
    label: str
    min_followers: Parameter
    min_age: Parameter
    store_fee: Parameter


@dataclass(frozen=True)
class Region:
    key: str
    label: str
    subscription_share: Parameter
    payout_minimum: Parameter


@dataclass(frozen=True)
class ProductType:
    key: str
    label: str
    margins: tuple[Parameter, ...]


@dataclass(frozen=True)
class OwnProducts:
    label: str
    product_types: Mapping[str, ProductType]


@dataclass(frozen=True)
class Payout:
    methods: tuple[str, ...]
    daily_limit: Parameter
    processing_days: Parameter


@dataclass(frozen=True)
class TaxCategory:
    """A micro-entreprise category a creator may declare, and its French rates."""

    key: str
    label: str
    social_contributions: Parameter
    training_levy: Parameter
    versement_liberatoire: Parameter
    allowance: Parameter
    turnover_ceiling: Parameter
    vat_threshold: Parameter
    vat_tolerance: Parameter


@dataclass(frozen=True)
class France:
    """Contributions and income tax of a micro-entrepreneur, with the rates in force on `in_force_on`."""

    label: str
    in_force_on: datetime.date
    allowance_minimum: Parameter
    income_tax_rates: tuple[Parameter, ...]
    simulators: tuple[Reference, ...]
    categories: Mapping[str, TaxCategory]


@dataclass(frozen=True)
class Rates:
    currency: str
    usd_to_eur: Parameter
    milestones: Mapping[str, Milestone]
    creator_fund: CreatorFund
    creator_rewards: CreatorRewards
    brand_deals: BrandDeals
    niches: Mapping[str, Niche]
    affiliate: Affiliate
    live_gifts: LiveGifts
    subscriptions: Subscriptions
    regions: Mapping[str, Region]
    own_products: OwnProducts
    payout: Payout
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
                       parameter.references, parameter.assumption)
            unique.setdefault(content, parameter)
        return list(unique.values())


def parse_rates(yaml_text: str) -> Rates:
    """Validate rates.yml text and return the parameter model.

    JSON is YAML too: the browser receives the same document as JSON (written at build time
    from rates.yml), which the json module reads far faster than PyYAML's pure-Python parser.
    """
    root = _Node(_load(yaml_text), "")
    root.take("sources", lambda node: node.items(_reference))  # checked here, used through YAML aliases
    currency = root.take("currency", _Node.text)
    if currency != "USD":
        raise RatesError("currency", f"seule la devise USD est prise en charge, pas {currency!r}")
    rates = Rates(
        currency=currency,
        usd_to_eur=root.take("usd_to_eur", _parameter),
        milestones=root.take("milestones", lambda node: node.table(_milestone)),
        creator_fund=root.take("creator_fund", _creator_fund),
        creator_rewards=root.take("creator_rewards", _creator_rewards),
        brand_deals=root.take("brand_deals", _brand_deals),
        niches=root.take("niches", lambda node: node.table(_niche)),
        affiliate=root.take("affiliate", _affiliate),
        live_gifts=root.take("live_gifts", _live_gifts),
        subscriptions=root.take("subscriptions", _subscriptions),
        regions=root.take("regions", lambda node: node.table(_region)),
        own_products=root.take("own_products", _own_products),
        payout=root.take("payout", _payout),
        france=root.take("france", _france),
    )
    root.done()
    exchange = rates.usd_to_eur.value
    if not 0.1 <= exchange <= 10:
        raise RatesError("usd_to_eur.value", f"un dollar vaut entre 0,1 et 10 euros, pas {exchange:g} "
                         "(faute de frappe ?)")
    if rates.brand_deals.engagement_benchmark.value <= 0:
        raise RatesError("brand_deals.engagement_benchmark.value", "la référence d'engagement divise le taux du "
                         "créateur : elle doit être supérieure à 0")
    return rates


def _load(text: str) -> object:
    if text.lstrip().startswith("{"):
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            pass  # not JSON after all: YAML says what is wrong
    import yaml  # only here: the browser's JSON never needs it

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (ligne {mark.line + 1}, colonne {mark.column + 1})" if mark else ""
        raise RatesError("", f"YAML invalide{where}: {error}") from None


class _Node:
    """A YAML node and its key path; reading a mapping's fields tracks which were used."""

    def __init__(self, value: object, path: str) -> None:
        self.value = value
        self.path = path
        self._used: set[str] = set()

    def fields(self) -> _Node:
        if not isinstance(self.value, dict):
            raise RatesError(self.path, f"attendu une table de clés, trouvé {_kind(self.value)}")
        for key in self.value:
            if not isinstance(key, str):
                raise RatesError(self.path, f"clé {key!r} : les clés doivent être du texte")
        return self

    def child_path(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def take(self, key: str, read: Callable[[_Node], T]) -> T:
        mapping = self.fields().value
        assert isinstance(mapping, dict)
        if key not in mapping:
            raise RatesError(self.child_path(key), "champ obligatoire manquant")
        self._used.add(key)
        return read(_Node(mapping[key], self.child_path(key)))

    def take_optional(self, key: str, read: Callable[[_Node], T]) -> T | None:
        mapping = self.fields().value
        assert isinstance(mapping, dict)
        return self.take(key, read) if key in mapping else None

    def done(self) -> None:
        mapping = self.fields().value
        assert isinstance(mapping, dict)
        for key in mapping:
            if key not in self._used:
                raise RatesError(self.child_path(key), "champ inconnu (faute de frappe ?)")

    def items(self, read: Callable[[_Node], T]) -> tuple[T, ...]:
        if not isinstance(self.value, list):
            raise RatesError(self.path, f"attendu une liste, trouvé {_kind(self.value)}")
        return tuple(read(_Node(item, f"{self.path}[{index}]")) for index, item in enumerate(self.value))

    def table(self, read: Callable[[str, _Node], T]) -> dict[str, T]:
        mapping = self.fields().value
        assert isinstance(mapping, dict)
        if not mapping:
            raise RatesError(self.path, "la table ne peut pas être vide")
        return {key: read(key, _Node(item, self.child_path(key))) for key, item in mapping.items()}

    def text(self) -> str:
        if not isinstance(self.value, str) or not self.value.strip():
            raise RatesError(self.path, f"attendu un texte non vide, trouvé {_kind(self.value)}")
        return self.value

    def number(self) -> float:
        if isinstance(self.value, bool) or not isinstance(self.value, int | float):
            raise RatesError(self.path, f"attendu un nombre, trouvé {_kind(self.value)}")
        try:
            number = float(self.value)
        except OverflowError:  # an integer too long for a float
            raise RatesError(self.path, "le nombre dépasse un million de milliards (faute de frappe ?)") from None
        if not math.isfinite(number):
            raise RatesError(self.path, "le nombre doit être fini")
        if number < 0:
            raise RatesError(self.path, f"le nombre doit être positif ou nul, pas {number}")
        if number > LARGEST:
            raise RatesError(self.path, f"le nombre dépasse un million de milliards (faute de frappe ?) : {number:g}")
        return number

    def date(self) -> datetime.date:
        if isinstance(self.value, datetime.datetime):
            return self.value.date()
        if isinstance(self.value, datetime.date):
            return self.value
        if isinstance(self.value, str):
            try:
                return datetime.date.fromisoformat(self.value)
            except ValueError:
                pass
        raise RatesError(self.path, f"attendu une date réelle AAAA-MM-JJ, trouvé {self.value!r}")

    def flag(self) -> bool:
        if not isinstance(self.value, bool):
            raise RatesError(self.path, f"attendu true ou false, trouvé {_kind(self.value)}")
        return self.value


def _reference(node: _Node) -> Reference:
    fields = node.fields()
    url = fields.take_optional("url", _Node.text)
    if url is not None and not url.startswith(("https://", "http://")):
        raise RatesError(f"{node.path}.url", f"adresse web attendue, pas {url!r}")
    reference = Reference(title=fields.take("title", _Node.text), url=url)
    fields.done()
    return reference


def _parameter(node: _Node, on: datetime.date | None = None) -> Parameter:
    """A figure given as `value`, as `low`/`high`, or (where a section fixes the date `on`) as dated `values`."""
    fields = node.fields()
    mapping = fields.value
    assert isinstance(mapping, dict)
    forms = [form for form in ("value", "low/high", "values")
             if any(key in mapping for key in form.split("/"))]
    if len(forms) != 1:
        raise RatesError(node.path, "indiquer soit `value`, soit `low` et `high`, soit des `values` datées")
    unit = fields.take("unit", _Node.text)
    schedule: tuple[DatedValue, ...] = ()
    if forms == ["value"]:
        low = high = fields.take("value", _Node.number)
    elif forms == ["values"]:
        if on is None:
            raise RatesError(f"{node.path}.values",
                             "des valeurs datées ne servent que dans une section qui fixe sa date d'application "
                             "(france.in_force_on)")
        schedule = fields.take("values", _schedule)
        in_force = [item for item in schedule if item.since <= on]
        if not in_force:
            raise RatesError(f"{node.path}.values", f"aucune valeur n'est en vigueur le {on.isoformat()}")
        low = high = in_force[-1].value
    else:
        low = fields.take("low", _Node.number)
        high = fields.take("high", _Node.number)
        if low > high:
            raise RatesError(f"{node.path}.low", f"le bas de fourchette ({low:g}) dépasse le haut ({high:g})")
    if unit == "percent":
        for name, number in [("value" if forms != ["low/high"] else "high", high),
                             *((f"values[{index}].value", item.value) for index, item in enumerate(schedule))]:
            if number > 100:
                raise RatesError(f"{node.path}.{name}", f"un pourcentage va de 0 à 100, pas {number:g}")
    assumption = bool(fields.take_optional("assumption", _Node.flag))
    rationale = fields.take_optional("rationale", _Node.text)
    references = fields.take("references", lambda refs: refs.items(_reference))
    if assumption and rationale is None:
        raise RatesError(f"{node.path}.rationale", "une hypothèse (`assumption: true`) doit dire pourquoi")
    if not assumption and rationale is not None:
        raise RatesError(f"{node.path}.rationale", "`rationale` ne sert qu'avec `assumption: true`")
    if not assumption and not references:
        raise RatesError(f"{node.path}.references",
                         "au moins une référence est nécessaire (ou `assumption: true` avec `rationale`)")
    parameter = Parameter(
        path=node.path,
        key=fields.take_optional("key", _Node.text),
        label=fields.take("label", _Node.text),
        unit=unit,
        low=low,
        high=high,
        is_range=forms == ["low/high"],
        as_of=fields.take("as_of", _Node.date),
        references=references,
        assumption=assumption,
        rationale=rationale,
        schedule=schedule,
    )
    fields.done()
    return parameter


def _schedule(node: _Node) -> tuple[DatedValue, ...]:
    """Dated values, oldest first, each date later than the one before."""
    schedule = node.items(lambda item: _read(item, DatedValue, since=_Node.date, value=_Node.number))
    if not schedule:
        raise RatesError(node.path, "au moins une valeur datée est nécessaire")
    for index in range(1, len(schedule)):
        if schedule[index].since <= schedule[index - 1].since:
            raise RatesError(f"{node.path}[{index}].since", "les dates doivent aller de la plus ancienne à la plus "
                             "récente, sans doublon")
    return schedule


def _value(node: _Node) -> Parameter:
    parameter = _parameter(node)
    if parameter.is_range:
        raise RatesError(node.path, "attendu une seule valeur (`value`), pas une fourchette")
    return parameter


def _sourced_ranges(node: _Node) -> tuple[Parameter, ...]:
    """A list of parameters, one per source, each with its own unique `key`."""
    parameters = node.items(_parameter)
    if not parameters:
        raise RatesError(node.path, "au moins une fourchette sourcée est nécessaire")
    seen: set[str] = set()
    for index, parameter in enumerate(parameters):
        if parameter.key is None:
            raise RatesError(f"{node.path}[{index}].key", "champ obligatoire manquant")
        if parameter.key in seen:
            raise RatesError(f"{node.path}[{index}].key", f"clé {parameter.key!r} déjà utilisée")
        seen.add(parameter.key)
    return parameters


def _milestone(key: str, node: _Node) -> Milestone:
    milestone = _read(node, functools.partial(Milestone, key=key), label=_Node.text, date=_Node.date,
                      references=lambda refs: refs.items(_reference))
    if not milestone.references:
        raise RatesError(f"{node.path}.references", "au moins une référence est nécessaire")
    return milestone


def _read(node: _Node, build: Callable[..., T], **readers: Callable[[_Node], object]) -> T:
    """Build a record from exactly the listed fields of a table: each read by its reader, none unknown."""
    fields = node.fields()
    result = build(**{key: fields.take(key, read) for key, read in readers.items()})
    fields.done()
    return result


def _keyed(build: Callable[..., T], **readers: Callable[[_Node], object]) -> Callable[[str, _Node], T]:
    """A reader for the entries of a table keyed by name (niches, regions, product types)."""
    return lambda key, node: _read(node, functools.partial(build, key=key), **readers)


def _creator_fund(node: _Node) -> CreatorFund:
    return _read(node, CreatorFund, label=_Node.text, us_fund=_value, us_pledge=_value, global_pledge=_value,
                 rpm=_sourced_ranges, min_video_seconds=_value)


def _creator_rewards(node: _Node) -> CreatorRewards:
    return _read(node, CreatorRewards, label=_Node.text, min_followers=_value, min_monthly_views=_value,
                 min_age=_value, min_video_seconds=_value, qualified_view_seconds=_value,
                 min_qualified_views_per_video=_value, rpm=_sourced_ranges)


def _tier(node: _Node) -> Tier:
    return _read(node, Tier, key=_Node.text, label=_Node.text, min_followers=_value)


def _price_table(node: _Node) -> PriceTable:
    return _read(node, PriceTable, key=_Node.text, label=_Node.text,
                 prices=lambda prices: prices.table(lambda _, price: _parameter(price)))


def _brand_deals(node: _Node) -> BrandDeals:
    result = _read(node, BrandDeals, label=_Node.text, min_followers=_value, tiers=lambda tiers: tiers.items(_tier),
                   price_tables=lambda tables: tables.items(_price_table), follower_rates=_sourced_ranges,
                   engagement_benchmark=_value, engagement_factor_min=_value, engagement_factor_max=_value)
    floors = [tier.min_followers.value for tier in result.tiers]
    if not result.tiers or floors != sorted(set(floors)):
        raise RatesError(f"{node.path}.tiers", "les paliers doivent aller du plus petit au plus grand seuil")
    tier_keys = {tier.key for tier in result.tiers}
    for index, table in enumerate(result.price_tables):
        for tier_key in table.prices:
            if tier_key not in tier_keys:
                raise RatesError(f"{node.path}.price_tables[{index}].prices.{tier_key}",
                                 f"palier inconnu ; paliers possibles : {', '.join(sorted(tier_keys))}")
    if result.engagement_factor_min.value > 1 or result.engagement_factor_max.value < 1:
        raise RatesError(f"{node.path}.engagement_factor_min",
                         "les bornes doivent encadrer 1 (un engagement égal à la référence ne change rien)")
    return result


_niche = _keyed(Niche, label=_Node.text, brand_factor=_parameter, affiliate_commission=_sourced_ranges)
_region = _keyed(Region, label=_Node.text, subscription_share=_parameter, payout_minimum=_parameter)
_product_type = _keyed(ProductType, label=_Node.text, margins=_sourced_ranges)


def _affiliate(node: _Node) -> Affiliate:
    return _read(node, Affiliate, label=_Node.text)


def _live_gifts(node: _Node) -> LiveGifts:
    return _read(node, LiveGifts, label=_Node.text, min_followers=_value, min_age=_value,
                 coin_price=_sourced_ranges, diamonds_per_coin=_value, creator_share=_parameter,
                 diamond_value=_sourced_ranges)


def _subscriptions(node: _Node) -> Subscriptions:
    return _read(node, Subscriptions, label=_Node.text, min_followers=_value, min_age=_value, store_fee=_parameter)


def _own_products(node: _Node) -> OwnProducts:
    return _read(node, OwnProducts, label=_Node.text,
                 product_types=lambda types: types.table(_product_type))


def _payout(node: _Node) -> Payout:
    result = _read(node, Payout, methods=lambda methods: methods.items(_Node.text), daily_limit=_value,
                   processing_days=_value)
    if not result.methods:
        raise RatesError(f"{node.path}.methods", "au moins un moyen de retrait est nécessaire")
    return result


def _france(node: _Node) -> France:
    fields = node.fields()
    on = fields.take("in_force_on", _Node.date)
    dated = functools.partial(_parameter, on=on)

    def value(item: _Node) -> Parameter:
        parameter = dated(item)
        if parameter.is_range:
            raise RatesError(item.path, "attendu une seule valeur (`value` ou `values`), pas une fourchette")
        return parameter

    category = _keyed(TaxCategory, label=_Node.text, social_contributions=value, training_levy=value,
                      versement_liberatoire=value, allowance=value, turnover_ceiling=value, vat_threshold=value,
                      vat_tolerance=value)
    result = France(
        label=fields.take("label", _Node.text),
        in_force_on=on,
        allowance_minimum=fields.take("allowance_minimum", value),
        income_tax_rates=fields.take("income_tax_rates", _sourced_ranges),
        simulators=fields.take("simulators", lambda refs: refs.items(_reference)),
        categories=fields.take("categories", lambda table: table.table(category)),
    )
    fields.done()
    rates = [rate.value for rate in result.income_tax_rates]
    if any(rate.is_range for rate in result.income_tax_rates) or len(set(rates)) != len(rates):
        raise RatesError(f"{node.path}.income_tax_rates", "un taux par tranche : une seule valeur, sans doublon")
    for key, tax in result.categories.items():
        if tax.vat_tolerance.value < tax.vat_threshold.value:
            raise RatesError(f"{node.path}.categories.{key}.vat_tolerance",
                             "le seuil majoré ne peut pas être inférieur au seuil de franchise")
        burden = tax.social_contributions.value + tax.training_levy.value + tax.versement_liberatoire.value
        if burden >= 100 or tax.social_contributions.value + tax.training_levy.value + max(rates) >= 100:
            raise RatesError(f"{node.path}.categories.{key}",
                             "cotisations et impôt réunis doivent rester sous 100 % du chiffre d'affaires")
    return result


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

    return json.dumps(yaml.safe_load(yaml_text), default=lambda value: value.isoformat(), ensure_ascii=False,
                      separators=(",", ":"))
