"""parse_rates accepts the real rates.yml and rejects every kind of bad file, naming the field."""

from __future__ import annotations

import copy
import datetime
from typing import Any

import pytest
import yaml

from calculator import RatesError, parse_rates
from tests.conftest import RATES_TEXT

DOCUMENT: dict[str, Any] = yaml.safe_load(RATES_TEXT)


def parse_modified(change: Any) -> None:
    document = copy.deepcopy(DOCUMENT)
    change(document)
    parse_rates(yaml.safe_dump(document, allow_unicode=True))


def test_repository_rates_parse_with_seed_figures() -> None:
    rates = parse_rates(RATES_TEXT)
    assert [(p.low, p.high) for p in rates.creator_fund.rpm] == [(0.02, 0.04)]
    assert [(p.low, p.high) for p in rates.creator_rewards.rpm] == [(0.40, 1.00), (0.50, 6.00)]
    assert rates.creator_rewards.min_followers.value == 10000
    assert rates.creator_rewards.min_monthly_views.value == 100000
    assert rates.creator_rewards.min_age.value == 18
    assert rates.creator_rewards.min_video_seconds.value == 60
    assert rates.creator_fund.min_video_seconds.value == 0


def test_every_parameter_has_unit_date_and_references() -> None:
    rates = parse_rates(RATES_TEXT)
    parameters = [*rates.creator_fund.rpm, rates.creator_fund.min_video_seconds, *rates.creator_rewards.rpm,
                  rates.creator_rewards.min_followers, rates.creator_rewards.min_monthly_views,
                  rates.creator_rewards.min_age, rates.creator_rewards.min_video_seconds]
    for parameter in parameters:
        assert parameter.unit and parameter.label
        assert isinstance(parameter.as_of, datetime.date)
        assert parameter.references and all(ref.title for ref in parameter.references)


@pytest.mark.parametrize(
    ("change", "path", "problem"),
    [
        (lambda d: d["creator_rewards"]["rpm"][1].update(low=7.0), "creator_rewards.rpm[1].low", "dépasse"),
        (lambda d: d["creator_fund"]["rpm"][0].update(high=-1), "creator_fund.rpm[0].high", "positif"),
        (lambda d: d["creator_rewards"]["min_age"].update(value="dix-huit"), "creator_rewards.min_age.value",
         "nombre"),
        (lambda d: d["creator_rewards"]["min_age"].update(value=True), "creator_rewards.min_age.value", "nombre"),
        (lambda d: d["creator_rewards"]["min_followers"].update(value=float("nan")),
         "creator_rewards.min_followers.value", "fini"),
        (lambda d: d["creator_rewards"].pop("min_followers"), "creator_rewards.min_followers", "manquant"),
        (lambda d: d["creator_rewards"]["rpm"][0].pop("unit"), "creator_rewards.rpm[0].unit", "manquant"),
        (lambda d: d["creator_rewards"]["rpm"][0].update(as_of="2025-02-30"), "creator_rewards.rpm[0].as_of",
         "date"),
        (lambda d: d["creator_rewards"]["rpm"][0].update(references=["nowhere"]),
         "creator_rewards.rpm[0].references[0]", "nowhere"),
        (lambda d: d["creator_rewards"]["rpm"][0].update(references=[]), "creator_rewards.rpm[0].references",
         "au moins"),
        (lambda d: d["creator_rewards"]["rpm"][1].update(key="napolify"), "creator_rewards.rpm[1].key", "déjà"),
        (lambda d: d["creator_rewards"].update(rpm=[]), "creator_rewards.rpm", "au moins"),
        (lambda d: d["creator_rewards"].update(rpm={"low": 1}), "creator_rewards.rpm", "liste"),
        (lambda d: d["creator_rewards"]["min_age"].update(low=1, high=2), "creator_rewards.min_age", "soit"),
        (lambda d: d["creator_rewards"].update(min_age={"low": 1, "high": 2, **{
            k: v for k, v in d["creator_rewards"]["min_age"].items() if k != "value"}}),
         "creator_rewards.min_age", "une seule valeur"),
        (lambda d: d["sources"]["napolify_rpm"].update(url="javascript:alert(1)"), "sources.napolify_rpm.url",
         "adresse"),
        (lambda d: d.update(currency="EUR"), "currency", "USD"),
    ],
)
def test_invalid_field_is_named_by_its_key_path(change: Any, path: str, problem: str) -> None:
    with pytest.raises(RatesError) as caught:
        parse_modified(change)
    assert caught.value.path == path
    assert str(caught.value).startswith(f"{path}: ")
    assert problem in str(caught.value)


def test_yaml_syntax_error_gives_the_line() -> None:
    with pytest.raises(RatesError, match="ligne 2"):
        parse_rates("currency: USD\nsources: x: y\n")


def test_only_safe_yaml_is_loaded() -> None:
    with pytest.raises(RatesError, match="YAML invalide"):
        parse_rates("!!python/object/apply:os.system ['echo pwned']")


@pytest.mark.parametrize("text", ["", "- a list\n", "just text\n"])
def test_document_must_be_a_table(text: str) -> None:
    with pytest.raises(RatesError, match="table"):
        parse_rates(text)


def test_rates_error_is_a_value_error() -> None:
    assert issubclass(RatesError, ValueError)
