"""The worker's JSON boundary: answers carry results or French errors, never exceptions."""

from __future__ import annotations

import json
from typing import Any

from calculator import estimate, in_currency
from calculator.browser import Session
from calculator.render import render_result
from tests.conftest import RATES_TEXT

SESSION = Session(RATES_TEXT)
FORM = {"followers": "20000", "age": "25", "monthly_views": "300000", "video_seconds": "75", "niche": "tech",
        "sponsored_videos": "", "engagement_rate": ""}


def answer(payload: object, currency: str = "USD") -> dict[str, Any]:
    return json.loads(SESSION.answer(json.dumps(payload), currency))  # type: ignore[no-any-return]


def test_valid_form_gives_the_estimate() -> None:
    result = estimate(FORM, SESSION.rates)
    assert answer(FORM) == {"ok": True, "result": result, "shown": result, "html": render_result(result, result)}


def test_euros_are_shown_while_the_result_stays_in_usd() -> None:
    reply = answer(FORM, "EUR")
    assert reply["result"]["currency"] == "USD"
    assert reply["shown"] == in_currency(estimate(FORM, SESSION.rates), SESSION.rates, "EUR")


def test_every_bad_field_is_reported_at_once() -> None:
    reply = answer({**FORM, "followers": "abc", "age": "", "monthly_views": "-3", "niche": "cuisine"})
    assert reply["ok"] is False
    assert set(reply["errors"]) == {"followers", "age", "monthly_views", "niche"}


def test_unknown_currency_is_an_error() -> None:
    assert answer(FORM, "GBP")["errors"] == {"currency": "« GBP » n'est pas une devise possible. "
                                                         "Choix possibles : USD, EUR."}


def test_garbage_is_an_error_not_a_crash() -> None:
    assert json.loads(SESSION.answer("not json"))["ok"] is False
    assert answer([1, 2])["ok"] is False
