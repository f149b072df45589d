"""Command line: `python -m calculator --rates rates.yml --followers N --age N ...`.

Prints a French summary, or with --json exactly what `estimate()` returns.
Bad input exits with status 2 and a message naming the flag.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from .estimate import estimate
from .inputs import INPUT_FIELDS, InputError
from .money import french_number
from .rates import RatesError, parse_rates


def _flag(key: str) -> str:
    return "--" + key.replace("_", "-")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m calculator",
        description="Estime ce que TikTok paie par mois, en fourchettes sourcées (USD).",
    )
    parser.add_argument("--rates", type=Path, default=Path("rates.yml"), help="fichier des taux (rates.yml)")
    parser.add_argument("--json", action="store_true", help="afficher le résultat brut d'estimate() en JSON")
    for field in INPUT_FIELDS:
        # Values stay text here: the calculator reads them, so the CLI and the page reject the same things.
        parser.add_argument(_flag(field.key), dest=field.key, required=True, metavar="N", help=field.hint)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    try:
        rates = parse_rates(arguments.rates.read_text(encoding="utf-8"))
    except OSError as error:
        parser.error(f"--rates : lecture impossible de {arguments.rates} ({error.strerror})")
    except RatesError as error:
        print(f"{arguments.rates} : {error}", file=sys.stderr)
        return 1
    inputs = {field.key: getattr(arguments, field.key) for field in INPUT_FIELDS}
    try:
        result = estimate(inputs, rates)
    except InputError as error:
        parser.error(f"{_flag(error.key)} : {error.message}")
    if arguments.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(summary(result))
    return 0


def summary(result: Mapping[str, object]) -> str:
    """A short French text version of an estimate() result."""
    streams = result["streams"]
    total = result["total"]
    assert isinstance(streams, dict) and isinstance(total, dict)
    lines = ["Estimation mensuelle (USD)", ""]
    for stream in streams.values():
        counted = "" if stream["in_total"] else " (pour comparaison, hors total)"
        lines.append(f"{stream['label']}{counted} : {_dollars(stream['low'])} à {_dollars(stream['high'])}")
        for entry in stream["ranges"]:
            lines.append(f"  - {entry['source']} : {_dollars(entry['low'])} à {_dollars(entry['high'])}")
        for reason in stream["reasons"]:
            lines.append(f"  Non éligible : {reason}")
    lines += ["", f"Total (programmes en vigueur) : {_dollars(total['low'])} à {_dollars(total['high'])}"]
    return "\n".join(lines)


def _dollars(amount: float) -> str:
    return f"{french_number(amount)} $"
