"""Issue 10, item 12: bad values in options and in kvcli.toml are one-line usage errors (exit 2) naming the
file and the setting, never a traceback and never an error blamed on the reports checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kvcli.cli import main

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "samples" / "jonkoping-behandling-2016.txt"
FIX = ROOT / "tests" / "fixtures" / "diff"


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r.exit_code, r.stdout, r.stderr


@pytest.mark.parametrize(
    "value", ["nan", "inf", "-inf", "1e300", "1e400", "0", "-1", "0.01", "86401", "soon"]
)
@pytest.mark.parametrize("command", ["check", "figures", "trend", "index"])
def test_item12_timeout_must_be_finite_positive_and_at_most_a_day(
    tmp_path: Path, command: str, value: str
) -> None:
    extra = {"figures": ["-o", str(tmp_path / "f.csv")], "index": ["--db", str(tmp_path / "i.sqlite")]}
    code, out, err = run(command, str(REPORT), "--no-cache", "--timeout", value, *extra.get(command, []))
    assert code == 2, err
    assert "--timeout" in err and ("seconds" in err) and len(err.strip().splitlines()[-1]) < 200


@pytest.mark.parametrize("value", ["0.5", "120", "86400"])
def test_item12_sane_timeouts_still_run(value: str) -> None:
    code, _, err = run("check", str(REPORT), "--no-cache", "--timeout", value)
    assert code in (0, 1), err


@pytest.mark.parametrize("value", ["nan", "inf", "-5"])
def test_item12_diff_threshold_option_must_be_a_finite_percentage(value: str) -> None:
    code, out, err = run(
        "diff", str(FIX / "enhet-2015.txt"), str(FIX / "enhet-2016.txt"), "--threshold", value
    )
    assert code == 2 and "--threshold" in err and "percentage" in err
