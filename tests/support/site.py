"""Build the real site (MkDocs with its hooks) and serve a folder on a free local port, as a host would.

Shared by the tests (tests/conftest.py builds the site once per session) and scripts/bench."""

from __future__ import annotations

import functools
import hashlib
import http.server
import os
import re
import shutil
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


def parse_headers_file(text: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """The rules of a `_headers` file: (pattern, [(name, value), or (name, None) for `! name`])."""
    rules: list[tuple[str, list[tuple[str, str | None]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif line.strip().startswith("!"):
            rules[-1][1].append((line.strip()[1:].strip(), None))
        else:
            name, value = line.strip().split(":", 1)
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def headers_for(rules: list[tuple[str, list[tuple[str, str | None]]]], path: str) -> dict[str, str]:
    """What Cloudflare Pages sends for `path`: every matching rule in order (`*` matches anything), a header
    set twice joined with a comma, `! name` removing what earlier rules set."""
    headers: dict[str, str] = {}
    for pattern, entries in rules:
        if not re.fullmatch(".*".join(re.escape(part) for part in pattern.split("*")), path):
            continue
        for name, value in entries:
            key = name.lower()
            if value is None:
                headers = {k: v for k, v in headers.items() if k.lower() != key}
            else:
                same = next((k for k in headers if k.lower() == key), None)
                headers[same or name] = f"{headers[same]}, {value}" if same else value
    return headers


@functools.cache
def hosting_headers(site: Path) -> Headers:
    """The headers the build's `site/_headers` gives each path, read at each request (a test may publish
    another build in the same folder)."""
    def headers(path: str) -> Mapping[str, str]:
        file = site / "_headers"
        return headers_for(parse_headers_file(file.read_text("utf-8")), path) if file.is_file() else {}
    return headers


@functools.cache
def _etag(path: Path, mtime_ns: int, size: int) -> str:
    return '"' + hashlib.sha256(path.read_bytes()).hexdigest()[:16] + '"'


class RequestLog:
    """What a server was asked for, in order (hashable by identity, so `serve` can take one)."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, int]] = []
        """(path, HTTP status): 304 for a revalidation that sent no body."""

    def sent(self) -> set[str]:
        """The paths whose bytes were sent (status 200)."""
        return {path for path, status in self.requests if status == 200}


COMPRESSED = {"br": ".br", "gzip": ".gz"}
"""Content encodings a server may send, by the suffix of the precompressed file beside the original."""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extra_headers: Headers | None = None
    request_log: RequestLog | None = None
    encodings: tuple[str, ...] = ()
    """Precompressed copies (`name.br`, `name.gz`) it may send, in order of preference, as static hosts do."""

    def send_head(self) -> Any:
        """As a static host: an ETag from the file's bytes, and 304 when the browser already has them (a new
        deploy rewrites every file, so modification times say nothing)."""
        self.etag: str | None = None
        file = Path(self.translate_path(self.path))
        if file.is_dir() and urlsplit(self.path).path.endswith("/"):
            file = file / "index.html"
        if file.is_file():
            stat = file.stat()
            self.etag = _etag(file, stat.st_mtime_ns, stat.st_size)
            accepted = {part.split(";")[0].strip() for part in self.headers.get("Accept-Encoding", "").split(",")}
            encoding = next((name for name in self.encodings
                             if name in accepted and file.with_name(file.name + COMPRESSED[name]).is_file()), None)
            if encoding is not None:
                self.etag = self.etag[:-1] + f'-{encoding}"'
            if self.headers.get("If-None-Match") == self.etag:
                self.send_response(304)
                self.end_headers()
                return None
            del self.headers["If-Modified-Since"]
            if encoding is not None:
                return self._send_compressed(file, encoding)
        return super().send_head()

    def _send_compressed(self, file: Path, encoding: str) -> Any:
        body = file.with_name(file.name + COMPRESSED[encoding]).open("rb")
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(file)))
        self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(os.fstat(body.fileno()).st_size))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return body

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        if self.request_log is not None:
            self.request_log.requests.append((urlsplit(self.path).path, int(code)))

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        etag: str | None = getattr(self, "etag", None)
        if etag is not None:
            self.send_header("ETag", etag)
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
def serve(directory: Path, headers: Headers | None = None, log: RequestLog | None = None,
          encodings: tuple[str, ...] = ()) -> str:
    """Serve `directory` on a free port for the rest of the session; return its base URL.

    `headers(path)` gives extra response headers for each request (hosting_headers: the
    framing rules and the worker's policy that a meta tag cannot carry); `log` records every path asked for;
    `encodings` (("br", "gzip"): scripts/bench) lets it send the precompressed copies it finds beside a file.
    """
    handler = type("Handler", (QuietHandler,), {"extra_headers": staticmethod(headers) if headers else None,
                                                "request_log": log, "encodings": encodings})
    server = QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


def publish(build: Path, folder: Path) -> None:
    """Put a build in the served folder as a host's deploy would: the old files go, the new ones are new."""
    for old in folder.iterdir():
        if old.is_dir():
            shutil.rmtree(old)
        else:
            old.unlink()
    # Plain copies, not copy2: fresh modification times, as freshly written files have.
    shutil.copytree(build, folder, dirs_exist_ok=True, copy_function=shutil.copy)
