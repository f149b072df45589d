"""What the calculator widget's templates need: calculator/form.py's fields, presets and query keys,
and the prerendered default (the results panel, and the media kit of /kit-media/).

This has nothing to do with Pyodide: it runs the calculator in CPython at build time, so the
page shows real figures before Python starts in the browser (and without JavaScript).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from calculator import Rates
from calculator.form import PresetError, widget
from calculator.scenarios import load_scenarios


def calculator_form(rates: Rates, scenarios: Path) -> dict[str, Any]:
    """Fields, presets (scenarios with `preset: true`), currencies, the default's panel and the query keys."""
    try:
        return widget(rates, load_scenarios(scenarios)).template_values()
    except PresetError as error:
        raise PluginError(f"{scenarios.name}/{error.scenario}.yml: {error.error}") from None
