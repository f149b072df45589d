"""The Content Security Policy: a meta tag per page (combien_site/csp.py) and the hosting headers README asks for.

The conftest fails every test on a `securitypolicyviolation` event in any page or frame, and on
the console error the page logs for one in the calculator's worker; the tests here check that
the policy is there and strict, that the site works under it, and that the headers a meta tag
cannot carry (framing, the worker's own policy) do what README says.
"""

from __future__ import annotations

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
from tests.support.built_html import sha256_source
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

WORKER_SCRIPT = re.compile(r"/assets/javascripts/calculator-worker\.[0-9a-f]+\.mjs$")


def load_hook() -> ModuleType:
    """The site plugin's csp module (plugin/combien_site/csp.py)."""
    return importlib.import_module("combien_site.csp")


@pytest.mark.parametrize("path", ["/", "/impots/", "/kit-media/", "/404.html"])
def test_a_page_of_each_kind_runs_its_inline_scripts_under_its_policy(page: Page, site_url: str, path: str) -> None:
    """The built HTML's policies are checked in tests/site/test_links_and_policy.py; here the browser applies one:
    Material's first inline script defines __md_scope, so its hash was allowed (a refused one fails the guard)."""
    page.goto(f"{site_url}{path}")
    assert page.evaluate("() => typeof __md_scope") == "object"
    policies = page.locator("head > meta[http-equiv=Content-Security-Policy]")
    expect(policies).to_have_count(1)


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
