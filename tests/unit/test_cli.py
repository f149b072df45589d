"""The command line: French summary, --json equal to estimate(), exit 2 naming the flag."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from calculator import Rates, estimate
from calculator.cli import main
from calculator.inputs import INPUT_FIELDS
from tests.support.repository import ROOT

ARGS = ["--rates", str(ROOT / "rates.yml"), "--followers", "20000", "--age", "25",
        "--monthly-views", "1000000", "--qualified-views-percent", "100", "--video-seconds", "75"]


def test_json_output_is_exactly_estimate(rates: Rates, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*ARGS, "--json"]) == 0
    expected = estimate({"followers": "20000", "age": "25", "monthly_views": "1000000",
                         "qualified_views_percent": "100", "video_seconds": "75"},
                        rates)
    assert json.loads(capsys.readouterr().out) == expected


def test_summary_is_french_with_each_sourced_range(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(ARGS) == 0
    out = capsys.readouterr().out
    # The headline from the press, the seed's ranges still listed with their grade, and every source's span.
    assert "pour les créateurs : 11,78\u00a0$ à 1\u202f178,41\u00a0$" in out
    assert ("Fiabilité : moyenne (presse ou études) ; de 11,78\u00a0$ à 6\u202f000\u00a0$ selon toutes les "
            "sources") in out
    assert "[site commercial, hors fourchette retenue] : 400\u00a0$ à 1\u202f000\u00a0$" in out
    assert "[non vérifiée, hors fourchette retenue] : 500\u00a0$ à 6\u202f000\u00a0$" in out
    assert "20\u00a0$ à 40\u00a0$" in out
    assert "hors total" in out
    assert ("Programme de récompenses pour les créateurs : 11,78\u00a0$ à 1\u202f178,41\u00a0$ par mois, minimum "
            "10\u00a0$ à 50\u00a0$. Les gains d'un mois sont versés le 15 du mois suivant") in out


def test_ineligible_creator_is_told_why(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*ARGS, "--followers", "50"]) == 0
    out = capsys.readouterr().out
    assert ("Autres revenus possibles :\n  Programme de récompenses pour les créateurs : non éligible. Il faut au "
            "moins 10\u202f000 abonnés.") in out
    # As on the page: what pays nothing is one line that says why, never « 0 $ » with its sources nor a payout line.
    assert "Rémunération pour 1 000 vues qualifiées" not in out
    assert "Cadeaux LIVE et abonnements :" not in out


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [("--monthly-views", "-5", "négatif"), ("--age", "abc", "n'est pas un nombre"),
     ("--video-seconds", "inf", "fini")],
)
def test_bad_value_exits_2_naming_the_flag(flag: str, value: str, message: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main([*ARGS, flag, value])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert f"{flag} : " in err and message in err


def test_missing_flag_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(ARGS[:-2])
    assert caught.value.code == 2
    assert "--video-seconds : Ce champ est obligatoire" in capsys.readouterr().err


def test_unknown_choice_exits_2_listing_valid_values(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main([*ARGS, "--niche", "cuisine"])
    assert caught.value.code == 2
    assert "--niche : « cuisine » n'est pas un choix possible. Choix possibles : finance, tech" in \
        capsys.readouterr().err


def test_list_niches(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--rates", str(ROOT / "rates.yml"), "--list-niches"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "finance\tFinance" in lines and len(lines) == 7


def test_scenario_fills_inputs_and_flags_override(rates: Rates, capsys: pytest.CaptureFixture[str]) -> None:
    cases = ROOT / "scenarios"
    assert main(["--rates", str(ROOT / "rates.yml"), "--cases", str(cases), "--scenario", "finance-100k-engages",
                 "--sponsored-videos", "2", "--json"]) == 0
    scenario = yaml.safe_load((cases / "finance-100k-engages.yml").read_text(encoding="utf-8"))
    expected = estimate({**scenario["inputs"], "sponsored_videos": "2"}, rates)
    assert json.loads(capsys.readouterr().out) == expected


def test_unknown_scenario_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main([*ARGS, "--scenario", "nulle-part"])
    assert caught.value.code == 2
    assert "--scenario" in capsys.readouterr().err


def test_euros_on_request(rates: Rates, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*ARGS, "--currency", "EUR", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["currency"] == "EUR"
    assert result["total"]["low"] == round(11.78 * rates.usd_to_eur.value, 2)
    assert main([*ARGS, "--currency", "EUR"]) == 0
    assert "Estimation mensuelle (EUR)" in capsys.readouterr().out


def test_unknown_currency_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main([*ARGS, "--currency", "GBP"])
    assert caught.value.code == 2
    assert "--currency : « GBP »" in capsys.readouterr().err


def test_broken_rates_file_names_the_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "rates.yml"
    broken.write_text((ROOT / "rates.yml").read_text(encoding="utf-8").replace("low: 0.02", "low: 0.09"))
    assert main(["--rates", str(broken), *ARGS[2:]]) == 1
    assert "creator_fund.rpm[0].low" in capsys.readouterr().err


def test_python_dash_m_runs_from_the_repository() -> None:
    completed = subprocess.run([sys.executable, "-m", "calculator", *ARGS, "--json"], cwd=ROOT,
                               capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["total"] == {"low": 11.78, "high": 1178.41}


def test_help_lists_every_input_with_its_hint(capsys: pytest.CaptureFixture[str]) -> None:
    """`--help` printed nothing but a traceback while a hint held a « % » (argparse formats help with %)."""
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = " ".join(capsys.readouterr().out.split())  # argparse wraps the hints
    for field in INPUT_FIELDS:
        assert f"--{field.key.replace('_', '-')}" in out, field.key
    assert "après abattement de 10 %" in out
