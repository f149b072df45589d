"""rates.schema.json: rates.yml follows it, and parse_rates rejects whatever it rejects."""

from __future__ import annotations

import copy
import json
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import RatesError, parse_rates
from tests.conftest import RATES_TEXT, ROOT
from tests.support.rates_paths import paths

SCHEMA = json.loads((ROOT / "rates.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
# As JSON sees it: dates as text, and YAML aliases turned into separate copies.
DOCUMENT: dict[str, Any] = json.loads(json.dumps(yaml.safe_load(RATES_TEXT), default=str))


PATHS = paths(DOCUMENT)[1:]
REPLACEMENTS = [None, "", " ", "texte", -1, 0, 0.5, 7, 150, True, [], {}, "2025-02-30", "2024-02-29",
                {"title": "x"}, {"x": 1}, "https://example.org", [{"title": "t"}]]


def mutate(document: dict[str, Any], path: tuple[Any, ...], operation: str, replacement: Any) -> dict[str, Any]:
    changed = copy.deepcopy(document)
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


def test_the_editor_hint_points_to_the_schema() -> None:
    assert RATES_TEXT.startswith("# yaml-language-server: $schema=rates.schema.json\n")


def test_schema_is_valid_and_rates_follow_it() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert [error.message for error in VALIDATOR.iter_errors(DOCUMENT)] == []


@pytest.mark.parametrize(
    ("path", "replacement"),
    [(("usd_to_eur", "as_of"), "2025-02-30"), (("creator_rewards", "rpm", 0, "low"), -1),
     (("niches", "beauty", "affiliate_commission", 0, "high"), 150), (("currency",), "EUR"),
     (("payout", "methods"), [])],
)
def test_schema_rejects_known_mistakes(path: tuple[Any, ...], replacement: Any) -> None:
    assert not VALIDATOR.is_valid(mutate(DOCUMENT, path, "replace", replacement))


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PATHS), st.sampled_from(["delete", "replace", "add_key"]), st.sampled_from(REPLACEMENTS))
def test_parse_rates_rejects_what_the_schema_rejects(path: tuple[Any, ...], operation: str, replacement: Any) -> None:
    changed = mutate(DOCUMENT, path, operation, replacement)
    if VALIDATOR.is_valid(changed):
        return
    with pytest.raises(RatesError):
        parse_rates(yaml.safe_dump(changed, allow_unicode=True))
