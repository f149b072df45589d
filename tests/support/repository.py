"""The repository the tests check: its root, its rates.yml as text, its scenarios, the pages its docs/ make."""

from __future__ import annotations

from pathlib import Path

from calculator.scenarios import Scenario, load_scenarios

ROOT = Path(__file__).resolve().parent.parent.parent
RATES_TEXT = (ROOT / "rates.yml").read_text(encoding="utf-8")
SCENARIOS: list[Scenario] = load_scenarios(ROOT / "scenarios")


def _page_of(source: Path) -> str:
    """docs/faq.md -> "faq/", docs/calculateur/index.md -> "calculateur/", docs/index.md -> "" (MkDocs' URLs)."""
    relative = source.relative_to(ROOT / "docs").with_suffix("")
    return "" if relative.as_posix() == "index" else f"{relative.as_posix().removesuffix('/index')}/"


# Every page of the built site, as its path under the site's root (its file: PATH/index.html).
PAGES = sorted(_page_of(source) for source in (ROOT / "docs").rglob("*.md") if "includes" not in source.parts)
