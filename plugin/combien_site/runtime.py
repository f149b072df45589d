"""Everything the browser's worker fetches to run the calculator, planned as site files, and its description.

The wheels (wheel.py) are byte-compiled (bytecode.py), the standard library is cut to what
they import (stdlib.py), a lock lists them (lock.py), and Pyodide's runtime and the rates
are added beside them; the description (URLs, sizes for the progress bar, sha256 the worker
checks) goes to the page as `config.extra.calculator.runtime`.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .assets import Assets
from .bytecode import compiled_wheels
from .lock import lock_file
from .pyodide import RUNTIME_FILES, Pyodide
from .rates import LoadedRates
from .stdlib import reduced_stdlib
from .wheel import Wheel, browser_wheels

WHEELS = "assets/wheels"
"""The folder of the wheels and of the lock that names them relative to itself."""


@dataclass(frozen=True)
class Runtime:
    wheels: list[Wheel]
    """What the browser installs, compiled: the project's wheel first, then its dependencies."""
    description: dict[str, Any]
    """What the page hands the worker (all but the worker's own address)."""


def plan_runtime(rates: LoadedRates, pyodide: Pyodide, project: Path, dependency_wheels: Path, cache: Path,
                 assets: Assets) -> Runtime:
    """Build the wheels, the stdlib and the lock, and plan them in `assets` with Pyodide's files and the rates."""
    with tempfile.TemporaryDirectory(prefix="calculator-wheel-") as work:
        wheels = browser_wheels(project, dependency_wheels, Path(work))
        compiled = [Wheel.read(path) for path in compiled_wheels([wheel.path for wheel in wheels], pyodide, cache)]
    stdlib = reduced_stdlib([wheel.path for wheel in compiled], rates.path, pyodide, cache)

    folder = f"pyodide/{pyodide.version}"  # the version names the folder: these keep Pyodide's own names
    runtime = {name: assets.add(f"{folder}/{name}", pyodide.package / name) for name in RUNTIME_FILES}
    stdlib_url = assets.add_hashed(f"{folder}/python_stdlib.zip", stdlib)
    wheel_urls = {assets.add_in_hashed_folder(WHEELS, wheel.path.name, wheel.path): wheel for wheel in compiled}
    lock = lock_file(wheel_urls, lambda url: assets[url].sha256, pyodide.lock_info, WHEELS)
    lock_url = assets.add_hashed(f"{WHEELS}/pyodide-lock.json", lock)
    # The worker reads the JSON form; rates.yml itself is published next to it for readers.
    assets.add_hashed("assets/rates.yml", rates.text.encode())
    rates_url = assets.add_hashed("assets/rates.json", rates.json.encode())
    fetched = (runtime["pyodide.asm.wasm"], stdlib_url, lock_url, rates_url, *wheel_urls)
    return Runtime(wheels=compiled, description={
        "pyodide": runtime["pyodide.mjs"],
        "stdlib": stdlib_url,
        "lock": lock_url,
        # Fetched by the worker itself and unpacked into site-packages (not loadPyodide's `packages`,
        # which a memory snapshot cannot follow: Pyodide issues 5195, 5729).
        "wheels": list(wheel_urls),
        "rates": rates_url,
        # Everything the worker fetches, with its size, so the page can show a real progress bar.
        "sizes": {url: assets[url].size for url in fetched},
        # The worker refuses to run on any file whose sha256 differs (a corrupted or altered download).
        "integrity": {url: assets[url].sha256 for url in fetched},
    })
