"""MkDocs hook: put the Python calculator in the site.

- on_config: write the `calculator` wheel from calculator/ (no setuptools, no build/
  leftovers), byte-compile it and the pure PyYAML wheel for Pyodide (cached by content),
  and hand the calculator page its runtime settings through `config.extra.calculator`.
- on_post_build: copy the Pyodide runtime from node_modules, the wheels and rates.yml
  into the built site, so the page loads nothing from outside its own origin.
- on_serve: rebuild when the calculator or rates.yml change.

Nothing here needs the network: scripts/install has already run `npm ci` and built the
PyYAML wheel into .cache/wheels/.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
import logging
import os
import shutil
import subprocess
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from calculator import Rates

ROOT = Path(__file__).resolve().parent.parent
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
# What loadPyodide() fetches at start-up; nothing else from the npm package is served.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
CASES_DIR = ROOT / "tests" / "cases"
SOURCE_WHEELS = ROOT / ".cache" / "wheels"
COMPILED_CACHE = ROOT / ".cache" / "pyodide-wheels"
COMPILER = ROOT / "scripts" / "pyodide"
# Tests build the site from a modified copy of rates.yml through this variable.
RATES_FILE = Path(os.environ.get("COMBIEN_RATES_FILE", ROOT / "rates.yml"))

log = logging.getLogger("mkdocs.hooks.pyodide_runtime")
_compiled: list[Path] = []


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    from calculator import RatesError, parse_rates

    try:  # fail the build, not the reader's browser, when rates.yml is wrong
        rates = parse_rates(RATES_FILE.read_text(encoding="utf-8"))
    except RatesError as error:
        raise PluginError(f"{RATES_FILE}: {error}") from None

    missing = [name for name in PYODIDE_FILES if not (PYODIDE_DIR / name).is_file()]
    if missing:
        raise PluginError(f"node_modules/pyodide is incomplete ({', '.join(missing)}): run scripts/build")
    pyyaml = sorted(SOURCE_WHEELS.glob("pyyaml-*-py3-none-any.whl"))
    if not pyyaml:
        raise PluginError("no pure PyYAML wheel in .cache/wheels/: run scripts/build (it builds one)")
    # A private folder per build: two builds at once (tests, mkdocs serve) never read a half-written wheel.
    with tempfile.TemporaryDirectory(prefix="calculator-wheel-") as work:
        calculator_wheel = _write_calculator_wheel(Path(work))
        _compiled[:] = _compile_for_pyodide([calculator_wheel, pyyaml[-1]])
    config.extra["calculator"] = {
        **calculator_form(rates),
        "wheels": [f"assets/wheels/{wheel.name}" for wheel in _compiled],
        "rates": "assets/rates.yml",
        "worker": "javascripts/calculator-worker.mjs",
        "pyodide": "pyodide/pyodide.mjs",
    }
    return config


def calculator_form(rates: Rates) -> dict[str, Any]:
    """What the widget template needs: fields with their choices, and presets from tests/cases/."""
    from calculator import CURRENCIES, INPUT_FIELDS, InputError, choices, estimate
    from calculator.render import render_result
    from calculator.scenarios import load_scenarios

    fields = [
        {**dataclasses.asdict(field), "form_value": _form_value(field.initial if field.required else field.default),
         "options": [{"value": key, "label": label} for key, label in choices(field, rates).items()]
         if field.kind == "choice" else []}
        for field in INPUT_FIELDS
    ]
    presets = []
    for scenario in load_scenarios(CASES_DIR):
        if not scenario.preset:
            continue
        try:
            estimate(scenario.inputs, rates)
        except InputError as error:
            raise PluginError(f"tests/cases/{scenario.name}.yml: {error}") from None
        # Every field gets a value, so a preset replaces what the previous one filled in.
        values = {field["key"]: _preset_value(field, scenario.inputs.get(field["key"])) for field in fields}
        presets.append({"name": scenario.name, "title": scenario.title, "description": scenario.description,
                        "inputs": values})
    # The default state, computed now so the page shows real numbers before Python starts.
    defaults = {field["key"]: field["form_value"] for field in fields}
    result = estimate(defaults, rates)
    return {"fields": fields, "presets": presets, "currencies": list(CURRENCIES),
            "prerender": render_result(result, result), "query_keys": [*defaults, "currency"]}


def _preset_value(field: dict[str, Any], given: object) -> str:
    if given is not None:
        return _form_value(given)
    return str(field["form_value"]) if field["required"] or field["kind"] == "choice" else ""


def _form_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    for path in (ROOT / "calculator", RATES_FILE, ROOT / "hooks", CASES_DIR):
        server.watch(str(path))
    return server


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    runtime = site / "pyodide"
    runtime.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copy2(PYODIDE_DIR / name, runtime / name)
    wheels = site / "assets" / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    for wheel in _compiled:
        shutil.copy2(wheel, wheels / wheel.name)
    shutil.copy2(RATES_FILE, site / "assets" / "rates.yml")


def _write_calculator_wheel(directory: Path) -> Path:
    """A py3-none-any wheel of calculator/, written directly: same sources, same bytes."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    dist = project["name"].replace("-", "_")
    dist_info = f"{dist}-{project['version']}.dist-info"
    files = {
        path.relative_to(ROOT).as_posix(): path.read_bytes()
        for path in sorted((ROOT / "calculator").rglob("*.py"))
    }
    files[f"{dist_info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n"
        f"Summary: {project['description']}\n"
    ).encode()
    files[f"{dist_info}/WHEEL"] = b"Wheel-Version: 1.0\nGenerator: hooks/pyodide_runtime.py\nRoot-Is-Purelib: true\n" \
        b"Tag: py3-none-any\n"
    files[f"{dist_info}/top_level.txt"] = b"calculator\n"
    directory.mkdir(parents=True, exist_ok=True)
    wheel = directory / f"{dist}-{project['version']}-py3-none-any.whl"
    _wheel_tools().write_wheel(str(wheel), files)
    return wheel


def _compile_for_pyodide(wheels: list[Path]) -> list[Path]:
    """Compiled copies of `wheels`, from the cache when the same inputs were compiled before."""
    pyodide_version = json.loads((PYODIDE_DIR / "package.json").read_text(encoding="utf-8"))["version"]
    compiler_digest = hashlib.sha256(b"".join(p.read_bytes() for p in sorted(COMPILER.iterdir()))).hexdigest()
    targets: list[Path] = []
    to_compile: list[Path] = []
    for wheel in wheels:
        key = hashlib.sha256(f"{pyodide_version}:{compiler_digest}:".encode() + wheel.read_bytes()).hexdigest()[:16]
        target = COMPILED_CACHE / key / wheel.name
        targets.append(target)
        if not target.is_file():
            to_compile.append(wheel)
    if to_compile:
        COMPILED_CACHE.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix="staging-", dir=COMPILED_CACHE))
        for wheel in to_compile:
            shutil.copy2(wheel, staging / wheel.name)
        output = Path(tempfile.mkdtemp(prefix="output-", dir=COMPILED_CACHE))
        command = ["node", str(COMPILER / "compile.mjs"), str(staging), str(output), *(w.name for w in to_compile)]
        completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        if completed.returncode != 0:
            raise PluginError(f"compiling wheels for Pyodide failed:\n{completed.stdout}{completed.stderr}")
        log.info(completed.stdout.strip())
        for target in targets:
            if not target.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(output / target.name, target)
        shutil.rmtree(staging)
        shutil.rmtree(output)
    return targets


def _wheel_tools() -> Any:
    """scripts/pyodide/compile_wheel.py, the one place that knows how to write a wheel."""
    spec = importlib.util.spec_from_file_location("compile_wheel", COMPILER / "compile_wheel.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
