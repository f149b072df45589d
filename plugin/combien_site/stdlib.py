"""The reduced standard library the browser loads (`loadPyodide({stdLibURL})`), cached by its inputs.

scripts/pyodide/stdlib.mjs installs the compiled wheels in Pyodide under Node, runs the
calculator the way the worker does, and keeps only the modules that were imported,
byte-compiled like `python -OO` (1.4 MB instead of 2.5 MB).
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

from .pyodide import Pyodide


def reduced_stdlib(wheels: list[Path], rates_file: Path, pyodide: Pyodide, cache: Path) -> Path:
    """The zip for these compiled wheels and rates, made once per distinct input."""
    inputs = [pyodide.version.encode(), *(wheel.read_bytes() for wheel in wheels), rates_file.read_bytes(),
              pyodide.scripts_digest("*")]
    folder = cache / "pyodide-stdlib"
    target = folder / f"{hashlib.sha256(b''.join(inputs)).hexdigest()[:16]}.zip"
    if not target.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=folder) as work:
            for wheel in wheels:
                shutil.copy2(wheel, Path(work) / wheel.name)
            pyodide.run("stdlib.mjs", work, str(rates_file), str(Path(work) / "python_stdlib.zip"),
                        *(wheel.name for wheel in wheels))
            shutil.move(Path(work) / "python_stdlib.zip", target)
    return target
