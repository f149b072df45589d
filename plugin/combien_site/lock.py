"""A Pyodide lock file listing only our wheels, so `loadPyodide({lockFileURL, packages})` fetches them while it boots.

Names, versions, dependencies and import names come from each wheel's own metadata
(wheel.Wheel); the `info` block is Pyodide's, since a lock for another ABI is refused.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable
from typing import Any

from packaging.utils import canonicalize_name

from .wheel import Wheel


def lock_file(wheels: dict[str, Wheel], sha256: Callable[[str], str], info: dict[str, Any], folder: str) -> bytes:
    """The lock for `wheels` (by their URL in the site), to be served from `folder`: file names are relative to it.
    `sha256(url)` is the digest the site already computed for the wheel it serves there."""
    packages = {}
    for url, wheel in wheels.items():
        packages[wheel.name] = {
            "name": wheel.name,
            "version": wheel.version,
            "file_name": posixpath.relpath(url, folder),
            "install_dir": "site",
            "sha256": sha256(url),
            "package_type": "package",
            "imports": list(wheel.imports),
            "depends": sorted(canonicalize_name(requirement.name) for requirement in wheel.requires),
            "unvendored_tests": False,
        }
    return json.dumps({"info": info, "packages": packages}, indent=1, sort_keys=True).encode()
