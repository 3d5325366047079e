"""What a new user hits on a first run (issue 10, item 14)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

from kvcli.cli import main
from kvcli.compare.trend import TrendPoint
from kvcli.output.plot import plot

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIX = ROOT / "tests" / "fixtures" / "diff"


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args))
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r.exit_code, r.stdout, r.stderr


def test_item14_diff_of_two_renditions_shows_changes_and_a_summary() -> None:
    txt, pdf = SAMPLES / "vetlanda-vuxen-2013.txt", SAMPLES / "vetlanda-vuxen-2013.a.docx"
    code, out, _ = run("diff", str(txt), str(pdf), "--no-cache")
    assert code == 0
    assert "Inga ändrade nyckeltal." in out
    last = out.strip().splitlines()[-1]
    assert re.fullmatch(r"\d+ rader: 0 ändrade, 0 tillagda, 0 borttagna, \d+ oförändrade; \d+ oförändrade visas med --all", last)
    code, everything, _ = run("diff", str(txt), str(pdf), "--no-cache", "--all")
    assert len(everything.splitlines()) > len(out.splitlines()) + 20
    assert everything.strip().splitlines()[-1].startswith(last.split(";")[0])


def test_item14_diff_keeps_changed_added_removed_and_renamed_rows() -> None:
    code, out, _ = run("diff", str(FIX / "enhet-2015.txt"), str(FIX / "enhet-2016.txt"), "--no-cache")
    assert "Familjehem -> Placeringar i familjehem" in out  # renamed, same value: still shown
    assert "+++   JO-anmälningar" in out and "---   Lex Sarah-rapporter" in out
    assert out.strip().endswith("8 rader: 5 ändrade, 1 tillagd, 1 borttagen, 1 oförändrad (1 med ny benämning)")
    code, js, _ = run("diff", str(FIX / "enhet-2015.txt"), str(FIX / "enhet-2016.txt"), "--format", "json")
    assert len(json.loads(js)["rows"]) == 8  # machine formats hold every row, with its status


def test_item14_sarif_rule_descriptions_have_no_placeholders() -> None:
    code, out, _ = run("check", str(SAMPLES / "jonkoping-behandling-2016.txt"), "--format", "sarif", "--no-cache")
    rules = json.loads(out)["runs"][0]["tool"]["driver"]["rules"]
    assert rules
    for r in rules:
        for key in ("shortDescription", "fullDescription", "help"):
            assert not re.search(r"\{\w+\}", r[key]["text"]), (r["id"], key, r[key]["text"])


def test_item14_rules_explain_accepts_rules() -> None:
    code, out, _ = run("rules", "explain", "VT101", "--rules", str(ROOT / "rules" / "vetlanda-tryggve.yaml"))
    assert code == 0 and out.startswith("VT101 tryggve-chapter-missing")
    code, _, err = run("rules", "explain", "VT101")
    assert code == 2 and "unknown rule" in err


def test_item14_flat_counts_get_whole_number_ticks(tmp_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    shown: list[list[float]] = []
    real_savefig = plt.Figure.savefig

    def capture(fig, *args, **kwargs):  # type: ignore[no-untyped-def]
        for ax in fig.axes:
            if ax.lines:
                low, high = ax.get_ylim()
                shown.append([t for t in ax.get_yticks() if low <= t <= high])
        return real_savefig(fig, *args, **kwargs)

    plt.Figure.savefig = capture  # type: ignore[method-assign]
    try:
        plot([TrendPoint("Lex Sarah", "", None, y, 2.0, "a.txt") for y in (2012, 2013, 2014)], tmp_path / "p.png")
    finally:
        plt.Figure.savefig = real_savefig  # type: ignore[method-assign]
    assert shown and shown[0] and all(float(t).is_integer() for t in shown[0]) and 2.0 in shown[0]


def test_item14_trend_and_figures_show_progress_on_a_terminal(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kvcli.output import progress

    monkeypatch.setattr(progress.Progress, "__init__", _always_on(progress.Progress.__init__))
    files = [str(p) for p in sorted(SAMPLES.glob("*.txt"))]
    _, _, err = run("figures", *files, "-o", str(tmp_path / "f.csv"), "--no-cache")
    assert "] 4/4 " in err
    _, _, err = run("trend", *files, "--no-cache")
    assert "] 4/4 " in err


def _always_on(init):  # type: ignore[no-untyped-def]
    def wrapped(self, total=0, stream=None, enabled=None, report_errors=False):  # type: ignore[no-untyped-def]
        init(self, total, stream, True if enabled is None else enabled, report_errors)

    return wrapped


def test_item14_both_readme_config_forms_work_as_pasted(tmp_path: Path) -> None:
    from kvcli.config import load_config

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(# (kvcli\.toml|pyproject\.toml)\n.*?)```", readme, re.S)
    assert {name for _, name in blocks} == {"kvcli.toml", "pyproject.toml"}
    for text, name in blocks:
        folder = tmp_path / name
        (folder / "rules").mkdir(parents=True)
        (folder / "rules" / "vetlanda-tryggve.yaml").write_bytes((ROOT / "rules" / "vetlanda-tryggve.yaml").read_bytes())
        (folder / name).write_text(text, encoding="utf-8")
        cfg = load_config(folder)
        assert cfg.ignore == ["KV602"] and cfg.severity == {"KV203": "info"}, name
        assert cfg.rules == [str(folder / "rules" / "vetlanda-tryggve.yaml")]
        report = folder / "r.txt"
        report.write_bytes((SAMPLES / "jonkoping-behandling-2016.txt").read_bytes())
        code, out, err = run("check", str(report), "--no-cache", "--fail-on", "warning")
        assert code == 1 and "VT101" in out and "KV602" not in out, err
