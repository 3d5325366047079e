"""``kvcli index``: an archive of reports as one SQLite database, kept up to date incrementally.

Schema (see the README for example queries)::

    documents(id, path_key UNIQUE, path, sha256, size, mtime, format, pages, title, organisation, unit,
              period_start, period_end, report_date, signatory, error, indexed_at, path_bytes)
    sections(doc_id, section_id, title, level, path, page, line, words)
    tables(doc_id, table_id, section_id, caption, page, n_rows, n_cols)
    figures(doc_id, label, column_name, value, unit, period, section_id, table_id, page, is_total)
    concepts(doc_id, concept, status, score)
    findings(doc_id, code, name, severity, message, reference, section_id, page, line)
    meta(key, value)  -- the path_key scheme and its random per-database salt

A file whose path, size and mtime are unchanged is not touched; one whose content hash is
unchanged only gets its mtime updated; files gone from disk are removed. Everything
stored passes through the same masking as every other output (no personnummer in clear),
every TEXT column of every table; ``path`` is the file name in kvcli's escaped form, with
``path_bytes`` (the masked name's bytes) where that had to escape something.

A file is found again by ``path_key``: an HMAC-SHA256, under the database's salt, of its real
path — or, when the path holds a personnummer, of the file's device and inode instead. The
masked path shows the birth date, so a key computed from the clear path would give the last four
digits away to anyone who tries the thousand Luhn-valid candidates; the salt is in the same file
and cannot stop that. Databases written by older versions (an unsalted sha256 of the path, text
stored before every column was masked) are migrated when opened: rows re-keyed where the stored
path is the real one, the others given a key that matches nothing (their file is indexed afresh
on the next run over its folder), every TEXT column masked again, and the file vacuumed so the
old values do not survive in free pages.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..output.safe import mask_output, masked_bytes, safe_path
from ..privacy import mask_personnummer

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
  id INTEGER PRIMARY KEY, path_key TEXT UNIQUE NOT NULL, path TEXT NOT NULL, sha256 TEXT, size INTEGER, mtime REAL, format TEXT,
  pages INTEGER, title TEXT, organisation TEXT, unit TEXT, period_start INTEGER, period_end INTEGER,
  report_date TEXT, signatory TEXT, error TEXT, indexed_at TEXT, path_bytes BLOB);
CREATE TABLE IF NOT EXISTS sections (doc_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
  section_id TEXT, title TEXT, level INTEGER, path TEXT, page INTEGER, line INTEGER, words INTEGER);
CREATE TABLE IF NOT EXISTS tables (doc_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
  table_id TEXT, section_id TEXT, caption TEXT, page INTEGER, n_rows INTEGER, n_cols INTEGER);
CREATE TABLE IF NOT EXISTS figures (doc_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
  label TEXT, column_name TEXT, value REAL, unit TEXT, period INTEGER, section_id TEXT, table_id TEXT,
  page INTEGER, is_total INTEGER);
CREATE TABLE IF NOT EXISTS concepts (doc_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
  concept TEXT, status TEXT, score REAL);
CREATE TABLE IF NOT EXISTS findings (doc_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
  code TEXT, name TEXT, severity TEXT, message TEXT, reference TEXT, section_id TEXT, page INTEGER, line INTEGER);
CREATE INDEX IF NOT EXISTS figures_label ON figures(label);
CREATE INDEX IF NOT EXISTS concepts_concept ON concepts(concept, status);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
KEY_SCHEME = "hmac-sha256/1"
TABLES = ("documents", "sections", "tables", "figures", "concepts", "findings")


@dataclass
class IndexStats:
    indexed: int = 0
    unchanged: int = 0
    touched: int = 0  # same content, new mtime
    removed: int = 0
    errors: int = 0
    # Unchanged files that were unreadable last time: still unreadable, and said so on every run.
    known_errors: list[tuple[str, str]] = field(default_factory=list)


def connect(db: str | os.PathLike[str]) -> sqlite3.Connection:
    con = sqlite3.connect(os.fspath(db), timeout=30)
    con.execute("PRAGMA foreign_keys = ON")
    # What a re-index replaces is overwritten, not left behind in free pages.
    con.execute("PRAGMA secure_delete = ON")
    con.execute("PRAGMA journal_mode = WAL")  # readers keep reading while a run writes
    con.executescript(SCHEMA)
    if _meta(con, "path_key") != KEY_SCHEME:
        with con:
            _migrate(con)
        con.execute("VACUUM")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return con


def _meta(con: sqlite3.Connection, key: str) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def _migrate(con: sqlite3.Connection) -> None:
    """Bring a new or older database to the current key scheme and masking (see the module docstring)."""
    if "path_bytes" not in {row[1] for row in con.execute("PRAGMA table_info(documents)")}:
        con.execute("ALTER TABLE documents ADD COLUMN path_bytes BLOB")
    if _meta(con, "path_salt") is None:
        con.execute("INSERT INTO meta VALUES ('path_salt', ?)", (secrets.token_hex(32),))
    for doc_id, stored in con.execute("SELECT id, path FROM documents").fetchall():
        if os.path.lexists(stored) and mask_personnummer(stored) == stored:
            key = path_key(con, stored)  # the stored path is the real one: the row stays incremental
        else:
            key = "stale-" + secrets.token_hex(16)
        con.execute("UPDATE documents SET path_key = ?, path = ?, path_bytes = ? WHERE id = ?",
                    (key, safe_path(stored), _path_blob(stored), doc_id))  # fmt: skip
    con.create_function("kvcli_mask", 1, lambda v: mask_output(v) if isinstance(v, str) else v)
    for table in TABLES:
        for _, col, kind, *_rest in con.execute(f"PRAGMA table_info({table})").fetchall():
            if kind.upper() == "TEXT" and col not in ("path_key", "path"):
                con.execute(f"UPDATE {table} SET {col} = kvcli_mask({col}) WHERE {col} IS NOT NULL")  # noqa: S608
    con.execute("INSERT OR REPLACE INTO meta VALUES ('path_key', ?)", (KEY_SCHEME,))


def path_key(con: sqlite3.Connection, path: str) -> str:
    """The key a file is found again by: derived from nothing a masked number could be recovered from."""
    salt = bytes.fromhex(_meta(con, "path_salt") or "")
    real = os.path.abspath(path)
    if mask_personnummer(real) == real:
        message = b"path\0" + masked_bytes(real)
    else:
        try:
            st = os.stat(real)
        except OSError:
            try:
                st = os.lstat(real)
            except OSError:
                st = None
        where = b"gone" if st is None else b"%d:%d" % (st.st_dev, st.st_ino)
        message = b"inode\0" + where + b"\0" + masked_bytes(real)
    return hmac.new(salt, message, hashlib.sha256).hexdigest()


def _path_blob(path: str) -> bytes | None:
    """The masked name's bytes, where the ``path`` text had to escape something."""
    return masked_bytes(path) if safe_path(path) != mask_personnummer(path) else None


def _sha(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def plan(con: sqlite3.Connection, files: list[str]) -> tuple[list[str], IndexStats]:
    """Which files need (re)indexing; unchanged ones are counted, content-identical ones re-stamped."""
    stats = IndexStats()
    todo = []
    known = {row[0]: row[1:] for row in con.execute("SELECT path_key, size, mtime, sha256, error FROM documents")}
    for f in files:
        key = path_key(con, f)
        try:
            st = os.stat(f)
        except OSError:
            todo.append(f)
            continue
        old = known.get(key)
        if old and old[0] == st.st_size and old[1] == st.st_mtime:
            stats.unchanged += 1
            if old[3]:
                stats.known_errors.append((f, old[3]))
            continue
        if old and old[2] and old[0] == st.st_size and _sha(f) == old[2]:
            con.execute("UPDATE documents SET mtime = ? WHERE path_key = ?", (st.st_mtime, key))
            stats.touched += 1
            continue
        todo.append(f)
    return todo, stats


def remove_missing(con: sqlite3.Connection, roots: Iterable[str], files: list[str]) -> int:
    present = {path_key(con, f) for f in files}
    prefixes = [safe_path(os.path.abspath(r)) for r in roots]
    gone = [
        k for (k, p) in con.execute("SELECT path_key, path FROM documents")
        if k not in present and any(p == r or p.startswith(r.rstrip(os.sep) + os.sep) for r in prefixes)
    ]  # fmt: skip
    for k in gone:
        con.execute("DELETE FROM documents WHERE path_key = ?", (k,))
    return len(gone)


def store(con: sqlite3.Connection, record: dict[str, Any]) -> None:
    """Replace one document's rows from a check record (with its document) or an error record."""
    key = path_key(con, record["path"])
    real = os.path.abspath(record["path"])
    con.execute("DELETE FROM documents WHERE path_key = ?", (key,))
    try:
        st = os.stat(record["path"])
        size, mtime = st.st_size, st.st_mtime
    except OSError:
        size, mtime = None, None
    doc = record.get("document") or {}
    md = doc.get("metadata") or {}
    src = doc.get("source") or {}
    period = md.get("period") or {}
    sig = md.get("signatory")
    cur = con.execute(
        "INSERT INTO documents (path_key, path, sha256, size, mtime, format, pages, title, organisation, unit,"
        " period_start, period_end, report_date, signatory, error, indexed_at, path_bytes)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (key, safe_path(real), *_row(src.get("sha256"), size, mtime, src.get("format"), src.get("pages"),
         md.get("title") or None, md.get("organisation"), md.get("unit"), period.get("start"), period.get("end"),
         md.get("report_date"), json.dumps(sig, ensure_ascii=False) if sig else None, record.get("error") or None,
         time.strftime("%Y-%m-%dT%H:%M:%S")), _path_blob(real)),
    )  # fmt: skip
    doc_id = cur.lastrowid
    con.executemany(
        "INSERT INTO sections VALUES (?,?,?,?,?,?,?,?)",
        [_row(doc_id, s["id"], s["title"], s["level"], " › ".join(s["path"]), s["page"], s["line"],
              len(s["text"].split())) for s in doc.get("sections", [])],
    )  # fmt: skip
    con.executemany(
        "INSERT INTO tables VALUES (?,?,?,?,?,?,?)",
        [_row(doc_id, t["id"], t["section_id"], t["caption"] or None, t["page"], len(t["header"]) + len(t["rows"]),
              max((len(r) for r in t["header"] + t["rows"]), default=0)) for t in doc.get("tables", [])],
    )  # fmt: skip
    con.executemany(
        "INSERT INTO figures VALUES (?,?,?,?,?,?,?,?,?,?)",
        [_row(doc_id, f["label"], f["column"], f["value"], f["unit"], f["period"], f["section_id"], f["table_id"],
              f["page"], int(bool(f.get("is_total")))) for f in doc.get("figures", [])],
    )  # fmt: skip
    report = record.get("report") or {}
    con.executemany("INSERT INTO concepts VALUES (?,?,?,?)",
                    [_row(doc_id, c["id"], c["status"], c["score"]) for c in report.get("concepts", [])])  # fmt: skip
    con.executemany(
        "INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?)",
        [_row(doc_id, f["code"], f["name"], f["severity"], f["message"], f["reference"], f["section_id"], f["page"],
              f["line"]) for f in report.get("findings", [])],
    )  # fmt: skip


def _row(*values: Any) -> tuple[Any, ...]:
    """Every value as stored: text masked (and UTF-8-safe), whichever column it goes to."""
    return tuple(mask_output(v) for v in values)
