"""Issue 10 item 6, the index: ``path_key`` gives no masked number away, every TEXT column is masked on a cold
run, and databases written by older versions are migrated (re-keyed, re-masked, vacuumed)."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import shutil
import sqlite3
from pathlib import Path

from click.testing import CliRunner
from corpus_paths import SAMPLES

from kvcli.cli import main
from kvcli.privacy import _luhn_ok

PNR = "811218-9876"  # Luhn-valid; planted in test files only
SAMPLE = SAMPLES / "jonkoping-behandling-2016.txt"


def _index(root: Path, db: Path) -> str:
    r = CliRunner().invoke(main, ["index", str(root), "--db", str(db), "--no-cache"])
    assert r.exit_code == 0, r.stderr
    return r.stderr


def _rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_item6_path_keys_are_keyed_by_a_salt_of_each_database(tmp_path: Path) -> None:
    root = tmp_path / "arkiv"
    root.mkdir()
    shutil.copy(SAMPLE, root / "rapport.txt")
    keys, salts = [], []
    for name in ("a.sqlite", "b.sqlite"):
        _index(root, tmp_path / name)
        meta = dict(_rows(tmp_path / name, "SELECT key, value FROM meta"))
        assert re.fullmatch(r"[0-9a-f]{64}", meta["path_salt"]) and meta["path_key"] == "hmac-sha256/1"
        salts.append(meta["path_salt"])
        keys.append(_rows(tmp_path / name, "SELECT path_key FROM documents")[0][0])
    unsalted = hashlib.sha256(os.path.abspath(root / "rapport.txt").encode()).hexdigest()
    assert salts[0] != salts[1] and keys[0] != keys[1] and unsalted not in keys


def test_item6_a_masked_number_in_a_file_name_cannot_be_recovered_from_the_index(tmp_path: Path) -> None:
    root = tmp_path / "arkiv"
    root.mkdir()
    shutil.copy(SAMPLE, root / f"klagomål {PNR}.txt")
    db = tmp_path / "i.sqlite"
    _index(root, db)
    ((path, key),) = _rows(db, "SELECT path, path_key FROM documents")
    assert isinstance(path, str) and path.endswith("klagomål 811218-****.txt")
    salt = bytes.fromhex(dict(_rows(db, "SELECT key, value FROM meta"))["path_salt"])
    # What an attacker holding the database would try: the masked path shows the date, so only the last
    # four digits are unknown — a thousand Luhn-valid candidates, under every key scheme one could guess.
    tried = 0
    for n in range(10_000):
        last = f"{n:04d}"
        if not _luhn_ok("811218" + last):
            continue
        candidate = path.replace("811218-****", f"811218-{last}").encode()
        tried += 1
        assert key not in (
            hashlib.sha256(candidate).hexdigest(),
            hmac.new(salt, candidate, hashlib.sha256).hexdigest(),
            hmac.new(salt, b"path\0" + candidate, hashlib.sha256).hexdigest(),
        )
    assert tried == 1000
    assert "0 indexed (0 unreadable), 1 unchanged" in _index(root, db)  # the file is still found again


def test_item6_organisation_and_unit_are_masked_on_a_cold_run(tmp_path: Path) -> None:
    root = tmp_path / "arkiv"
    root.mkdir()
    (root / "rapport.txt").write_text(
        f"Kvalitetsberättelse 2016\n\nKommun: Exempelkommun {PNR}\nEnhet: Hemtjänst {PNR}\n\n"
        f"Inledning\n\nText.\n\nStatistik\n\nÄrende\t2015\t2016\nAvvikelser {PNR}\t3\t4\n",
        encoding="utf-8",
    )
    db = tmp_path / "i.sqlite"
    _index(root, db)
    dumped = repr([_rows(db, f"SELECT * FROM {t}") for t in ("documents", "sections", "figures", "findings", "meta")])  # noqa: S608
    assert "811218-****" in dumped
    assert PNR not in dumped and PNR.replace("-", "") not in dumped


LEGACY_SCHEMA = """
CREATE TABLE documents (
  id INTEGER PRIMARY KEY, path_key TEXT UNIQUE NOT NULL, path TEXT NOT NULL, sha256 TEXT, size INTEGER, mtime REAL, format TEXT,
  pages INTEGER, title TEXT, organisation TEXT, unit TEXT, period_start INTEGER, period_end INTEGER,
  report_date TEXT, signatory TEXT, error TEXT, indexed_at TEXT);
CREATE TABLE sections (doc_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
  section_id TEXT, title TEXT, level INTEGER, path TEXT, page INTEGER, line INTEGER, words INTEGER);
CREATE TABLE tables (doc_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
  table_id TEXT, section_id TEXT, caption TEXT, page INTEGER, n_rows INTEGER, n_cols INTEGER);
CREATE TABLE figures (doc_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
  label TEXT, column_name TEXT, value REAL, unit TEXT, period INTEGER, section_id TEXT, table_id TEXT,
  page INTEGER, is_total INTEGER);
CREATE TABLE concepts (doc_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
  concept TEXT, status TEXT, score REAL);
CREATE TABLE findings (doc_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
  code TEXT, name TEXT, severity TEXT, message TEXT, reference TEXT, section_id TEXT, page INTEGER, line INTEGER);
"""


def test_item6_a_database_of_an_older_version_is_rekeyed_and_remasked(tmp_path: Path) -> None:
    """As the previous version left it: unsalted sha256 keys, organisation stored unmasked (the cold-run bug)."""
    root = tmp_path / "arkiv"
    root.mkdir()
    clean = root / "rapport.txt"
    secret = root / f"rapport {PNR}.txt"
    shutil.copy(SAMPLE, clean)
    shutil.copy(SAMPLE, secret)
    db = tmp_path / "old.sqlite"
    con = sqlite3.connect(db)
    con.executescript(LEGACY_SCHEMA)
    old_keys = []
    for path, stored in ((clean, str(clean)), (secret, str(secret).replace(PNR, "811218-****"))):
        key = hashlib.sha256(str(path).encode()).hexdigest()
        old_keys.append(key)
        st = path.stat()
        con.execute("INSERT INTO documents (path_key, path, size, mtime, organisation, unit) VALUES (?,?,?,?,?,?)",
                    (key, stored, st.st_size, st.st_mtime, f"Omsorg {PNR}", "Hemtjänst"))  # fmt: skip
        con.execute("INSERT INTO figures (doc_id, label, value) VALUES (last_insert_rowid(), ?, 3)", (f"Klient {PNR}",))
    con.commit()
    clean_id = con.execute("SELECT id FROM documents WHERE path = ?", (str(clean),)).fetchone()[0]
    con.close()

    out = _index(root, db)
    # The clean file keeps its row (found again under the new key); the masked one cannot be, and is re-read.
    assert "1 indexed (0 unreadable), 1 unchanged" in out, out
    rows = dict(_rows(db, "SELECT path, id FROM documents"))
    assert rows[str(clean)] == clean_id and len(rows) == 2
    keys = [k for (k,) in _rows(db, "SELECT path_key FROM documents")]
    assert not set(keys) & set(old_keys)
    raw = b"".join(p.read_bytes() for p in tmp_path.glob("old.sqlite*"))
    assert PNR.encode() not in raw and PNR.replace("-", "").encode() not in raw  # not in free pages either
    assert not any(k.encode() in raw for k in old_keys)
    assert "0 indexed (0 unreadable), 2 unchanged" in _index(root, db)  # migrated once, not on every run
