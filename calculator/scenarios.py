"""Named scenarios (scenarios/*.yml): inputs, what a reader should see, and a preset label;
optionally a goal-mode target and what requirements() gives for it, and what rate_card() gives.

The same files are the test cases (one generic test runs them all), the CLI's --scenario
and the presets on the calculator page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    description: str
    preset: bool
    inputs: dict[str, object]
    expected: dict[str, Any]
    goal: dict[str, Any] | None = None
    """Goal mode: {"target": euros per month, "expected": a subset of requirements()}."""
    rate_card: dict[str, Any] | None = None
    """The rate card: {"expected": a subset of rate_card()} for the same inputs."""


def load_scenario(path: Path) -> Scenario:
    """Read one case file; a ValueError names the file and the field at fault."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ValueError(f"{path}: YAML invalide : {error}") from None
    if not isinstance(data, dict):
        raise ValueError(f"{path}: attendu une table avec title, inputs et expected")
    for key, kind in (("title", str), ("inputs", dict), ("expected", dict)):
        if not isinstance(data.get(key), kind):
            raise ValueError(f"{path}: champ {key!r} manquant ou mal formé")
    goal = data.get("goal")
    if goal is not None and not (isinstance(goal, dict) and "target" in goal
                                 and isinstance(goal.get("expected"), dict)):
        raise ValueError(f"{path}: champ 'goal' mal formé : attendu target et expected")
    card = data.get("rate_card")
    if card is not None and not (isinstance(card, dict) and isinstance(card.get("expected"), dict)):
        raise ValueError(f"{path}: champ 'rate_card' mal formé : attendu expected")
    return Scenario(
        name=path.stem,
        title=data["title"],
        description=str(data.get("description", "")),
        preset=bool(data.get("preset", False)),
        inputs=dict(data["inputs"]),
        expected=dict(data["expected"]),
        goal=goal,
        rate_card=card,
    )


def load_scenarios(directory: Path) -> list[Scenario]:
    return [load_scenario(path) for path in sorted(directory.glob("*.yml"))]
