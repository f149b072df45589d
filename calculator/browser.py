"""The JSON boundary the browser worker calls: text in, text out, errors as data.

The worker keeps one `Session` (rates parsed once) and calls `answer` for every change
of the form. Nothing here raises for bad input: problems come back as French messages
keyed by input, so the page can show them beside each field.
"""

from __future__ import annotations

import json

from .currency import currency_problem, in_currency
from .estimate import estimate
from .goal import goal_inputs, requirements
from .inputs import InputError, read_inputs, read_target
from .rates import parse_rates
from .render import render_goal, render_result


class Session:
    def __init__(self, rates_text: str) -> None:
        self.rates = parse_rates(rates_text)

    def answer(self, inputs_json: str, currency: str = "USD", target: str | None = None) -> str:
        """{"ok": true, "currency": the displayed currency, "html": the results panel}
        or {"ok": false, "errors": {key: French message}}.

        With a `target` (euros per month), the panel answers the goal mode instead of the estimate.
        """
        try:
            inputs = json.loads(inputs_json)
        except json.JSONDecodeError as error:
            return _errors({"": f"Données illisibles : {error}"})
        if not isinstance(inputs, dict):
            return _errors({"": "Les données doivent être une table de champs."})
        if target is not None:
            return self._goal(inputs, target)
        _, errors = read_inputs(inputs, self.rates)
        problem = currency_problem(currency)
        if problem:
            errors["currency"] = problem
        if errors:
            return _errors(errors)
        result = estimate(inputs, self.rates)
        shown = in_currency(result, self.rates, currency)
        return json.dumps({"ok": True, "currency": currency, "html": render_result(result, shown)},
                          ensure_ascii=False)

    def _goal(self, inputs: dict[str, object], target: str) -> str:
        inputs = goal_inputs(inputs)
        _, errors = read_inputs(inputs, self.rates)
        try:
            read_target(target)
        except InputError as error:
            errors[error.key] = error.message
        if errors:
            return _errors(errors)
        goal = requirements(target, inputs, self.rates)
        return json.dumps({"ok": True, "currency": "EUR", "html": render_goal(goal)}, ensure_ascii=False)


def _errors(errors: dict[str, str]) -> str:
    return json.dumps({"ok": False, "errors": errors}, ensure_ascii=False)
