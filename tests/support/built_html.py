"""What a built page's HTML holds, read with the standard library's HTML parser: its links, images, ids, headings,
Content Security Policy and inline scripts. For the checks that need no browser (tests/site): the browser-side
checks (a page runs under its policy, throws nothing, asks nothing outside the site) are the end-to-end guards'."""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Elements without an end tag (HTML's void elements): they never hold children.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class BuiltPage:
    links: list[str] = field(default_factory=list)
    """Every a[href], as written."""
    images: list[str] = field(default_factory=list)
    """Every img[src], as written."""
    ids: set[str] = field(default_factory=set)
    headings_1: int = 0
    head: list[str] = field(default_factory=list)
    """The head's children in order, each as its start tag written back (`<meta charset="utf-8">`)."""
    policies: list[tuple[str, bool]] = field(default_factory=list)
    """Each <meta http-equiv="Content-Security-Policy">'s content, and whether it is a child of <head>."""
    scripts: list[tuple[str, str]] = field(default_factory=list)
    """Each inline <script>'s type (trimmed, lower case) and text as the browser reads it (line breaks as LF)."""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = BuiltPage()
        self.open: list[str] = []
        self.script: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if self.open == ["html", "head"]:
            self.page.head.append("<" + " ".join([tag, *(f'{name}="{value}"' for name, value in values.items())])
                                  + ">")
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "href" in values:
            self.page.links.append(values["href"])
        elif tag == "img":
            self.page.images.append(values.get("src", ""))
        elif tag == "h1":
            self.page.headings_1 += 1
        elif tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            self.page.policies.append((values.get("content", ""), self.open == ["html", "head"]))
        elif tag == "script" and "src" not in values:
            self.script = (values.get("type", "").strip().lower(), [])
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.script is not None:
            kind, text = self.script
            self.page.scripts.append((kind, re.sub(r"\r\n?", "\n", "".join(text))))
            self.script = None
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script[1].append(data)


def read_page(path: Path) -> BuiltPage:
    reader = _Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    reader.close()
    return reader.page


def file_of(site: Path, url_path: str) -> Path:
    """The built file a path of the site serves: /faq/ -> faq/index.html, /404.html -> 404.html."""
    relative = url_path.lstrip("/")
    return site / (relative + "index.html" if relative.endswith("/") or not relative else relative)


def pages_of(site: Path) -> list[str]:
    """Every page of the sitemap, as a path, and the 404 page."""
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    paths = [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>(.*?)</loc>", sitemap)]
    assert "/calculateur/" in paths and "/embed/" in paths
    return [*paths, "/404.html"]


def directives(policy: str) -> dict[str, list[str]]:
    """A Content Security Policy's directives by name; a directive given twice fails."""
    parsed: dict[str, list[str]] = {}
    for directive in filter(None, (part.strip() for part in policy.split(";"))):
        name, *sources = directive.split()
        assert name not in parsed, f"{name} given twice"
        parsed[name] = sources
    return parsed


def sha256_source(text: str) -> str:
    """The policy source that allows an inline script of this text."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"
