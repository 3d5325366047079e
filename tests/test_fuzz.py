"""Fuzz harness: the CI smoke run, the sandbox's verdicts, the mutators, and regression inputs from campaigns."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from fuzz.known import known_issue
from fuzz.report import Progress, Report
from fuzz.run import ROOT, campaign
from fuzz.triage import signature
from fuzz.worker import Worker

REGRESSIONS = sorted((Path(__file__).resolve().parent / "fuzz_regressions").glob("*.*"))


def test_smoke_campaign() -> None:
    report = campaign(count=300, seed=20261122, timeout=10, memory_mb=1024, minimise_seconds=0)
    assert report.done == 300
    new = report.new_classes()
    assert not new, [(k.signature, k.detail, k.ops, k.source) for k in new]
    if report.bad:  # only classes already filed: say so, and fail as soon as a new class appears
        pytest.xfail("; ".join(f"{k.count}x {k.signature} ({k.known})" for k in report.classes.values()))


# --- the sandbox's verdicts ---------------------------------------------------------------------------------------


def _sleeps(path: str) -> tuple[str, str]:
    while True:
        time.sleep(0.05)


def _allocates(path: str) -> tuple[str, str]:
    hog = bytearray(2 << 30)  # over the cap the test gives the worker
    return "ok", str(len(hog))


def _aborts(path: str) -> tuple[str, str]:
    os.abort()


def _answers(path: str) -> tuple[str, str]:
    return "ok", ""


@pytest.fixture()
def sandbox(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "in.txt").write_text("x")
    yield tmp_path / "in.txt"


def test_hang_is_located_in_the_stuck_function(sandbox: Path) -> None:
    worker = Worker(256, sandbox.parent, judge_ref=f"{__name__}:_sleeps")
    outcome = worker.run(str(sandbox), timeout=1.0)
    assert outcome.status == "hang"
    assert signature(outcome.status, outcome.detail, outcome.stack) == "hang in test_fuzz.py:_sleeps"
    # The next input gets a fresh worker, not the stuck one.
    worker.judge_ref = f"{__name__}:_answers"
    assert worker.run(str(sandbox), timeout=5.0).status == "ok"
    worker.stop()


def test_memory_cap_breach_and_crash_are_told_apart(sandbox: Path) -> None:
    worker = Worker(512, sandbox.parent, judge_ref=f"{__name__}:_allocates")
    assert worker.run(str(sandbox), timeout=10.0).status == "memory"
    worker.stop()
    worker = Worker(512, sandbox.parent, judge_ref=f"{__name__}:_aborts")
    outcome = worker.run(str(sandbox), timeout=10.0)
    assert outcome.status == "crash" and "exit code -6" in outcome.detail
    assert signature(outcome.status, outcome.detail, outcome.stack) == "crash in test_fuzz.py:_aborts"
    worker.stop()


# --- streaming results --------------------------------------------------------------------------------------------


def test_progress_streams_every_input_and_a_tally(tmp_path: Path) -> None:
    report, stream = Report(total=3), io.StringIO()
    progress = Progress(report, tmp_path / "log.jsonl", stream, every=2, interval=3600)
    for case in range(3):
        report.counts["ok"] += 1
        progress.record({"case": case, "status": "ok"})
        lines = (tmp_path / "log.jsonl").read_text().splitlines()
        assert len(lines) == case + 1  # on disk at once, not at the end
    assert [ln[:8] for ln in stream.getvalue().splitlines()] == ["fuzz 2/3"]  # every 2nd input
    progress.close()
    assert json.loads((tmp_path / "log.jsonl").read_text().splitlines()[-1])["summary"]["inputs"] == 3
    assert stream.getvalue().splitlines()[-1].startswith("fuzz 3/3  ok 3")


def test_sigterm_still_prints_the_summary_so_far(tmp_path: Path) -> None:
    log = tmp_path / "log.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "fuzz.run", "--count", "100000", "--seed", "5", "--only", "txt",
                             "--out", str(tmp_path), "--log", str(log), "--every", "1"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not log.exists() or len(log.read_text().splitlines()) < 3):
        time.sleep(0.1)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM, err
    summary = json.loads(out)
    assert summary["interrupted"] == "SIGTERM" and summary["inputs"] >= 3
    records = [json.loads(line) for line in log.read_text().splitlines()]
    assert len([r for r in records if "case" in r]) == summary["inputs"]
    assert records[-1]["summary"]["inputs"] == summary["inputs"]
    assert "stopped by SIGTERM" in err.strip().splitlines()[-1]


# --- committed regression inputs ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def judge_worker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Worker]:
    worker = Worker(1024, tmp_path_factory.mktemp("fuzz-regressions"))
    yield worker
    worker.stop()


@pytest.mark.parametrize("path", REGRESSIONS, ids=lambda p: p.name)
def test_regression_inputs(path: Path, judge_worker: Worker) -> None:
    # In the sandbox: a regression input that hangs or exhausts memory fails the test instead of the run.
    outcome = judge_worker.run(str(path), timeout=30)
    sig = signature(outcome.status, outcome.detail, outcome.stack)
    if outcome.status not in ("ok", "error") and (issue := known_issue(sig, outcome.detail)):
        pytest.xfail(issue)
    assert outcome.status in ("ok", "error"), (sig, outcome.detail[-500:])

