"""The worker's JSON boundary: answers carry results or French errors, never exceptions."""

from __future__ import annotations

import json
from typing import Any

import pytest

from calculator import INPUT_FIELDS, estimate, in_currency, inputs, requirements
from calculator.browser import Session
from calculator.render import render_goal, render_result
from tests.conftest import RATES_TEXT

SESSION = Session(RATES_TEXT)
FORM = {"followers": "20000", "age": "25", "monthly_views": "300000", "video_seconds": "75", "niche": "tech",
        "sponsored_videos": "", "engagement_rate": ""}


def answer(payload: object, currency: str = "USD", target: str | None = None) -> dict[str, Any]:
    if target is None:
        return json.loads(SESSION.answer(json.dumps(payload), currency))  # type: ignore[no-any-return]
    return json.loads(SESSION.answer(json.dumps(payload), currency, target))  # type: ignore[no-any-return]


def test_valid_form_gives_the_panel_and_nothing_the_page_does_not_read() -> None:
    result = estimate(FORM, SESSION.rates)
    assert answer(FORM) == {"ok": True, "currency": "USD", "html": render_result(result, result)}


def test_euros_change_the_panel_text() -> None:
    result = estimate(FORM, SESSION.rates)
    reply = answer(FORM, "EUR")
    assert reply == {"ok": True, "currency": "EUR",
                     "html": render_result(result, in_currency(result, SESSION.rates, "EUR"))}


def test_a_target_asks_the_goal_mode_and_views_may_stay_blank() -> None:
    form = {**FORM, "monthly_views": "", "tax_status": "micro_bnc"}
    reply = answer(form, "USD", "1 500")
    assert reply == {"ok": True, "currency": "EUR", "html": render_goal(requirements(1500, form, SESSION.rates))}
    assert 'data-requirement="creator_rewards"' in reply["html"]


def test_a_bad_target_is_reported_beside_its_field_with_the_other_errors() -> None:
    reply = answer({**FORM, "age": "vingt"}, "USD", "beaucoup")
    assert reply["ok"] is False
    assert set(reply["errors"]) == {"age", "target"}
    assert answer(FORM, "USD", "0")["errors"] == {"target": "Indiquez un objectif supérieur à 0 €, par exemple 1 000."}


def test_every_bad_field_is_reported_at_once() -> None:
    reply = answer({**FORM, "followers": "abc", "age": "", "monthly_views": "-3", "niche": "cuisine"})
    assert reply["ok"] is False
    assert set(reply["errors"]) == {"followers", "age", "monthly_views", "niche"}


def test_unknown_currency_is_an_error() -> None:
    assert answer(FORM, "GBP")["errors"] == {"currency": "« GBP » n'est pas une devise possible. "
                                                         "Choix possibles : USD, EUR."}


@pytest.mark.parametrize("target", [None, "1 000"])
def test_each_answer_reads_the_form_once(target: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker's hot path: the fields are read and checked once, then the calculator trusts them."""
    reads: list[str] = []
    read_field = inputs._read_field

    def counted(field: inputs.InputField, raw: object, rates: object) -> object:
        reads.append(field.key)
        return read_field(field, raw, SESSION.rates)

    monkeypatch.setattr(inputs, "_read_field", counted)
    assert answer({**FORM, "tax_status": "micro_bnc"}, "EUR", target)["ok"] is True
    assert sorted(reads) == sorted(field.key for field in INPUT_FIELDS)


def test_garbage_is_an_error_not_a_crash() -> None:
    assert json.loads(SESSION.answer("not json"))["ok"] is False
    assert answer([1, 2])["ok"] is False
