"""``kvcli index``: what an incremental run may and may not touch, judged on the database rows themselves.

(The README's example queries over a mixed-format archive are tested in test_batch.py.)
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus_paths import NAMES, SAMPLES

from kvcli.cli import main

TABLES = ("documents", "sections", "tables", "figures", "concepts", "findings")


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    root = tmp_path / "arkiv"
    for i, name in enumerate(NAMES):
        d = root / f"enhet {i}"
        d.mkdir(parents=True)
        shutil.copy(SAMPLES / f"{name}.txt", d / f"{name}.txt")
    return root


def _index(root: Path, db: Path) -> str:
    r = CliRunner().invoke(main, ["index", str(root), "--db", str(db), "--no-cache", "--jobs", "2"])
    assert r.exit_code == 0, r.stderr
    return r.stderr


def _dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(db)
    try:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}  # noqa: S608
    finally:
        con.close()


def _docs(db: Path) -> dict[str, tuple[object, ...]]:
    """documents rows by file name: (id, sha256, mtime, indexed_at)."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT path, id, sha256, mtime, indexed_at FROM documents").fetchall()
    finally:
        con.close()
    return {os.path.basename(r[0]): r[1:] for r in rows}


@pytest.mark.slow
def test_second_run_touches_nothing(archive: Path, tmp_path: Path) -> None:
    db = tmp_path / "i.sqlite"
    assert "4 indexed (0 unreadable), 0 unchanged" in _index(archive, db)
    before = _dump(db)
    assert all(before[t] for t in ("documents", "sections", "figures", "concepts", "findings"))
    assert "0 indexed (0 unreadable), 4 unchanged, 0 re-stamped, 0 removed" in _index(archive, db)
    assert _dump(db) == before  # not one row rewritten: ids and indexed_at stamps are the same


@pytest.mark.slow
def test_only_the_changed_file_is_reindexed(archive: Path, tmp_path: Path) -> None:
    db = tmp_path / "i.sqlite"
    _index(archive, db)
    before = _docs(db)
    changed = next(archive.rglob(f"{NAMES[0]}.txt"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\nTillägg i efterhand.\n", encoding="utf-8")
    assert "1 indexed (0 unreadable), 3 unchanged, 0 re-stamped, 0 removed" in _index(archive, db)
    after = _docs(db)
    assert {n for n in before if after[n] != before[n]} == {changed.name}
    assert after[changed.name][1] != before[changed.name][1]  # the new content hash


@pytest.mark.slow
def test_same_content_new_mtime_is_restamped_not_reparsed(archive: Path, tmp_path: Path) -> None:
    db = tmp_path / "i.sqlite"
    _index(archive, db)
    before = _dump(db)
    touched = next(archive.rglob(f"{NAMES[1]}.txt"))
    st = touched.stat()
    os.utime(touched, (st.st_atime, st.st_mtime + 3600))  # a copy tool or backup restore
    assert "0 indexed (0 unreadable), 3 unchanged, 1 re-stamped, 0 removed" in _index(archive, db)
    after = _dump(db)
    assert {t: after[t] for t in TABLES if t != "documents"} == {
        t: before[t] for t in TABLES if t != "documents"
    }
    assert _docs(db)[touched.name][2] == touched.stat().st_mtime
    assert "0 indexed (0 unreadable), 4 unchanged" in _index(archive, db)


@pytest.mark.slow
def test_deleted_files_and_their_rows_are_removed(archive: Path, tmp_path: Path) -> None:
    db = tmp_path / "i.sqlite"
    _index(archive, db)
    shutil.rmtree(next(archive.rglob(f"{NAMES[2]}.txt")).parent)
    assert "0 indexed (0 unreadable), 3 unchanged, 0 re-stamped, 1 removed" in _index(archive, db)
    con = sqlite3.connect(db)
    ids = {i for (i,) in con.execute("SELECT id FROM documents")}
    for t in TABLES[1:]:  # ON DELETE CASCADE left no orphans behind
        assert {i for (i,) in con.execute(f"SELECT DISTINCT doc_id FROM {t}")} <= ids  # noqa: S608
    assert len(ids) == 3


@pytest.mark.slow
def test_a_second_archive_in_the_same_database_is_left_alone(archive: Path, tmp_path: Path) -> None:
    other = tmp_path / "annat"
    other.mkdir()
    shutil.copy(SAMPLES / f"{NAMES[3]}.txt", other / "x.txt")
    db = tmp_path / "i.sqlite"
    _index(archive, db)
    assert "1 indexed (0 unreadable), 0 unchanged, 0 re-stamped, 0 removed" in _index(other, db)
    assert len(_docs(db)) == 5  # indexing one folder never removes another folder's documents
