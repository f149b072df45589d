"""The parameter model read from rates.yml, and its validation.

`parse_rates` turns the YAML text into frozen dataclasses, checking every field on
the way; any problem raises `RatesError` whose message starts with the key path of
the field at fault (for example ``creator_rewards.rpm[1].low``).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import yaml


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
class Parameter:
    """One sourced figure: a single value (low == high) or a range."""

    path: str
    key: str | None
    label: str
    unit: str
    low: float
    high: float
    is_range: bool
    as_of: datetime.date
    references: tuple[Reference, ...]

    @property
    def value(self) -> float:
        return self.low


@dataclass(frozen=True)
class CreatorFund:
    label: str
    rpm: tuple[Parameter, ...]
    min_video_seconds: Parameter


@dataclass(frozen=True)
class CreatorRewards:
    label: str
    min_followers: Parameter
    min_monthly_views: Parameter
    min_age: Parameter
    min_video_seconds: Parameter
    rpm: tuple[Parameter, ...]


@dataclass(frozen=True)
class Rates:
    currency: str
    creator_fund: CreatorFund
    creator_rewards: CreatorRewards


def parse_rates(yaml_text: str) -> Rates:
    """Validate rates.yml text and return the parameter model."""
    try:
        document = yaml.safe_load(yaml_text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (ligne {mark.line + 1}, colonne {mark.column + 1})" if mark else ""
        raise RatesError("", f"YAML invalide{where}: {error}") from None
    root = _mapping(document, "")
    sources = _sources(_field(root, "sources", ""), "sources")
    reader = _Reader(sources)
    currency = _string(_field(root, "currency", ""), "currency")
    if currency != "USD":
        raise RatesError("currency", f"seule la devise USD est prise en charge, pas {currency!r}")
    fund = _mapping(_field(root, "creator_fund", ""), "creator_fund")
    rewards = _mapping(_field(root, "creator_rewards", ""), "creator_rewards")
    return Rates(
        currency=currency,
        creator_fund=CreatorFund(
            label=_string(_field(fund, "label", "creator_fund"), "creator_fund.label"),
            rpm=reader.range_list(fund, "creator_fund", "rpm"),
            min_video_seconds=reader.value(fund, "creator_fund", "min_video_seconds"),
        ),
        creator_rewards=CreatorRewards(
            label=_string(_field(rewards, "label", "creator_rewards"), "creator_rewards.label"),
            min_followers=reader.value(rewards, "creator_rewards", "min_followers"),
            min_monthly_views=reader.value(rewards, "creator_rewards", "min_monthly_views"),
            min_age=reader.value(rewards, "creator_rewards", "min_age"),
            min_video_seconds=reader.value(rewards, "creator_rewards", "min_video_seconds"),
            rpm=reader.range_list(rewards, "creator_rewards", "rpm"),
        ),
    )


class _Reader:
    """Reads parameters, resolving reference keys against the `sources` table."""

    def __init__(self, sources: Mapping[str, Reference]) -> None:
        self.sources = sources

    def value(self, parent: Mapping[str, object], parent_path: str, key: str) -> Parameter:
        parameter = self.parameter(_field(parent, key, parent_path), f"{parent_path}.{key}")
        if parameter.is_range:
            raise RatesError(f"{parent_path}.{key}", "attendu une seule valeur (`value`), pas une fourchette")
        return parameter

    def range_list(self, parent: Mapping[str, object], parent_path: str, key: str) -> tuple[Parameter, ...]:
        path = f"{parent_path}.{key}"
        items = _sequence(_field(parent, key, parent_path), path)
        if not items:
            raise RatesError(path, "au moins une fourchette sourcée est nécessaire")
        parameters = tuple(self.parameter(item, f"{path}[{index}]") for index, item in enumerate(items))
        seen: set[str] = set()
        for index, parameter in enumerate(parameters):
            if parameter.key is None:
                raise RatesError(f"{path}[{index}].key", "champ obligatoire manquant")
            if parameter.key in seen:
                raise RatesError(f"{path}[{index}].key", f"clé {parameter.key!r} déjà utilisée")
            seen.add(parameter.key)
        return parameters

    def parameter(self, node: object, path: str) -> Parameter:
        fields = _mapping(node, path)
        has_value = "value" in fields
        has_range = "low" in fields or "high" in fields
        if has_value == has_range:
            raise RatesError(path, "indiquer soit `value`, soit `low` et `high`")
        if has_value:
            low = high = _number(fields["value"], f"{path}.value")
        else:
            low = _number(_field(fields, "low", path), f"{path}.low")
            high = _number(_field(fields, "high", path), f"{path}.high")
            if low > high:
                raise RatesError(f"{path}.low", f"le bas de fourchette ({low}) dépasse le haut ({high})")
        references = _sequence(_field(fields, "references", path), f"{path}.references")
        if not references:
            raise RatesError(f"{path}.references", "au moins une référence est nécessaire")
        key = fields.get("key")
        return Parameter(
            path=path,
            key=None if key is None else _string(key, f"{path}.key"),
            label=_string(_field(fields, "label", path), f"{path}.label"),
            unit=_string(_field(fields, "unit", path), f"{path}.unit"),
            low=low,
            high=high,
            is_range=not has_value,
            as_of=_date(_field(fields, "as_of", path), f"{path}.as_of"),
            references=tuple(self.reference(item, f"{path}.references[{i}]") for i, item in enumerate(references)),
        )

    def reference(self, node: object, path: str) -> Reference:
        key = _string(node, path)
        if key not in self.sources:
            raise RatesError(path, f"source {key!r} absente de la table `sources`")
        return self.sources[key]


def _sources(node: object, path: str) -> dict[str, Reference]:
    table = _mapping(node, path)
    sources: dict[str, Reference] = {}
    for key, entry in table.items():
        entry_path = f"{path}.{key}"
        fields = _mapping(entry, entry_path)
        url = fields.get("url")
        if url is not None:
            url = _string(url, f"{entry_path}.url")
            if not url.startswith(("https://", "http://")):
                raise RatesError(f"{entry_path}.url", f"adresse web attendue, pas {url!r}")
        sources[key] = Reference(title=_string(_field(fields, "title", entry_path), f"{entry_path}.title"), url=url)
    return sources


def _field(mapping: Mapping[str, object], key: str, parent_path: str) -> object:
    if key not in mapping:
        path = f"{parent_path}.{key}" if parent_path else key
        raise RatesError(path, "champ obligatoire manquant")
    return mapping[key]


def _mapping(node: object, path: str) -> dict[str, object]:
    if not isinstance(node, dict):
        raise RatesError(path, f"attendu une table de clés, trouvé {_kind(node)}")
    for key in node:
        if not isinstance(key, str):
            raise RatesError(path, f"clé {key!r} : les clés doivent être du texte")
    return node


def _sequence(node: object, path: str) -> Sequence[object]:
    if not isinstance(node, list):
        raise RatesError(path, f"attendu une liste, trouvé {_kind(node)}")
    return node


def _string(node: object, path: str) -> str:
    if not isinstance(node, str) or not node.strip():
        raise RatesError(path, f"attendu un texte non vide, trouvé {_kind(node)}")
    return node


def _number(node: object, path: str) -> float:
    if isinstance(node, bool) or not isinstance(node, int | float):
        raise RatesError(path, f"attendu un nombre, trouvé {_kind(node)}")
    number = float(node)
    if not math.isfinite(number):
        raise RatesError(path, "le nombre doit être fini")
    if number < 0:
        raise RatesError(path, f"le nombre doit être positif ou nul, pas {number}")
    return number


def _date(node: object, path: str) -> datetime.date:
    if isinstance(node, datetime.datetime):
        return node.date()
    if isinstance(node, datetime.date):
        return node
    if isinstance(node, str):
        try:
            return datetime.date.fromisoformat(node)
        except ValueError:
            pass
    raise RatesError(path, f"attendu une date réelle AAAA-MM-JJ, trouvé {node!r}")


def _kind(node: object) -> str:
    if node is None:
        return "rien"
    return {bool: "un booléen", int: "un nombre", float: "un nombre", str: "un texte",
            list: "une liste", dict: "une table"}.get(type(node), type(node).__name__)
