"""Golden files: what every front end of the calculator writes, for every scenario, byte for byte.

Written before a refactoring, compared after it (tests/unit/test_golden.py): a change of
structure must not move a single figure or word. When a change is meant to alter what
readers see, regenerate with `.venv/bin/python -m tests.golden.make --pages` and say why in
the commit message.

What is kept, per scenario of scenarios/:
- estimate/NAME.json: `estimate()` (USD), and estimate-eur/NAME.json: the same shown in EUR;
- panel/NAME.html and panel-eur/NAME.html: the results panel the page and the prerender show;
- goal/NAME.json and goal-panel/NAME.html: `requirements()` for the scenario's own target (1 000 € otherwise);
- cli/*.txt: the command line's text and --json output for a few cases (estimate, goal and rate card);
- pages/PATH.html: the article of every built page (guide figures, widget, prerendered panel), content
  hashes masked; made from a site built by `mkdocs build` (`page_snapshots`, tests/site/test_golden_pages.py).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from calculator import InputError, estimate, in_currency, parse_rates, requirements
from calculator.cli import main as cli
from calculator.render import render_goal, render_result
from calculator.scenarios import load_scenarios

ROOT = Path(__file__).resolve().parent.parent.parent
HERE = Path(__file__).resolve().parent
SCENARIOS = ROOT / "scenarios"
RATES = ROOT / "rates.yml"
DEFAULT_TARGET = 1000
CLI_CASES = {
    "un-million-de-vues": ["--scenario", "un-million-de-vues"],
    "un-million-de-vues-json": ["--scenario", "un-million-de-vues", "--json"],
    "finance-eur": ["--scenario", "finance-100k-engages", "--currency", "EUR"],
    "net-bnc-bareme": ["--scenario", "net-bnc-bareme"],
    "net-bic-vente-eur-json": ["--scenario", "net-bic-vente-produits", "--currency", "EUR", "--json"],
    "objectif-1000-nets": ["--scenario", "objectif-1000-nets", "--target-eur", "1000"],
    "objectif-1000-nets-json": ["--scenario", "objectif-1000-nets", "--target-eur", "1000", "--json"],
    "objectif-debutant-mineur": ["--scenario", "objectif-debutant-mineur", "--target-eur", "500"],
    "kit-finance": ["--scenario", "finance-100k-engages", "--rate-card"],
    "kit-bic-services": ["--scenario", "net-bic-services-partenariats", "--rate-card"],
    "kit-bic-services-json": ["--scenario", "net-bic-services-partenariats", "--rate-card", "--json"],
}


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def snapshots() -> dict[str, str]:
    """Relative path under tests/golden/ -> expected text."""
    rates = parse_rates(RATES.read_text(encoding="utf-8"))
    files: dict[str, str] = {}
    for scenario in load_scenarios(SCENARIOS):
        name = scenario.name
        result = estimate(scenario.inputs, rates)
        euros = in_currency(result, rates, "EUR")
        files[f"estimate/{name}.json"] = _json(result)
        files[f"estimate-eur/{name}.json"] = _json(euros)
        files[f"panel/{name}.html"] = render_result(result, result) + "\n"
        files[f"panel-eur/{name}.html"] = render_result(result, euros) + "\n"
        target = scenario.goal["target"] if scenario.goal else DEFAULT_TARGET
        inputs = {key: value for key, value in scenario.inputs.items() if key != "monthly_views"}
        try:
            goal = requirements(target, inputs, rates)
        except InputError as error:  # kept too: the message is what a reader would see
            files[f"goal/{name}.json"] = _json({"error": {"key": error.key, "message": error.message}})
            continue
        files[f"goal/{name}.json"] = _json(goal)
        files[f"goal-panel/{name}.html"] = render_goal(goal) + "\n"
    for name, arguments in CLI_CASES.items():
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            status = cli(["--rates", str(RATES), "--cases", str(SCENARIOS), *arguments])
        files[f"cli/{name}.txt"] = f"exit {status}\n{out.getvalue()}"
    return files


MEASURED_PAGES = {"performance"}
"""Pages whose figures are measurements (scripts/bench rewrites docs/performance.md), not the model's output."""
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
# Content-hashed names change with any byte of what they name: masked, the rest must not move.
_HASHES = re.compile(r"(?<=[./])[0-9a-f]{12}(?=[./])")


def page_snapshots(site: Path) -> dict[str, str]:
    """pages/PATH.html -> the article of each built page, hashes masked."""
    files: dict[str, str] = {}
    for page in sorted(site.rglob("*.html")):
        found = _ARTICLE.search(page.read_text(encoding="utf-8"))
        if found and page.parent.name not in MEASURED_PAGES:
            files[f"pages/{page.relative_to(site).as_posix().replace('/', '~')}"] = _HASHES.sub("HASH", found[1]) + "\n"
    return files


def _write(files: dict[str, str], folders: set[str]) -> None:
    for path in HERE.glob("*/*"):
        if path.parent.name in folders:
            path.unlink()
    for relative, text in files.items():
        target = HERE / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} golden files under {HERE.relative_to(ROOT)}/")


def main() -> int:
    files = snapshots()
    _write(files, {relative.split("/")[0] for relative in files})
    if "--pages" in sys.argv:
        with tempfile.TemporaryDirectory() as site:
            subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", site], cwd=ROOT,
                           env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=True)
            _write(page_snapshots(Path(site)), {"pages"})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
