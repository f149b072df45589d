"""URSSAF's own rules engine as an oracle: npm modele-social (the rules behind mon-entreprise.urssaf.fr) run by
publicodes in one Node process (tests/oracle/urssaf.mjs), compared with the calculator over a grid of categories,
yearly turnovers, the versement libératoire and households: contributions, CFP, TFC, versement libératoire and its
ceiling, the micro taxable income, and the household's extra income tax at the barème, each within 1 % or 1 € a
year. Where the engine and our sources disagree (CFP for BIC services), rates.yml follows what URSSAF collects,
which is what the engine charges, and says so."""

from __future__ import annotations

import itertools
import json
import shutil
import subprocess
from typing import Any

import pytest

from calculator import parse_rates
from calculator.net import MONTHS, Household, Scale, TaxSituation
from tests.support.repository import RATES_TEXT, ROOT

RATES = parse_rates(RATES_TEXT)
FRANCE = RATES.france
CATEGORIES = ("micro_bnc", "micro_bic_services", "micro_bic_sales")
TURNOVERS = (3_000, 6_000, 12_000, 24_000, 40_000, 60_000, 80_000)
HOUSEHOLDS: list[dict[str, Any]] = [{"couple": couple, "children": children, "other": other}
              for couple, children, other in itertools.product((False, True), range(4), (0, 20_000, 60_000))]
ACTIVITIES: list[dict[str, Any]] = [{"category": category, "turnover": turnover}
              for category, turnover in itertools.product(CATEGORIES, TURNOVERS)]
# Each household with three activities, taken in turn so that every (category, turnover) meets several households.
HOUSEHOLD_CASES = [{**ACTIVITIES[(3 * index + shift * 7) % len(ACTIVITIES)], **household}
                   for index, household in enumerate(HOUSEHOLDS) for shift in range(3)]
FULL_CASES = [{**ACTIVITIES[index * 4 % len(ACTIVITIES)], **HOUSEHOLDS[index * 5 % len(HOUSEHOLDS)]}
              for index in range(6)]
SCRIPT = ROOT / "tests" / "oracle" / "urssaf.mjs"


def close(ours: float, engine: float) -> bool:
    """Within 1 % or 1 € a year, whichever is larger."""
    return abs(ours - engine) <= max(1.0, abs(engine) / 100)


def situation(category: str, versement_liberatoire: bool, couple: bool = False, children: int = 0,
              other: float = 0.0) -> TaxSituation:
    return TaxSituation(FRANCE.categories[category], versement_liberatoire, FRANCE.allowance_minimum.value,
                        Household(couple, children, other), Scale.of(FRANCE.income_tax))


@pytest.fixture(scope="module")
def engine() -> dict[str, Any]:
    node = shutil.which("node")
    assert node is not None, "Node 20 est nécessaire (scripts/install --test)"
    assert (ROOT / "node_modules" / "modele-social").is_dir(), "modele-social manque : lancez scripts/install --test"
    on = FRANCE.in_force_on
    grid = {"date": on.strftime("%d/%m/%Y"),
            # Contributions do not depend on the option: every activity with it, a few without to show it.
            "activities": [{**activity, "vl": True} for activity in ACTIVITIES]
            + [{**activity, "vl": False} for activity in ACTIVITIES[3::7]],
            "households": HOUSEHOLD_CASES, "full": FULL_CASES}
    done = subprocess.run([node, str(SCRIPT)], input=json.dumps(grid), capture_output=True, text=True, check=True,
                          cwd=ROOT, timeout=120)
    answers: dict[str, Any] = json.loads(done.stdout)
    answers["grid"] = grid
    return answers


def test_contributions_cfp_tfc_and_versement_liberatoire_are_what_urssaf_charges(engine: dict[str, Any]) -> None:
    wrong = []
    for item, answer in zip(engine["grid"]["activities"], engine["activities"], strict=True):
        category = FRANCE.categories[item["category"]]
        turnover = float(item["turnover"])
        ours = situation(item["category"], item["vl"])
        month = ours.monthly(turnover / MONTHS, turnover / MONTHS)
        chamber = 0.0 if category.chamber_fee is None else category.chamber_fee.value
        pairs = {
            "contributions": (MONTHS * month.social_contributions, answer["contributions"]),
            "cotisations": (turnover * category.social_contributions.value / 100, answer["cotisations"]),
            "cfp": (turnover * category.training_levy.value / 100, answer["cfp"]),
            "tfc": (turnover * chamber / 100, answer["tfc"]),
            "taxable": (ours.taxable(turnover), answer["taxable"]),
        }
        if item["vl"]:
            pairs["versement_liberatoire"] = (MONTHS * month.income_tax, answer["versement_liberatoire"])
            pairs["vl_ceiling"] = (FRANCE.versement_liberatoire_ceiling.value, answer["vl_ceiling"])
        wrong += [(item, name, pair) for name, pair in pairs.items() if not close(*pair)]
    assert not wrong
    # Not vacuous: the engine charged a TFC on BIC services, and none on BNC.
    by_key = {(item["category"], item["turnover"], item["vl"]): answer
              for item, answer in zip(engine["grid"]["activities"], engine["activities"], strict=True)}
    assert by_key[("micro_bic_services", 24_000, False)]["tfc"] == pytest.approx(24_000 * 0.044 / 100)
    assert by_key[("micro_bnc", 24_000, False)]["tfc"] == 0
    assert by_key[("micro_bic_services", 24_000, True)]["cfp"] == pytest.approx(24_000 * 0.1 / 100)


def test_the_households_extra_income_tax_is_the_engines(engine: dict[str, Any]) -> None:
    wrong, taxed = [], 0
    for item, answer in zip(HOUSEHOLD_CASES, engine["households"], strict=True):
        ours = situation(item["category"], False, item["couple"], item["children"], item["other"])
        turnover = float(item["turnover"])
        extra = answer["with"] - answer["without"]
        month = ours.monthly(turnover / MONTHS, turnover / MONTHS)
        pairs = {"with": (ours.scale.household_tax(item["other"] + ours.taxable(turnover), ours.household),
                          answer["with"]),
                 "without": (ours.scale.household_tax(item["other"], ours.household), answer["without"]),
                 "extra": (ours.extra_income_tax(turnover), extra),
                 "monthly": (MONTHS * month.income_tax, extra)}
        wrong += [(item, name, pair) for name, pair in pairs.items() if not close(*pair)]
        taxed += extra > 0
    assert not wrong
    assert taxed >= len(HOUSEHOLD_CASES) // 3  # the grid reaches the barème, not only the décote's zero


def test_the_household_shortcut_matches_the_whole_engine(engine: dict[str, Any]) -> None:
    """The grid sets the household's taxable income directly (fast); the whole engine gives the same tax."""
    for item, answer, shortcut in zip(FULL_CASES, engine["full"], [
            engine["households"][HOUSEHOLD_CASES.index(case)] if case in HOUSEHOLD_CASES else None
            for case in FULL_CASES], strict=True):
        ours = situation(item["category"], False, item["couple"], item["children"], item["other"])
        income = item["other"] + ours.taxable(float(item["turnover"]))
        assert close(income, answer["taxable"])
        assert close(ours.scale.household_tax(income, ours.household), answer["tax"])
        if shortcut is not None:
            assert abs(shortcut["with"] - answer["tax"]) < 0.01
