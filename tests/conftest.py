"""Shared fixtures: the repository's rates, parsed once; the site, built once per run from them and once
from other rates (tests/support/other_rates.py), for every test that reads or serves it.

The tests run on every core (pytest-xdist, `-n auto` in pyproject.toml): each worker is a pytest session of
its own, so a build is shared through the run's temporary folder, under a file lock: the first worker to need
it builds it, the others wait for it and read it. The builds start in the background as soon as a session
does, each worker taking them in its own order so that two workers build the two sites at once, while the
unit tests (which run first, see `testpaths`) go on; the first test that needs a site waits only for what is
left of its build.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from filelock import FileLock
from hypothesis import settings

from calculator import Rates, parse_rates
from tests.support.other_rates import OTHER_RATES_TEXT
from tests.support.repository import RATES_TEXT
from tests.support.site import build_site

# No per-example deadline for any property test: on CI's two shared cores (Chromium and the site builds beside
# the unit tests) a first example that loads Babel's data took 610 ms against hypothesis's 200 ms, a measure of
# the machine's load, not of the code. Budgets are set by max_examples, test by test.
settings.register_profile("combien", deadline=None)
settings.load_profile("combien")

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


def _build_main(folder: Path) -> None:
    build_site(folder / "site")


def _build_other(folder: Path) -> None:
    (folder / "rates.yml").write_text(OTHER_RATES_TEXT, encoding="utf-8")
    build_site(folder / "site", folder / "rates.yml")


BUILDS: dict[str, Callable[[Path], None]] = {"built_site": _build_main, "other_site": _build_other}
"""Each site fixture's build into a folder (the site goes to its `site/`), by fixture name."""


def _worker_number() -> int:
    """This xdist worker's number (gw0 is 0), 0 when the tests run in one process (`-n 0`)."""
    return int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))


def _run_folder(factory: pytest.TempPathFactory) -> Path:
    """The folder every worker of this run shares (the parent of each worker's own), or the session's own."""
    base = factory.getbasetemp()
    return base.parent if "PYTEST_XDIST_WORKER" in os.environ else base


def _shared_build(name: str, factory: pytest.TempPathFactory) -> Path:
    """The site `name`, built by whichever worker asks first; `done` marks a build that finished."""
    folder = _run_folder(factory) / f"shared-{name}"
    with FileLock(f"{folder}.lock"):
        if not (folder / "done").is_file():
            folder.mkdir(exist_ok=True)
            BUILDS[name](folder)
            (folder / "done").touch()
    return folder / "site"


@pytest.fixture(scope="session", autouse=True)
def site_builds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Builds]:
    """Start, in one background thread, the builds that the selected tests need (by fixture name); the second
    worker (gw1) takes them in the opposite order from the first."""
    wanted = {name for item in request.session.items for name in getattr(item, "fixturenames", ())}
    needed = [name for name in BUILDS if name in wanted]
    if _worker_number() % 2:
        needed.reverse()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="site-build") as builder:
        yield {name: builder.submit(_shared_build, name, tmp_path_factory) for name in needed}


def _site(name: str, builds: Builds, factory: pytest.TempPathFactory) -> Path:
    started = builds.get(name)  # not started when only asked for by name, at run time
    return started.result() if started else _shared_build(name, factory)


@pytest.fixture(scope="session")
def built_site(site_builds: Builds, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `mkdocs build --strict` makes it from the repository, built once per run."""
    return _site("built_site", site_builds, tmp_path_factory)


@pytest.fixture(scope="session")
def other_site(site_builds: Builds, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same site built from OTHER_RATES_TEXT, once per run."""
    return _site("other_site", site_builds, tmp_path_factory)
