"""Alignment, diff, restatements and renames; the CLI's markers, thresholds and formats."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

import kvcli
from kvcli.cli import main
from kvcli.compare.align import align, indicators, normalise_label
from kvcli.options import DiffOptions

ROOT = Path(__file__).resolve().parent.parent
FIX = Path(__file__).resolve().parent / "fixtures" / "diff"
SAMPLES = ROOT / "samples"


def test_label_normalisation() -> None:
    assert (
        normalise_label("Antal avslagsbeslut")
        == normalise_label("Avslagsbeslut, antal")
        == normalise_label("Avslagsbesluten")
    )
    assert normalise_label("2.1 Anmälningar barn och unga (antal)") == normalise_label(
        "Antal anmälningar, barn och unga"
    )
    assert normalise_label("Lex Sarah") != normalise_label("Synpunkt Vetlanda")


def test_hand_made_pair_every_alignment_right_and_only_the_30_percent_change_flagged() -> None:
    old = kvcli.parse(FIX / "enhet-2015.txt")
    new = kvcli.parse(FIX / "enhet-2016.txt")
    matches, only_old, only_new = align(indicators(old), indicators(new))
    pairs = {(m.old.label, m.new.label) for m in matches}
    expected = {
        ("Antal avslagsbeslut", "Avslagsbeslut, antal"),  # reworded
        ("Antal överklaganden", "Överklaganden (antal)"),  # reworded
        ("Öppenvård", "Öppenvård"),  # table moved to another chapter
        ("Boendestöd", "Boendestöd"),
        ("Familjehem", "Placeringar i familjehem"),  # reworded
        ("Totalt", "Totalt"),  # a generic label, placed by its table's neighbours
    }
    assert pairs == expected  # precision and recall 1.0 on this pair
    assert [i.label for i in only_old] == ["Lex Sarah-rapporter"]  # removed
    assert [i.label for i in only_new] == ["JO-anmälningar"]  # added
    res = kvcli.diff(old, new, DiffOptions(threshold=20))
    assert res.by == "year"
    assert [(r.indicator, r.old, r.new) for r in res.flagged] == [("Öppenvård", 54.0, 70.0)]
    assert {(r.kind, r.old, r.new) for r in res.renames} == {
        ("section", "Statistik", "Uppföljning"),
        ("section", "Synpunkter", "Synpunkter och klagomål"),
    }
    assert res.restatements == []


def test_restatement_detected(tmp_path: Path) -> None:
    # The 2017 report repeats 2016 with another number (465 avslagsbeslut) than the 2016 report (460).
    res = kvcli.diff(FIX / "enhet-2016.txt", FIX / "enhet-2017.txt")
    assert [(r.indicator, r.period, r.old, r.new) for r in res.restatements] == [
        ("Avslagsbeslut, antal", 2016, 460.0, 465.0)
    ]


def test_vetlanda_units_aligned_by_section_for_the_shared_years() -> None:
    res = kvcli.diff(SAMPLES / "vetlanda-vuxen-2013.txt", SAMPLES / "vetlanda-familj-2014-2015.txt")
    assert res.by == "section"  # Vuxensektionen vs Familjesektionen
    rows = [
        (r.indicator, r.old_period, r.old, r.new)
        for r in res.rows
        if r.old_context == "Synpunkter och avvikelser" and r.status in ("changed", "same")
    ]
    assert rows == [
        ("Synpunkt Vetlanda", 2012, 3.0, 1.0),
        ("Synpunkt Vetlanda", 2013, 0.0, 3.0),
        ("Lex Sarah", 2012, 1.0, 2.0),
        ("Lex Sarah", 2013, 0.0, 2.0),
    ]
    frame = res.frame
    assert {"indicator", "old", "new", "change", "change_pct", "status"} <= set(frame.columns)


def test_cli_diff_markers_threshold_and_formats(tmp_path: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(
        main, ["diff", str(FIX / "enhet-2015.txt"), str(FIX / "enhet-2016.txt"), "--threshold", "20"]
    )
    assert r.exit_code == 1
    assert (
        "!->   Öppenvård" in r.stdout
        and "+++   JO-anmälningar" in r.stdout
        and "---   Lex Sarah-rapporter" in r.stdout
    )
    assert "Familjehem -> Placeringar i familjehem" in r.stdout
    r = runner.invoke(
        main, ["diff", str(FIX / "enhet-2015.txt"), str(FIX / "enhet-2016.txt"), "--format", "json"]
    )
    assert r.exit_code == 0 and json.loads(r.stdout)["schema"] == "kvcli.diff/1"
    r = runner.invoke(
        main, ["diff", str(FIX / "enhet-2015.txt"), str(FIX / "enhet-2016.txt"), "--format", "markdown"]
    )
    assert "| @@ " in r.stdout
    out = tmp_path / "d.xlsx"
    r = runner.invoke(
        main,
        [
            "diff",
            str(FIX / "enhet-2015.txt"),
            str(FIX / "enhet-2016.txt"),
            "--format",
            "xlsx",
            "-o",
            str(out),
        ],
    )
    import pandas as pd

    assert r.exit_code == 0 and len(pd.read_excel(out)) == 8


def test_per_indicator_threshold_override(tmp_path: Path) -> None:
    for name in ("enhet-2015.txt", "enhet-2016.txt"):
        (tmp_path / name).write_bytes((FIX / name).read_bytes())
    (tmp_path / "kvcli.toml").write_text(
        '[diff.thresholds]\n"Öppenvård" = 50\n"Överklaganden" = 5\n', encoding="utf-8"
    )
    r = CliRunner().invoke(
        main,
        [
            "diff",
            str(tmp_path / "enhet-2015.txt"),
            str(tmp_path / "enhet-2016.txt"),
            "--threshold",
            "20",
            "--format",
            "json",
        ],
    )
    flagged = [row["indicator"] for row in json.loads(r.stdout)["rows"] if row["flagged"]]
    assert flagged == ["Överklaganden (antal)"]


def test_bad_patterns_and_config_are_usage_errors_not_tracebacks(tmp_path: Path) -> None:
    for name in ("enhet-2015.txt", "enhet-2016.txt"):
        (tmp_path / name).write_bytes((FIX / name).read_bytes())
    runner = CliRunner()
    r = runner.invoke(main, ["trend", str(tmp_path), "--figure", "("])
    assert r.exit_code == 2 and "not a regular expression" in r.stderr
    assert isinstance(r.exception, SystemExit)  # click's usage error, not a re.error traceback
    (tmp_path / "kvcli.toml").write_text('[diff.thresholds]\n"(" = 5\n', encoding="utf-8")
    r = runner.invoke(main, ["diff", str(tmp_path / "enhet-2015.txt"), str(tmp_path / "enhet-2016.txt")])
    assert r.exit_code == 2 and f"{tmp_path / 'kvcli.toml'}: [diff.thresholds]" in r.stderr
    assert isinstance(r.exception, SystemExit)


def test_units_compared_side_by_side_do_not_report_restatements() -> None:
    # Two units' values for the same year differ because they are different units, not revisions.
    res = kvcli.diff(SAMPLES / "vetlanda-vuxen-2013.txt", SAMPLES / "vetlanda-familj-2014-2015.txt")
    assert res.by == "section" and res.restatements == []
    aligned = {(r.old_label, r.new_label) for r in res.rows if r.status in ("changed", "same")}
    assert aligned == {("Synpunkt Vetlanda", "Synpunkt Vetlanda"), ("Lex Sarah", "Lex Sarah")}
