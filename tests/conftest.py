"""Shared fixtures: the repository's rates, parsed once."""

from __future__ import annotations

from pathlib import Path

import pytest

from calculator import Rates, parse_rates

ROOT = Path(__file__).resolve().parent.parent
RATES_TEXT = (ROOT / "rates.yml").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def rates() -> Rates:
    return parse_rates(RATES_TEXT)
