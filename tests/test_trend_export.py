"""trend over a folder (with a PNG), and the figures export to CSV (incl. excel-sv), XLSX, Parquet, JSON."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import kvcli
from kvcli.cli import main
from kvcli.compare.trend import trend

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIX = Path(__file__).resolve().parent / "fixtures" / "diff"


@pytest.fixture()
def vaxjo_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "vaxjo"
    folder.mkdir()
    shutil.copy(SAMPLES / "vaxjo-arbete-valfard-2014.txt", folder / "2014.txt")
    shutil.copy(FIX / "vaxjo-2015.txt", folder / "2015.txt")
    return folder


def test_trend_long_table_newest_report_wins(vaxjo_folder: Path) -> None:
    docs = [kvcli.parse(p) for p in sorted(vaxjo_folder.glob("*.txt"))]
    points = trend(docs, "ekonomiskt bistånd|anmälningar, barn")
    table = {(p.indicator, p.year): (p.value, p.restated_from) for p in points}
    assert table[("Andel av Växjös befolkning som fått ekonomiskt bistånd", 2013)] == (5.53, None)
    assert table[("Andel av Växjös befolkning som fått ekonomiskt bistånd", 2014)] == (5.37, None)
    assert table[("Andel av Växjös befolkning som fått ekonomiskt bistånd", 2015)] == (5.10, None)
    assert table[("Utbetalt ekonomiskt bistånd, brutto", 2015)] == (85002, None)
    # 2014 anmälningar: 1641 in the 2014 report, restated as 1650 in the 2015 report — the newest wins.
    assert table[("Antal anmälningar, barn och unga", 2014)] == (1650, 1641)
    assert table[("Antal anmälningar, barn och unga", 2013)] == (1349, None)


def test_trend_cli_table_and_png(vaxjo_folder: Path, tmp_path: Path) -> None:
    png = tmp_path / "trend.png"
    r = CliRunner().invoke(
        main, ["trend", str(vaxjo_folder), "--figure", "bistånd|anmälningar, barn", "--plot", str(png)]
    )
    assert r.exit_code == 0, r.output
    assert "2013" in r.stdout and "2015" in r.stdout and "* omräknat" in r.stdout
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    assert "series drawn" in r.stderr


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return kvcli.figures_frame(
        [SAMPLES / "vetlanda-vuxen-2013.txt", SAMPLES / "jonkoping-behandling-2016.txt"]
    )


def test_figures_frame_columns_and_types(frame: pd.DataFrame) -> None:
    assert list(frame.columns)[:9] == [
        "path",
        "organisation",
        "unit",
        "period_start",
        "period_end",
        "section_path",
        "label",
        "column",
        "value",
    ]
    assert frame["value"].dtype == float and str(frame["period"].dtype) == "Int64"
    row = frame[(frame.label == "Total") & (frame.column == "Budget")].iloc[0]
    assert row.value == 11893 and row.unit_of_value == "tkr" and row.organisation == "Jönköpings kommun"


def test_excel_sv_csv_round_trips(tmp_path: Path, frame: pd.DataFrame) -> None:
    out = tmp_path / "f.csv"
    r = CliRunner().invoke(main, ["figures", str(SAMPLES / "vetlanda-vuxen-2013.txt"), str(SAMPLES / "jonkoping-behandling-2016.txt"),
                                  "-o", str(out), "--csv-dialect", "excel-sv"])  # fmt: skip
    assert r.exit_code == 0, r.output
    text = out.read_text(encoding="utf-8-sig")
    assert ";" in text.splitlines()[0] and "11984,2" in text
    back = pd.read_csv(out, sep=";", decimal=",", encoding="utf-8-sig")
    assert back["value"].dtype == float
    assert back["value"].tolist() == pytest.approx(frame["value"].tolist())


@pytest.mark.parametrize("ext", ["xlsx", "parquet", "json", "csv"])
def test_figures_export_formats(tmp_path: Path, ext: str) -> None:
    out = tmp_path / f"f.{ext}"
    r = CliRunner().invoke(main, ["figures", str(SAMPLES / "jonkoping-behandling-2016.txt"), "-o", str(out)])
    assert r.exit_code == 0, r.output
    read = {"xlsx": pd.read_excel, "parquet": pd.read_parquet, "json": pd.read_json, "csv": pd.read_csv}[ext]
    df = read(out)
    # The report's 23 table cells, and the counts its sentences state, told apart by their source.
    assert (df["source"] == "table").sum() == 23 and pd.api.types.is_float_dtype(df["value"])
    assert set(df["source"]) == {"table", "prose"}
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # written atomically: no temp files left


def test_unknown_export_type(tmp_path: Path) -> None:
    r = CliRunner().invoke(
        main, ["figures", str(SAMPLES / "jonkoping-behandling-2016.txt"), "-o", str(tmp_path / "f.doc")]
    )
    assert r.exit_code == 2 and "unknown output type '.doc'" in r.stderr
