"""The files the plugin adds to the site, most under a content-hashed name, registered with MkDocs.

Planned in `on_config` (templates need their addresses, the page its sizes and sha256) and
handed to MkDocs in `on_files` as generated files, which MkDocs writes with the rest of the
site: bytes made by the build are kept in memory, large files (Pyodide's wasm) are copied
from where they are.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

HASH_LENGTH = 12
"""Hex digits of sha256 in a hashed name: enough that two versions never share one."""


@dataclass(frozen=True)
class Asset:
    url: str
    """Where it is served, relative to the site root (`assets/rates.0a6ab1393b52.json`)."""
    content: bytes | Path
    """The bytes, or the file to copy."""

    @cached_property
    def data(self) -> bytes:
        return self.content.read_bytes() if isinstance(self.content, Path) else self.content

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def size(self) -> int:
        return len(self.data)

    def file(self, config: MkDocsConfig) -> File:
        if isinstance(self.content, Path):
            return File.generated(config, self.url, abs_src_path=str(self.content))
        return File.generated(config, self.url, content=self.content)


def _digest(content: bytes | Path) -> str:
    return Asset("", content).sha256[:HASH_LENGTH]


class Assets:
    """The plan: every file the plugin adds, by URL."""

    def __init__(self) -> None:
        self._by_url: dict[str, Asset] = {}

    def add(self, url: str, content: bytes | Path) -> str:
        """Plan `content` at `url` as it is (`pyodide/314.0.7/`: the version names the folder)."""
        self._by_url[url] = Asset(url, content)
        return url

    def add_hashed(self, url: str, content: bytes | Path) -> str:
        """Plan `content` under `url` with its content hash before the extension (rates.yml -> rates.<hash>.yml)."""
        stem, extension = posixpath.splitext(url)
        return self.add(f"{stem}.{_digest(content)}{extension}", content)

    def add_in_hashed_folder(self, folder: str, name: str, content: bytes | Path) -> str:
        """Plan `content` as `folder/<hash>/name`: a wheel must keep its own file name."""
        return self.add(f"{folder}/{_digest(content)}/{name}", content)

    def __getitem__(self, url: str) -> Asset:
        return self._by_url[url]

    def __iter__(self) -> Iterator[Asset]:
        return iter(self._by_url.values())

    def register(self, files: Files, config: MkDocsConfig) -> None:
        for asset in self:
            files.append(asset.file(config))
