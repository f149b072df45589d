"""parse_rates accepts the real rates.yml and rejects every kind of bad file, naming the field."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest

from calculator import RatesError, parse_rates
from calculator.rates import EVIDENCE, rates_json
from tests.support.repository import RATES_TEXT

DOCUMENT_TEXT = rates_json(RATES_TEXT)


def parse_modified(change: Any) -> None:
    """Parse rates.yml with one change, handed over as JSON: the same document, read ten times faster."""
    document = json.loads(DOCUMENT_TEXT)
    change(document)
    parse_rates(json.dumps(document, ensure_ascii=False))


def dated(*values: tuple[str, float]) -> list[dict[str, object]]:
    return [{"since": since, "value": value} for since, value in values]


def rewrite(figure: dict[str, Any], **number: Any) -> None:
    """Give a figure its number another way: `value`, `low`/`high` or `values` in place of what it had."""
    for key in ("value", "low", "high", "values"):
        figure.pop(key, None)
    figure.update(number)


def test_repository_rates_parse_with_seed_figures() -> None:
    rates = parse_rates(RATES_TEXT)
    # The seed's own ranges stay first, whatever better sources come after them.
    assert [(p.low, p.high) for p in rates.creator_fund.rpm][:1] == [(0.02, 0.04)]
    assert [(p.low, p.high) for p in rates.creator_rewards.rpm][:2] == [(0.40, 1.00), (0.50, 6.00)]
    assert rates.creator_rewards.min_followers.value == 10000
    assert rates.creator_rewards.min_monthly_views.value == 100000
    assert rates.creator_rewards.min_age.value == 18
    assert rates.creator_rewards.min_video_seconds.value == 60
    assert rates.creator_fund.min_video_seconds.value == 0


def test_every_parameter_has_references_or_is_a_stated_assumption() -> None:
    parameters = parse_rates(RATES_TEXT).parameters()
    assert len(parameters) > 40
    for parameter in parameters:
        assert parameter.unit and parameter.label
        assert isinstance(parameter.as_of, datetime.date)
        if parameter.assumption:
            assert parameter.rationale, parameter.path
        else:
            assert parameter.references and all(ref.title for ref in parameter.references), parameter.path


def test_every_reference_says_how_much_it_proves_and_a_figure_is_worth_its_best_source() -> None:
    rates = parse_rates(RATES_TEXT)
    assert {ref.evidence for ref in rates.sources} <= set(EVIDENCE)
    assert all(ref.evidence == "unverified" for ref in rates.sources if ref.url is None and ref.evidence != "seed")
    grades = {rpm.key: rpm.evidence for rpm in rates.creator_rewards.rpm}
    # The seed relays Napolify (a vendor) and shortsgenerator.ai (a page nobody found): each is worth its source.
    assert (grades["napolify"], grades["shortsgenerator"]) == ("vendor", "unverified")
    assert grades["numerama"] == "press"
    # Alone, the seed is the seed; a figure citing an official page only for context says so itself.
    assert rates.brand_deals.follower_rates[0].evidence == "seed"
    assert rates.live_gifts.diamond_value[0].evidence == "vendor"
    assert "official" in {ref.evidence for ref in rates.live_gifts.diamond_value[0].references}


def test_the_seed_figures_for_brand_deals_live_and_payouts_are_kept() -> None:
    rates = parse_rates(RATES_TEXT)
    assert rates.brand_deals.min_followers.value == 1000
    assert (rates.live_gifts.min_followers.value, rates.live_gifts.min_age.value) == (1000, 18)
    assert {(r.payout_minimum.low, r.payout_minimum.high) for r in rates.regions.values()} == {(10, 50)}
    assert rates.payout.methods == ("PayPal", "virement bancaire")
    assert set(rates.niches) >= {"finance", "tech", "beauty", "fitness"}
    assert set(rates.own_products.product_types) == {"merch", "digital", "coaching"}


@pytest.mark.parametrize(
    ("change", "path", "problem"),
    [
        (lambda d: d["creator_rewards"]["rpm"][1].update(low=7.0), "creator_rewards.rpm[1].low", "dépasse"),
        (lambda d: d["creator_fund"]["rpm"][0].update(high=-1), "creator_fund.rpm[0].high", "positif"),
        (lambda d: d["creator_rewards"]["min_age"].update(value="dix-huit"), "creator_rewards.min_age.value",
         "nombre"),
        (lambda d: d["creator_rewards"]["min_age"].update(value=True), "creator_rewards.min_age.value", "nombre"),
        (lambda d: d["creator_rewards"]["min_followers"].update(value=float("nan")),
         "creator_rewards.min_followers.value", "fini"),
        (lambda d: d["creator_rewards"].pop("min_followers"), "creator_rewards.min_followers", "manquant"),
        (lambda d: d["creator_rewards"]["rpm"][0].pop("unit"), "creator_rewards.rpm[0].unit", "manquant"),
        (lambda d: d["creator_rewards"]["rpm"][0].update(as_of="2025-02-30"), "creator_rewards.rpm[0].as_of",
         "date"),
        (lambda d: d["creator_rewards"]["rpm"][0].update(references=["nowhere"]),
         "creator_rewards.rpm[0].references[0]", "table"),
        (lambda d: d["creator_rewards"]["rpm"][0].update(references=[{"url": "https://example.org"}]),
         "creator_rewards.rpm[0].references[0].title", "manquant"),
        (lambda d: d["creator_rewards"]["rpm"][0].update(lwo=1), "creator_rewards.rpm[0].lwo", "inconnu"),
        (lambda d: d["niches"]["beauty"]["affiliate_commission"][0].update(high=120),
         "niches.beauty.affiliate_commission[0].high", "pourcentage"),
        (lambda d: d["brand_deals"]["engagement_factor_max"].pop("rationale"),
         "brand_deals.engagement_factor_max.rationale", "pourquoi"),
        (lambda d: d["brand_deals"]["engagement_factor_max"].update(assumption=False),
         "brand_deals.engagement_factor_max.rationale", "assumption"),
        (lambda d: d["own_products"]["product_types"]["merch"]["margins"][0].update(references=[]),
         "own_products.product_types.merch.margins[0].references", "au moins"),
        (lambda d: d["brand_deals"]["price_tables"][0]["prices"].update(giga=d["brand_deals"]["price_tables"][0][
            "prices"]["nano"]), "brand_deals.price_tables[0].prices.giga", "palier inconnu"),
        (lambda d: d["brand_deals"]["tiers"].reverse(), "brand_deals.tiers", "plus petit"),
        (lambda d: d.update(niches={}), "niches", "vide"),
        (lambda d: d["affiliate"].update(rate=5), "affiliate.rate", "inconnu"),
        (lambda d: d["payout"].update(methods=[]), "payout.methods", "au moins"),
        (lambda d: d["regions"]["france"]["payout_minimum"].update(as_of="hier"),
         "regions.france.payout_minimum.as_of", "date"),
        (lambda d: d["creator_rewards"]["rpm"][0].update(references=[]), "creator_rewards.rpm[0].references",
         "au moins"),
        (lambda d: d["creator_rewards"]["rpm"][1].update(key="napolify"), "creator_rewards.rpm[1].key", "déjà"),
        (lambda d: d["creator_rewards"].update(rpm=[]), "creator_rewards.rpm", "au moins"),
        (lambda d: d["creator_rewards"].update(rpm={"low": 1}), "creator_rewards.rpm", "liste"),
        (lambda d: d["creator_rewards"]["min_age"].update(low=1, high=2), "creator_rewards.min_age", "soit"),
        (lambda d: d["creator_rewards"].update(min_age={"low": 1, "high": 2, **{
            k: v for k, v in d["creator_rewards"]["min_age"].items() if k != "value"}}),
         "creator_rewards.min_age", "une seule valeur"),
        (lambda d: d["sources"][0].update(url="javascript:alert(1)"), "sources[0].url", "adresse"),
        (lambda d: d["sources"][1].pop("evidence"), "sources[1].evidence", "manquant"),
        (lambda d: d["sources"][1].update(evidence="blog"), "sources[1].evidence", "niveau de preuve"),
        (lambda d: d["sources"][1].update(published="2020-02-30"), "sources[1].published", "date"),
        # a figure may lower its grade below its best reference's, never raise it
        (lambda d: d["creator_rewards"]["rpm"][0].update(evidence="press"), "creator_rewards.rpm[0].evidence",
         "mieux prouvé"),
        (lambda d: d.update(currency="EUR"), "currency", "USD"),
        (lambda d: d["usd_to_eur"].update(value=20), "usd_to_eur.value", "entre 0,1 et 10"),
        # found by fuzzing: a ratio near 0 made what viewers paid for the gifts infinite
        (lambda d: d["live_gifts"]["diamonds_per_coin"].update(value=5e-324), "live_gifts.diamonds_per_coin.value",
         "entre 0,01 et 100"),
        (lambda d: d["brand_deals"]["engagement_benchmark"].update(value=0),
         "brand_deals.engagement_benchmark.value", "supérieure à 0"),
        (lambda d: d["brand_deals"]["engagement_factor_max"].update(value=0.5), "brand_deals.engagement_factor_min",
         "encadrer 1"),
        (lambda d: d["niches"]["beauty"].update(rate=5), "niches.beauty.rate", "inconnu"),
        (lambda d: d["milestones"]["creator_fund_end"].update(references=[]),
         "milestones.creator_fund_end.references", "au moins"),
        (lambda d: d["creator_rewards"]["min_age"].update(values=dated(("2024-01-01", 18))),
         "creator_rewards.min_age", "soit"),
        (lambda d: rewrite(d["creator_rewards"]["min_age"], values=dated(("2024-01-01", 18))),
         "creator_rewards.min_age.values", "france.in_force_on"),
        (lambda d: rewrite(d["france"]["income_tax"]["brackets"][1]["rate"], low=11, high=14),
         "france.income_tax.brackets[1].rate", "une seule valeur (`value`)"),
        (lambda d: d["france"]["income_tax"]["brackets"][1]["rate"].update(value=0),
         "france.income_tax.brackets[1].rate", "croître"),
        (lambda d: d["france"]["income_tax"]["brackets"][2]["upper"].update(values=dated(("2024-01-01", 20000))),
         "france.income_tax.brackets[2].upper", "croître"),
        (lambda d: d["france"]["income_tax"]["brackets"][4].update(upper=d["france"]["income_tax"]["brackets"][3]
                                                                   ["upper"]),
         "france.income_tax.brackets[4].upper", "dernière tranche"),
        (lambda d: rewrite(d["france"]["allowance_minimum"], low=300, high=305), "france.allowance_minimum",
         "une seule valeur (`value` ou `values`)"),
        (lambda d: d["france"]["categories"]["micro_bnc"]["turnover_ceiling"].update(
            values=dated(("2026-01-01", 83600), ("2023-01-01", 77700))),
         "france.categories.micro_bnc.turnover_ceiling.values[1].since", "la plus ancienne"),
        (lambda d: d["france"]["categories"]["micro_bnc"]["turnover_ceiling"].update(
            values=dated(("2027-01-01", 83600))), "france.categories.micro_bnc.turnover_ceiling.values", "en vigueur"),
        (lambda d: d["france"]["categories"]["micro_bnc"]["social_contributions"].update(
            values=dated(("2024-01-01", 123.1), ("2025-01-01", 24.6))),
         "france.categories.micro_bnc.social_contributions.values[0].value", "pourcentage"),
        (lambda d: d["france"]["categories"]["micro_bnc"]["vat_tolerance"].update(value=1000),
         "france.categories.micro_bnc.vat_tolerance", "seuil majoré"),
    ],
)
def test_invalid_field_is_named_by_its_key_path(change: Any, path: str, problem: str) -> None:
    with pytest.raises(RatesError) as caught:
        parse_modified(change)
    assert caught.value.path == path
    assert str(caught.value).startswith(f"{path}: ")
    assert problem in str(caught.value)


def test_yaml_syntax_error_gives_the_line() -> None:
    with pytest.raises(RatesError, match="ligne 2"):
        parse_rates("currency: USD\nsources: x: y\n")


def test_only_safe_yaml_is_loaded() -> None:
    with pytest.raises(RatesError, match="YAML invalide"):
        parse_rates("!!python/object/apply:os.system ['echo pwned']")


@pytest.mark.parametrize("text", ["", "- a list\n", "just text\n"])
def test_document_must_be_a_table(text: str) -> None:
    with pytest.raises(RatesError, match="table"):
        parse_rates(text)


def test_rates_error_is_a_value_error() -> None:
    assert issubclass(RatesError, ValueError)


def test_the_json_form_the_browser_reads_is_the_same_rates() -> None:
    from calculator.rates import rates_json

    text = rates_json(RATES_TEXT)
    assert text.startswith("{")
    assert parse_rates(text) == parse_rates(RATES_TEXT)


def test_broken_json_is_reported_like_yaml() -> None:
    with pytest.raises(RatesError, match="YAML invalide"):
        parse_rates('{"currency": "USD",')
