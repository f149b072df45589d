"""Shared fixtures: the repository's rates, parsed once; the site, built once per session from them and once
from other rates (tests/support/other_rates.py), for every test that reads or serves it.

The two builds start in the background as soon as the session does, one after the other, when a selected
test needs them: the unit tests (which run first, see `testpaths`) keep one core busy, the builds take the
other, and the first test that needs a site waits only for what is left of its build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from calculator import Rates, parse_rates
from tests.support.other_rates import OTHER_RATES_TEXT
from tests.support.repository import RATES_TEXT
from tests.support.site import build_site

Builds = dict[str, "Future[Path]"]
FOLDERS = ("unit", "oracle", "site", "e2e")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the folders in `testpaths` order. pytest groups the tests that pytest-playwright parametrizes by
    browser (a session-scoped parameter) where the first of them stands, which put every site and e2e test in
    the middle of the unit tests; within a folder its order stays (a stable sort, after pytest's own)."""
    def folder(item: pytest.Item) -> int:
        name = item.path.parent.name
        return FOLDERS.index(name) if name in FOLDERS else len(FOLDERS)

    items.sort(key=folder)


@pytest.fixture(scope="session")
def rates() -> Rates:
    return parse_rates(RATES_TEXT)


@pytest.fixture(scope="session")
def other_rates() -> Rates:
    return parse_rates(OTHER_RATES_TEXT)


def _build_main(factory: pytest.TempPathFactory) -> Path:
    return build_site(factory.mktemp("site"))


def _build_other(factory: pytest.TempPathFactory) -> Path:
    folder = factory.mktemp("other")
    (folder / "rates.yml").write_text(OTHER_RATES_TEXT, encoding="utf-8")
    return build_site(folder / "site", folder / "rates.yml")


BUILDS: dict[str, Callable[[pytest.TempPathFactory], Path]] = {"built_site": _build_main, "other_site": _build_other}
"""Each site fixture's build, by fixture name."""


@pytest.fixture(scope="session", autouse=True)
def site_builds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Builds]:
    """Start, in one background thread, the builds that the selected tests need (by fixture name)."""
    needed = {name for item in request.session.items for name in getattr(item, "fixturenames", ())}
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="site-build") as builder:
        yield {name: builder.submit(build, tmp_path_factory) for name, build in BUILDS.items() if name in needed}


def _site(name: str, builds: Builds, factory: pytest.TempPathFactory) -> Path:
    started = builds.get(name)  # not started when only asked for by name, at run time
    return started.result() if started else BUILDS[name](factory)


@pytest.fixture(scope="session")
def built_site(site_builds: Builds, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `mkdocs build --strict` makes it from the repository, built once per session."""
    return _site("built_site", site_builds, tmp_path_factory)


@pytest.fixture(scope="session")
def other_site(site_builds: Builds, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same site built from OTHER_RATES_TEXT, once per session."""
    return _site("other_site", site_builds, tmp_path_factory)
