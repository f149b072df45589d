"""Every built page's article (guide figures, the widget and its prerendered panel) is what the golden files hold."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tests.golden.make import HERE, page_snapshots


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[str, str]:
    return page_snapshots(built_site)


def test_built_pages_are_byte_identical(pages: dict[str, str]) -> None:
    kept = {path.relative_to(HERE).as_posix() for path in (HERE / "pages").iterdir()}
    assert set(pages) == kept
    changed = []
    for relative, actual in sorted(pages.items()):
        expected = (HERE / relative).read_text(encoding="utf-8")
        if actual != expected:
            diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), n=0))
            changed.append(f"{relative}:\n{diff[:1500]}")
    assert not changed, "regenerate with python -m tests.golden.make --pages if intended:\n" + "\n".join(changed)
