"""The built guide: every topic page shows figures rendered from rates.yml, and follows them when they change.

Also checks what a reader or a search engine sees of every page: French, a description
of its own, Open Graph tags, the sitemap, the 404 page, and no request outside the site.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from calculator import Parameter, Rates, estimate, french, requirements
from tests.support.other_rates import PAGE_FIGURES
from tests.support.page_text import shown, text_of
from tests.support.repository import PAGES, ROOT, SCENARIOS


@pytest.mark.parametrize("page", sorted(PAGE_FIGURES))
def test_topic_page_shows_figures_from_rates(built_site: Path, rates: Rates, page: str) -> None:
    parameters = rates.parameters_by_path()
    text = text_of(built_site / page)
    for path in PAGE_FIGURES[page]:
        assert shown(parameters[path]) in text, f"{page}: {path} ({shown(parameters[path])}) not shown"


@pytest.mark.parametrize("page", sorted(PAGE_FIGURES))
def test_changing_rates_changes_the_page(other_site: Path, rates: Rates, other_rates: Rates, page: str) -> None:
    before, after = rates.parameters_by_path(), other_rates.parameters_by_path()
    text = text_of(other_site / page)
    for path in PAGE_FIGURES[page]:
        assert shown(after[path]) != shown(before[path]), f"{path} is not among the changed figures"
        assert shown(after[path]) in text, f"{page}: changed {path} ({shown(after[path])}) not shown"


TIKTOK_PAGES = ["programmes/recompenses-createurs/index.html", "programmes/fonds-createurs/index.html",
                "revenus/partenariats/index.html", "revenus/affiliation/index.html", "revenus/live/index.html",
                "revenus/abonnements/index.html", "revenus/produits/index.html", "paiements/index.html",
                "comprendre/facteurs/index.html", "comprendre/strategies/index.html"]


@pytest.mark.parametrize("page", TIKTOK_PAGES)
def test_tiktok_pages_name_the_programme_as_rates_yml_does(built_site: Path, rates: Rates, page: str) -> None:
    # One name per thing: the label rates.yml gives the programme (TikTok's French wording), never the old
    # shortened « Programme de récompenses pour créateurs ».
    text = text_of(built_site / page)
    assert "récompenses pour créateurs" not in text, page
    if page.startswith(("programmes/", "paiements", "revenus/produits", "revenus/affiliation")):
        assert rates.creator_rewards.label in text, page


def test_no_page_uses_the_programmes_old_short_name(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 20
    assert [str(page.relative_to(built_site)) for page in pages
            if "récompenses pour créateurs" in text_of(page).lower()] == []


def test_live_page_dates_the_hosting_age_change_from_rates(built_site: Path, rates: Rates) -> None:
    text = text_of(built_site / "revenus/live/index.html")
    change = rates.milestones["live_host_age_18"]
    assert re.sub("[\u00a0\u202f]", " ", french.date(change.date)) in text


def test_creator_rewards_page_lists_every_sourced_country_list(built_site: Path, rates: Rates) -> None:
    # The table has a column per list in rates.yml and a row per country any of them names.
    page = (built_site / "programmes/recompenses-createurs/index.html").read_text(encoding="utf-8")
    table = page[page.index("<table"):page.index("</table>")]
    assert table.count("<th>") == len(rates.creator_rewards.countries) + 1
    named = {code for countries in rates.creator_rewards.countries for code in countries.countries}
    assert table.count("<tr>") == len(named) + 1


def test_payouts_page_shows_each_live_minimum_the_sources_give(built_site: Path, rates: Rates) -> None:
    # Glossary abbreviations leave a space before the punctuation that follows them: drop it.
    text = re.sub(r" ([,.;])", r"\1", text_of(built_site / "paiements/index.html"))
    for minimum in rates.payout.live_minimum:
        assert f"{minimum.label} : {shown(minimum)} $" in text


def test_every_guide_page_is_built(built_site: Path) -> None:
    for page in PAGES:
        assert (built_site / page / "index.html").is_file(), page


@pytest.mark.parametrize("page", PAGES)
def test_page_has_its_own_description_and_open_graph(built_site: Path, page: str) -> None:
    built = built_site / page / "index.html"
    head = built.read_text(encoding="utf-8").split("</head>")[0]
    assert '<html lang="fr"' in built.read_text(encoding="utf-8")
    description = re.search(r'<meta name="description" content="([^"]+)"', head)
    assert description and len(description.group(1)) > 40 and "À venir" not in description.group(1)
    for tag in ("og:title", "og:description", "og:url", "og:locale"):
        assert f'property="{tag}"' in head, f"{page}: {tag}"


def test_page_ends_with_the_date_its_figures_were_checked(built_site: Path, rates: Rates) -> None:
    page = (built_site / "programmes/fonds-createurs/index.html").read_text(encoding="utf-8")
    # The page quotes the Creator Fund's figures and the estimate of the million-view scenario, whose ranges
    # come from every stream's figures: the newest check among them all is the page's date.
    viral = next(scenario for scenario in SCENARIOS if scenario.name == "un-million-de-vues")
    by_path = rates.parameters_by_path()
    used = [*rates.creator_fund.rpm, *(by_path[entry["parameter"]] for stream in
                                       estimate(viral.inputs, rates)["streams"].values() for entry in stream["ranges"])]
    newest = max(parameter.as_of for parameter in used)
    assert f'data-checked="{newest.isoformat()}"' in page


def spaced(text: str) -> str:
    """French text with its no-break spaces normalised like text_of."""
    return re.sub(r"[ \u00a0\u202f]+", " ", text)


def test_footer_tells_checks_apart_from_the_exchange_rates_own_date(built_site: Path, rates: Rates) -> None:
    # The FAQ converts to euros: its footer gives the days its figures were checked, then the rate's own day.
    text = text_of(built_site / "faq/index.html")
    assert f"le taux de change utilisé est celui de la BCE du {french.date(rates.usd_to_eur.as_of)}" in text
    assert re.search(r"Chiffres de cette page vérifiés (le|du) ", text)
    assert "vérifiés pour la dernière fois" not in text


def test_counts_of_views_in_prose_are_rounded(built_site: Path, rates: Rates) -> None:
    goal = requirements(1000, {"followers": 50000, "age": 30, "video_seconds": 90, "tax_status": "micro_bnc"}, rates)
    views = goal["levers"]["creator_rewards"]
    text = text_of(built_site / "faq/index.html")
    assert spaced(french.count_span(views["low"], views["high"], "vues sur 30 jours")) in text
    assert spaced(french.number(views["low"])) not in text  # the exact count stays in the data, not the prose


def test_weak_sources_are_labelled_where_cited_and_assumptions_said_once(built_site: Path) -> None:
    faq = text_of(built_site / "faq/index.html")
    assert "(Napolify) [site commercial]" in faq
    sources = text_of(built_site / "sources/index.html")
    assert "Hypothèse du modèle" in sources and not re.search(r"Hypothèse du modèle\W+Hypothèse du modèle", sources)


def test_embed_snippets_use_the_sites_own_address(built_site: Path) -> None:
    text = text_of(built_site / "integrer/index.html")
    assert "http://127.0.0.1:8000/embed.js" in text and "http://127.0.0.1:8000/embed/" in text
    assert "exemple.org" not in text


def test_site_has_sitemap_404_and_french_search(built_site: Path) -> None:
    assert "<loc>http://127.0.0.1:8000/programmes/fonds-createurs/</loc>" in (built_site / "sitemap.xml").read_text()
    assert "Page introuvable" in (built_site / "404.html").read_text(encoding="utf-8")
    assert '"lang":["fr"]' in (built_site / "search/search_index.json").read_text(encoding="utf-8").replace(" ", "")


def test_no_page_points_outside_for_its_own_resources(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        content = page.read_text(encoding="utf-8")
        for url in re.findall(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?://[^"]+)"', content):
            assert url.startswith("http://127.0.0.1:8000/") and 'rel="canonical"' in content, (page, url)
        assert "fonts.googleapis" not in content


def test_runtime_ships_a_reduced_stdlib_and_a_lock_of_our_wheels_only(built_site: Path) -> None:
    import json
    import zipfile

    runtime_dir = next((built_site / "pyodide").iterdir())
    stdlibs = list(runtime_dir.glob("python_stdlib.*.zip"))
    assert len(stdlibs) == 1 and not (runtime_dir / "python_stdlib.zip").exists()
    names = zipfile.ZipFile(stdlibs[0]).namelist()
    full = zipfile.ZipFile(ROOT / "node_modules" / "pyodide" / "python_stdlib.zip").namelist()
    assert "json/__init__.pyc" in names and "unittest/__init__.py" in full
    assert not any(name.startswith(("unittest/", "xml/", "multiprocessing/")) for name in names)
    assert len(names) < len(full) / 2
    lock = json.loads(next((built_site / "assets" / "wheels").glob("pyodide-lock.*.json")).read_text())
    assert sorted(lock["packages"]) == ["combien-paie-tiktok", "pyyaml"]
    for package in lock["packages"].values():
        wheel = built_site / "assets" / "wheels" / package["file_name"]
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == package["sha256"]


def test_release_files_have_content_hashed_names(built_site: Path) -> None:
    html = (built_site / "calculateur" / "index.html").read_text(encoding="utf-8")
    for pattern in (r"calculator-page\.[0-9a-f]{12}\.mjs", r"calculator\.[0-9a-f]{12}\.css",
                    r"calculator-worker\.[0-9a-f]{12}\.mjs", r"rates\.[0-9a-f]{12}\.json",
                    r"python_stdlib\.[0-9a-f]{12}\.zip", r"pyodide-lock\.[0-9a-f]{12}\.json"):
        assert re.search(pattern, html), pattern
    assert not (built_site / "javascripts" / "calculator-page.mjs").exists()
    assert (built_site / "sw.js").is_file() and (built_site / "embed.js").is_file()
