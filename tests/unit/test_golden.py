"""Every front end of the calculator writes exactly what the golden files hold (tests/golden/make.py)."""

from __future__ import annotations

import difflib

import pytest

from tests.golden.make import HERE, snapshots

SNAPSHOTS = snapshots()


def test_every_golden_file_is_still_produced() -> None:
    kept = {path.relative_to(HERE).as_posix() for path in HERE.glob("*/*")
            if path.suffix in (".json", ".html", ".txt") and path.parent.name != "pages"}
    assert kept == set(SNAPSHOTS)


@pytest.mark.parametrize("relative", sorted(SNAPSHOTS))
def test_output_is_byte_identical(relative: str) -> None:
    expected = (HERE / relative).read_text(encoding="utf-8")
    actual = SNAPSHOTS[relative]
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "golden", "now", n=1))
        pytest.fail(f"{relative} changed (regenerate with python -m tests.golden.make if intended):\n{diff[:4000]}")
