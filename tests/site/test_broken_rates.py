"""A broken rates.yml fails `mkdocs build --strict` with parse_rates' message, and publishes nothing.

The rates are checked in the site plugin's `on_config`, which MkDocs runs before it cleans or
writes the site directory: a fresh directory must stay empty, and the message must name the
field at fault, the way RatesError writes it.
"""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from calculator import RatesError, parse_rates
from tests.conftest import RATES_TEXT, ROOT

DOCUMENT: dict[str, Any] = yaml.safe_load(RATES_TEXT)


def edited(change: Callable[[dict[str, Any]], None]) -> str:
    document = copy.deepcopy(DOCUMENT)
    change(document)
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def negative_rpm(document: dict[str, Any]) -> None:
    document["creator_rewards"]["rpm"][0]["low"] = -0.4


def no_references(document: dict[str, Any]) -> None:
    del document["live_gifts"]["creator_share"]["references"]


def unknown_key(document: dict[str, Any]) -> None:
    document["brand_deals"]["engagement_benchmark"]["sources"] = "https://example.org"


def zero_exchange_rate(document: dict[str, Any]) -> None:
    document["usd_to_eur"]["value"] = 0


BROKEN = {
    "bad-yaml": (RATES_TEXT.replace("  rpm:\n", "  rpm: [\n", 1), "<racine>: YAML invalide (ligne "),
    "negative-rate": (edited(negative_rpm), "creator_rewards.rpm[0].low: le nombre doit être positif ou nul"),
    "missing-references": (edited(no_references), "live_gifts.creator_share.references: champ obligatoire manquant"),
    "unknown-key": (edited(unknown_key), "brand_deals.engagement_benchmark.sources: champ inconnu"),
    "zero-exchange-rate": (edited(zero_exchange_rate), "usd_to_eur.value: un dollar vaut entre 0,1 et 10 euros"),
}


def failed_build(tmp_path: Path, text: str, site: Path) -> str:
    """Build into `site` from `text` as rates.yml; the build must fail. Returns what MkDocs printed."""
    rates_file = tmp_path / "rates.yml"
    rates_file.write_text(text, encoding="utf-8")
    # mkdocs.yml with the plugin's `rates` option changed, read from standard input.
    config = f"INHERIT: '{ROOT / 'mkdocs.yml'}'\nplugins:\n  combien-site:\n    rates: '{rates_file}'\n"
    completed = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", "-", "-d", str(site)], cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, input=config,
        capture_output=True, text=True, check=False, timeout=600,
    )
    output = completed.stdout + completed.stderr
    assert completed.returncode != 0, output
    assert "Traceback" not in output  # a message for whoever edits rates.yml, not a crash
    return output.replace(f"{rates_file}: ", "rates.yml: ")


@pytest.mark.parametrize(("text", "message"), BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_rates_file_fails_the_build_naming_the_field_and_writes_nothing(
        tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(RatesError) as raised:  # the same message parse_rates gives everywhere else
        parse_rates(text)
    assert str(raised.value).startswith(message)
    site = tmp_path / "site"
    site.mkdir()
    assert f"rates.yml: {message}" in failed_build(tmp_path, text, site)
    assert list(site.iterdir()) == []


def test_a_broken_rates_file_leaves_the_previous_site_as_it_was(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "calculateur").mkdir(parents=True)
    page = site / "calculateur" / "index.html"
    page.write_text("<p>le site d'hier</p>", encoding="utf-8")
    text, message = BROKEN["negative-rate"]
    assert message in failed_build(tmp_path, text, site)
    assert sorted(path.relative_to(site) for path in site.rglob("*")) == [Path("calculateur"), page.relative_to(site)]
    assert page.read_text(encoding="utf-8") == "<p>le site d'hier</p>"
