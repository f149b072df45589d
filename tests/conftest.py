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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `mkdocs build --strict` makes it from the repository, built once per session."""
    from tests.sitebuild import build_site

    return build_site(tmp_path_factory.mktemp("site"))
