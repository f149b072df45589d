"""What the calculator widget's templates need: fields with their choices, presets, and the prerendered default.

This has nothing to do with Pyodide: it runs the calculator in CPython at build time, so the
page shows real figures before Python starts in the browser (and without JavaScript).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from calculator import CURRENCIES, INPUT_FIELDS, InputError, Rates, choices, estimate
from calculator.goal import LEVERS
from calculator.render import render_result
from calculator.scenarios import load_scenarios

GOAL_TARGET = "1000"
"""What the goal mode's target field holds for a new visitor (euros per month)."""


def calculator_form(rates: Rates, scenarios: Path) -> dict[str, Any]:
    """Fields, presets (scenarios with `preset: true`), currencies, the default's panel and the query keys."""
    fields = [
        {**dataclasses.asdict(field), "form_value": _form_value(field.initial if field.required else field.default),
         "options": [{"value": key, "label": label} for key, label in choices(field, rates).items()]
         if field.kind == "choice" else []}
        for field in INPUT_FIELDS
    ]
    presets = []
    for scenario in load_scenarios(scenarios):
        if not scenario.preset:
            continue
        try:
            estimate(scenario.inputs, rates)
        except InputError as error:
            raise PluginError(f"{scenarios.name}/{scenario.name}.yml: {error}") from None
        # Every field gets a value, so a preset replaces what the previous one filled in.
        values = {field["key"]: _preset_value(field, scenario.inputs.get(field["key"])) for field in fields}
        presets.append({"name": scenario.name, "title": scenario.title, "description": scenario.description,
                        "inputs": values})
    # The default state, computed now so the page shows real numbers before Python starts.
    defaults = {field["key"]: field["form_value"] for field in fields}
    result = estimate(defaults, rates)
    return {"fields": fields, "presets": presets, "currencies": list(CURRENCIES),
            "prerender": render_result(result, result), "query_keys": [*defaults, "currency", "target"],
            "goal_solves": [lever.input_key for lever in LEVERS], "goal_target": GOAL_TARGET}


def _preset_value(field: dict[str, Any], given: object) -> str:
    if given is not None:
        return _form_value(given)
    return str(field["form_value"]) if field["required"] or field["kind"] == "choice" else ""


def _form_value(value: object) -> str:
    if value is None or value is False:
        return ""
    if value is True:
        return "true"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)
