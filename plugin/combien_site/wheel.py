"""The wheels the browser installs: the calculator's, built by its pyproject.toml's backend, and its dependencies'.

The calculator wheel is built the standard way (PEP 517 `build_wheel` of the backend that
pyproject.toml names: flit_core, pinned in requirements/site.txt), so its METADATA says what
pyproject.toml says (`Requires-Dist: PyYAML>=6`) and cannot drift. SOURCE_DATE_EPOCH fixes
the zip times: the same sources give the same bytes, which keeps the compile cache warm.
Its dependencies are found by that metadata among the pure-Python wheels scripts/install built.
"""

from __future__ import annotations

import email.parser
import os
import subprocess
import sys
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

SOURCE_DATE_EPOCH = "315532800"
"""1980-01-01, the earliest time a zip can hold: no file time of the checkout reaches the wheel."""

# Run by the project's own interpreter in a fresh process: the backend reads pyproject.toml from
# the current folder and SOURCE_DATE_EPOCH from the environment, both of which a build shares.
_BUILD_WHEEL = """
import importlib, sys
module, _, attribute = sys.argv[1].partition(":")
backend = importlib.import_module(module)
for name in filter(None, attribute.split(".")):
    backend = getattr(backend, name)
print(backend.build_wheel(sys.argv[2]))
"""


@dataclass(frozen=True)
class Wheel:
    """A wheel and what its own metadata says about it."""

    path: Path
    name: str
    """Canonical name (`combien-paie-tiktok`, `pyyaml`): the key in Pyodide's lock."""
    version: str
    requires: tuple[Requirement, ...]
    """Requires-Dist, without the optional ones (`extra == …`): what Pyodide must install with it."""
    imports: tuple[str, ...]
    """Top-level import names: its Import-Name fields (metadata 2.5, which flit writes), else top_level.txt
    (setuptools), else the packages and modules at the root of the wheel."""

    @classmethod
    def read(cls, path: Path) -> Wheel:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            dist_info = next(name.split("/")[0] for name in names if name.endswith(".dist-info/METADATA"))
            metadata = email.parser.BytesHeaderParser().parsebytes(archive.read(f"{dist_info}/METADATA"))
            top_level = f"{dist_info}/top_level.txt"
            listed = archive.read(top_level).decode().split() if top_level in names else None
        declared = [field.split(";")[0].strip() for field in metadata.get_all("Import-Name") or []]
        if declared:
            listed = [name.split(".")[0] for name in declared if name]
        requires = tuple(requirement for requirement in map(Requirement, metadata.get_all("Requires-Dist") or [])
                         if requirement.marker is None or "extra" not in str(requirement.marker))
        return cls(path=path, name=canonicalize_name(metadata["Name"]), version=metadata["Version"],
                   requires=requires, imports=tuple(sorted(listed if listed is not None else _top_level(names))))


def _top_level(names: list[str]) -> set[str]:
    """Packages (`calculator/__init__.py`) and modules (`six.py`) at the root of a wheel, sources or bytecode."""
    found = set()
    for name in names:
        head, _, rest = name.partition("/")
        if head.endswith((".dist-info", ".data")):
            continue
        if rest in ("__init__.py", "__init__.pyc"):
            found.add(head)
        elif not rest and head.endswith((".py", ".pyc")):
            found.add(head.rsplit(".", 1)[0])
    return found


def build_project_wheel(project: Path, directory: Path) -> Path:
    """Build `project`'s wheel into `directory` with the backend its pyproject.toml names (no network)."""
    build_system = tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8")).get("build-system", {})
    backend = build_system.get("build-backend")
    if not backend:
        raise PluginError(f"{project / 'pyproject.toml'}: [build-system] build-backend is missing")
    completed = subprocess.run([sys.executable, "-c", _BUILD_WHEEL, backend, str(directory)], cwd=project,
                               env={**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH},
                               capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise PluginError(f"building the wheel of {project} with {backend} failed (run scripts/install):\n"
                          f"{(completed.stdout + completed.stderr)[-3000:]}")
    return directory / completed.stdout.strip().splitlines()[-1]


def browser_wheels(project: Path, dependency_wheels: Path, work: Path) -> list[Wheel]:
    """The project's wheel (built into `work`) followed by every wheel it needs, found in `dependency_wheels`."""
    available = [Wheel.read(path) for path in sorted(dependency_wheels.glob("*-py3-none-any.whl"))]
    wheels = [Wheel.read(build_project_wheel(project, work))]
    for wheel in wheels:  # grows as dependencies are found: their own dependencies come too
        for requirement in wheel.requires:
            name = canonicalize_name(requirement.name)
            if any(chosen.name == name for chosen in wheels):
                continue
            matching = [candidate for candidate in available if candidate.name == name
                        and requirement.specifier.contains(candidate.version, prereleases=True)]
            if not matching:
                raise PluginError(f"{wheel.name} needs {requirement}, and {dependency_wheels} has no pure-Python "
                                  "wheel of it: run scripts/install (it builds one)")
            wheels.append(max(matching, key=lambda candidate: Version(candidate.version)))
    return wheels
