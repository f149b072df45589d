"""sw.js at the site root: precaches the offline pages, what they load, and every file the plugin added.

The precache manifest is read from the offline pages as rendered (their stylesheets, Material's
bundle, the favicon: whatever the templates link to) and gives each file its revision, a hash of
its bytes: any change to one of them changes sw.js (a new worker installs), and that worker
fetches only the entries whose revision is new. See docs/javascripts/service-worker.js.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from .assets import Assets

URL = "sw.js"
"""At the root, so its scope is the whole site."""
_LINK = re.compile(r'(?:src|href)="([^"#?]+)"')


class ServiceWorker:
    def __init__(self, source: File, offline_pages: list[str]) -> None:
        self.source = source
        """The script in docs/, with `__MANIFEST__` to fill in."""
        self.offline_pages = offline_pages
        self.rendered: dict[str, str] = {}
        """The offline pages' final HTML, by URL, recorded as MkDocs renders them."""

    def record(self, page_url: str, html: str) -> None:
        if page_url in self.offline_pages:
            self.rendered[page_url] = html

    def script(self, files: Files, assets: Assets) -> str:
        """The service worker, once every offline page has been rendered."""
        missing = [url for url in self.offline_pages if url not in self.rendered]
        if missing:
            raise PluginError(f"offline_pages: no page is served at {', '.join(missing)}")
        # What a page can load: every file of the site but the pages themselves (theme bundles included).
        loadable = {file.dest_uri: file for file in files if not file.is_documentation_page()}
        precache: dict[str, bytes] = {url: html.encode() for url, html in self.rendered.items()}
        precache.update((asset.url, asset.data) for asset in assets)
        for page_url, html in self.rendered.items():
            for link in _LINK.findall(html):
                if "://" in link or link.startswith(("data:", "mailto:")):
                    continue
                path = posixpath.normpath(posixpath.join(page_url, link))
                if path in loadable:
                    precache.setdefault(path, loadable[path].content_bytes)
        # Workbox's precache manifest: each file with the hash of its bytes, so that a new build's
        # worker fetches only the entries whose revision changed (and sw.js changes with any of them).
        manifest = [{"url": url, "revision": hashlib.sha256(precache[url]).hexdigest()[:16]}
                    for url in sorted(precache)]
        return self.source.content_string.replace("__MANIFEST__", json.dumps(manifest, indent=1))

    def write(self, config: MkDocsConfig, files: Files, assets: Assets) -> None:
        # The one file written after the build: MkDocs copies static files before it renders pages
        # (mkdocs/commands/build.py), and this one lists and hashes what the rendered pages load.
        # MkDocs' own search plugin writes its index at the same point for the same reason.
        File.generated(config, URL, content=self.script(files, assets)).copy_file()
