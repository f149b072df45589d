"""The JSON boundary the browser worker calls: text in, text out, errors as data.

The worker keeps one `Session` (rates parsed once) and calls `answer` for every
change of the form. Nothing here raises for bad input: problems come back as
French messages keyed by input, so the page can show them beside each field.
"""

from __future__ import annotations

import json

from .estimate import estimate
from .inputs import read_inputs
from .rates import parse_rates


class Session:
    def __init__(self, rates_text: str) -> None:
        self.rates = parse_rates(rates_text)

    def answer(self, inputs_json: str) -> str:
        """{"ok": true, "result": estimate(...)} or {"ok": false, "errors": {key: message}}."""
        try:
            inputs = json.loads(inputs_json)
        except json.JSONDecodeError as error:
            return json.dumps({"ok": False, "errors": {"": f"Données illisibles : {error}"}})
        if not isinstance(inputs, dict):
            return json.dumps({"ok": False, "errors": {"": "Les données doivent être une table de champs."}})
        _, errors = read_inputs(inputs)
        if errors:
            return json.dumps({"ok": False, "errors": errors}, ensure_ascii=False)
        return json.dumps({"ok": True, "result": estimate(inputs, self.rates)}, ensure_ascii=False)
