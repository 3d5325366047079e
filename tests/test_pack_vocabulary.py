"""The words rules look for and print are the pack's data, not code (issue 11, item 4)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kvcli import api
from kvcli.checks.pack import builtin_packs, load_pack
from kvcli.cli import main
from kvcli.errors import RuleError

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

PACK = """pack: egen
rules:
  - code: EG{n}101
    name: regel
    kind: {kind}
    check: {check}
    severity: warning
    message: {{sv: "x"}}
"""


@pytest.mark.parametrize(("kind", "check", "field"), [
    ("questions", "blank-count", "prompts"), ("table_sum", "totals", "share_columns"),
    ("table_sum", "percent", "share_columns"), ("table_empty", "share", "header_only"),
])  # fmt: skip
def test_a_rule_without_its_vocabulary_is_refused_by_name(tmp_path: Path, kind: str, check: str, field: str) -> None:
    f = tmp_path / "egen.yaml"
    f.write_text(PACK.format(n="G", kind=kind, check=check), encoding="utf-8")
    with pytest.raises(RuleError, match=rf"egen\.yaml:\d+: rule EGG101: '{field}'"):
        load_pack(f)


def test_a_municipal_pack_brings_its_own_prompts(tmp_path: Path) -> None:
    f = tmp_path / "egen.yaml"
    f.write_text(PACK.format(n="G", kind="questions", check="blank-count")
                 + "    prompts: ['antal besök i år:']\n", encoding="utf-8")  # fmt: skip
    report = tmp_path / "r.txt"
    report.write_text("Kvalitetsberättelse 2016\n\nBesök\n\nAntal besök i år:\n\nMer text här om året.\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["check", str(report), "--rules", str(f), "--select", "EGG", "--no-cache"])
    assert "EGG101" in r.stdout, r.output


def test_the_builtin_pack_ships_as_package_data() -> None:
    assert "sosfs-2011-9" in builtin_packs()
    assert builtin_packs()["sosfs-2011-9"].parent.name == "rulepacks"
    assert not builtin_packs()["sosfs-2011-9"].is_symlink()


def test_english_concept_evidence_is_english() -> None:
    cfg = api.CheckConfig(lang="en")
    report = api.check(SAMPLES / "vaxjo-arbete-valfard-2014.txt", cfg)
    weak = [f.message for f in report.findings if f.code == "KV102"]
    assert weak and all("bara mall" not in m and "rad " not in m for m in weak), weak
    assert any("only template or rule text" in m and "p. 3, line 212" in m for m in weak)


def test_plotting_without_matplotlib_is_one_line_and_happens_before_any_work(monkeypatch: pytest.MonkeyPatch,
                                                                            tmp_path: Path) -> None:  # fmt: skip
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if `pip install kvcli` without the [plot] extra
    r = CliRunner().invoke(main, ["trend", str(SAMPLES / "vetlanda-vuxen-2013.txt"), "--plot", str(tmp_path / "p.png")])
    assert r.exit_code == 2 and r.stdout == ""
    assert r.stderr.strip() == "kvcli: error: drawing a plot needs matplotlib: pip install 'kvcli[plot]'"
