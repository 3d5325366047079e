"""figures export: types that survive Excel, the Swedish CSV dialect, a clear error without pyarrow, and
atomic writes that leave the old file whole when writing fails."""

from __future__ import annotations

import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import kvcli
from kvcli.errors import KvcliError
from kvcli.output.export import write_frame

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return kvcli.figures_frame([SAMPLES / "vaxjo-arbete-valfard-2014.txt", SAMPLES / "jonkoping-behandling-2016.txt"])


def test_xlsx_reads_back_with_numeric_types_and_is_ready_to_use(tmp_path: Path, frame: pd.DataFrame) -> None:
    out = tmp_path / "f.xlsx"
    write_frame(frame, out)
    back = pd.read_excel(out)
    for col in ("value", "period", "period_start", "period_end", "line"):
        assert pd.api.types.is_numeric_dtype(back[col]), col
    assert back["is_total"].dtype == bool
    assert back["value"].tolist() == pytest.approx(frame["value"].tolist())
    row = back[back.label == "Andel av Växjös befolkning som fått ekonomiskt bistånd"].iloc[0]
    assert (row.value, row.unit_of_value, int(row.period)) == (5.53, "%", 2013)
    ws = openpyxl.load_workbook(out).active
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref  # header frozen, filters on


def test_excel_sv_uses_semicolons_and_decimal_comma(tmp_path: Path, frame: pd.DataFrame) -> None:
    out = tmp_path / "f.csv"
    write_frame(frame, out, dialect="excel-sv")
    raw = out.read_bytes()
    assert raw.startswith("\ufeff".encode())  # Excel needs the BOM to read UTF-8
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("path;organisation;unit;")
    assert ";5,53;%;2013;" in text and "Växjö" in text
    back = pd.read_csv(out, sep=";", decimal=",", encoding="utf-8-sig")
    assert back["value"].tolist() == pytest.approx(frame["value"].tolist())


def test_parquet_without_pyarrow_is_a_clear_error(tmp_path: Path, frame: pd.DataFrame,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    with pytest.raises(KvcliError, match=r"needs pyarrow: pip install 'kvcli\[parquet\]'"):
        write_frame(frame, tmp_path / "f.parquet")
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path, frame: pd.DataFrame,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    out = tmp_path / "f.json"
    out.write_text("old", encoding="utf-8")

    def broken(fd: int) -> None:
        raise OSError("disk full")  # fails after the temp file is written, before it replaces the old one

    monkeypatch.setattr("kvcli.atomic.os.fsync", broken)
    with pytest.raises(OSError):
        write_frame(frame, out)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]  # no temp file left behind


def test_json_export_round_trips(tmp_path: Path, frame: pd.DataFrame) -> None:
    out = tmp_path / "f.json"
    write_frame(frame, out)
    back = pd.read_json(out)
    assert len(back) == len(frame) and set(back.columns) == set(frame.columns)


def test_unknown_extension_is_refused(tmp_path: Path, frame: pd.DataFrame) -> None:
    with pytest.raises(KvcliError, match="unknown output type '.ods'"):
        write_frame(frame, tmp_path / "f.ods")
