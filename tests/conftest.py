"""Shared fixtures: the repository's rates, parsed once."""

from __future__ import annotations

from pathlib import Path

import pytest

from calculator import Rates, parse_rates

# Kept importable from here for the test modules that still read them from tests.conftest.
from tests.support.repository import RATES_TEXT as RATES_TEXT
from tests.support.repository import ROOT as ROOT
from tests.support.site import build_site


@pytest.fixture(scope="session")
def rates() -> Rates:
    return parse_rates(RATES_TEXT)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `mkdocs build --strict` makes it from the repository, built once per session."""
    return build_site(tmp_path_factory.mktemp("site"))
