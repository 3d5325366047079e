"""Per-file time limits hold on every executor, even for a file that blocks inside a system call.

The stuck inputs block their reader in the kernel (``KVCLI_FAULTS``: a read from a pipe nobody
writes to), the same as a file on a hung network share. Python code cannot interrupt that from
inside; only killing the process that reads it does. FIFOs themselves are refused up front.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from kvcli.batch import BatchOptions, discover, run_batch
from kvcli.batch.sandbox import Sandbox
from kvcli.batch.tasks import TaskOptions
from tests.deadline import deadline

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
TEXTS = sorted(str(p) for p in SAMPLES.glob("*.txt"))

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs (POSIX)")


@pytest.fixture
def stuck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    paths = [tmp_path / "hänger.txt", tmp_path / "hänger också.pdf"]
    for p in paths:
        p.write_bytes((SAMPLES / "vetlanda-vuxen-2013.txt").read_bytes())
    monkeypatch.setenv("KVCLI_FAULTS", "hang:hänger*")  # inherited by every sandbox and Dask worker
    return [str(p) for p in paths]


@pytest.fixture
def fifo(tmp_path: Path) -> str:
    path = tmp_path / "rapport.pdf"
    os.mkfifo(path)
    return str(path)


def _errors(records: list[dict[str, object]]) -> dict[str, object]:
    return {str(r["path"]): r["error"] for r in records if r["error"]}


def test_discovery_skips_fifos_in_folders(tmp_path: Path, fifo: str) -> None:
    (tmp_path / "rapport.txt").write_text("Kvalitetsberättelse 2015\n", encoding="utf-8")
    assert discover([tmp_path]) == [str(tmp_path / "rapport.txt")]
    assert discover([fifo]) == [fifo]  # named explicitly: kept, and it will get an error record


@pytest.mark.parametrize("command", ["parse", "check", "diff", "figures", "trend"])
def test_item3_a_fifo_named_explicitly_is_refused_at_once(fifo: str, tmp_path: Path, command: str) -> None:
    from click.testing import CliRunner

    from kvcli.cli import main

    args = {"diff": [fifo, TEXTS[0]], "figures": [fifo, "-o", str(tmp_path / "f.csv")]}.get(command, [fifo])
    with deadline(30):
        r = CliRunner().invoke(main, [command, *args, "--no-cache"])
    assert r.exit_code == 2, r.output
    assert f"kvcli: error: {fifo}: is not a regular file (a FIFO, socket or device); refused" in r.stderr or (
        command == "check" and f"{fifo}: kan inte läsas: är inte en vanlig fil" in r.stdout
    )


@pytest.mark.slow
@pytest.mark.parametrize("jobs", [1, 2])
def test_local_sandboxes_are_killed_and_the_run_goes_on(stuck: list[str], tmp_path: Path, jobs: int) -> None:
    files = [TEXTS[0], stuck[0], TEXTS[1], stuck[1], TEXTS[2], TEXTS[3]]
    opts = BatchOptions(task="check", jobs=jobs, timeout=2, cache_dir=str(tmp_path / "cache"))
    with deadline(60):
        records = list(run_batch(files, opts))
    assert [r["path"] for r in records] == files
    assert _errors(records) == {p: "timed out after 2 s (--timeout); skipped" for p in stuck}
    assert all(r["report"]["concepts"] for r in records if not r["error"])


@pytest.mark.slow
def test_small_in_process_batch_is_stopped_by_the_timer(stuck: list[str]) -> None:
    files = [TEXTS[0], stuck[0]]  # below MIN_PARALLEL: no processes are started
    with deadline(30):
        records = list(run_batch(files, BatchOptions(task="parse", jobs=2, timeout=1)))
    assert records[0]["error"] is None and records[0]["document"]["sections"]
    assert records[1]["error"] == "timed out after 1 s (--timeout); skipped"


@pytest.mark.slow
def test_dask_workers_enforce_the_timeout_and_are_freed(stuck: list[str]) -> None:
    pytest.importorskip("dask.distributed")
    # Both stuck files first: with two workers, both are blocked at once. The files after them only
    # finish if each worker killed its stuck sandbox instead of waiting on it.
    files = [*stuck, *TEXTS]
    with deadline(120):
        records = list(run_batch(files, BatchOptions(task="check", jobs=2, timeout=3, executor="dask")))
    assert [r["path"] for r in records] == files
    assert _errors(records) == {p: "timed out after 3 s (--timeout); skipped" for p in stuck}


@pytest.mark.slow
def test_a_sandbox_that_dies_becomes_an_error_record(stuck: list[str]) -> None:
    box = Sandbox()
    try:
        box.submit(7, stuck[0], TaskOptions(task="parse"))
        assert box.conn.poll(60) and box.take() is None  # started: the file's clock runs from here
        assert not box.conn.poll(0.5)  # blocked on the FIFO
        os.kill(box.proc.pid, signal.SIGKILL)
        got = box.take()
    finally:
        box.close()
    assert got is not None
    index, record, alive = got
    assert box.proc.returncode == -signal.SIGKILL
    assert (index, alive) == (7, False)
    assert record == {
        "path": stuck[0],
        "error": "worker process died while reading the file (killed by SIGKILL; out of memory?)",
    }
