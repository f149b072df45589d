"""The French pages tell the dated rules of rates.yml `france`: the VAT franchise's story, the versement libératoire
deadline, ACRE's cut and the influence law's contract threshold, on the pages that state them.

Figures are also moved by the second build (tests/support/other_rates.py PAGE_FIGURES); dates are not, so these
tests read them from rates.yml and look for them, written the French way, in the built page."""

from __future__ import annotations

from pathlib import Path

import pytest

from calculator import Rates, french
from tests.support.page_text import shown, text_of


def test_tax_page_tells_the_vat_threshold_story_with_the_dates_of_rates(built_site: Path, rates: Rates) -> None:
    text = text_of(built_site / "impots/index.html")
    dates = rates.france.formalities.dates
    story = ["vat_single_threshold_voted", "vat_single_threshold_due", "vat_single_threshold_suspended",
             "vat_repeal_adopted", "vat_repeal_law", "vat_new_attempt_rejected"]
    positions = []
    for key in story:
        written = french.date(dates[key].date).replace("\u00a0", " ")
        assert written in text, f"impots: {key} ({written}) not told"
        positions.append(text.index(written))
    assert positions == sorted(positions), "the story is told in the order of its dates"
    assert f"{shown(rates.france.formalities.vat_single_threshold)} €" in text
    assert "loi n° 2025-1044" in text


@pytest.mark.parametrize("page", ["impots/index.html", "declarer/index.html"])
def test_pages_give_the_versement_liberatoire_deadline_of_rates(built_site: Path, rates: Rates, page: str) -> None:
    text = text_of(built_site / page)
    deadline = rates.france.formalities.dates["vl_option_deadline"].date
    assert f"le {french.date(deadline)} pour les revenus de {deadline.year + 1}".replace("\u00a0", " ") in text
    ceiling = rates.france.versement_liberatoire_ceiling
    assert f"{shown(ceiling)} € par part" in text


def test_step_page_dates_the_acre_cut_and_the_contract_rule(built_site: Path, rates: Rates) -> None:
    text = text_of(built_site / "declarer/index.html")
    formalities = rates.france.formalities
    change = french.date(formalities.dates["acre_cut_change"].date)
    assert f"{shown(formalities.acre_cut_earlier)} % de vos taux pour une micro-entreprise créée avant le {change}" in text
    bnc = rates.france.categories["micro_bnc"].social_contributions.value
    reduced = round(bnc * (100 - formalities.acre_cut.value) / 100, 1)
    assert f"passerait ainsi à {french.number(reduced)} %".replace("\u00a0", " ") in text
    assert f"Depuis le {french.date(formalities.dates['influence_contract_rule'].date)}" in text
    assert f"{rates.minors.protected_below.value:g} ans" in text


@pytest.mark.parametrize("page", ["revenus/partenariats/index.html", "revenus/affiliation/index.html"])
def test_brand_deal_and_affiliation_pages_end_with_the_law_box(built_site: Path, rates: Rates, page: str) -> None:
    html = (built_site / page).read_text(encoding="utf-8")
    text = text_of(built_site / page)
    assert "« Publicité » ou « Collaboration commerciale »" in text
    assert french.date(rates.milestones["influencer_law"].date) in text
    assert 'href="../../declarer/#loi-influence"' in html
    if page.startswith("revenus/partenariats"):
        assert f"dès {shown(rates.france.formalities.influence_contract_threshold)} € hors taxes" in text
        assert "pronostics sportifs" in text.rsplit("Exemple : 100 000 abonnés engagés en finance", 1)[1]
