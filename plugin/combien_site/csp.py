"""A strict Content Security Policy, as a meta tag, in every page the build writes.

After Material has rendered a page (`on_post_page`; `on_post_template` for 404.html, which is a
theme template, not a page), the plugin hashes every inline script the browser would execute and
puts, first in <head> (after `<meta charset>`, which must stay within the first 1024 bytes),
before any script:

    <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'
      'sha256-…' … 'wasm-unsafe-eval'; …">

Material's inline scripts differ from page to page (one holds the page's relative path), so the
policy is per page. Data blocks (`type="application/json"`: Material's `__config`, the
calculator's runtime list) are never executed and need no hash. Inline event handlers and
`javascript:` URLs would be blocked: the build warns (and `--strict` fails) on any.

What a meta tag cannot carry (`frame-ancestors`, the worker script's own policy) is given as
hosting headers in README ("Hosting headers"). With `navigation.instant`, Material would run a
new page's inline scripts under the first page's policy: the build refuses that feature.
Under `mkdocs serve` the plugin leaves the meta tag out, since its live-reload script is inline
and changes with every request.
"""

from __future__ import annotations

import base64
import hashlib
import html
import logging
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.plugins.combien_site.csp")

# Everything but script-src, which gets the page's hashes. Material needs `data:` images (its
# search and admonition icons are SVG data URLs in the stylesheet) and nothing inline for styles.
DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self' {hashes}'wasm-unsafe-eval'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "img-src 'self' data:",
    "style-src 'self'",
    "connect-src 'self'",
    "font-src 'self'",
)

# Script types the browser executes (HTML: classic JavaScript MIME types, module, import maps and
# speculation rules are all subject to script-src); any other type is a data block.
JAVASCRIPT_TYPES = frozenset({
    "", "module", "importmap", "speculationrules",
    "application/ecmascript", "application/javascript", "application/x-ecmascript", "application/x-javascript",
    "text/ecmascript", "text/javascript", "text/javascript1.0", "text/javascript1.1", "text/javascript1.2",
    "text/javascript1.3", "text/javascript1.4", "text/javascript1.5", "text/jscript", "text/livescript",
    "text/x-ecmascript", "text/x-javascript",
})

_ATTRIBUTES = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
# One token of the page: a comment, a raw-text element with its content, or any other tag.
# Consuming whole tags keeps a `<script` inside an attribute value from being taken for one.
_TOKEN = re.compile(
    rf"<!--.*?-->"
    rf"|<(?P<raw>script|style|textarea|title)(?=[\s/>])(?P<rawattrs>{_ATTRIBUTES})>(?P<content>.*?)</(?P=raw)(?=[\s/>])"
    rf"|<(?P<tag>[a-zA-Z][^\s/>]*)(?P<attrs>{_ATTRIBUTES})>",
    re.DOTALL | re.IGNORECASE,
)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_HEAD = re.compile(r"<head(?=[\s>])" + _ATTRIBUTES + ">", re.IGNORECASE)
_CHARSET = re.compile(r"\s*<meta\s+charset\s*=\s*[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)
_CSP_META = re.compile(r"<meta\b[^>]*http-equiv\s*=\s*[\"']?content-security-policy", re.IGNORECASE)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """What the plugin's `on_config` checks for this job: a theme the per-page policy can work with."""
    if "navigation.instant" in (config.theme.get("features") or []):
        raise PluginError("combien-site (csp.py): navigation.instant runs each new page's inline scripts under the "
                          "first page's Content Security Policy (one hash list per page); remove the feature or "
                          "make the policy site-wide")
    return config


def attributes(text: str) -> dict[str, str]:
    """The attributes of a start tag (the text between its name and `>`), names lowercased."""
    found: dict[str, str] = {}
    for name, double, single, bare in _ATTRIBUTE.findall(text):
        found.setdefault(name.lower(), html.unescape(double or single or bare))
    return found


def inline_script_hashes(page_html: str, where: str = "") -> list[str]:
    """CSP sources ('sha256-…') of the inline scripts the browser executes, in page order.

    Warns (which fails a --strict build) on what no hash can allow: event handler attributes
    and `javascript:` URLs.
    """
    hashes: list[str] = []
    for token in _TOKEN.finditer(page_html):
        if token["raw"] is not None and token["raw"].lower() == "script":
            attrs = attributes(token["rawattrs"])
            if "src" in attrs or attrs.get("type", "").strip().lower() not in JAVASCRIPT_TYPES:
                continue
            # The HTML parser turns CRLF and CR into LF before the browser hashes the text.
            source = token["content"].replace("\r\n", "\n").replace("\r", "\n")
            digest = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")
            if f"'sha256-{digest}'" not in hashes:
                hashes.append(f"'sha256-{digest}'")
        elif token["tag"] is not None:
            for name, value in attributes(token["attrs"]).items():
                if name.startswith("on") or value.strip().lower().startswith("javascript:"):
                    log.warning(f"{where}: <{token['tag']} {name}=…> would be blocked by the Content Security "
                                "Policy: move the script to a file")
    return hashes


def policy(page_html: str, where: str = "") -> str:
    """The policy for this page: fixed directives plus the hashes of its own inline scripts."""
    hashes = "".join(f"{digest} " for digest in inline_script_hashes(page_html, where))
    return "; ".join(DIRECTIVES).format(hashes=hashes)


def with_policy(page_html: str, where: str) -> str:
    """The page with its policy as the first child of <head>."""
    if _CSP_META.search(page_html):
        log.warning(f"{where}: already has a Content-Security-Policy meta tag; the combien-site plugin writes it")
        return page_html
    head = _HEAD.search(page_html)
    if head is None:
        log.warning(f"{where}: no <head>, so no Content Security Policy")
        return page_html
    # Right after <meta charset> when it opens the head (it must stay within the first 1024 bytes),
    # otherwise first; in any case before every script, stylesheet and link.
    charset = _CHARSET.match(page_html, head.end())
    at = charset.end() if charset else head.end()
    meta = f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy(page_html, where), quote=False)}">'
    return page_html[:at] + meta + page_html[at:]
