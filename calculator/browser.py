"""The JSON boundary the browser worker calls: text in, text out, errors as data.

The worker keeps one `Session` (rates parsed once) and calls `answer` for every change
of the form. Nothing here raises for bad input: problems come back as French messages
keyed by input, so the page can show them beside each field.
"""

from __future__ import annotations

import json

from .currency import currency_problem, in_currency
from .estimate import estimate
from .inputs import read_inputs
from .rates import parse_rates
from .render import render_result


class Session:
    def __init__(self, rates_text: str) -> None:
        self.rates = parse_rates(rates_text)

    def answer(self, inputs_json: str, currency: str = "USD") -> str:
        """{"ok": true, "result": USD result, "shown": it in `currency`, "html": the results panel}
        or {"ok": false, "errors": {key: French message}}."""
        try:
            inputs = json.loads(inputs_json)
        except json.JSONDecodeError as error:
            return _errors({"": f"Données illisibles : {error}"})
        if not isinstance(inputs, dict):
            return _errors({"": "Les données doivent être une table de champs."})
        _, errors = read_inputs(inputs, self.rates)
        problem = currency_problem(currency)
        if problem:
            errors["currency"] = problem
        if errors:
            return _errors(errors)
        result = estimate(inputs, self.rates)
        shown = in_currency(result, self.rates, currency)
        return json.dumps({"ok": True, "result": result, "shown": shown, "html": render_result(result, shown)},
                          ensure_ascii=False)


def _errors(errors: dict[str, str]) -> str:
    return json.dumps({"ok": False, "errors": errors}, ensure_ascii=False)
