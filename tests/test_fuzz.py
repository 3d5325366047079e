"""Fuzz smoke run (CI) and committed regression inputs found by longer campaigns (python -m fuzz.run)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fuzz.run import campaign, judge

REGRESSIONS = sorted((Path(__file__).resolve().parent / "fuzz_regressions").glob("*.*"))


def test_smoke_campaign() -> None:
    report = campaign(count=300, seed=20261122, timeout=20, memory_mb=1024)
    assert report.bad == 0, report.failures[:3]
    assert report.counts.get("ok", 0) + report.counts.get("error", 0) == 300


@pytest.mark.parametrize("path", REGRESSIONS, ids=lambda p: p.name)
def test_regression_inputs(path: Path) -> None:
    status, detail = judge(str(path))
    assert status in ("ok", "error"), detail
