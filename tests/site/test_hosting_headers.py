"""The `_headers` file the build writes (plugin/combien_site/hosting.py), read as Cloudflare Pages reads it
(tests/support/site.py, which also serves it to every end-to-end test)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from combien_site.hosting import IMMUTABLE, REVALIDATE, WORKER_POLICY
from tests.support.site import headers_for, parse_headers_file

FRAMING = {"Content-Security-Policy": "frame-ancestors 'self'", "X-Frame-Options": "SAMEORIGIN"}


def served_paths(site: Path) -> list[str]:
    return ["/" + path.relative_to(site).as_posix().removesuffix("index.html")
            for path in site.rglob("*") if path.is_file()]


def runtime_of(site: Path) -> dict[str, object]:
    html = (site / "calculateur" / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="cpt-runtime"[^>]*>(.*?)</script>', html, re.S)
    assert found
    runtime: dict[str, object] = json.loads(found.group(1))
    return runtime


def test_pages_revalidate_and_only_the_embed_may_be_framed(built_site: Path) -> None:
    rules = parse_headers_file((built_site / "_headers").read_text(encoding="utf-8"))
    pages = [path for path in served_paths(built_site) if path.endswith(("/", ".html"))]
    assert "/calculateur/" in pages and "/embed/" in pages and "/" in pages
    for path in [*pages, "/sw.js", "/embed.js", "/rates.schema.json"]:
        expected = {"Cache-Control": REVALIDATE} | ({} if path.startswith("/embed/") else FRAMING)
        assert headers_for(rules, path) == expected, path


def test_every_hashed_file_is_immutable_and_the_worker_has_its_own_policy(built_site: Path) -> None:
    rules = parse_headers_file((built_site / "_headers").read_text(encoding="utf-8"))
    runtime = runtime_of(built_site)
    sizes = runtime["sizes"]
    assert isinstance(sizes, dict)
    fetched = [f"/{path}" for path in [*sizes, runtime["pyodide"], runtime["worker"]]]
    assert any(path.endswith(".wasm") for path in fetched) and any(path.endswith(".whl") for path in fetched)
    hashed = [path for path in served_paths(built_site)
              if re.search(r"\.[0-9a-f]{8,}\.", path.rsplit("/", 1)[-1]) or path.startswith(("/pyodide/", "/assets/wheels/"))]
    assert set(fetched) <= set(hashed)
    for path in hashed:
        headers = headers_for(rules, path)
        assert headers["Cache-Control"] == IMMUTABLE, path  # once: not joined with the pages' no-cache
    worker = headers_for(rules, f"/{runtime['worker']}")
    assert worker == {"Cache-Control": IMMUTABLE, "Content-Security-Policy": WORKER_POLICY}
    # Material's search files keep their names across its versions: they revalidate.
    lunr = [path for path in served_paths(built_site) if "/lunr/" in path]
    assert lunr and all(headers_for(rules, path)["Cache-Control"] == REVALIDATE for path in lunr)
