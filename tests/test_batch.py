"""Archive scale: discovery, parallel and Dask runs with identical results, cache, timeouts, the SQLite index."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from pdf_factory import encrypted_pdf

from kvcli.batch import BatchOptions, discover, run_batch
from kvcli.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

UNITS_LACKING_RISKANALYS = """
SELECT DISTINCT d.organisation, d.unit, c.status
FROM documents d JOIN concepts c ON c.doc_id = d.id
WHERE c.concept = 'riskanalys' AND c.status <> 'present' AND :year BETWEEN d.period_start AND d.period_end
ORDER BY d.organisation, d.unit
"""
LEX_SARAH_PER_UNIT_AND_YEAR = """
SELECT d.unit, f.period AS year, MAX(f.value) AS lex_sarah
FROM figures f JOIN documents d ON d.id = f.doc_id
WHERE f.label LIKE 'Lex Sarah%' AND f.period IS NOT NULL
GROUP BY d.unit, f.period ORDER BY d.unit, f.period
"""


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("arkiv")
    (root / "vetlanda" / "2013").mkdir(parents=True)
    (root / "vetlanda" / "2015").mkdir(parents=True)
    (root / "jonkoping").mkdir()
    shutil.copy(
        SAMPLES / "vetlanda-vuxen-2013.txt", root / "vetlanda" / "2013" / "Kvalitetsberättelse vuxen.txt"
    )
    shutil.copy(SAMPLES / "vetlanda-vuxen-2013.a.docx", root / "vetlanda" / "2013" / "KB_2013 (slutlig).docx")
    shutil.copy(SAMPLES / "vetlanda-familj-2014-2015.b.pdf", root / "vetlanda" / "2015" / "familj.PDF")
    shutil.copy(SAMPLES / "jonkoping-behandling-2016.a.pdf", root / "jonkoping" / "behandling 2016.pdf")
    shutil.copy(SAMPLES / "vaxjo-arbete-valfard-2014.b.docx", root / "växjö.docx")
    (root / "tom.txt").write_bytes(b"")
    (root / "trasig.docx").write_bytes(os.urandom(3000))
    (root / "jonkoping" / "låst.pdf").write_bytes(encrypted_pdf())
    (root / "vetlanda" / "~$KB_2013 (slutlig).docx").write_bytes(b"lock file")
    (root / ".dold.txt").write_text("hidden", encoding="utf-8")
    (root / "vetlanda" / "loop").symlink_to(".", target_is_directory=True)  # vetlanda/loop/loop/… forever
    (root / "anteckning.txt").write_text("Inköpslista: mjölk, bröd\n", encoding="utf-8")
    return root


def test_discovery_skips_hidden_lock_files_and_survives_symlink_loops(archive: Path) -> None:
    files = [os.path.relpath(f, archive) for f in discover([archive])]
    assert files == [
        "anteckning.txt",
        "jonkoping/behandling 2016.pdf",
        "jonkoping/låst.pdf",
        "tom.txt",
        "trasig.docx",
        "vetlanda/2013/KB_2013 (slutlig).docx",
        "vetlanda/2013/Kvalitetsberättelse vuxen.txt",
        "vetlanda/2015/familj.PDF",
        "växjö.docx",
    ]
    assert discover([archive], include=["*.pdf", "*.PDF"]) == [str(archive / p) for p in
            ("jonkoping/behandling 2016.pdf", "jonkoping/låst.pdf", "vetlanda/2015/familj.PDF")]  # fmt: skip


def _check_json(archive: Path, *extra: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    r = CliRunner().invoke(main, ["check", str(archive), "--format", "json", "--no-cache", *extra])
    return r.exit_code, json.loads(r.stdout)


@pytest.mark.slow
def test_archive_check_every_good_file_reported_bad_ones_error_records(archive: Path) -> None:
    code, doc = _check_json(archive, "--jobs", "1")
    assert code == 2  # some input was unreadable
    errors = {os.path.relpath(f["path"], archive): f["error"] for f in doc["files"] if f["error"]}
    assert errors == {
        "tom.txt": "file is empty",
        "trasig.docx": errors["trasig.docx"],
        "jonkoping/låst.pdf": "lösenordsskyddad (password-protected) PDF; remove the password and try again",
    }
    assert errors["trasig.docx"].startswith("not a valid .docx (zip) file")
    good = [f for f in doc["files"] if not f["error"]]
    assert len(good) == 6 and all(f["concepts"] for f in good)


@pytest.mark.slow
def test_identical_results_for_jobs_1_jobs_2_and_dask(archive: Path) -> None:
    pytest.importorskip("dask.distributed")
    _, one = _check_json(archive, "--jobs", "1")
    _, two = _check_json(archive, "--jobs", "2")
    _, dask = _check_json(archive, "--executor", "dask", "--jobs", "2")
    assert one == two == dask


@pytest.mark.slow
def test_timeout_turns_a_slow_file_into_an_error_record(archive: Path) -> None:
    files = [str(archive / "jonkoping" / "behandling 2016.pdf"), str(archive / "växjö.docx")] * 3
    records = list(run_batch(files, BatchOptions(task="parse", jobs=2, timeout=0.001)))
    assert [r["path"] for r in records] == files  # input order, whatever finished first
    assert all(r["error"] and "timed out after 0.001 s" in r["error"] for r in records)


@pytest.mark.slow
def test_warm_cache_rerun_uses_the_cache(archive: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    opts = BatchOptions(task="check", jobs=2, cache_dir=str(cache))
    cold = list(run_batch(discover([archive]), opts))
    warm = list(run_batch(discover([archive]), opts))
    assert not any(r.get("cached") for r in cold)
    assert [r["path"] for r in warm if r.get("cached")] == [r["path"] for r in cold if not r["error"]]
    strip = [{k: v for k, v in r.items() if k not in ("cached", "seconds", "maxrss_kb")} for r in cold]
    assert strip == [
        {k: v for k, v in r.items() if k not in ("cached", "seconds", "maxrss_kb")} for r in warm
    ]
    # A corrupt entry is ignored and rebuilt.
    entry = next(cache.rglob("*.json"))
    entry.write_text("{not json", encoding="utf-8")
    again = list(run_batch(discover([archive]), opts))
    assert sum(1 for r in again if not r.get("cached") and not r["error"]) == 1


@pytest.mark.slow
def test_index_incremental_and_example_queries(archive: Path, tmp_path: Path) -> None:
    work = tmp_path / "arkiv"
    shutil.copytree(archive, work, symlinks=True)
    db = tmp_path / "arkiv.sqlite"
    runner = CliRunner()
    first = runner.invoke(main, ["index", str(work), "--db", str(db), "--no-cache"])
    assert first.exit_code == 2 and "9 indexed (3 unreadable), 0 unchanged" in first.stderr
    second = runner.invoke(main, ["index", str(work), "--db", str(db), "--no-cache"])
    # The broken files are still broken: reported again, exit code the same as the first run (issue 10 item 14).
    assert second.exit_code == 2
    assert "0 indexed (3 unreadable), 9 unchanged, 0 re-stamped, 0 removed" in second.stderr
    assert second.stderr.count("(unchanged since the last run)") == 3
    (work / "vetlanda" / "2013" / "Kvalitetsberättelse vuxen.txt").write_text(
        (SAMPLES / "vetlanda-vuxen-2013.txt").read_text(encoding="utf-8") + "\nTillägg.\n", encoding="utf-8"
    )
    os.remove(work / "anteckning.txt")
    third = runner.invoke(main, ["index", str(work), "--db", str(db), "--no-cache"])
    assert "1 indexed (3 unreadable), 7 unchanged, 0 re-stamped, 1 removed" in third.stderr
    con = sqlite3.connect(db)
    assert con.execute(UNITS_LACKING_RISKANALYS, {"year": 2015}).fetchall() == []
    assert con.execute(UNITS_LACKING_RISKANALYS, {"year": 2016}).fetchall() == [
        ("Jönköpings kommun", "Behandlingssektionen", "missing")
    ]
    assert con.execute(UNITS_LACKING_RISKANALYS, {"year": 2014}).fetchall() == [
        ("Växjö kommun", "Arbete och välfärd", "weak")
    ]
    assert con.execute(LEX_SARAH_PER_UNIT_AND_YEAR).fetchall() == [
        ("Familjesektionen", 2012, 2.0), ("Familjesektionen", 2013, 2.0), ("Familjesektionen", 2014, 2.0),
        ("Vuxensektionen", 2012, 1.0), ("Vuxensektionen", 2013, 0.0),
    ]  # fmt: skip


def test_readme_documents_the_queries() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert " ".join(LEX_SARAH_PER_UNIT_AND_YEAR.split()) in " ".join(readme.split())
    assert " ".join(UNITS_LACKING_RISKANALYS.replace(":year", "2015").split()) in " ".join(readme.split())


@pytest.mark.parametrize("command", ["check", "index", "figures"])
def test_an_executor_that_cannot_run_is_a_one_line_usage_error(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # as if kvcli[dask] were not installed
    out = {
        "check": [],
        "index": ["--db", str(tmp_path / "i.sqlite")],
        "figures": ["-o", str(tmp_path / "f.csv")],
    }
    r = CliRunner().invoke(main, [command, str(SAMPLES), "--no-cache", "--executor", "dask", *out[command]])
    assert r.exit_code == 2 and r.exception is not None and not isinstance(r.exception, RuntimeError)
    assert "kvcli: error: the Dask executor needs dask: pip install 'kvcli[dask]'" in r.stderr
    assert "Traceback" not in r.stderr
