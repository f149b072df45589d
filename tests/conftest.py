"""Shared fixtures: the repository's rates, parsed once; the site, built once per session from them and once
from other rates (tests/support/other_rates.py), for every test that reads or serves it."""

from __future__ import annotations

from pathlib import Path

import pytest

from calculator import Rates, parse_rates
from tests.support.other_rates import OTHER_RATES_TEXT
from tests.support.repository import RATES_TEXT
from tests.support.site import build_site


@pytest.fixture(scope="session")
def rates() -> Rates:
    return parse_rates(RATES_TEXT)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `mkdocs build --strict` makes it from the repository, built once per session."""
    return build_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def other_rates() -> Rates:
    return parse_rates(OTHER_RATES_TEXT)


@pytest.fixture(scope="session")
def other_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same site built from OTHER_RATES_TEXT, once per session."""
    folder = tmp_path_factory.mktemp("other")
    (folder / "rates.yml").write_text(OTHER_RATES_TEXT, encoding="utf-8")
    return build_site(folder / "site", folder / "rates.yml")
