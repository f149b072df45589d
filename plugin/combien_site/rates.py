"""rates.yml, read and checked once per build; every job of the plugin uses this one copy."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError

from calculator import Parameter, Rates, RatesError
from calculator.rates import parse_rates_and_json


@dataclass(frozen=True)
class LoadedRates:
    path: Path
    text: str
    """The file as written: published beside its JSON form, and what the reduced stdlib is measured on."""
    rates: Rates
    json: str
    """The same document as JSON, which the browser's worker reads (parsed in a few ms instead of PyYAML's ~250)."""
    by_path: dict[str, Parameter]
    """Every parameter by its key path (`creator_rewards.rpm[0]`), for the guide's citations."""


def load_rates(path: Path) -> LoadedRates:
    """Parse `path`; a wrong figure fails the build (with the key path at fault), not the reader's page."""
    text = path.read_text(encoding="utf-8")
    try:
        rates, as_json = parse_rates_and_json(text)
    except RatesError as error:
        raise PluginError(f"{path}: {error}") from None
    return LoadedRates(path=path, text=text, rates=rates, json=as_json, by_path=rates.parameters_by_path())
