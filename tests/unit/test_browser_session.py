"""The worker's JSON boundary: answers carry results or French errors, never exceptions."""

from __future__ import annotations

import json
from typing import Any

from calculator import estimate
from calculator.browser import Session
from tests.conftest import RATES_TEXT

SESSION = Session(RATES_TEXT)
FORM = {"followers": "20000", "age": "25", "monthly_views": "300000", "video_seconds": "75"}


def answer(payload: object) -> dict[str, Any]:
    return json.loads(SESSION.answer(json.dumps(payload)))  # type: ignore[no-any-return]


def test_valid_form_gives_the_estimate() -> None:
    assert answer(FORM) == {"ok": True, "result": estimate(FORM, SESSION.rates)}


def test_every_bad_field_is_reported_at_once() -> None:
    reply = answer({**FORM, "followers": "abc", "age": "", "monthly_views": "-3"})
    assert reply["ok"] is False
    assert set(reply["errors"]) == {"followers", "age", "monthly_views"}


def test_garbage_is_an_error_not_a_crash() -> None:
    assert json.loads(SESSION.answer("not json"))["ok"] is False
    assert answer([1, 2])["ok"] is False
