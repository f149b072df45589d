"""Build the real site (MkDocs with its hooks) and serve a folder on a free local port."""

from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.conftest import ROOT


def build_site(target: Path, rates_file: Path | None = None) -> Path:
    """Run `mkdocs build --strict` into `target`, optionally from another rates.yml."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    config, options = None, []
    if rates_file is not None:
        # mkdocs.yml with the plugin's `rates` option changed, read from standard input (its relative
        # paths are then read from the current folder, the repository).
        def quoted(path: Path) -> str:  # a YAML single-quoted scalar doubles its quotes
            return "'" + str(path).replace("'", "''") + "'"

        config = f"INHERIT: {quoted(ROOT / 'mkdocs.yml')}\nplugins:\n  combien-site:\n    rates: {quoted(rates_file)}\n"
        options = ["-f", "-"]
    completed = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", *options, "-d", str(target)],
                               cwd=ROOT, env=env, input=config, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return target


# Extra response headers for a request path (without its query), e.g. hosting_headers below.
Headers = Callable[[str], Mapping[str, str]]

# The policy of the calculator's worker script: a page's meta tag does not reach a worker, which
# follows its own script's response headers. Pyodide compiles WebAssembly ('wasm-unsafe-eval');
# our pure-Python wheels need nothing more (no 'unsafe-eval').
WORKER_POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'"


def hosting_headers(path: str) -> dict[str, str]:
    """The headers README's "Hosting headers" asks of a host, for one path of the site."""
    if path.startswith("/embed/"):
        return {}  # any site may frame the widget
    if re.fullmatch(r"/assets/javascripts/calculator-worker\.[0-9a-f]+\.mjs", path):
        return {"Content-Security-Policy": WORKER_POLICY}
    return {"Content-Security-Policy": "frame-ancestors 'self'", "X-Frame-Options": "SAMEORIGIN"}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: Headers | None = None

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        if self.extra_headers is not None:
            for name, value in self.extra_headers(urlsplit(self.path).path).items():
                self.send_header(name, value)
        super().end_headers()


@functools.cache
def serve(directory: Path, headers: Headers | None = None) -> str:
    """Serve `directory` on a free port for the rest of the session; return its base URL.

    `headers(path)` gives extra response headers for each request (hosting_headers: the
    framing rules and the worker's policy that a meta tag cannot carry).
    """
    handler = type("Handler", (QuietHandler,), {"extra_headers": staticmethod(headers) if headers else None})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"
