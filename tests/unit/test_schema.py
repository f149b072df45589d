"""rates.schema.json: written from the model, followed by rates.yml, and in step with parse_rates."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import RatesError, parse_rates
from calculator.rates import rates_json
from tests.support.rates_paths import paths
from tests.support.repository import RATES_TEXT, ROOT

SCHEMA_FILE = ROOT / "rates.schema.json"
SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
# As JSON sees it, which is what the browser reads: dates as text, and YAML aliases turned into separate copies.
DOCUMENT_TEXT = rates_json(RATES_TEXT)
DOCUMENT: dict[str, Any] = json.loads(DOCUMENT_TEXT)

PATHS = paths(DOCUMENT)[1:]
REPLACEMENTS = [None, "", " ", "texte", -1, 0, 0.5, 7, 150, True, [], {}, "2025-02-30", "2024-02-29",
                {"title": "x"}, {"x": 1}, "https://example.org", [{"title": "t"}]]
BEYOND_SCHEMA = ["dépasse le haut", "déjà utilisée", "les paliers doivent aller", "palier inconnu", "encadrer 1",
                 "sans doublon", "seuil majoré", "100 % du chiffre d'affaires", "les dates doivent aller",
                 "aucune valeur n'est en vigueur", "soit `country`", "code pays ISO", "sort des taux que TikTok Shop",
                 "seule la dernière tranche"]
"""What parse_rates rejects and JSON Schema cannot say: rules across fields (a range's low under its high,
unique keys, tiers in order, price tables naming known tiers, engagement bounds around 1, the French rates
together), a schedule's dates, in order and one of them in force, a region's country code or `offered`, the
typical affiliate commissions inside TikTok Shop's bound, and the income tax scale open only at its top bracket."""


def mutate(path: tuple[Any, ...], operation: str, replacement: Any) -> dict[str, Any]:
    changed: dict[str, Any] = json.loads(DOCUMENT_TEXT)  # a fresh copy, faster than copy.deepcopy
    parent = changed
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if operation == "delete" and isinstance(parent, dict):
        del parent[last]
    elif operation == "add_key" and isinstance(parent[last], dict):
        parent[last]["clé_inconnue"] = replacement
    else:
        parent[last] = replacement
    return changed


def test_the_committed_schema_is_what_the_model_writes() -> None:
    written = subprocess.run([sys.executable, "-m", "calculator.schema"], cwd=ROOT, capture_output=True,
                             check=True).stdout.decode("utf-8")
    assert written == SCHEMA_FILE.read_text(encoding="utf-8"), (
        "rates.schema.json is not what calculator/rates.py describes; regenerate it with "
        "`.venv/bin/python -m calculator.schema > rates.schema.json`")


def test_the_editor_hint_points_to_the_schema() -> None:
    assert RATES_TEXT.startswith("# yaml-language-server: $schema=rates.schema.json\n")


def test_schema_is_valid_and_rates_follow_it() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert [error.message for error in VALIDATOR.iter_errors(DOCUMENT)] == []


@pytest.mark.parametrize(
    ("path", "operation", "replacement"),
    [(("usd_to_eur", "as_of"), "replace", "2025-02-30"), (("creator_rewards", "rpm", 0, "low"), "replace", -1),
     (("niches", "beauty", "affiliate_commission", 0, "high"), "replace", 150), (("currency",), "replace", "EUR"),
     (("payout", "methods"), "replace", []), (("usd_to_eur", "value"), "replace", 0),
     (("brand_deals", "engagement_benchmark", "value"), "replace", 0),
     (("creator_rewards", "rpm", 0, "low"), "replace", 1e16), (("creator_rewards", "rpm", 0), "add_key", 1),
     (("creator_rewards", "rpm", 0, "key"), "delete", None), (("niches",), "replace", {}),
     (("sources", 1, "url"), "replace", "javascript:alert(1)"),
     (("france", "categories", "micro_bnc", "turnover_ceiling", "values"), "replace", []),
     (("france", "categories", "micro_bnc", "social_contributions", "values", 2, "value"), "replace", 150)],
)
def test_schema_rejects_known_mistakes(path: tuple[Any, ...], operation: str, replacement: Any) -> None:
    assert not VALIDATOR.is_valid(mutate(path, operation, replacement))


def figure(**fields: Any) -> dict[str, Any]:
    return {"label": "Un chiffre", "unit": "USD", "as_of": "2026-01-01",
            "references": [{"title": "t", "evidence": "unverified"}], **fields}


@pytest.mark.parametrize(
    ("path", "replacement", "accepted"),
    [(("creator_rewards", "min_age"), figure(value=18), True),
     (("creator_rewards", "min_age"), figure(low=16, high=18), False),  # a single value, not a range
     (("creator_rewards", "min_age"), figure(values=[{"since": "2024-01-01", "value": 18}]), False),
     (("subscriptions", "store_fee"), figure(low=15, high=30), True),
     (("subscriptions", "store_fee"), figure(value=15, low=15, high=30), False),
     (("subscriptions", "store_fee"), figure(low=15), False),
     (("france", "allowance_minimum"), figure(values=[{"since": "2024-01-01", "value": 305}]), True),
     (("france", "allowance_minimum"), figure(low=300, high=305), False),
     (("subscriptions", "store_fee"), figure(value=15, references=[], assumption=True, rationale="Parce que."), True),
     (("subscriptions", "store_fee"), figure(value=15, references=[]), False),
     (("subscriptions", "store_fee"), figure(value=15, assumption=True), False),
     (("subscriptions", "store_fee"), figure(value=15, rationale="Parce que."), False),
     (("subscriptions", "store_fee"), figure(value=150, unit="percent"), False),
     (("subscriptions", "store_fee"), figure(value=150, unit="USD"), True)],
)
def test_the_schema_knows_each_way_to_write_a_figure(path: tuple[Any, ...], replacement: dict[str, Any],
                                                      accepted: bool) -> None:
    changed = mutate(path, "replace", replacement)
    assert VALIDATOR.is_valid(changed) is accepted
    try:
        parse_rates(json.dumps(changed))
    except RatesError:
        assert not accepted
    else:
        assert accepted


@settings(max_examples=80, deadline=None)  # a time budget: each example validates the whole document twice (~100 ms)
@given(st.sampled_from(PATHS), st.sampled_from(["delete", "replace", "add_key"]), st.sampled_from(REPLACEMENTS))
def test_parse_rates_and_the_schema_agree_on_a_changed_field(path: tuple[Any, ...], operation: str,
                                                             replacement: Any) -> None:
    changed = mutate(path, operation, replacement)
    schema_accepts = VALIDATOR.is_valid(changed)  # stops at the first error: most changes have one
    try:
        parse_rates(json.dumps(changed, ensure_ascii=False))  # JSON is YAML: parse_rates reads it directly
    except RatesError as error:
        assert not schema_accepts or any(rule in error.problem for rule in BEYOND_SCHEMA), (
            f"the schema accepts what parse_rates rejects: {error}")
    else:
        assert schema_accepts, ("parse_rates accepts what the schema rejects: "
                                f"{[error.message for error in VALIDATOR.iter_errors(changed)]}")
