"""The Content Security Policy: a meta tag per page (combien_site/csp.py) and the hosting headers README asks for.

The conftest fails every test on a `securitypolicyviolation` event in any page or frame, and on
the console error the page logs for one in the calculator's worker; the tests here check that
the policy is there and strict, that the site works under it, and that the headers a meta tag
cannot carry (framing, the worker's own policy) do what README says.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import logging
import re
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType

import pytest
from combien_site.hosting import WORKER_POLICY
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from playwright.sync_api import Page, Response, expect

from calculator import Rates
from tests.support.browser import wait_until
from tests.support.calculator_page import (
    DEFAULTS,
    READY,
    START_TIMEOUT_MS,
    expected,
    open_calculator,
    shown,
    type_values,
)
from tests.support.repository import ROOT
from tests.support.site import hosting_headers, serve

# Script types the browser runs (their text must be allowed by a hash) and data blocks (never run).
EXECUTED = {"", "text/javascript", "application/javascript", "module"}
DATA = {"application/json", "application/ld+json"}
WORKER_SCRIPT = re.compile(r"/assets/javascripts/calculator-worker\.[0-9a-f]+\.mjs$")


def load_hook() -> ModuleType:
    """The site plugin's csp module (plugin/combien_site/csp.py)."""
    return importlib.import_module("combien_site.csp")


def pages_of(site: Path) -> list[str]:
    """Every page of the sitemap, as a path, and the 404 page."""
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    paths = [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>(.*?)</loc>", sitemap)]
    assert "/calculateur/" in paths and "/embed/" in paths
    return [*paths, "/404.html"]


def directives(policy: str) -> dict[str, list[str]]:
    parsed: dict[str, list[str]] = {}
    for directive in filter(None, (part.strip() for part in policy.split(";"))):
        name, *sources = directive.split()
        assert name not in parsed, f"{name} given twice"
        parsed[name] = sources
    return parsed


def sha256_source(text: str) -> str:
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def test_every_page_carries_a_strict_policy_with_the_hashes_of_its_own_scripts(page: Page, site_url: str,
                                                                                 built_site: Path) -> None:
    for path in pages_of(built_site):
        page.goto(f"{site_url}{path}")
        head: dict[str, object] = page.evaluate("""() => {
            const metas = [...document.querySelectorAll('meta[http-equiv]')]
                .filter(m => m.httpEquiv.toLowerCase() === 'content-security-policy');
            const children = [...document.head.children];
            return {
                policies: metas.map(m => m.content),
                inHead: metas.every(m => m.parentElement === document.head),
                before: children.slice(0, children.indexOf(metas[0])).map(e => e.outerHTML),
                scripts: [...document.scripts].filter(s => !s.src).map(s => [s.type.trim().toLowerCase(), s.text]),
                // Material's first inline script defines __md_scope: it ran, so its hash was allowed.
                inlineRan: typeof __md_scope !== 'undefined',
            };
        }""")
        policies = head["policies"]
        assert isinstance(policies, list) and len(policies) == 1, f"{path}: {policies}"
        assert head["inHead"], path
        # Only <meta charset> may come first (it must stay within the first 1024 bytes).
        before = head["before"]
        assert isinstance(before, list) and all(re.fullmatch(r'<meta charset="utf-8">', e) for e in before), before
        policy = directives(str(policies[0]))
        scripts = head["scripts"]
        assert isinstance(scripts, list)
        unknown = [kind for kind, _ in scripts if kind not in EXECUTED | DATA]
        assert unknown == [], f"{path}: script types neither run nor known as data: {unknown}"
        hashes = {sha256_source(text) for kind, text in scripts if kind in EXECUTED}
        assert hashes, path
        script_src = policy["script-src"]
        assert set(script_src) == {"'self'", "'wasm-unsafe-eval'", *hashes}, f"{path}: {script_src}"
        assert policy["default-src"] == ["'self'"]
        assert policy["worker-src"] == ["'self'"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["img-src"] == ["'self'", "data:"]
        assert "'unsafe-inline'" not in policy.get("style-src", [])
        assert "frame-ancestors" not in policy  # ignored in a meta tag: a hosting header (README)
        assert head["inlineRan"] is True, f"{path}: Material's inline script did not run"


def test_material_search_works_under_the_policy(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}/")
    page.fill("input.md-search__input", "vues")
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible(timeout=20_000)
    assert results.count() > 1
    # The result icons are data: images in Material's stylesheet: without `img-src data:` each one is
    # a violation, which fails the test through the conftest guard. The browser starts loading them
    # when it resolves their style: ask for it, let a frame be painted, and a task pass for the event.
    icon = results.first.locator(".md-search-result__icon")
    expect(icon).to_be_visible()
    assert "data:image" in icon.evaluate("icon => getComputedStyle(icon, '::after').maskImage")
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done)))")
    results.first.locator("a").first.click()
    page.wait_for_load_state()
    assert "?h=vues" in page.url
    expect(page.locator("mark[data-md-highlight]").first).to_be_attached()


def test_calculator_and_embed_start_and_compute_under_the_meta_policy(page: Page, site_url: str,
                                                                       rates: Rates) -> None:
    for path in ("/calculateur/", "/embed/"):
        open_calculator(page, f"{site_url}{path}")
        type_values(page, {"monthly_views": "450000"})
        assert shown(page) == expected({**DEFAULTS, "monthly_views": "450000"}, rates), path


def test_with_the_hosting_headers_the_worker_runs_under_its_own_policy(page: Page, built_site: Path,
                                                                        rates: Rates) -> None:
    url = serve(built_site, hosting_headers(built_site))
    worker_responses: list[Response] = []
    page.on("response", lambda response: worker_responses.append(response)
            if WORKER_SCRIPT.search(response.url) else None)
    open_calculator(page, f"{url}/calculateur/")
    type_values(page, {"followers": "42000", "monthly_views": "800000"})
    assert shown(page) == expected({**DEFAULTS, "followers": "42000", "monthly_views": "800000"}, rates)
    assert [response.headers.get("content-security-policy") for response in worker_responses] == [WORKER_POLICY]
    assert "frame-ancestors 'self'" in str(page.evaluate(
        "() => fetch(location.href).then(r => r.headers.get('content-security-policy'))"))


def test_the_worker_policy_header_is_what_pyodide_runs_under(page: Page, built_site: Path,
                                                             page_errors: list[str]) -> None:
    """Control for the test above: the worker's header really applies, and WebAssembly needs 'wasm-unsafe-eval'."""
    hosting = hosting_headers(built_site)

    def worker_without_wasm(path: str) -> Mapping[str, str]:
        if WORKER_SCRIPT.search(path):
            return {"Content-Security-Policy": "default-src 'self'; script-src 'self'; connect-src 'self'"}
        return hosting(path)

    url = serve(built_site, worker_without_wasm)
    page.goto(f"{url}/calculateur/")
    wait_until(page, lambda: any("CSP violation in the calculator's worker: script-src" in error
                                 for error in page_errors), "the worker reports its policy's refusal", timeout=30)
    violations = [error for error in page_errors if "CSP violation in the calculator's worker" in error]
    assert violations and all("wasm-eval" in error for error in violations), page_errors
    # Pyodide itself only logs this; the worker notices and the page says so, with "Réessayer".
    expect(page.locator("[data-calculator]")).to_have_attribute("data-state", "error", timeout=30_000)
    expect(page.locator("[data-status]")).to_contain_text("le moteur Python n'a pas pu démarrer")
    expect(page.locator("[data-retry]")).to_be_visible()
    page_errors.clear()  # expected here: the calculator cannot start without 'wasm-unsafe-eval'


def test_only_the_embed_page_can_be_framed_by_another_site(page: Page, built_site: Path, tmp_path: Path,
                                                           page_errors: list[str]) -> None:
    site = serve(built_site, hosting_headers(built_site))
    (tmp_path / "blog.html").write_text(
        f"<!doctype html><html lang='fr'><head><meta charset='utf-8'><title>Blog</title>"
        f"<link rel='icon' href='data:,'></head><body>"
        f"<iframe id='page' src='{site}/calculateur/' title='page'></iframe>"
        f"<iframe id='embed' src='{site}/embed/' title='widget'></iframe></body></html>", encoding="utf-8")
    page.goto(f"{serve(tmp_path)}/blog.html")
    embed = page.locator("#embed").element_handle().content_frame()
    assert embed is not None
    embed.wait_for_selector(READY, timeout=START_TIMEOUT_MS)
    framed = page.locator("#page").element_handle().content_frame()
    assert framed is not None
    assert framed.url.startswith("chrome-error:")
    assert framed.locator("[data-calculator]").count() == 0
    blocked = [error for error in page_errors if "frame-ancestors 'self'" in error]
    assert len(blocked) == 1 and f"'{site}/'" in blocked[0], page_errors
    page_errors.remove(blocked[0])  # the refusal itself is the expected error


def test_the_build_hashes_only_what_runs_and_refuses_inline_handlers(caplog: pytest.LogCaptureFixture) -> None:
    page_html = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>x</title>"
                 "<script>one()</script><script type=\"application/json\">{\"a\": 1}</script>"
                 "<!-- <script>commented()</script> --><script src=\"a.js\"></script>"
                 "<script type=\"module\">two()\r\n</script></head>"
                 "<body><div title=\"<script>attribute()</script>\" onclick=\"three()\"></div>"
                 "<a href=\"javascript:four()\">x</a><textarea><script>text()</script></textarea></body></html>")
    csp = load_hook()
    with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.combien_site.csp"):
        result = csp.with_policy(page_html, "x.md")
    warnings = [record.getMessage().split(" would")[0] for record in caplog.records]
    assert warnings == ["x.md: <div onclick=…>", "x.md: <a href=…>"]
    one, two = sha256_source("one()"), sha256_source("two()\n")  # the parser turns CRLF into LF
    assert csp.inline_script_hashes(page_html) == [one, two]
    head = '<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content='
    assert result.startswith(head)
    assert f"script-src 'self' {one} {two} 'wasm-unsafe-eval';" in result


def test_the_build_refuses_instant_navigation() -> None:
    """With navigation.instant, Material would run each new page's inline scripts under the first page's policy."""
    csp = load_hook()
    config = load_config(str(ROOT / "mkdocs.yml"))
    assert "navigation.instant" not in config.theme["features"]
    assert csp.on_config(config) is config
    config.theme["features"] = [*config.theme["features"], "navigation.instant"]
    with pytest.raises(PluginError, match=r"navigation\.instant"):
        csp.on_config(config)
