"""Item 4: big tables cost memory in proportion to their size, and absurd ones are refused by name.

Each case runs in a fresh interpreter with an address-space cap, so a regression fails as a
MemoryError in the child instead of taking the machine's memory, and peak RSS is the child's own.
Timeouts here only guard against hangs; speed is measured in bench/, not asserted.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from docx_factory import cell, document, p, table

from kvcli.errors import LimitError
from kvcli.figures import extract_figures
from kvcli.limits import DEFAULT_LIMITS
from kvcli.readers.text import read_text
from kvcli.structure import build_document
from kvcli.structure.tables import group_line_tables

PROBE = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
from kvcli.api import parse
from kvcli.batch.peak import peak_rss_kb
from kvcli.checks import check_document
from kvcli.errors import InputError
try:
    doc = parse(sys.argv[1])
    check_document(doc)
    outcome = {"parsed": True, "figures": len(doc.figures), "cells": sum(
        len(r) for t in doc.tables for r in t.header + t.rows), "warnings": doc.warnings}
except InputError as exc:
    outcome = {"parsed": False, "error": str(exc), "limit": type(exc).__name__ == "LimitError"}
except MemoryError:
    outcome = {"parsed": False, "error": "MemoryError", "limit": False}
outcome["maxrss_mb"] = peak_rss_kb() // 1024
print(json.dumps(outcome))
"""
MAX_RSS_MB = 400


def probe(path: Path, timeout: float = 300) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True,
                         timeout=timeout)  # fmt: skip
    assert out.returncode == 0, out.stderr[-2000:]
    result: dict[str, object] = json.loads(out.stdout)
    return result


def tsv(path: Path, rows: int, cols: int) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("Kvalitetsberättelse 2014\n\nAvvikelser per enhet\n")
        fh.write("\t".join(["Enhet"] + [f"K{c}" for c in range(1, cols)]) + "\n")
        for r in range(rows - 1):
            fh.write("\t".join([f"Enhet {r}"] + [str((r * 7 + c) % 1000) for c in range(1, cols)]) + "\n")
    return path


@pytest.mark.slow
def test_item4_table_of_2000_by_50_is_read_whole_in_bounded_memory(tmp_path: Path) -> None:
    r = probe(tsv(tmp_path / "stor.txt", 2000, 50))
    assert r["parsed"], r
    assert r["cells"] == 2000 * 50  # nothing dropped
    assert r["figures"] == 1999 * 49
    assert int(str(r["maxrss_mb"])) < MAX_RSS_MB, r


def test_item4_table_of_10000_by_100_is_refused_naming_the_limit(tmp_path: Path) -> None:
    path = tsv(tmp_path / "dump.txt", 10_000, 100)
    r = probe(path)
    assert r["limit"], r
    error = str(r["error"])
    assert error.startswith(f"{path}: the table at line 4 ") and "200,000 cells per table" in error
    assert "\n" not in error
    assert int(str(r["maxrss_mb"])) < MAX_RSS_MB, r


@pytest.mark.parametrize("rows", [1, 2])
def test_item4_rows_of_a_million_cells_are_refused(tmp_path: Path, rows: int) -> None:
    path = tmp_path / "rad.txt"
    path.write_text("Rubrik\n\n" + ("\t".join(["1"] * 1_000_000) + "\n") * rows, encoding="utf-8")
    r = probe(path)
    assert r["limit"] and "cells per table" in str(r["error"]), r
    assert int(str(r["maxrss_mb"])) < MAX_RSS_MB, r


def test_item4_one_wide_row_over_many_short_rows_is_not_padded_into_billions(tmp_path: Path) -> None:
    # 150 000 columns × 10 001 rows once padded, from 1.5 MB of input.
    path = tmp_path / "ojamn.txt"
    path.write_text("Rubrik\n\n" + "x\t" * 150_000 + "y\n" + "a\tb\n" * 10_000, encoding="utf-8")
    r = probe(path)
    assert r["limit"] and "cells per table" in str(r["error"]), r
    assert int(str(r["maxrss_mb"])) < MAX_RSS_MB, r


def test_item4_trailing_tab_noise_is_not_counted_as_cells() -> None:
    lines = ["Tabell", "", *(["a\tb" + "\t" * 50] * 5_000)]  # 260 000 cells as typed, 10 000 kept
    rr = read_text("brus.txt", "\n".join(lines).encode(), "0", DEFAULT_LIMITS)
    (t,) = [b for b in group_line_tables(rr.blocks) if b.kind == "table"]
    assert len(t.rows) == 5_000 and {len(r) for r in t.rows} == {2}


@pytest.mark.slow
def test_item4_cells_per_document_limit(tmp_path: Path) -> None:
    path = tmp_path / "manga.txt"
    with open(path, "w", encoding="utf-8") as fh:
        for k in range(3):  # three tables of 190 000 cells: each under the table limit, not together
            fh.write(f"Tabell {k}\n\n" + ("a\tb\tc\td\te\n" * 38_000) + "\nSlut.\n\n")
    r = probe(path)
    assert r["limit"] and "500,000 cells per document" in str(r["error"]), r
    assert int(str(r["maxrss_mb"])) < MAX_RSS_MB, r


@pytest.mark.slow
def test_item4_figures_per_document_limit(tmp_path: Path) -> None:
    path = tmp_path / "siffror.txt"
    with open(path, "w", encoding="utf-8") as fh:
        for k in range(3):  # 300 000 numeric cells, within the cell limits: 300 000 key figures
            fh.write(f"Tabell {k}\n\nEnhet\t2013\t2014\t2015\t2016\n")
            fh.write("".join(f"E{r}\t1\t2\t3\t4\n" for r in range(25_000)) + "\nSlut.\n\n")
    r = probe(path)
    assert r["limit"] and "200,000 key figures" in str(r["error"]), r
    assert int(str(r["maxrss_mb"])) < MAX_RSS_MB, r


def test_item4_figures_limit_is_a_field_of_limits() -> None:
    text = "Rubrik\n\nEnhet\t2013\t2014\n" + "".join(f"E{r}\t1\t2\n" for r in range(100))
    doc = build_document(read_text("liten.txt", text.encode(), "0", DEFAULT_LIMITS))
    with pytest.raises(LimitError, match="over 150 key figures"):
        extract_figures(doc, replace(DEFAULT_LIMITS, max_figures=150))
    assert extract_figures(doc) == [] and len(doc.figures) == 200


def test_item4_wide_row_source_text_is_not_repeated_per_figure() -> None:
    # Each figure cites its row; a 50 000-cell row cited in full by each of its figures is 50 000².
    text = "Rubrik\n\nEnhet\t" + "\t".join(f"K{c}" for c in range(50_000)) + "\n"
    text += "Besök\t" + "\t".join("7" for _ in range(50_000)) + "\n"
    doc = build_document(read_text("bred.txt", text.encode(), "0", DEFAULT_LIMITS))
    extract_figures(doc)
    assert len(doc.figures) == 50_000
    assert max(len(f.text) for f in doc.figures) <= 1000
    assert doc.figures[123].text == "Besök\t…\t7" and doc.figures[123].column == "K123"
    assert doc.tables[0].rows[0][1:] == ["7"] * 50_000  # the table itself keeps every cell


def test_item4_huge_label_cell_is_shortened_in_figures_with_a_warning() -> None:
    label = "Andel " + "mycket " * 200_000
    text = f"Rubrik\n\nIndikator\t2013\t2014\n{label}\t1\t2\n"
    doc = build_document(read_text("etikett.txt", text.encode(), "0", DEFAULT_LIMITS))
    warnings = extract_figures(doc)
    assert all(len(f.label) <= 500 for f in doc.figures) and len(doc.figures) == 2
    assert any("shortened in its key figures" in w for w in warnings)
    assert doc.tables[0].rows[0][0] == label.strip()


def hang_guard(tmp_path: Path, text: str) -> dict[str, object]:
    path = tmp_path / "lang.txt"
    path.write_text(text, encoding="utf-8")
    return probe(path, timeout=120)  # the code before the fix needs hours for these


@pytest.mark.slow
def test_item4_many_nyckeltal_runs_are_walked_once(tmp_path: Path) -> None:
    r = hang_guard(
        tmp_path, "Rubrik\n" + " ".join("Nyckeltal 2013 2014 Andel nöjda 80 85" for _ in range(20_000))
    )
    assert r["parsed"] and r["figures"] == 40_000, r


@pytest.mark.slow
def test_item4_long_unmatched_table_of_contents_is_matched_in_bounded_work(tmp_path: Path) -> None:
    toc = "".join(f"Kapitel {i}\t{i % 900 + 1}\n" for i in range(20_000))
    body = "".join(f"Ett stycke text nummer {i}.\n" for i in range(20_000))
    r = hang_guard(tmp_path, "Innehåll\n" + toc + "\n\n" + body)
    assert r["parsed"], r
    assert any("exact title only" in w for w in r["warnings"]), r["warnings"][-3:]  # type: ignore[index]


@pytest.mark.slow
def test_item4_long_run_of_statistics_headings_is_levelled_in_linear_work(tmp_path: Path) -> None:
    r = hang_guard(tmp_path, "".join(f"Antal besök {i} 2013\nText om det.\n" for i in range(100_000)))
    assert r["parsed"], r


def stored_docx(path: Path, body: str) -> Path:
    # Stored, not deflated: these bodies repeat one cell and would trip the zip-bomb ratio first.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("word/document.xml", document(body))
    path.write_bytes(buf.getvalue())
    return path


def test_item4_docx_table_spans_count_against_the_cell_limit(tmp_path: Path) -> None:
    # 400 rows of 63 cells spanning 64 columns each: 1.6 million cells from 2.5 MB of XML.
    row = [cell("x", span=64)] * 63
    path = stored_docx(tmp_path / "spann.docx", p("Rubrik") + table(*([row] * 400)))
    r = probe(path)
    assert r["limit"] and "cells per table" in str(r["error"]), r
    assert int(str(r["maxrss_mb"])) < MAX_RSS_MB, r


def test_item4_docx_ragged_rows_are_not_padded_into_millions(tmp_path: Path) -> None:
    wide = [cell("x", span=64)] * 3_000  # 192 000 columns in one row, then 20 000 one-cell rows
    path = stored_docx(tmp_path / "ragged.docx", p("Rubrik") + table(wide, *([[cell("a")]] * 20_000)))
    r = probe(path)
    assert r["limit"] and "cells per table" in str(r["error"]), r
    assert int(str(r["maxrss_mb"])) < MAX_RSS_MB, r


@pytest.mark.slow
def test_item4_nested_docx_tables_do_not_copy_their_text_at_every_level(tmp_path: Path) -> None:
    inner = p("ord " * 1_000_000)  # 4 MB in the innermost cell, 80 tables deep
    for _ in range(80):
        inner = table([f"<w:tc>{inner}</w:tc>", cell("x")], header=False) + p("")
    path = stored_docx(tmp_path / "djup.docx", p("Rubrik") + inner)
    r = probe(path)
    assert r["parsed"], r
    assert int(str(r["maxrss_mb"])) < MAX_RSS_MB, r
