"""Wheels byte-compiled by Pyodide's own CPython (scripts/pyodide/compile.mjs), cached by their inputs.

The browser then imports bytecode made by the interpreter that runs it (PyYAML: 14 ms instead
of 53 ms from sources). About two seconds under Node, so each result is kept under
`cache/pyodide-wheels/KEY/` where KEY hashes the wheel, Pyodide's version and the compiler.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

from .pyodide import Pyodide


def compiled_wheels(wheels: list[Path], pyodide: Pyodide, cache: Path) -> list[Path]:
    """Compiled copies of `wheels`, same names and order; only those not compiled before go to Node."""
    folder = cache / "pyodide-wheels"
    compiler = pyodide.scripts_digest("compile*")
    targets: list[Path] = []
    to_compile: list[Path] = []
    for wheel in wheels:
        key = hashlib.sha256(f"{pyodide.version}:".encode() + compiler + b":" + wheel.read_bytes()).hexdigest()[:16]
        target = folder / key / wheel.name
        targets.append(target)
        if not target.is_file():
            to_compile.append(wheel)
    if to_compile:
        folder.mkdir(parents=True, exist_ok=True)
        # Private folders: two builds at once (tests, mkdocs serve) never read a half-written wheel.
        with tempfile.TemporaryDirectory(dir=folder) as staging, tempfile.TemporaryDirectory(dir=folder) as output:
            for wheel in to_compile:
                shutil.copy2(wheel, Path(staging) / wheel.name)
            pyodide.run("compile.mjs", staging, output, *(wheel.name for wheel in to_compile))
            for target in targets:
                if not target.is_file():
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.move(Path(output) / target.name, target)
    return targets
