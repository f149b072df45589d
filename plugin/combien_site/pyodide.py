"""The Pyodide npm package, and our Node scripts that run its CPython (scripts/pyodide/*.mjs).

Nothing here needs the network: scripts/install has already run `npm ci`.
"""

from __future__ import annotations

import json
import logging
import subprocess
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

# What loadPyodide() fetches besides the standard library and the lock, which the build makes itself.
RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")

log = logging.getLogger("mkdocs.plugins.combien_site")


@dataclass(frozen=True)
class Pyodide:
    package: Path
    """node_modules/pyodide."""
    scripts: Path
    """scripts/pyodide: compile.mjs, stdlib.mjs and the Python they run inside Pyodide."""

    @classmethod
    def find(cls, package: Path, scripts: Path) -> Pyodide:
        missing = [name for name in RUNTIME_FILES if not (package / name).is_file()]
        if missing:
            raise PluginError(f"{package} is incomplete ({', '.join(missing)}): run scripts/install")
        return cls(package, scripts)

    @cached_property
    def version(self) -> str:
        return str(json.loads((self.package / "package.json").read_text(encoding="utf-8"))["version"])

    @cached_property
    def lock_info(self) -> dict[str, Any]:
        """The `info` block of Pyodide's own lock (ABI, platform, Python): ours must say the same."""
        info: dict[str, Any] = json.loads((self.package / "pyodide-lock.json").read_text(encoding="utf-8"))["info"]
        return info

    @property
    def stdlib(self) -> Path:
        """The full standard library, which stdlib.mjs reduces."""
        return self.package / "python_stdlib.zip"

    def scripts_digest(self, pattern: str) -> bytes:
        """The bytes of the scripts matching `pattern`, for cache keys: a changed script rebuilds."""
        return b"".join(path.read_bytes() for path in sorted(self.scripts.glob(pattern)) if path.is_file())

    def run(self, script: str, *arguments: str) -> None:
        """Run scripts/pyodide/`script` under Node; its failure fails the build with the end of its output."""
        completed = subprocess.run(["node", str(self.scripts / script), *arguments], cwd=self.scripts,
                                   capture_output=True, text=True, check=False)
        if completed.returncode != 0:
            # Pyodide prints its whole minified runtime with some errors: the end is what matters.
            raise PluginError(f"{script} failed:\n{(completed.stdout + completed.stderr)[-3000:]}")
        log.info(completed.stdout.strip())
