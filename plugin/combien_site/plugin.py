"""The `combien-site` MkDocs plugin: the events, each handing its work to the module that does that job.

- on_config: read rates.yml once (rates.py; a wrong figure fails here, before MkDocs cleans
  the site), plan the runtime the worker fetches (runtime.py) and the content-hashed page
  files, and give the templates `config.extra.calculator` (widget.py and those addresses);
- on_files: swap the hashed files' sources for their hashed copies, add every planned file;
- on_env: keep the files as every plugin left them (what pages can link to, for sw.js);
- on_page_markdown: the guide's figures (figures.py);
- on_post_page / on_post_template: the Content Security Policy (csp.py), last of all plugins;
- on_post_build: sw.js (service_worker.py), which lists what the rendered offline pages load, and
  _headers (hosting.py), the response headers a host sends;
- on_serve: rebuild when the calculator, rates.yml or the scenarios change.

Per-build state lives in a `Build` made by on_config, never in module globals: `mkdocs serve`
keeps one plugin object across rebuilds, and two builds in one process must not mix.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import csp, hosting
from .assets import Assets
from .config import SiteConfig
from .figures import render_page
from .pyodide import Pyodide
from .rates import LoadedRates, load_rates
from .runtime import plan_runtime
from .service_worker import ServiceWorker
from .widget import calculator_form

WORKER = "worker"
"""The hashed asset the page starts as its module worker: its address goes with the runtime's."""

log = logging.getLogger("mkdocs.plugins.combien_site")


@dataclass
class Build:
    rates: LoadedRates
    assets: Assets
    hashed: dict[str, str]
    """Source in docs/ -> its content-hashed address."""
    files: Files | None = None
    service_worker: ServiceWorker | None = None
    watched: list[Path] = field(default_factory=list)


class SitePlugin(BasePlugin[SiteConfig]):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__
    def __init__(self) -> None:
        self.serving = False
        self._build: Build | None = None

    @property
    def build(self) -> Build:
        if self._build is None:
            raise PluginError("combien-site: an event came before on_config")
        return self._build

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        csp.on_config(config)
        if self.serving:
            log.info("Content Security Policy left out under `mkdocs serve` (its live-reload script is inline)")
        options = self.config
        rates = load_rates(Path(options.rates))
        form = calculator_form(rates.rates, Path(options.scenarios))
        assets = Assets()
        hashed = self._plan_hashed_assets(config, assets, taken=set(form))
        project = Path(options.wheel_project)
        runtime = plan_runtime(rates, Pyodide.find(Path(options.pyodide), Path(options.node_scripts)),
                               project, Path(options.dependency_wheels), Path(options.cache), assets)
        by_name = {name: hashed[source] for name, source in options.hashed_assets.items()}
        config.extra["calculator"] = {**form, **by_name, "runtime": {"worker": by_name[WORKER], **runtime.description}}
        sources = [project / name for name in runtime.wheels[0].imports]  # the calculator package
        self._build = Build(rates=rates, assets=assets, hashed=hashed,
                            watched=[rates.path, Path(options.scenarios), *sources])
        return config

    def _plan_hashed_assets(self, config: MkDocsConfig, assets: Assets, taken: set[str]) -> dict[str, str]:
        """Plan each `hashed_assets` file as assets/PATH.<hash>.ext; return source -> hashed address."""
        names = self.config.hashed_assets
        if WORKER not in names:
            raise PluginError(f"combien-site: hashed_assets has no `{WORKER}` (the calculator's worker script)")
        clashes = sorted(taken & set(names))
        if clashes:
            raise PluginError(f"combien-site: hashed_assets names {', '.join(clashes)} are taken by the widget's data")
        missing = [f"{name}: docs/{source}" for name, source in names.items()
                   if not (Path(config.docs_dir) / source).is_file()]
        if missing:
            raise PluginError(f"combien-site: hashed_assets names files that do not exist ({', '.join(missing)})")
        hashed = {source: assets.add_hashed(f"assets/{source}", Path(config.docs_dir) / source)
                  for source in names.values()}
        # A hashed stylesheet keeps its place among the others.
        config.extra_css = [hashed.get(css, css) for css in config.extra_css]
        return hashed

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        build = self.build
        for source in [*build.hashed, self.config.service_worker]:
            file = files.get_file_from_path(source)
            if file is None:
                raise PluginError(f"combien-site: docs/{source} does not exist")
            files.remove(file)  # served only under its hashed name (or, for the service worker, as /sw.js)
            if source == self.config.service_worker:
                build.service_worker = ServiceWorker(file, self.config.offline_pages)
        build.assets.register(files, config)
        return files

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> None:
        self.build.files = files  # as every plugin left them: what the pages can link to

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return render_page(markdown, page, self.build.rates, Path(self.config.scenarios), config.extra["calculator"],
                           site_url=config.site_url or "")

    @event_priority(-100)  # last: after every other plugin has changed the page
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self.serving:
            output = csp.with_policy(output, page.file.src_uri)
        if self.build.service_worker is not None:
            self.build.service_worker.record(page.url, output)
        return output

    @event_priority(-100)
    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if self.serving or not template_name.endswith(".html"):
            return output_content
        return csp.with_policy(output_content, template_name)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        build = self.build
        assert build.service_worker is not None and build.files is not None  # set by on_files and on_env
        build.service_worker.write(config, build.files, build.assets)
        paths = [file.dest_uri for file in build.files]
        File.generated(config, hosting.URL, content=hosting.headers_file(
            paths, config.extra["calculator"]["runtime"]["worker"])).copy_file()

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig,
                 builder: Callable[..., Any]) -> LiveReloadServer:
        # The plugin's own code is imported once: a change to it needs a new `mkdocs serve`.
        for path in self.build.watched:
            server.watch(str(path))
        return server
