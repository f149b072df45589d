"""Build the real site (MkDocs with its hooks) and serve a folder on a free local port."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from tests.conftest import ROOT


def build_site(target: Path, rates_file: Path | None = None) -> Path:
    """Run `mkdocs build --strict` into `target`, optionally from another rates.yml."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if rates_file is not None:
        env["COMBIEN_RATES_FILE"] = str(rates_file)
    completed = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(target)],
                               cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return target


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@functools.cache
def serve(directory: Path) -> str:
    """Serve `directory` on a free port for the rest of the session; return its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(QuietHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"
