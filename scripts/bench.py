"""Measure what a reader waits for on /calculateur/, print a Markdown table, write docs/performance.md.

Run by scripts/bench (after scripts/install). Everything runs here: a fresh build, served as a
static host serves it (the built `_headers`, precompressed brotli and gzip copies, ETags), headless
Debian Chromium, several runs of each measure (medians reported):
- bytes of a cold visit, brotli and gzip (what each encoding sends), and of a warm visit (what does not
  come from the service worker);
- navigation to DOMContentLoaded, to the first paint (the prerendered figures), and to
  data-state=ready, cold and warm (warm: from the memory snapshot the first visit kept);
- ready time divided by a bare page's that only runs loadPyodide(), from the npm package as published
  and from the same reduced files, cold and warm (its second visit, from the HTTP cache);
- recompute latency, keystroke to updated figures, over random valid inputs (p50, p95);
- `mkdocs build` time, from scratch and unchanged;
- Lighthouse 12.2.3 mobile scores (performance, accessibility, best practices, SEO) for five pages, the
  median of several runs (a single run's performance score moves by several points from one run to the
  next on a shared machine, as Lighthouse's own documentation on variability says).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, sync_playwright

# The tests' helpers: the same build, local server, browser and page contract as the end-to-end tests.
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, wait_until
from tests.support.calculator_page import READY, START_TIMEOUT_MS, wait_for_service_worker
from tests.support.repository import ROOT
from tests.support.site import build_site, hosting_headers, serve

SNAPSHOT_KEPT = """async () => {
  const cache = await caches.open("combien-paie-tiktok-snapshot");
  return (await cache.keys()).length > 0;
}"""

LIGHTHOUSE_PAGES = {"Accueil": "", "Programme de récompenses": "programmes/recompenses-createurs/",
                    "Calculateur": "calculateur/", "Widget intégré": "embed/", "Kit média": "kit-media/"}
ENCODINGS = ("br", "gzip")
COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".xml", ".yml", ".txt", ".map"}
"""What static hosts compress (Cloudflare's list includes application/wasm); zip and wheels are zips already."""
NPM_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")

BARE_PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>loadPyodide seul</title>
<script type="module">
const worker = new Worker(new URL("worker.mjs", import.meta.url), {type: "module"});
worker.onmessage = () => { performance.mark("bare-ready"); document.body.dataset.ready = "1"; };
</script></head><body><p>loadPyodide() seul, mêmes fichiers que le calculateur.</p></body></html>
"""
BARE_WORKER = """const {{ loadPyodide }} = await import("../{pyodide}");
await loadPyodide({{ stdLibURL: "../{stdlib}", lockFileURL: "../{lock}" }});
postMessage("ready");
"""
# The npm package as published, under /pyodide/ like ours (so the same caching rule applies).
NPM_WORKER = """const { loadPyodide } = await import("../pyodide/npm/pyodide.mjs");
await loadPyodide();
postMessage("ready");
"""
BROTLI = """import { readFileSync, writeFileSync } from "node:fs";
import { brotliCompressSync, constants } from "node:zlib";
for (const path of readFileSync(0, "utf8").split("\\n").filter(Boolean)) {
  const params = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: 0 };
  writeFileSync(`${path}.br`, brotliCompressSync(readFileSync(path), { params }));
}
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each browser measure (default 5)")
    parser.add_argument("--samples", type=int, default=200, help="inputs for the recompute latency (default 200)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip Lighthouse")
    parser.add_argument("--lighthouse-runs", type=int, default=3, help="Lighthouse runs of each page (default 3)")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "performance.md")
    parser.add_argument("--note", default="", help="a sentence about the run (what else was running), in French")
    arguments = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-") as work:
        site = Path(work) / "site"
        build_times = [_timed_build(site) for _ in range(3)]  # the first may compile; the others reuse
        _add_bare_pages(site)
        _precompress(site)
        base = serve(site, hosting_headers(site), encodings=ENCODINGS)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            cold, warm, bare, npm = [], [], [], []
            for _ in range(arguments.runs):  # interleaved, so that a busy moment of the machine hits all alike
                cold.append(_visit(browser, f"{base}/calculateur/", site, warm=False))
                warm.append(_visit(browser, f"{base}/calculateur/", site, warm=True))
                bare.append(_bare(browser, f"{base}/bench-bare/"))
                npm.append(_bare(browser, f"{base}/bench-npm/"))
            paints: dict[str, list[tuple[float, float]]] = {"built": [], "none": []}
            for _ in range(arguments.runs):
                for start in paints:
                    paints[start].append(_paints(browser, f"{base}/calculateur/", python=start == "built"))
            latencies = _recompute(browser, f"{base}/calculateur/", arguments.samples)
            browser.close()
        scores = {} if arguments.no_lighthouse else {
            name: [_lighthouse(f"{base}/{path}") for _ in range(arguments.lighthouse_runs)]
            for name, path in LIGHTHOUSE_PAGES.items()}
    table = _report(cold, warm, bare, npm, paints, latencies, build_times, scores, arguments.runs)
    print(table)
    arguments.output.write_text(_page(table, arguments.note), encoding="utf-8")
    print(f"\nwritten to {arguments.output}")
    return 0


def _timed_build(site: Path) -> float:
    start = time.perf_counter()
    build_site(site)
    return time.perf_counter() - start


def _add_bare_pages(site: Path) -> None:
    runtime = json.loads(_runtime_json(site))
    for name, worker in (("bench-bare", BARE_WORKER.format(**runtime)), ("bench-npm", NPM_WORKER)):
        folder = site / name
        folder.mkdir()
        (folder / "index.html").write_text(BARE_PAGE, encoding="utf-8")
        (folder / "worker.mjs").write_text(worker, encoding="utf-8")
    npm = site / "pyodide" / "npm"
    npm.mkdir()
    for file in NPM_FILES:
        shutil.copy(ROOT / "node_modules" / "pyodide" / file, npm / file)


def _precompress(site: Path) -> None:
    """gzip (level 9) and brotli (quality 11) copies beside every compressible file, as a host keeps them."""
    files = [path for path in site.rglob("*") if path.is_file() and path.suffix in COMPRESSIBLE]
    for path in files:
        path.with_name(path.name + ".gz").write_bytes(gzip.compress(path.read_bytes(), 9, mtime=0))
    subprocess.run(["node", "--input-type=module", "-e", BROTLI], input="\n".join(map(str, files)), text=True,
                   check=True, timeout=600)


def _runtime_json(site: Path) -> str:
    html = (site / "calculateur" / "index.html").read_text(encoding="utf-8")
    start = html.index('id="cpt-runtime"')
    return html[html.index(">", start) + 1:html.index("</script>", start)]


def _visit(browser: Browser, url: str, site: Path, warm: bool) -> dict[str, float]:
    """One visit in a fresh profile; with warm=True, a first visit fills the service worker first."""
    context = browser.new_context()
    page = context.new_page()
    if warm:
        page.goto(url)
        page.wait_for_selector(READY, timeout=START_TIMEOUT_MS)
        wait_for_service_worker(page)
        wait_until(page, lambda: page.evaluate(SNAPSHOT_KEPT), "the snapshot is kept", timeout=60)
    transferred: list[tuple[str, int, bool]] = []

    def on_finished(request: Any) -> None:
        response = request.response()
        if response is not None:
            sizes = request.sizes()
            transferred.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"],
                                response.from_service_worker))

    page.on("requestfinished", on_finished)
    page.goto(url)
    page.wait_for_selector(READY, timeout=START_TIMEOUT_MS)
    timing = page.evaluate("""() => {
        const navigation = performance.getEntriesByType("navigation")[0];
        const paint = performance.getEntriesByName("first-contentful-paint")[0];
        return {dcl: navigation.domContentLoadedEventEnd, paint: paint ? paint.startTime : NaN,
                ready: performance.getEntriesByName("cpt-ready")[0].startTime,
                snapshot: document.querySelector("[data-calculator]").dataset.pythonStart === "snapshot" ? 1 : 0};
    }""")
    context.close()
    network = [(address, size) for address, size, from_worker in transferred if not from_worker]
    files = [_file(site, address) for address, _ in network]
    raw = sum(file.stat().st_size for file in files if file.is_file())
    # What a gzip-only host would send for the same files (the precompressed copy where there is one).
    gzipped = sum((gz if (gz := file.with_name(file.name + ".gz")).is_file() else file).stat().st_size
                  for file in files if file.is_file())
    return {**timing, "bytes": float(sum(size for _, size in network)), "raw": float(raw), "gzip": float(gzipped)}


def _file(site: Path, address: str) -> Path:
    path = urlsplit(address).path
    return site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))


def _bare(browser: Browser, url: str) -> dict[str, float]:
    """A bare page's ready time, cold and on its second visit (the HTTP cache, as hosting_headers allow)."""
    context = browser.new_context()
    page = context.new_page()
    times = {}
    for visit in ("cold", "warm"):
        page.goto(url)
        page.wait_for_selector("body[data-ready]", timeout=START_TIMEOUT_MS)
        times[visit] = float(page.evaluate("() => performance.getEntriesByName('bare-ready')[0].startTime"))
    context.close()
    return times


PAINTS = """() => new Promise((done) => {
  const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN;
  new PerformanceObserver((list) => {
    const entries = list.getEntries();
    done([fcp, entries[entries.length - 1].startTime]);
  }).observe({type: "largest-contentful-paint", buffered: true});
})"""


def _paints(browser: Browser, url: str, python: bool) -> tuple[float, float]:
    """First and largest contentful paint of a cold visit, with Python started as built (at the `load` event), or
    with no Python at all (the worker script refused): what starting it costs the first paint."""
    context = browser.new_context()
    if not python:
        context.route("**/calculator-worker.*.mjs", lambda route: route.abort())
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    fcp, lcp = page.evaluate(PAINTS)
    context.close()
    return float(fcp), float(lcp)


def _recompute(browser: Browser, url: str, samples: int) -> list[float]:
    rng = random.Random(2026)
    cases = [{"followers": str(rng.randint(0, 3_000_000)), "monthly_views": str(rng.randint(0, 20_000_000)),
              "age": str(rng.randint(13, 70)), "video_seconds": str(rng.randint(5, 600)),
              "sponsored_videos": str(rng.randint(0, 6)), "live_diamonds": str(rng.randint(0, 100_000))}
             for _ in range(samples)]
    context = browser.new_context()
    page: Page = context.new_page()
    page.goto(url)
    page.wait_for_selector(READY, timeout=START_TIMEOUT_MS)
    times: list[float] = page.evaluate("""async (cases) => {
        const root = document.querySelector("[data-calculator]");
        const form = root.querySelector("form");
        const times = [];
        for (const values of cases) {
            for (const [key, value] of Object.entries(values)) form.elements[key].value = value;
            const done = new Promise((resolve) => {
                const observer = new MutationObserver(() => {
                    if (!root.hasAttribute("data-busy")) { observer.disconnect(); resolve(); }
                });
                observer.observe(root, {attributes: true, attributeFilter: ["data-busy"]});
            });
            const start = performance.now();
            form.dispatchEvent(new Event("input", {bubbles: true}));
            await done;
            times.push(performance.now() - start);
        }
        return times;
    }""", cases)
    context.close()
    return times


def _lighthouse(url: str) -> dict[str, float]:
    binary = ROOT / "node_modules" / ".bin" / "lighthouse"
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    completed = subprocess.run(
        [str(binary), url, "--quiet", "--output=json", "--output-path=stdout", f"--chrome-flags={flags}",
         "--only-categories=performance,accessibility,best-practices,seo", "--form-factor=mobile"],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, check=False, timeout=300)
    if completed.returncode != 0:
        print(completed.stderr[-2000:], file=sys.stderr)
        return {}
    report = json.loads(completed.stdout)
    categories = report["categories"]
    # The audits that cost points outside performance, named in the table (e.g. label, target-size).
    failing = sorted({ref["id"] for name, category in categories.items() if name != "performance"
                      for ref in category["auditRefs"]
                      if ref.get("weight") and (report["audits"][ref["id"]].get("score") or 0) < 1
                      and report["audits"][ref["id"]].get("scoreDisplayMode") == "binary"})
    print(f"Lighthouse {url}: failing {failing}", file=sys.stderr)
    scores = {name: round(100 * category["score"]) for name, category in categories.items()
              if category["score"] is not None}
    return {**scores, "tbt": report["audits"]["total-blocking-time"]["numericValue"],
            "lcp": report["audits"]["largest-contentful-paint"]["numericValue"]}


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _kb(value: float) -> str:
    return f"{value / 1024:,.0f} KB".replace(",", " ")


def _report(cold: list[dict[str, float]], warm: list[dict[str, float]], bare: list[dict[str, float]],
            npm: list[dict[str, float]], paints: dict[str, list[tuple[float, float]]], latencies: list[float],
            build_times: list[float],
            scores: dict[str, list[dict[str, float]]], runs: int) -> str:
    quantiles = statistics.quantiles(latencies, n=100)
    cold_ready, warm_ready = _median([r["ready"] for r in cold]), _median([r["ready"] for r in warm])
    bare_cold, bare_warm = _median([r["cold"] for r in bare]), _median([r["warm"] for r in bare])
    npm_cold, npm_warm = _median([r["cold"] for r in npm]), _median([r["warm"] for r in npm])
    paint_after_dcl = _median([r["paint"] - r["dcl"] for r in cold])
    restored = sum(int(r["snapshot"]) for r in warm)
    rows = [
        ("Octets, visite à froid, brotli (transférés)", _kb(_median([r["bytes"] for r in cold])),
         f"brut : {_kb(_median([r['raw'] for r in cold]))}"),
        ("Octets, visite à froid, gzip (mêmes fichiers)", _kb(_median([r["gzip"] for r in cold])), ""),
        ("Octets, visite chaude (hors service worker)", _kb(_median([r["bytes"] for r in warm])), "cible ≤ 50 KB"),
        ("Premier affichage (chiffres précalculés compris) moins DOMContentLoaded, à froid",
         f"{paint_after_dcl:.0f} ms", "cible ≤ 100 ms ; négatif : affichés avant la fin de l'analyse"),
        ("DOMContentLoaded, à froid", f"{_median([r['dcl'] for r in cold]):.0f} ms", ""),
        ("Calculateur prêt (data-state=ready), à froid", f"{cold_ready:.0f} ms", ""),
        ("Calculateur prêt, visite chaude (image mémoire)", f"{warm_ready:.0f} ms",
         f"image mémoire restaurée {restored} fois sur {len(warm)}"),
        ("loadPyodide() seul, paquet npm tel que publié, à froid / visite chaude",
         f"{npm_cold:.0f} / {npm_warm:.0f} ms", ""),
        ("loadPyodide() seul, mêmes fichiers réduits, à froid / visite chaude",
         f"{bare_cold:.0f} / {bare_warm:.0f} ms", ""),
        ("Rapport prêt à froid / loadPyodide() npm à froid", f"{cold_ready / npm_cold:.2f}", "cible ≤ 1,0"),
        ("Rapport prêt à froid / loadPyodide() fichiers réduits à froid", f"{cold_ready / bare_cold:.2f}", ""),
        ("Rapport prêt visite chaude / loadPyodide() npm visite chaude", f"{warm_ready / npm_warm:.2f}",
         "cible ≤ 0,5"),
        ("Rapport prêt visite chaude / loadPyodide() fichiers réduits visite chaude",
         f"{warm_ready / bare_warm:.2f}", ""),
        *((f"Premier affichage / plus grand affichage, à froid, {label}",
           f"{_median([fcp for fcp, _ in paints[start]]):.0f} / {_median([lcp for _, lcp in paints[start]]):.0f} ms",
           note) for start, label, note in (
              ("built", "Python démarré au chargement de la page (tel que construit)", ""),
              ("none", "sans Python (script du worker refusé)",
               "l'écart avec la ligne précédente est ce que le démarrage de Python coûte au premier affichage"))),
        (f"Recalcul après une frappe, médiane ({len(latencies)} saisies)", f"{quantiles[49]:.1f} ms", ""),
        ("Recalcul après une frappe, 95e centile", f"{quantiles[94]:.1f} ms", "cible ≤ 30 ms"),
        ("mkdocs build, premier build dans un dossier neuf", f"{build_times[0]:.1f} s",
         "recompile les wheels si le calculateur a changé"),
        ("mkdocs build, sans changement", f"{_median(build_times[1:]):.1f} s", ""),
    ]
    for page, page_runs in scores.items():
        done = [run for run in page_runs if run]  # a failed run is an empty dict
        if not done:
            rows.append((f"Lighthouse mobile {page}", "échec", ""))
            continue
        shown = " / ".join(f"{_median([run.get(key, 0) for run in done]):.0f}" for key in
                           ("performance", "accessibility", "best-practices", "seo"))
        performance = sorted(run.get("performance", 0) for run in done)
        rows.append((f"Lighthouse mobile {page} (performance / accessibilité / bonnes pratiques / SEO, "
                     f"médiane de {len(done)})", shown,
                     f"cible ≥ 98 / 100 / 100 / 100 ; performance de {performance[0]:.0f} à {performance[-1]:.0f}, "
                     f"blocage {_median([run['tbt'] for run in done]):.0f} ms, "
                     f"LCP {_median([run['lcp'] for run in done]) / 1000:.1f} s".replace(".", ",")))
    lines = [f"| Mesure (médiane de {runs} essais) | Valeur | Note |", "|---|---|---|"]
    lines += [f"| {name} | {value} | {note} |" for name, value, note in rows]
    return "\n".join(lines)


def _page(table: str, note: str = "") -> str:
    return f"""---
title: Performances mesurées
description: Temps de chargement, octets transférés et scores Lighthouse du calculateur, mesurés par scripts/bench.
---

# Performances mesurées

Ce tableau est écrit par `scripts/bench` : un site construit à neuf, servi en local comme le
sert un hébergeur statique (les en-têtes de `_headers`, des copies brotli et gzip précompressées,
des ETag), mesuré avec Chromium sans interface. Les chiffres dépendent de la machine ; les rapports
entre le temps de démarrage du calculateur et celui d'une page qui n'appelle que `loadPyodide()`
(le paquet npm tel que publié, ou les mêmes fichiers réduits), mesurés dans la même session, se
comparent d'une machine à l'autre. La visite chaude démarre de l'image mémoire que la première
visite a gardée ; celle de la page nue, du cache HTTP.
Dernière mesure : {time.strftime("%Y-%m-%d")}, {os.cpu_count()} cœurs (commande : `scripts/bench`).
{note}

{table}

## Quand démarrer Python

Les chiffres étant précalculés, rien de ce que le lecteur voit n'attend Python ; la question est de savoir
ce que son démarrage retire au reste de la page. Mesuré le 2026-12-02 sur une même construction, en
alternant deux variantes du calculateur (Lighthouse mobile, servi compressé, médianes de 3 passages,
deux fois) : démarré dès l'en-tête, le worker compile Pyodide pendant que Material démarre, et le temps
de blocage du fil principal est de 220 à 298 ms (performance 94 à 96) ; démarré à l'événement `load`, il
est de 79 à 152 ms (performance 98 à 99). Sans aucun démarrage, le calculateur reste à 82 ms : le reste
vient de Material (recalculs de style de toute la page à son démarrage). Plus tard encore, quand la page
est inactive après `load` (`requestIdleCallback`), rien ne change de façon mesurable (157 à 193 ms
contre 113 à 208 ms à `load`, dans le même passage). Le démarrage à `load` retarde un peu la première
réponse (rapport à froid 0,70 la veille, 0,75 à 0,77 ici, sur des machines différentes) et reste sous la
page nue ; c'est lui qui est en ligne.

## Avant l'image mémoire et le service compressé

Mesuré le 2026-11-26 sur la version précédente, servie sans compression par `http.server` : prêt à
froid en 0,86 à 0,89 fois le temps de `loadPyodide()` du paquet npm ; visite chaude 1,51 s contre
1,25 s pour la seconde visite de la page nue (rapport 1,21), le moteur venant pourtant du service
worker ; Lighthouse mobile du calculateur 66 à 83 en performance (LCP 3,8 s), 98 à 99 une fois
servi compressé. Une nouvelle version du site faisait de plus retélécharger les 9,6 Mo du moteur à
chaque lecteur revenant ; le service worker ne récupère plus que les fichiers dont l'empreinte a
changé.
"""


if __name__ == "__main__":
    sys.exit(main())
