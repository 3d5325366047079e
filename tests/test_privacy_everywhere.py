"""Issue 10 item 6 and the privacy acceptance: no personnummer in clear in any output of any command.

Reports are planted with numbers in every form item 5 names (en/em dash, minus sign, no-break, thin and
zero-width characters, full-width digits, dots, a bare ten-digit cell, century, samordningsnummer) in the
text, a heading, the title and unit lines, table cells and figure labels, and in file and folder names.
Every command runs in every format; stdout, stderr, every file written (xlsx unzipped, parquet read with
pyarrow, every SQLite table and the raw database file, every cache entry, every text drawn in a plot) is
collected, normalised the way the detector normalises, and searched for each number in any separator form.
"""

from __future__ import annotations

import json
import re
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from luhn import luhn_digit as _luhn_digit

from kvcli.api import parse
from kvcli.cli import main
from kvcli.compare.diff import DiffResult, DiffRow
from kvcli.compare.trend import TrendPoint
from kvcli.model import Document, Figure, Metadata, Period, Section, Source, Table
from kvcli.output.diff import diff_table, trend_table
from kvcli.privacy import _TOKEN_RE, _classify, _unescape


def _pnr(date: str, serial: str) -> str:
    return date + serial + _luhn_digit(date + serial)


# One number per place it is planted, so a leak says where it came from.
PNR = {
    "text": _pnr("811218", "987"),
    "century": _pnr("460214", "123"),
    "heading": _pnr("550612", "321"),
    "title": _pnr("990909", "222"),
    "unit": _pnr("830704", "567"),
    "cell": _pnr("720315", "456"),
    "value": _pnr("690101", "234"),
    "label": _pnr("630101", "678"),
    "samordning": _pnr("811278", "987"),
    "thin": _pnr("010101", "111"),
    "file": _pnr("890707", "789"),
    "folder": _pnr("920229", "890"),
    "broken": _pnr("750505", "901"),
}


def _sep(key: str, sep: str) -> str:
    return PNR[key][:6] + sep + PNR[key][6:]


def _wide(s: str) -> str:
    return "".join(chr(0xFF10 + int(c)) for c in s)


def _report(year: int, a: int) -> str:
    unit = f"{_wide(PNR['unit'][:6])}\uff0d{_wide(PNR['unit'][6:])}"  # full-width digits and hyphen
    cell = f"{PNR['cell'][:3]}\u200b{PNR['cell'][3:6]}\u2212{PNR['cell'][6:]}"  # zero-width space, minus sign
    heading = f"Avvikelse {_sep('heading', chr(0x2014))}"  # em dash
    return (
        f"\n\nKvalitetsberättelse för {_sep('title', chr(0x2013))}\n\n\n{year}\n\n"
        f"Verksamhet: Hemtjänst {unit}\n\n"
        f"Innehållsförteckning\n\nInledning\t3\n{heading}\t4\nStatistik\t5\n\n"
        f"Inledning\n\nBrukaren {_sep('text', chr(0x2013))} klagade i Vetlanda kommun. Anhörig "
        f"19{_sep('century', chr(0xA0))} hörde av sig; samordningsnummer {_sep('samordning', '')}, "
        f"och {_sep('thin', chr(0x2009))}.\n\n"
        f"{heading}\n\nText om avvikelsen.\n\n"
        f"Statistik\n\nÄrende\t{year - 1}\t{year}\n"
        f"Klient {cell}\t{a}\t{a + 1}\n"
        f"Ärenden för {_sep('label', '.')}\t{a + 2}\t{a + 4}\n"
        f"Avvikelser\t{PNR['value']}\t{a + 3}\n"
        f"Klagomål\t2\t{a}\n"
    )


def _normalised(text: str) -> str:
    """The collected text as the detector reads it: escapes decoded, look-alike digits and separators
    made ASCII, invisible characters dropped (line breaks kept, to see where a table wrapped a cell)."""
    return "".join("\n" if t == "\n" else _classify(_unescape(t)) for t in _TOKEN_RE.findall(text))


def _leaks(text: str) -> list[str]:
    """Every planted number found in ``text``: in any separator form (any one separator or line break, or
    none, between any two of its digits: grouped like "6 901 012 341" too), or split by a table that
    wrapped the cell (the date at the end of one line, the last four digits starting the next)."""
    found = []
    for norm in (_normalised(text), text):
        for key, digits in PNR.items():
            spread = r"[ \n\-+.]?".join(digits)
            wrapped = rf"(?<!\d){digits[:6]}(?!\d)[^\n]*\n[ |]*{digits[6:]}(?!\d)"
            if re.search(spread, norm) or re.search(wrapped, norm):
                found.append(key)
    return sorted(set(found))


def _assert_no_clear_number(outputs: dict[str, str]) -> None:
    leaks = {where: _leaks(text) for where, text in outputs.items()}
    assert {w: k for w, k in leaks.items() if k} == {}


# --- item 6 regressions -------------------------------------------------------------------------------------------


def _doc(path: str, organisation: str, unit: str, label: str) -> Document:
    doc = Document(source=Source(path=path, format="txt", sha256="0" * 64),
                   metadata=Metadata(organisation=organisation, unit=unit, period=Period(2016, 2016)))  # fmt: skip
    doc.sections.append(Section("s1", "Statistik", 1, ["Statistik"], None, None, ""))
    doc.tables.append(Table("t1", "s1", None, None, [["Ärende", "2016"]], [[label, "3"]]))
    doc.figures.append(Figure(label, "2016", 3.0, None, 2016, "s1", "t1", None, None, f"{label}\t3"))
    return doc


@pytest.mark.parametrize("ext", ["csv", "json", "xlsx", "parquet"])
def test_item6_figures_mask_organisation_and_unit_of_documents_fresh_from_parsing(tmp_path: Path, ext: str) -> None:
    """The documents a cold run hands the writer were never masked (only cache entries were)."""
    from kvcli.output.export import frame, write_frame

    doc = _doc("r.txt", f"Omsorg {_sep('text', '-')}", f"Hemtjänst {_sep('unit', chr(0x2013))}", "Avvikelser")
    out = tmp_path / f"f.{ext}"
    write_frame(frame([doc]), out)
    _assert_no_clear_number({ext: _file_text(out)})
    assert "811218-****" in _file_text(out) and "830704-****" in _file_text(out)


def test_item6_diff_xlsx_masks_labels(tmp_path: Path) -> None:
    old, new = tmp_path / "2015.txt", tmp_path / "2016.txt"
    old.write_text(_report(2015, 3), encoding="utf-8")
    new.write_text(_report(2016, 5), encoding="utf-8")
    out = tmp_path / "diff.xlsx"
    r = CliRunner().invoke(main, ["diff", str(old), str(new), "--format", "xlsx", "-o", str(out)])
    assert r.exit_code == 0, r.stderr
    text = _file_text(out)
    assert "630101-****" in text  # the label is there, masked
    _assert_no_clear_number({"diff.xlsx": text})


def test_item6_diff_error_line_masks_the_path(tmp_path: Path) -> None:
    broken = tmp_path / f"trasig {_sep('broken', '-')}.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    ok = tmp_path / "ok.txt"
    ok.write_text(_report(2016, 5), encoding="utf-8")
    r = CliRunner().invoke(main, ["diff", str(broken), str(ok)])
    assert r.exit_code == 2 and "750505-****" in r.stderr
    _assert_no_clear_number({"stderr": r.stderr})


def test_item6_table_cells_are_masked_before_they_wrap() -> None:
    """A long label wraps at a space; a number written with a space would be split over two lines, where no
    mask of the finished table can see it."""

    def label(width: int) -> str:  # the date ends the first line exactly, the last four digits begin the next
        head = "Antal ärenden om brukaren med nummer"
        return head.ljust(width - 7, ".") + " " + _sep("text", " ") + " under året"

    row = DiffRow(indicator=label(50), column="", old_label="", new_label="", old_context="Statistik",
                  new_context="Statistik", old_period=2015, new_period=2016, old=3.0, new=4.0, change=1.0,
                  change_pct=33.3, unit=None, status="changed")  # fmt: skip
    res = DiffResult(old_path="a.txt", new_path="b.txt", by="year", threshold=None, rows=[row])
    point = TrendPoint(indicator=label(60), column="", unit=None, year=2016, value=4.0, source="b.txt")
    _assert_no_clear_number({"diff": diff_table(res), "trend": trend_table([point])})


def test_item6_a_personnummer_cell_is_no_figure_and_json_stays_valid(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_text(_report(2016, 5), encoding="utf-8")
    r = CliRunner().invoke(main, ["parse", str(p), "--format", "json"])
    doc = json.loads(r.stdout)  # the mask never lands inside a JSON number
    assert all(f["value"] != float(PNR["value"]) for f in doc["figures"])
    _assert_no_clear_number({"parse json": r.stdout})


# --- acceptance ---------------------------------------------------------------------------------------------------


def _file_text(path: Path) -> str:
    """Everything a file holds, as text: xlsx unzipped, parquet read (data, schema and metadata), SQLite
    dumped table by table and read raw (free pages included), images read for the text they carry."""
    data = path.read_bytes()
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as z:
            return "\n".join(z.read(n).decode("utf-8") for n in z.namelist())
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(path)
        meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
        return "\n".join([json.dumps(table.to_pylist(), default=str, ensure_ascii=False), str(table.schema), *meta.values()])
    if path.suffix == ".sqlite":
        con = sqlite3.connect(path)
        try:
            tables = [t for (t,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            assert "meta" in tables
            dump = [repr(con.execute(f"SELECT * FROM {t}").fetchall()) for t in tables]  # noqa: S608
        finally:
            con.close()
        raw = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
        return "\n".join([*dump, raw.decode("utf-8", "replace")])
    if path.suffix == ".png":
        return data.decode("latin-1")
    return data.decode("utf-8-sig")


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    folder = tmp_path / f"enhet {_sep('folder', chr(0xAD))}"  # a soft hyphen in the folder name
    folder.mkdir()
    (folder / f"rapport {_sep('file', '+')} 2015.txt").write_text(_report(2015, 3), encoding="utf-8")
    (folder / f"rapport {_sep('file', ' ')} 2016.txt").write_text(_report(2016, 5), encoding="utf-8")
    (folder / f"trasig {_sep('broken', chr(0x2013))}.docx").write_bytes(b"PK\x03\x04 not a zip")
    return folder


@pytest.mark.slow
def test_privacy_acceptance_no_clear_number_in_any_output_of_any_command(
    planted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from matplotlib.figure import Figure as MplFigure
    from matplotlib.text import Text

    # The planting works: every form reached the document model (as the detector, KV901, sees it).
    one = sorted(planted.glob("*2016.txt"))[0]
    doc = parse(one)
    assert "830704" in (doc.metadata.unit or "").translate({0xFF10 + i: str(i) for i in range(10)})
    assert any("550612" in s.title for s in doc.sections) and "990909" in (doc.metadata.title or "")
    assert any("630101" in f.label for f in doc.figures) and any("720" in f.label for f in doc.figures)

    drawn: list[str] = []
    savefig = MplFigure.savefig

    def recording_savefig(self: MplFigure, *args: Any, **kwargs: Any) -> None:
        drawn.extend(t.get_text() for t in self.findobj(Text))  # every title, label, tick and annotation
        savefig(self, *args, **kwargs)

    monkeypatch.setattr(MplFigure, "savefig", recording_savefig)
    cache = tmp_path / f"cache {_sep('text', '-')}"
    out = tmp_path / "ut"
    out.mkdir()
    runner = CliRunner()
    outputs: dict[str, str] = {}

    def run(name: str, args: list[str], codes: tuple[int, ...] = (0, 1, 2)) -> None:
        r = runner.invoke(main, args)
        assert r.exit_code in codes and (r.exception is None or isinstance(r.exception, SystemExit)), (name, r.stderr)
        outputs[f"{name} stdout"] = r.stdout
        outputs[f"{name} stderr"] = r.stderr

    files = sorted(str(p) for p in planted.glob("*.txt"))
    for fmt in ("text", "json", "jsonl", "markdown"):
        run(f"parse {fmt}", ["parse", str(planted), "--format", fmt])
        run(f"parse {fmt} -o", ["parse", *files, "--format", fmt, "-o", str(out / f"parse.{fmt}")])
    for fmt in ("text", "json", "sarif", "github", "junit"):
        for warm in ("cold", "warm"):
            run(f"check {fmt} {warm}", ["check", str(planted), "--format", fmt, "--cache-dir", str(cache)])
        run(f"check {fmt} -o", ["check", str(planted), "--format", fmt, "--no-cache", "-o", str(out / f"check.{fmt}")])
    for fmt in ("table", "markdown", "csv", "json"):
        run(f"diff {fmt}", ["diff", *files, "--format", fmt])
        run(f"trend {fmt}", ["trend", str(planted), "--format", fmt, "--cache-dir", str(cache)])
        run(f"trend {fmt} -o", ["trend", str(planted), "--format", fmt, "--no-cache", "-o", str(out / f"trend.{fmt}")])
    run("diff xlsx", ["diff", *files, "--format", "xlsx", "-o", str(out / "diff.xlsx")])
    run("diff error", ["diff", str(next(planted.glob("*.docx"))), files[0]])
    for ext in ("png", "svg"):
        run(f"trend plot {ext}", ["trend", str(planted), "--no-cache", "--plot", str(out / f"trend.{ext}")])
    for ext in ("csv", "json", "xlsx", "parquet"):
        run(f"figures {ext}", ["figures", str(planted), "--no-cache", "-o", str(out / f"figures.{ext}")])
        run(f"figures {ext} cached", ["figures", str(planted), "--cache-dir", str(cache), "-o", str(out / f"figures-warm.{ext}")])
    run("figures excel-sv", ["figures", str(planted), "--csv-dialect", "excel-sv", "--no-cache", "-o", str(out / "sv.csv")])
    for warm in ("cold", "warm"):
        run(f"index {warm}", ["index", str(planted), "--db", str(out / "index.sqlite"), "--cache-dir", str(cache)])
    run("index no cache", ["index", str(planted), "--db", str(out / "fresh.sqlite"), "--no-cache"])

    written = sorted(p for p in out.iterdir() if not p.name.endswith(("-wal", "-shm")))
    assert {p.suffix for p in written} >= {".text", ".json", ".jsonl", ".markdown", ".sarif", ".github", ".junit",
                                           ".table", ".csv", ".xlsx", ".parquet", ".png", ".svg", ".sqlite"}  # fmt: skip
    for p in written:
        outputs[p.name] = _file_text(p)
    entries = [p for p in cache.rglob("*") if p.is_file()]
    assert entries
    for p in entries:
        outputs[f"cache {p.relative_to(cache)}"] = p.read_text(encoding="utf-8")
    outputs["plots"] = "\n".join(drawn)
    assert any("630101-****" in t for t in drawn)  # the figure labels were drawn, masked

    joined = "\n".join(outputs.values())
    for key in PNR:
        assert f"{PNR[key][:6]}-****" in joined, key  # each planted number shows up, masked
    for name, text in outputs.items():
        words = name.split()
        if name.endswith((".json", ".sarif")) or name.startswith("cache ") or (
            {"json", "sarif"} & set(words) and "stdout" in words
        ):
            if text.strip():
                json.loads(text)  # masking never breaks the JSON it runs over
    _assert_no_clear_number(outputs)
