"""MkDocs hook: put the Python calculator in the site, ready to start fast and be cached forever.

- on_config: write the `calculator` wheel from calculator/ (no setuptools, no build/
  leftovers), byte-compile it and the pure PyYAML wheel for Pyodide, build the reduced
  standard library they need and a lock file listing only them (all cached by content),
  then plan every runtime file under a content-hashed name and hand the calculator pages
  their settings through `config.extra.calculator`.
- on_files: keep the unhashed sources of those files out of the site.
- on_post_build: write the planned files: Pyodide's runtime from node_modules, the reduced
  standard library, the lock, the wheels, rates.yml, the page scripts and the stylesheet.
- on_serve: rebuild when the calculator, rates.yml or the scenarios change.

Nothing here needs the network: scripts/install has already run `npm ci` and built the
PyYAML wheel into .cache/wheels/.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import posixpath
import re
import shutil
import subprocess
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from calculator import Rates

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
# What loadPyodide() fetches besides the standard library and the lock, which we make ourselves.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")
CASES_DIR = ROOT / "scenarios"
SOURCE_WHEELS = ROOT / ".cache" / "wheels"
COMPILED_CACHE = ROOT / ".cache" / "pyodide-wheels"
STDLIB_CACHE = ROOT / ".cache" / "pyodide-stdlib"
COMPILER = ROOT / "scripts" / "pyodide"
# Tests build the site from a modified copy of rates.yml through this variable.
RATES_FILE = Path(os.environ.get("COMBIEN_RATES_FILE", ROOT / "rates.yml"))
# Files of docs/ served under a content-hashed name instead of their own.
HASHED_SOURCES = {
    "page": "javascripts/calculator-page.mjs",
    "client": "javascripts/calculator-client.mjs",
    "view": "javascripts/calculator-view.mjs",
    "worker": "javascripts/calculator-worker.mjs",
    "builder": "javascripts/embed-builder.mjs",
    "stylesheet": "stylesheets/calculator.css",
}
SERVICE_WORKER = "javascripts/service-worker.js"
# The pages that work offline once visited.
OFFLINE_PAGES = ("calculateur/", "embed/")

log = logging.getLogger("mkdocs.hooks.pyodide_runtime")
_plan: dict[str, Path | bytes] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    from calculator import RatesError, parse_rates
    from calculator.rates import rates_json

    rates_text = RATES_FILE.read_text(encoding="utf-8")
    try:  # fail the build, not the reader's browser, when rates.yml is wrong
        rates = parse_rates(rates_text)
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
        wheels = _compile_for_pyodide([_write_calculator_wheel(Path(work)), pyyaml[-1]])
    stdlib = _reduced_stdlib(wheels)

    _plan.clear()
    version = _pyodide_version()
    runtime = {name: _put(f"pyodide/{version}/{name}", PYODIDE_DIR / name) for name in PYODIDE_FILES}
    stdlib_url = _put_hashed(f"pyodide/{version}/python_stdlib.zip", stdlib)
    wheel_urls = {wheel: _put(f"assets/wheels/{_digest(wheel.read_bytes())[:12]}/{wheel.name}", wheel)
                  for wheel in wheels}
    lock_url = _put_hashed("assets/wheels/pyodide-lock.json", _lock_file(wheel_urls))
    # The worker reads the JSON form (same document, parsed in a few ms instead of a few hundred);
    # rates.yml itself is published next to it for readers.
    _put_hashed("assets/rates.yml", rates_text.encode())
    rates_url = _put_hashed("assets/rates.json", rates_json(rates_text).encode())
    assets = {role: _put_hashed(f"assets/{Path(source).parent.name}/{Path(source).name}", DOCS / source)
              for role, source in HASHED_SOURCES.items()}
    config.extra_css = [assets["stylesheet"], *(css for css in config.extra_css
                                                if css != HASHED_SOURCES["stylesheet"])]
    fetched = (runtime["pyodide.asm.wasm"], stdlib_url, lock_url, rates_url, *wheel_urls.values())
    config.extra["calculator"] = {
        **calculator_form(rates),
        "page_script": assets["page"],
        "builder_script": assets["builder"],
        "assets": assets,  # every HASHED_SOURCES role -> its hashed address (the page modules' preload links)
        # Everything the worker fetches, with its size, so the page can show a real progress bar.
        "runtime": {
            "worker": assets["worker"],
            "pyodide": runtime["pyodide.mjs"],
            "stdlib": stdlib_url,
            "lock": lock_url,
            "packages": [_package_name(wheel) for wheel in wheels],
            "rates": rates_url,
            "sizes": {url: _size(_plan[url]) for url in fetched},
            # The worker refuses to run on any file whose sha256 differs (a corrupted or altered download).
            "integrity": {url: _sha256(_plan[url]) for url in fetched},
        },
    }
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    for source in (*HASHED_SOURCES.values(), SERVICE_WORKER):
        file = files.get_file_from_path(source)
        if file is not None:
            files.remove(file)
    return files


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    for path in (ROOT / "calculator", RATES_FILE, ROOT / "hooks", CASES_DIR):
        server.watch(str(path))
    return server


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    for url, content in _plan.items():
        target = site / url
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copy2(content, target)
        else:
            target.write_bytes(content)
    _write_service_worker(site)


def _write_service_worker(site: Path) -> None:
    """sw.js at the site root: the offline pages, what they load and what the worker fetches."""
    precache = set(OFFLINE_PAGES) | set(_plan)
    for page in OFFLINE_PAGES:
        html = (site / page / "index.html").read_text(encoding="utf-8")
        for link in re.findall(r'(?:src|href)="([^"#?]+)"', html):
            path = posixpath.normpath(posixpath.join(page, link))
            if "://" not in link and not link.startswith(("data:", "mailto:")) and (site / path).is_file():
                precache.add(path)
    listed = sorted(precache)
    version = _digest(b"".join(path.encode() + (site / path).read_bytes() if (site / path).is_file()
                               else (site / path / "index.html").read_bytes() for path in listed))[:16]
    script = (DOCS / SERVICE_WORKER).read_text(encoding="utf-8")
    script = script.replace("__VERSION__", version).replace("__PRECACHE__", json.dumps(listed, indent=1))
    (site / "sw.js").write_text(script, encoding="utf-8")


def calculator_form(rates: Rates) -> dict[str, Any]:
    """What the widget templates need (calculator/form.py): fields, presets, query keys, the prerendered default."""
    from calculator.form import PresetError, widget
    from calculator.scenarios import load_scenarios

    try:
        return widget(rates, load_scenarios(CASES_DIR)).template_values()
    except PresetError as error:
        raise PluginError(f"scenarios/{error.scenario}.yml: {error.error}") from None


# --- the plan of files to write ------------------------------------------------------
def _put(url: str, content: Path | bytes) -> str:
    _plan[url] = content
    return url


def _put_hashed(url: str, content: Path | bytes) -> str:
    """Plan `content` under url with a content hash before the extension (rates.yml -> rates.<hash>.yml)."""
    data = content.read_bytes() if isinstance(content, Path) else content
    path = Path(url)
    return _put(str(path.with_name(f"{path.stem}.{_digest(data)[:12]}{path.suffix}")), content)


def _sha256(content: Path | bytes) -> str:
    return hashlib.sha256(content.read_bytes() if isinstance(content, Path) else content).hexdigest()


def _size(content: Path | bytes) -> int:
    return content.stat().st_size if isinstance(content, Path) else len(content)


def _lock_file(wheel_urls: dict[Path, str]) -> bytes:
    """A Pyodide lock listing only our wheels, by path relative to the lock, with their sha256."""
    info = json.loads((PYODIDE_DIR / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]
    packages = {}
    for wheel, url in wheel_urls.items():
        name = _package_name(wheel)
        packages[name] = {
            "name": name,
            "version": wheel.name.split("-")[1],
            "file_name": url.removeprefix("assets/wheels/"),
            "install_dir": "site",
            "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(),
            "package_type": "package",
            "imports": ["yaml"] if name == "pyyaml" else ["calculator"],
            "depends": ["pyyaml"] if name != "pyyaml" else [],
            "unvendored_tests": False,
        }
    return json.dumps({"info": info, "packages": packages}, indent=1, sort_keys=True).encode()


def _package_name(wheel: Path) -> str:
    return wheel.name.split("-")[0].replace("_", "-").lower()


# --- building for Pyodide ---------------------------------------------------------------
def _pyodide_version() -> str:
    return str(json.loads((PYODIDE_DIR / "package.json").read_text(encoding="utf-8"))["version"])


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
    compiler_digest = _digest(b"".join(p.read_bytes() for p in sorted(COMPILER.glob("compile*"))))
    targets: list[Path] = []
    to_compile: list[Path] = []
    for wheel in wheels:
        key = _digest(f"{_pyodide_version()}:{compiler_digest}:".encode() + wheel.read_bytes())[:16]
        target = COMPILED_CACHE / key / wheel.name
        targets.append(target)
        if not target.is_file():
            to_compile.append(wheel)
    if to_compile:
        COMPILED_CACHE.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=COMPILED_CACHE) as staging, \
                tempfile.TemporaryDirectory(dir=COMPILED_CACHE) as output:
            for wheel in to_compile:
                shutil.copy2(wheel, Path(staging) / wheel.name)
            _node("compile.mjs", staging, output, *(wheel.name for wheel in to_compile))
            for target in targets:
                if not target.is_file():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(Path(output) / target.name, target)
    return targets


def _reduced_stdlib(wheels: list[Path]) -> Path:
    """The standard-library zip with only what the calculator imports under Pyodide (see reduce_stdlib.py)."""
    inputs = [*(wheel.read_bytes() for wheel in wheels), RATES_FILE.read_bytes(),
              *(path.read_bytes() for path in sorted(COMPILER.iterdir()) if path.is_file())]
    target = STDLIB_CACHE / f"{_digest(_pyodide_version().encode() + b''.join(inputs))[:16]}.zip"
    if not target.is_file():
        STDLIB_CACHE.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=STDLIB_CACHE) as work:
            for wheel in wheels:
                shutil.copy2(wheel, Path(work) / wheel.name)
            _node("stdlib.mjs", work, str(RATES_FILE), str(Path(work) / "python_stdlib.zip"),
                  *(wheel.name for wheel in wheels))
            shutil.move(Path(work) / "python_stdlib.zip", target)
    return target


def _node(script: str, *arguments: str) -> None:
    completed = subprocess.run(["node", str(COMPILER / script), *arguments], cwd=ROOT, capture_output=True,
                               text=True, check=False)
    if completed.returncode != 0:
        # Pyodide prints its whole minified runtime with some errors: the end is what matters.
        raise PluginError(f"{script} failed:\n{(completed.stdout + completed.stderr)[-3000:]}")
    log.info(completed.stdout.strip())


def _wheel_tools() -> Any:
    """scripts/pyodide/compile_wheel.py, the one place that knows how to write a wheel."""
    spec = importlib.util.spec_from_file_location("compile_wheel", COMPILER / "compile_wheel.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
