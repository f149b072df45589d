"""The plugin's options, set under `plugins: combien-site:` in mkdocs.yml.

Relative paths are read from the folder of mkdocs.yml (from the current folder when MkDocs
reads its configuration from standard input, as the tests do); MkDocs checks those marked
`exists` before the build starts.
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class SiteConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__ has no hints
    rates = c.File(exists=True, default="rates.yml")
    """Every figure of the site; checked with parse_rates before anything is written."""

    scenarios = c.Dir(exists=True, default="scenarios")
    """Named scenarios: page presets (`preset: true`) and the guide's `scenario(NAME)`."""

    hashed_assets = c.DictOfItems(c.Type(str), default={})
    """Files of docs/ served under a content-hashed name, by the name templates ask for them
    (`config.extra.calculator.NAME`); one listed in `extra_css` keeps its place there."""

    service_worker = c.Type(str, default="javascripts/service-worker.js")
    """The service worker's source in docs/, written to /sw.js with its precache list."""

    offline_pages = c.ListOfItems(c.Type(str), default=["calculateur/", "embed/"])
    """Pages (their URLs) that work offline once visited: sw.js precaches them and what they load."""

    wheel_project = c.Dir(exists=True, default=".")
    """The folder whose pyproject.toml builds the wheel the browser imports (the calculator)."""

    dependency_wheels = c.Dir(default=".cache/wheels")
    """Pure-Python wheels of that wheel's dependencies (PyYAML), built by scripts/install."""

    pyodide = c.Dir(default="node_modules/pyodide")
    """The Pyodide npm package (package-lock.json pins it), installed by scripts/install."""

    node_scripts = c.Dir(exists=True, default="scripts/pyodide")
    """The Node scripts that byte-compile wheels and reduce the standard library with Pyodide."""

    cache = c.Dir(default=".cache")
    """Where compiled wheels and reduced standard libraries are kept, by a hash of their inputs."""
