"""The command line: French summary, --json equal to estimate(), exit 2 naming the flag."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from calculator import Rates, estimate
from calculator.cli import main
from tests.conftest import ROOT

ARGS = ["--rates", str(ROOT / "rates.yml"), "--followers", "20000", "--age", "25",
        "--monthly-views", "1000000", "--video-seconds", "75"]


def test_json_output_is_exactly_estimate(rates: Rates, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*ARGS, "--json"]) == 0
    expected = estimate({"followers": "20000", "age": "25", "monthly_views": "1000000", "video_seconds": "75"},
                        rates)
    assert json.loads(capsys.readouterr().out) == expected


def test_summary_is_french_with_each_sourced_range(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(ARGS) == 0
    out = capsys.readouterr().out
    assert "400 $ à 6\u202f000 $" in out
    assert "500 $ à 6\u202f000 $" in out
    assert "20 $ à 40 $" in out
    assert "hors total" in out


def test_ineligible_creator_is_told_why(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*ARGS, "--followers", "50"]) == 0
    assert "Non éligible : Il faut au moins 10\u202f000 abonnés." in capsys.readouterr().out


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
    assert "--video-seconds" in capsys.readouterr().err


def test_broken_rates_file_names_the_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "rates.yml"
    broken.write_text((ROOT / "rates.yml").read_text(encoding="utf-8").replace("low: 0.02", "low: 0.09"))
    assert main(["--rates", str(broken), *ARGS[2:]]) == 1
    assert "creator_fund.rpm[0].low" in capsys.readouterr().err


def test_python_dash_m_runs_from_the_repository() -> None:
    completed = subprocess.run([sys.executable, "-m", "calculator", *ARGS, "--json"], cwd=ROOT,
                               capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["total"] == {"low": 400, "high": 6000}
