"""Fuzzing the calculator's entry points: whatever comes in, only InputError or RatesError comes out.

hypothesis feeds `estimate`, `requirements`, `in_currency`, the browser's `Session.answer` and
`parse_rates` with arbitrary JSON-like values (Unicode digits, spaces, commas, huge numbers,
"1e309", "-0", nested lists and tables, booleans, None) and mutated rates documents. No other
exception may escape, and no result may carry NaN or infinity anywhere.
"""

from __future__ import annotations

import datetime
import json
import math
import re
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import (
    INPUT_FIELDS,
    InputError,
    InputField,
    Rates,
    RatesError,
    choices,
    estimate,
    in_currency,
    parse_rates,
    requirements,
)
from calculator.browser import Session
from tests.support.rates_paths import copied, paths
from tests.support.repository import RATES_TEXT

RATES = parse_rates(RATES_TEXT)
SESSION = Session(RATES_TEXT)
FUZZ = settings(max_examples=150, deadline=None)

# --- Arbitrary values ---------------------------------------------------------------------------
# Decimal digits of other scripts (Arabic-Indic, fullwidth, Devanagari) and digit-like signs.
DIGITS = "".join(chr(zero + offset) for zero in (0x30, 0x660, 0xFF10, 0x966) for offset in range(10)) + "²½"
SPACES = " \u00a0\u202f\u2009\t"
TRICKY = ["1e309", "-1e309", "1e308", "1,7e308", "-0", "-0,0", "0", "2,5", "10 000", "10\u202f000", "1 000,50",
          "1_000", "١٢٣", "\uff11\uff12", "१२", "NaN", "nan", "inf", "-Infinity", "infinity", "1e-400", "0x10", "1.2.3",
          "1,2,3", ",", ".", "-", "+5", "9" * 40, "1" + "0" * 309, "<img src=x onerror=alert(1)>", "", " ", "\u00a0",
          "oui", "non", "true", "%", "11 %", "11,0", "€", "1 000 €", "∞", "None", "null", "[]", "{}"]
numeric_text = st.text(alphabet=DIGITS + SPACES + ",.-+eE_", max_size=24)
big_integers = st.builds(lambda digits, zeros: digits * 10**zeros, st.integers(1, 2**64), st.integers(15, 400))
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), big_integers, st.floats(), st.floats(1e9, 1.7e308),
    st.text(max_size=20), numeric_text, st.sampled_from(TRICKY),
)
json_like = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3),
    max_leaves=6,
)


def french(number: float) -> str:
    """How a French reader may type a number: thin spaces between thousands, a decimal comma."""
    return f"{number:,}".replace(",", "\u202f").replace(".", ",")


def plausible(field: InputField) -> st.SearchStrategy[object]:
    """Values a form could send for this field: mostly valid, often huge, sometimes out of range."""
    if field.kind == "flag":
        return st.booleans() | st.sampled_from(["oui", "non", "true", "false", "on", ""])
    if field.kind == "choice":
        return st.sampled_from([*choices(field, RATES), ""])
    numbers: st.SearchStrategy[float]
    if field.kind == "integer":
        numbers = st.integers(0, 10**7) | big_integers
    else:
        numbers = st.floats(0, 100) | st.floats(0, 1.7e308)
    return numbers | numbers.map(french) | numbers.map(repr) | st.just("")


def field_value(field: InputField) -> st.SearchStrategy[object]:
    return st.one_of(plausible(field), plausible(field), plausible(field), json_like)


forms = st.builds(
    lambda required, optional, extra: {**required, **optional, **extra},
    st.fixed_dictionaries({field.key: field_value(field) for field in INPUT_FIELDS if field.required}),
    st.fixed_dictionaries({}, optional={field.key: field_value(field) for field in INPUT_FIELDS if not field.required}),
    st.dictionaries(st.text(max_size=8), json_like, max_size=1) | st.just({}),
)
valid_forms = st.fixed_dictionaries(
    {field.key: plausible(field) for field in INPUT_FIELDS if field.required},
    optional={field.key: plausible(field) for field in INPUT_FIELDS if not field.required},
)
targets = st.one_of(json_like, st.floats(0, 2e7), st.floats(0, 2e7).map(french), st.sampled_from(["1 000 €", "0,01"]))
currencies = st.sampled_from(["USD", "EUR", "usd", "", "€", "GBP", "NaN"]) | st.text(max_size=4)


# --- Oracles ------------------------------------------------------------------------------------
def non_finite(value: object, path: str = "") -> list[str]:
    """Key paths of every NaN or infinity in a nested result."""
    if isinstance(value, float):
        return [] if math.isfinite(value) else [f"{path} = {value}"]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in non_finite(item, f"{path}.{key}")]
    if isinstance(value, list | tuple):
        return [found for index, item in enumerate(value) for found in non_finite(item, f"{path}[{index}]")]
    return []


def assert_plain_finite(result: dict[str, Any]) -> None:
    assert non_finite(result) == []
    json.dumps(result, allow_nan=False)  # plain data: what the CLI prints with --json


def only_input_errors(call: Callable[[], dict[str, Any]]) -> dict[str, Any] | None:
    """Run `call`; an InputError must name a key and say something in French. Anything else propagates."""
    try:
        result = call()
    except InputError as error:
        assert isinstance(error.key, str) and error.message.strip()
        return None
    assert_plain_finite(result)
    return result


NUMBER_ATTRIBUTE = re.compile(r'data-(?:money|low|high|target)="([^"]*)"')
NOT_A_NUMBER = re.compile(r"(?<![\w-])-?(?:nan|inf|NaN|Infinity|undefined)(?![\w])")


def reject_constant(name: str) -> float:
    raise AssertionError(f"the answer holds {name}, which JSON.parse rejects")


def check_answer(reply: str) -> dict[str, Any]:
    """What the worker hands the page: strict JSON, ok true with a panel whose numbers are finite, or
    ok false with a French message per key."""
    answer = json.loads(reply, parse_constant=reject_constant)
    assert isinstance(answer, dict)
    assert answer["ok"] in (True, False)
    if answer["ok"]:
        html = answer["html"]
        assert isinstance(html, str) and html
        for number in NUMBER_ATTRIBUTE.findall(html):
            assert math.isfinite(float(number)), number
        text = re.sub(r"<[^>]*>", " ", html)
        assert not NOT_A_NUMBER.search(text), NOT_A_NUMBER.findall(text)
    else:
        errors = answer["errors"]
        assert isinstance(errors, dict) and errors
        assert all(isinstance(message, str) and message.strip() for message in errors.values())
    return answer


# --- The calculator ------------------------------------------------------------------------------
@FUZZ
@given(forms)
def test_estimate_raises_only_input_errors_and_stays_finite(form: dict[str, object]) -> None:
    only_input_errors(lambda: estimate(form, RATES))


@FUZZ
@given(targets, forms)
def test_requirements_raise_only_input_errors_and_stay_finite(target: object, form: dict[str, object]) -> None:
    only_input_errors(lambda: requirements(target, form, RATES))


@settings(max_examples=60, deadline=None)
@given(valid_forms, currencies)
def test_in_currency_raises_only_input_errors_and_stays_finite(form: dict[str, object], currency: str) -> None:
    result = only_input_errors(lambda: estimate(form, RATES))
    if result is not None:
        shown = only_input_errors(lambda: in_currency(result, RATES, currency))
        assert (shown is None) == (currency not in ("USD", "EUR"))


@FUZZ
@given(st.one_of(forms.map(json.dumps), json_like.map(json.dumps), st.text(max_size=40)), currencies,
       st.none() | targets.map(str))
def test_session_answer_never_raises_and_always_answers_json(inputs_json: str, currency: str,
                                                             target: str | None) -> None:
    check_answer(SESSION.answer(inputs_json, currency, target))


HUGE = {"followers": "1e308", "age": "30", "monthly_views": "1e308", "video_seconds": "1e308",
        "sponsored_videos": "1e308", "engagement_rate": "100", "affiliate_sales": "1e308",
        "average_order_value": "1e308", "live_diamonds": "1e308", "subscribers": "1e308",
        "subscription_price": "1e308", "product_sales": "1e308", "product_price": "1e308",
        "tax_status": "micro_bnc"}


@pytest.mark.parametrize("key", [key for key, value in HUGE.items() if value == "1e308"])
def test_a_number_too_large_to_compute_is_refused_beside_its_field(key: str) -> None:
    small = {**HUGE, **{other: "1" for other, value in HUGE.items() if value == "1e308"}, "followers": "20000"}
    for value in ("1e308", "9" * 400, 10**400):
        with pytest.raises(InputError) as raised:
            estimate({**small, key: value}, RATES)
        assert raised.value.key == key
        reply = check_answer(SESSION.answer(json.dumps({**small, key: value}), "EUR"))
        assert reply["ok"] is False and key in reply["errors"]


@pytest.mark.parametrize("value", [[], {}, ["france"], {"a": 1}])
@pytest.mark.parametrize("key", ["niche", "region", "product_type", "tax_status", "household"])
def test_a_list_or_table_in_a_choice_is_refused_beside_its_field(key: str, value: object) -> None:
    form = {"followers": "20000", "age": "25", "monthly_views": "300000", "video_seconds": "75", key: value}
    reply = check_answer(SESSION.answer(json.dumps(form)))
    assert reply["ok"] is False and set(reply["errors"]) == {key}


# --- The rates document --------------------------------------------------------------------------
DOCUMENT: dict[str, Any] = yaml.safe_load(RATES_TEXT)


def at(document: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        document = document[step]
    return document


dates = st.one_of(
    st.dates(), st.datetimes(), st.dates().map(datetime.date.isoformat),
    st.sampled_from(["2025-02-30", "2024-02-29", "2026-13-01", "20260101", "2026-W01-1", "2026-1-1", "hier", ""]),
)
rate_values = st.one_of(
    st.integers(-5, 200), st.floats(), big_integers, st.floats(-1e9, 1e9), dates, st.sampled_from(TRICKY), json_like,
)
extreme_numbers = st.sampled_from([0, 0.0, -0.0, 5e-324, 1e-300, 1e-9, 1e15, 1e16, 1.7e308, 10**400, math.nan,
                                   math.inf, -1e-9])
schedules = st.lists(st.fixed_dictionaries({"since": dates, "value": rate_values},
                                           optional={"extra": json_like}), max_size=4)


@st.composite
def mutated_documents(draw: st.DrawFn) -> dict[str, Any]:
    """rates.yml with one to three changes: a field removed, retyped or replaced by another part of the
    document, an unknown key, list items dropped or repeated, a figure turned into dated `values`."""
    document = copied(DOCUMENT)
    for _ in range(draw(st.integers(1, 3))):
        everywhere = paths(document)
        path = draw(st.sampled_from(everywhere[1:]))
        parent, last = at(document, path[:-1]), path[-1]
        node = parent[last]
        operation = draw(st.sampled_from(["delete", "replace", "subtree", "add_key", "wrap", "text", "repeat",
                                          "schedule", "figure"]))
        if operation == "figure":  # a figure anywhere set to zero, a tiny or a huge number
            path = draw(st.sampled_from([path for path in everywhere if isinstance(at(document, path), float | int)]))
            parent, last = at(document, path[:-1]), path[-1]
            operation, node = "replace", parent[last]
        if operation == "delete":
            del parent[last]
        elif operation == "replace":
            parent[last] = draw(rate_values | extreme_numbers)
        elif operation == "subtree":
            parent[last] = copied(at(document, draw(st.sampled_from(everywhere))))
        elif operation == "add_key" and isinstance(node, dict):
            node[draw(st.sampled_from(["clé_inconnue", "value", "low", "high", "values", "key", "assumption"]))] = (
                draw(rate_values))
        elif operation == "wrap":
            parent[last] = [node]
        elif operation == "text":
            parent[last] = str(node)
        elif operation == "repeat" and isinstance(node, list) and node:
            node.append(copied(draw(st.sampled_from(node))))
        elif operation == "schedule" and isinstance(node, dict):
            for form in ("value", "low", "high"):
                if draw(st.booleans()):
                    node.pop(form, None)
            node["values"] = draw(schedules)
    return document


def france_figures() -> list[tuple[Any, ...]]:
    return [path for path in paths(DOCUMENT["france"], ("france",)) if isinstance(at(DOCUMENT, path), dict)
            and "unit" in at(DOCUMENT, path)]


@st.composite
def rescheduled_france(draw: st.DrawFn) -> dict[str, Any]:
    """A French figure given as dated values: dates out of order, repeated, after in_force_on, impossible."""
    document = copied(DOCUMENT)
    figure = at(document, draw(st.sampled_from(france_figures())))
    for form in ("value", "values"):
        figure.pop(form, None)
    figure["values"] = draw(st.lists(st.fixed_dictionaries({"since": dates, "value": st.floats(-1, 150) | dates}),
                                     max_size=4))
    if draw(st.booleans()):
        document["france"]["in_force_on"] = draw(dates)
    return document


def serialised(document: dict[str, Any], as_json: bool) -> str:
    if as_json:  # what the browser reads: dates as text
        return json.dumps(document, default=str, ensure_ascii=False)
    return yaml.dump(document, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False)


SAMPLE_FORMS = [
    {"followers": "20000", "age": "25", "monthly_views": "300000", "video_seconds": "75"},
    {**{key: "1" for key in HUGE}, "followers": "2 000 000", "age": "30", "monthly_views": "10 000 000",
     "video_seconds": "75", "engagement_rate": "12,5", "tax_status": "micro_bic_sales", "region": "us_ca"},
    {"followers": "500000", "age": "40", "monthly_views": "", "video_seconds": "90", "sponsored_videos": "3",
     "tax_status": "micro_bnc", "versement_liberatoire": "oui"},
]


def check_accepted_rates(rates: Rates) -> None:
    """Rates that pass parse_rates must let the calculator answer every form without crashing."""
    for form in SAMPLE_FORMS:
        result = only_input_errors(lambda: estimate(form, rates))  # noqa: B023 (called at once)
        if result is not None:  # in_currency is pure: one estimate serves both currencies
            for currency in ("USD", "EUR"):
                only_input_errors(lambda: in_currency(result, rates, currency))  # noqa: B023
        only_input_errors(lambda: requirements("1 000", form, rates))  # noqa: B023


def parsed(text: str) -> Rates | None:
    try:
        return parse_rates(text)
    except RatesError as error:
        assert str(error).strip()
        return None


def changed(path: tuple[Any, ...], value: object) -> str:
    document = copied(DOCUMENT)
    at(document, path[:-1])[path[-1]] = value
    return serialised(document, as_json=True)


@pytest.mark.parametrize(("path", "value", "named"), [
    (("usd_to_eur", "value"), 0, "usd_to_eur.value"),  # the goal mode divides by it
    (("usd_to_eur", "value"), 0.0009, "usd_to_eur.value"),
    (("brand_deals", "engagement_benchmark", "value"), 0, "brand_deals.engagement_benchmark.value"),
    (("creator_rewards", "rpm", 0, "high"), 1e300, "creator_rewards.rpm[0].high"),  # amounts would overflow
    (("creator_rewards", "rpm", 0, "high"), 10**400, "creator_rewards.rpm[0].high"),
])
def test_figures_that_would_break_the_calculator_are_refused(path: tuple[Any, ...], value: object,
                                                             named: str) -> None:
    with pytest.raises(RatesError) as raised:
        parse_rates(changed(path, value))
    assert raised.value.path == named


def test_the_goal_mode_answers_at_once_for_a_tiny_rate() -> None:
    """A rate far under a cent per sponsored video used to send the solver on a walk of billions of steps."""
    rates = parse_rates(changed(("brand_deals", "follower_rates", 0, "low"), 1e-9))
    creator = {"followers": 500000, "age": 30, "video_seconds": 90, "monthly_views": 0}
    lever = requirements(1000, creator, rates)["levers"]["brand_deals"]
    assert lever["reachable"] is True and lever["high"] > 10**9

    def euros(videos: int) -> float:
        low: float = estimate({**creator, "sponsored_videos": videos}, rates)["streams"]["brand_deals"]["low"]
        return round(low * rates.usd_to_eur.value, 2)

    assert euros(lever["high"]) >= 1000 > euros(lever["high"] - 1)
    out_of_reach = requirements(10_000_000, creator, rates)["levers"]["brand_deals"]
    assert out_of_reach["reachable"] is False
    assert out_of_reach["reasons"] == ["Il faudrait plus de 1\u202f000\u202f000\u202f000\u202f000 vidéos sponsorisées "
                                       "par mois."]


# Examples are a time budget: each one dumps, parses and checks the whole rates.yml (2 166 lines), and every CI
# run draws new ones. Most go through JSON, as the browser reads it (about 80 ms each); one in ten through YAML,
# as the build reads it (about 300 ms: PyYAML's dumper and constructor are Python, libyaml or not). The loaders
# differ only in how a date arrives (a date or its text), which the YAML examples and the damaged-text test keep
# covering.
@settings(max_examples=100, deadline=None)
@given(mutated_documents(), st.integers(0, 9))
def test_parse_rates_raises_only_rates_errors_on_mutated_documents(document: dict[str, Any], form: int) -> None:
    rates = parsed(serialised(document, as_json=form > 0))
    if rates is not None:
        check_accepted_rates(rates)


@settings(max_examples=40, deadline=None)  # the same budget: dates matter here, so one in three through YAML
@given(rescheduled_france(), st.integers(0, 2))
def test_dated_french_values_raise_only_rates_errors(document: dict[str, Any], form: int) -> None:
    rates = parsed(serialised(document, as_json=form > 0))
    if rates is not None:
        check_accepted_rates(rates)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(RATES_TEXT)), st.text(max_size=12), st.integers(0, 40))
def test_parse_rates_raises_only_rates_errors_on_damaged_text(position: int, inserted: str, cut: int) -> None:
    parsed(RATES_TEXT[:position] + inserted + RATES_TEXT[position + cut:])


@settings(max_examples=60, deadline=None)
@given(json_like)
def test_parse_rates_raises_only_rates_errors_on_any_document(document: object) -> None:
    parsed(json.dumps(document))
    parsed(yaml.dump(document, Dumper=yaml.CSafeDumper, allow_unicode=True))
