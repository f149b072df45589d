"""Rewrite a pure-Python wheel with each module byte-compiled in place of its source.

Run by compile.mjs inside Pyodide, so the bytecode matches the browser's CPython.
The .pyc sits where the .py was (a sourceless module), hash-based and unchecked so
the output does not depend on file times: the same wheel in gives the same wheel out.
Everything else (METADATA with its Requires-Dist, WHEEL, top_level.txt) is kept as the
wheel's build backend wrote it; only RECORD is rewritten.
"""

from __future__ import annotations

import base64
import hashlib
import os
import py_compile
import tempfile
import zipfile

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def compile_wheel(source_wheel: str, target_wheel: str) -> None:
    entries: dict[str, bytes] = {}
    with zipfile.ZipFile(source_wheel) as wheel:
        for name in sorted(wheel.namelist()):
            if name.endswith(".py"):
                entries[name + "c"] = _bytecode(name, wheel.read(name))
            elif not name.endswith(".dist-info/RECORD"):
                entries[name] = wheel.read(name)
    write_wheel(target_wheel, entries)


def write_wheel(target_wheel: str, entries: dict[str, bytes]) -> None:
    """Write a wheel from {name: bytes}, adding its RECORD, with fixed times for reproducible bytes."""
    dist_info = next(name.split("/")[0] for name in entries if name.endswith(".dist-info/METADATA"))
    record_name = f"{dist_info}/RECORD"
    record = "".join(f"{name},sha256={_digest(data)},{len(data)}\n" for name, data in entries.items())
    with zipfile.ZipFile(target_wheel, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in [*entries.items(), (record_name, f"{record}{record_name},,\n".encode())]:
            out.writestr(zipfile.ZipInfo(name, FIXED_TIME), data, zipfile.ZIP_DEFLATED)


def _bytecode(name: str, source: bytes, optimize: int = -1) -> bytes:
    with tempfile.TemporaryDirectory() as work:
        source_path = os.path.join(work, "module.py")
        with open(source_path, "wb") as handle:
            handle.write(source)
        compiled = os.path.join(work, "module.pyc")
        py_compile.compile(
            source_path,
            cfile=compiled,
            dfile=name,
            doraise=True,
            invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
            optimize=optimize,
        )
        with open(compiled, "rb") as handle:
            return handle.read()


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
