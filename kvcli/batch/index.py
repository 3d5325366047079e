"""``kvcli index``: an archive of reports as one SQLite database, kept up to date incrementally.

Schema (see the README for example queries)::

    documents(id, path_key UNIQUE, path, sha256, size, mtime, format, pages, title, organisation, unit,
              period_start, period_end, report_date, signatory, error, indexed_at)
    sections(doc_id, section_id, title, level, path, page, line, words)
    tables(doc_id, table_id, section_id, caption, page, n_rows, n_cols)
    figures(doc_id, label, column_name, value, unit, period, section_id, table_id, page, is_total)
    concepts(doc_id, concept, status, score)
    findings(doc_id, code, name, severity, message, reference, section_id, page, line)

A file whose path, size and mtime are unchanged is not touched; one whose content hash is
unchanged only gets its mtime updated; files gone from disk are removed. Everything
stored passes through the same masking as every other output (no personnummer in clear) —
file paths included, so a file is found again by ``path_key``, a hash of its real path.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..privacy import mask_personnummer

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
  id INTEGER PRIMARY KEY, path_key TEXT UNIQUE NOT NULL, path TEXT NOT NULL, sha256 TEXT, size INTEGER, mtime REAL, format TEXT,
  pages INTEGER, title TEXT, organisation TEXT, unit TEXT, period_start INTEGER, period_end INTEGER,
  report_date TEXT, signatory TEXT, error TEXT, indexed_at TEXT);
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
"""


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
    con.execute("PRAGMA journal_mode = WAL")  # readers keep reading while a run writes
    con.executescript(SCHEMA)
    return con


def path_key(path: str) -> str:
    return hashlib.sha256(os.path.abspath(path).encode("utf-8", "surrogateescape")).hexdigest()


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
        key = path_key(f)
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
    present = {path_key(f) for f in files}
    prefixes = [mask_personnummer(os.path.abspath(r)) for r in roots]
    gone = [
        k for (k, p) in con.execute("SELECT path_key, path FROM documents")
        if k not in present and any(p == r or p.startswith(r.rstrip(os.sep) + os.sep) for r in prefixes)
    ]  # fmt: skip
    for k in gone:
        con.execute("DELETE FROM documents WHERE path_key = ?", (k,))
    return len(gone)


def store(con: sqlite3.Connection, record: dict[str, Any]) -> None:
    """Replace one document's rows from a check record (with its document) or an error record."""
    key = path_key(record["path"])
    path = mask_personnummer(os.path.abspath(record["path"]))
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
    m = mask_personnummer
    cur = con.execute(
        "INSERT INTO documents (path_key, path, sha256, size, mtime, format, pages, title, organisation, unit,"
        " period_start, period_end, report_date, signatory, error, indexed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (key, path, src.get("sha256"), size, mtime, src.get("format"), src.get("pages"), m(md.get("title") or "") or None,
         md.get("organisation"), md.get("unit"), period.get("start"), period.get("end"), md.get("report_date"),
         m(json.dumps(sig, ensure_ascii=False)) if sig else None, m(record.get("error") or "") or None, time.strftime("%Y-%m-%dT%H:%M:%S")),
    )  # fmt: skip
    doc_id = cur.lastrowid
    con.executemany(
        "INSERT INTO sections VALUES (?,?,?,?,?,?,?,?)",
        [(doc_id, s["id"], m(s["title"]), s["level"], " › ".join(m(p) for p in s["path"]), s["page"], s["line"],
          len(s["text"].split())) for s in doc.get("sections", [])],
    )  # fmt: skip
    con.executemany(
        "INSERT INTO tables VALUES (?,?,?,?,?,?,?)",
        [(doc_id, t["id"], t["section_id"], m(t["caption"] or "") or None, t["page"], len(t["header"]) + len(t["rows"]),
          max((len(r) for r in t["header"] + t["rows"]), default=0)) for t in doc.get("tables", [])],
    )  # fmt: skip
    con.executemany(
        "INSERT INTO figures VALUES (?,?,?,?,?,?,?,?,?,?)",
        [(doc_id, m(f["label"]), m(f["column"]), f["value"], f["unit"], f["period"], f["section_id"], f["table_id"],
          f["page"], int(bool(f.get("is_total")))) for f in doc.get("figures", [])],
    )  # fmt: skip
    report = record.get("report") or {}
    con.executemany("INSERT INTO concepts VALUES (?,?,?,?)",
                    [(doc_id, c["id"], c["status"], c["score"]) for c in report.get("concepts", [])])  # fmt: skip
    con.executemany(
        "INSERT INTO findings VALUES (?,?,?,?,?,?,?,?,?)",
        [(doc_id, f["code"], f["name"], f["severity"], m(f["message"]), f["reference"], f["section_id"], f["page"],
          f["line"]) for f in report.get("findings", [])],
    )  # fmt: skip
