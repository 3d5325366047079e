"""A batch works out the options' part of every cache key once per run, not once per file, and the
keys are the ones each file would get on its own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kvcli.checks
from kvcli.batch import BatchOptions, run_batch
from kvcli.batch.tasks import TaskOptions, _content_key, cache_key, run_inputs_once

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _copies(tmp_path: Path, n: int) -> list[str]:
    out = []
    for i in range(n):
        p = tmp_path / f"r{i}.txt"
        shutil.copyfile(SAMPLES / "vetlanda-vuxen-2013.txt", p)
        with p.open("ab") as fh:
            fh.write(b"\n" * (i + 1))  # other bytes, the same report
        out.append(str(p))
    return out


def test_the_packs_are_looked_at_once_for_a_warm_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _copies(tmp_path, 5)
    opts = BatchOptions(task="check", jobs=1, timeout=None, cache_dir=str(tmp_path / "cache"))
    cold = list(run_batch(paths, opts))
    assert not any(r["cached"] for r in cold)
    calls = []
    real = kvcli.checks.candidate_packs
    monkeypatch.setattr(kvcli.checks, "candidate_packs", lambda cfg: calls.append(1) or real(cfg))
    warm = list(run_batch(paths, opts))
    assert all(r["cached"] for r in warm)
    assert [r["report"] for r in warm] == [r["report"] for r in cold]
    assert len(calls) == 1


def test_a_key_kept_for_the_run_is_the_files_own(tmp_path: Path) -> None:
    paths = _copies(tmp_path, 3) + [str(SAMPLES / "vaxjo-arbete-valfard-2014.a.pdf")]
    for task in ("parse", "check", "index"):
        opts = TaskOptions(task=task, config={"lang": "en"}, cache_dir=str(tmp_path))
        kept = run_inputs_once(opts)
        for p in paths:
            found = _content_key(p, opts, kept)
            assert found is not None and found[0] == cache_key(p, opts)
