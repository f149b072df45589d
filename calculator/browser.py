"""The JSON boundary the browser worker calls: text in, text out, errors as data.

The worker keeps one `Session` (rates parsed once) and calls `answer` for every change
of the form. Nothing here raises for bad input: problems come back as French messages
keyed by input, so the page can show them beside each field. The form is read once, here,
and the calculator is called with the values read.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

from .currency import converted, currency_problem
from .estimate import calculate
from .goal import solve
from .inputs import InputError, goal_inputs, read_inputs, read_target
from .kit import media_kit, read_personal
from .rate_card import card_inputs
from .rates import parse_rates
from .render import render_goal, render_result
from .render_kit import render_kit
from .results import plain


class Session:
    def __init__(self, rates_text: str) -> None:
        self.rates = parse_rates(rates_text)

    def answer(self, inputs_json: str, currency: str = "USD", target: str | None = None) -> str:
        """{"ok": true, "currency": the displayed currency, "html": the results panel}
        or {"ok": false, "errors": {key: French message}}.

        With a `target` (euros per month), the panel answers the goal mode instead of the estimate.
        """
        inputs = _table(inputs_json)
        if isinstance(inputs, str):
            return inputs
        if target is not None:
            return self._goal(inputs, target)
        values, errors = read_inputs(inputs, self.rates)
        problem = currency_problem(currency)
        if problem:
            errors["currency"] = problem
        if values is None or errors:
            return _errors(errors)
        result = calculate(values, self.rates)
        shown = converted(result, self.rates, currency)
        data = plain(result)
        return json.dumps({"ok": True, "currency": currency,
                           "html": render_result(data, data if shown is result else plain(shown))},
                          ensure_ascii=False)

    def _goal(self, inputs: dict[str, object], target: str) -> str:
        values, errors = read_inputs(goal_inputs(inputs), self.rates)
        try:
            euros = read_target(target)
        except InputError as error:
            errors[error.key] = error.message
        if values is None or errors:
            return _errors(errors)
        goal = plain(solve(euros, values, self.rates))
        return json.dumps({"ok": True, "currency": "EUR", "html": render_goal(goal)}, ensure_ascii=False)


    def kit(self, inputs_json: str, personal_json: str, currency: str = "USD") -> str:
        """The media kit (/kit-media/): {"ok": true, "currency", "html": the kit's sheet} or {"ok": false,
        "errors"}, the calculator's keys (`monthly_views` may stay blank) and the kit's own fields alike."""
        inputs, personal = _table(inputs_json), _table(personal_json)
        for table in (inputs, personal):
            if isinstance(table, str):
                return table
        assert isinstance(inputs, dict) and isinstance(personal, dict)
        values, errors = read_inputs(card_inputs(inputs), self.rates)
        details, personal_errors = read_personal(personal)
        errors.update(personal_errors)
        problem = currency_problem(currency)
        if problem:
            errors["currency"] = problem
        if values is None or details is None or errors:
            return _errors(errors)
        # The reader's day (the browser's clock): the kit says when it was made.
        kit = media_kit(values, details, self.rates, datetime.date.today())
        return json.dumps({"ok": True, "currency": currency, "html": render_kit(kit, currency)}, ensure_ascii=False)


def _table(text: str) -> dict[str, Any] | str:
    """A JSON table of fields, or the errors answer (text) saying why it is not one."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return _errors({"": f"Données illisibles : {error}"})
    if not isinstance(data, dict):
        return _errors({"": "Les données doivent être une table de champs."})
    return data


def _errors(errors: dict[str, str]) -> str:
    return json.dumps({"ok": False, "errors": errors}, ensure_ascii=False)
