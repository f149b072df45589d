"""Build the real site (MkDocs with its hooks) and serve a folder on a free local port, as a host would.

Shared by the tests (tests/conftest.py builds the site once per session) and scripts/bench."""

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

from tests.support.repository import ROOT


def run_build(target: Path, rates_file: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` into `target`, optionally with the plugin's `rates` option pointing to
    another rates.yml (mkdocs.yml inherited, read from standard input: its relative paths are then read
    from the current folder, the repository). Returns what MkDocs did, failed or not."""
    config, options = None, []
    if rates_file is not None:
        def quoted(path: Path) -> str:  # a YAML single-quoted scalar doubles its quotes
            return "'" + str(path).replace("'", "''") + "'"

        config = f"INHERIT: {quoted(ROOT / 'mkdocs.yml')}\nplugins:\n  combien-site:\n    rates: {quoted(rates_file)}\n"
        options = ["-f", "-"]
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", *options, "-d", str(target)],
                          cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, input=config,
                          capture_output=True, text=True, check=False, timeout=600)


def build_site(target: Path, rates_file: Path | None = None) -> Path:
    """Build the site into `target` (see run_build); the build must succeed."""
    completed = run_build(target, rates_file)
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


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that closes a page mid-download (a test ending) is not an error; anything else is."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@functools.cache
def serve(directory: Path, headers: Headers | None = None) -> str:
    """Serve `directory` on a free port for the rest of the session; return its base URL.

    `headers(path)` gives extra response headers for each request (hosting_headers: the
    framing rules and the worker's policy that a meta tag cannot carry).
    """
    handler = type("Handler", (QuietHandler,), {"extra_headers": staticmethod(headers) if headers else None})
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"
