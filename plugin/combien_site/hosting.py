"""`_headers` at the site root: the response headers a meta tag cannot carry, as the host reads them.

Cloudflare Pages' syntax (Netlify reads the same file but merges every matching rule instead of
letting `! Header` remove one an earlier rule set: see README, "Hosting headers"). Each path
gets, in file order, the headers of every rule whose pattern matches it (`*` matches anything);
`! Name` removes what an earlier rule set, and a header set twice is joined with a comma, hence
the `! Cache-Control` before each immutable one.

- Framing: no page may be framed by another site (`frame-ancestors` is ignored in a meta tag),
  but /embed/, which any site may frame.
- The worker's own policy: a worker follows its script's response headers, not a page's meta
  tag; Pyodide compiles WebAssembly ('wasm-unsafe-eval'), our pure-Python wheels need nothing more.
- Caching: a file whose name (or folder) carries a content hash never changes (immutable for a
  year); everything else, pages, sw.js and embed.js first, revalidates on every use.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass

URL = "_headers"
WORKER_POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'"
FRAMING = (("Content-Security-Policy", "frame-ancestors 'self'"), ("X-Frame-Options", "SAMEORIGIN"))
REVALIDATE = "no-cache"
IMMUTABLE = "public, max-age=31536000, immutable"
HASHED_FOLDERS = ("pyodide/", "assets/wheels/")
"""Folders named by a version or a content hash, whole (Pyodide's files keep their own names)."""
_HASHED_NAME = re.compile(r"\.[0-9a-f]{8,}\.")
"""A content hash in a file name: ours (rates.77511fa0ccd2.json) and Material's (bundle.a5f9d56c.min.js)."""


@dataclass(frozen=True)
class Rule:
    pattern: str
    detach: tuple[str, ...] = ()
    headers: tuple[tuple[str, str], ...] = ()

    def text(self) -> str:
        lines = [self.pattern, *(f"  ! {name}" for name in self.detach),
                 *(f"  {name}: {value}" for name, value in self.headers)]
        return "\n".join(lines)


def rules(paths: Iterable[str], worker: str) -> list[Rule]:
    """The rules for a site of these file paths (relative to its root), whose calculator worker is `worker`."""
    hashed = sorted(path for path in paths
                    if _HASHED_NAME.search(posixpath.basename(path)) and not path.startswith(HASHED_FOLDERS))
    return [
        Rule("/*", headers=(("Cache-Control", REVALIDATE), *FRAMING)),
        Rule("/embed/*", detach=tuple(name for name, _ in FRAMING)),
        *(_immutable(f"/{folder}*") for folder in HASHED_FOLDERS),
        *(_immutable(f"/{path}") for path in hashed),
        Rule(f"/{worker}", detach=tuple(name for name, _ in FRAMING),
             headers=(("Content-Security-Policy", WORKER_POLICY),)),
    ]


def _immutable(pattern: str) -> Rule:
    return Rule(pattern, detach=("Cache-Control",), headers=(("Cache-Control", IMMUTABLE),))


def headers_file(paths: Iterable[str], worker: str) -> str:
    header = "# Written by the build (plugin/combien_site/hosting.py); Cloudflare Pages syntax, see README.\n"
    return header + "\n\n".join(rule.text() for rule in rules(paths, worker)) + "\n"
