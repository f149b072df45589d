"""Every built page, read as HTML (no browser): no broken internal link or image, one h1, and a strict Content
Security Policy with the hashes of its own inline scripts.

That each page then runs under that policy is the browser's part: every end-to-end test fails on a
`securitypolicyviolation` (tests/e2e/conftest.py) and tests/e2e/test_csp.py opens a page of each kind.
"""

from __future__ import annotations

import functools
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest

from tests.support.built_html import BuiltPage, directives, file_of, pages_of, read_page, sha256_source
from tests.support.repository import PAGES

PAGE_PATHS = [f"/{path}" for path in PAGES] + ["/404.html"]
# Script types the browser runs (their text must be allowed by a hash) and data blocks (never run).
EXECUTED = {"", "text/javascript", "application/javascript", "module"}
DATA = {"application/json", "application/ld+json"}


@functools.cache
def parsed(path: Path) -> BuiltPage:
    """A built HTML file, read once for both checks (and every page links to the whole menu)."""
    return read_page(path)


def test_the_sitemap_lists_every_page(built_site: Path) -> None:
    assert sorted(pages_of(built_site)) == sorted(PAGE_PATHS)


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_page_has_no_broken_link_or_image(built_site: Path, path: str) -> None:
    page = parsed(file_of(built_site, path))
    base = f"http://127.0.0.1{path}"
    problems = []
    for href in page.links:
        target = urljoin(base, href)
        if urlsplit(target).scheme in ("mailto", "tel") or urlsplit(target).hostname != "127.0.0.1":
            continue
        address, fragment = urldefrag(target)
        built = file_of(built_site, unquote(urlsplit(address).path))
        if not built.is_file():
            problems.append(f"{href}: not found")
        elif fragment and built.suffix == ".html" and fragment not in parsed(built).ids:
            problems.append(f"{href}: no #{fragment} on the target page")
    for source in page.images:
        target = urljoin(base, source)
        if target.startswith("data:"):
            continue
        image = file_of(built_site, unquote(urlsplit(target).path))
        if not image.is_file() or not image.stat().st_size:
            problems.append(f"image {source}: missing or empty")
    assert problems == []
    assert page.headings_1 == 1


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_page_carries_a_strict_policy_with_the_hashes_of_its_own_scripts(built_site: Path, path: str) -> None:
    page = parsed(file_of(built_site, path))
    assert len(page.policies) == 1, page.policies
    policy_text, in_head = page.policies[0]
    assert in_head
    # Only <meta charset> may come first (it must stay within the first 1024 bytes).
    policy_at = next(at for at, tag in enumerate(page.head) if "content-security-policy" in tag.lower())
    assert page.head[:policy_at] == ['<meta charset="utf-8">']
    unknown = [kind for kind, _ in page.scripts if kind not in EXECUTED | DATA]
    assert unknown == [], f"script types neither run nor known as data: {unknown}"
    hashes = {sha256_source(text) for kind, text in page.scripts if kind in EXECUTED}
    assert hashes
    policy = directives(policy_text)
    assert set(policy["script-src"]) == {"'self'", "'wasm-unsafe-eval'", *hashes}
    assert policy["default-src"] == ["'self'"]
    assert policy["worker-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert "'unsafe-inline'" not in policy.get("style-src", [])
    assert "frame-ancestors" not in policy  # ignored in a meta tag: a hosting header (README)
