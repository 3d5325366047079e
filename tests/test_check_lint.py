"""``kvcli check`` as a lint step: unknown codes refused, --fail-on, and the baseline of known findings."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from kvcli.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "vetlanda-vuxen-2013.txt"
DOCX = ROOT / "samples" / "vetlanda-vuxen-2013.a.docx"
FIXTURES = Path(__file__).parent / "fixtures" / "check"


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, [*args, "--no-cache"])
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    return r.exit_code, r.stdout, r.stderr


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_a_typo_in_a_code_is_a_usage_error_naming_it(option: str) -> None:
    code, out, err = run("check", str(SAMPLE), option, "KVl01,KV4,KV77")
    assert code == 2 and out == ""
    assert "unknown rule codes: KVL01 (" + option + "), KV77 (" + option + ")" in err


def test_a_typo_in_the_config_names_the_file(tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "r.txt")
    (tmp_path / "kvcli.toml").write_text('select = ["KV4"]\nignore = ["KV42"]\n[severity]\nKV999 = "info"\n',
                                         encoding="utf-8")  # fmt: skip
    code, _, err = run("check", str(tmp_path / "r.txt"))
    assert code == 2
    assert f"KV42 ({tmp_path / 'kvcli.toml'}: ignore)" in err and f"KV999 ({tmp_path / 'kvcli.toml'}: severity)" in err


def test_prefixes_that_name_rules_are_fine() -> None:
    assert run("check", str(SAMPLE), "--select", "KV4", "--ignore", "KV40")[0] == 0


def test_fail_on_decides_the_exit_code() -> None:
    # Vetlanda 2013 has warnings (unanswered questions) and no error-level finding.
    assert run("check", str(SAMPLE), "--select", "KV4")[0] == 0  # default: fail on errors only
    assert run("check", str(SAMPLE), "--select", "KV4", "--fail-on", "warning")[0] == 1
    assert run("check", str(SAMPLE), "--select", "KV4", "--fail-on", "info")[0] == 1
    bad = str(FIXTURES / "dalig-rapport.txt")
    assert run("check", bad, "--select", "KV901")[0] == 1  # a personnummer is an error
    assert run("check", bad, "--select", "KV901", "--exit-zero")[0] == 0


def test_fail_on_from_the_config(tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "r.txt")
    (tmp_path / "kvcli.toml").write_text('select = ["KV4"]\nfail-on = "warning"\n', encoding="utf-8")
    assert run("check", str(tmp_path / "r.txt"))[0] == 1
    (tmp_path / "kvcli.toml").write_text('fail-on = "fatal"\n', encoding="utf-8")
    code, _, err = run("check", str(tmp_path / "r.txt"))
    assert code == 2 and "fail-on must be info, warning or error" in err


def _baseline_run(report: Path, baseline: Path) -> tuple[int, str, str]:
    return run("check", str(report), "--baseline", str(baseline), "--fail-on", "warning", "--format", "json")


def _edit_docx(path: Path, edit: Callable[[str], str]) -> None:
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["word/document.xml"] = edit(parts["word/document.xml"].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def _paragraph(xml: str, text: str, start: int = 0) -> tuple[int, int]:
    at = xml.index(text, start)
    begin = max(xml.rfind("<w:p>", 0, at), xml.rfind("<w:p ", 0, at))
    return begin, xml.index("</w:p>", at) + len("</w:p>")


def test_baseline_fails_only_on_new_findings_and_survives_moved_text(tmp_path: Path) -> None:
    report = tmp_path / "rapport.docx"
    shutil.copy(DOCX, report)
    baseline = tmp_path / "baseline.json"
    code, _, err = run("check", str(report), "--write-baseline", str(baseline), "--fail-on", "warning")
    assert code == 0 and "skrivna till baslinjen" in err
    written = json.loads(baseline.read_text(encoding="utf-8"))
    assert written["schema"] == "kvcli.baseline/1" and len(written["findings"]) > 10
    assert all(e["path"] == "rapport.docx" and "line" not in e for e in written["findings"])

    code, out, _ = _baseline_run(report, baseline)
    assert code == 0 and json.loads(out)["files"][0]["findings"] == []
    assert json.loads(out)["baseline"]["known"] == sum(e["count"] for e in written["findings"])

    # Text moved: twenty new paragraphs in the introduction shift every later paragraph number, and two
    # paragraphs of the last chapter swap places. No known finding comes back.
    def move(xml: str) -> str:
        b, e = _paragraph(xml, "Vuxensektionen lägger stor vikt")
        para, xml = xml[b:e], xml[:b] + xml[e:]
        b2, e2 = _paragraph(xml, "Verksamheten kan bedömas som flexibel")
        xml = xml[:e2] + para + xml[e2:]
        b3, e3 = _paragraph(xml, "Inledning", xml.index("<w:body>") + 3000)
        extra = "".join(f"<w:p><w:r><w:t>Stycke {i} om verksamheten.</w:t></w:r></w:p>" for i in range(20))
        return xml[:e3] + extra + xml[e3:]

    _edit_docx(report, move)
    code, out, _ = _baseline_run(report, baseline)
    assert code == 0, json.loads(out)["files"][0]["findings"]

    # A blank section added (a Heading 2 with nothing under it): that, and only that, fails.
    def blank_section(xml: str) -> str:
        b, _ = _paragraph(xml, "Antal ansökningar om skuldsanering", xml.index("Heading2"))
        heading = '<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Uppföljning av åtgärder</w:t></w:r></w:p>'
        return xml[:b] + heading + xml[b:]

    _edit_docx(report, blank_section)
    code, out, _ = _baseline_run(report, baseline)
    found = json.loads(out)["files"][0]["findings"]
    assert code == 1
    failing = [(f["code"], f["section_path"][-1]) for f in found if f["severity"] != "info"]
    assert failing == [("KV203", "Uppföljning av åtgärder")]


def test_stale_entries_are_reported(tmp_path: Path) -> None:
    report = tmp_path / "rapport.txt"
    shutil.copy(SAMPLE, report)
    baseline = tmp_path / "baseline.json"
    run("check", str(report), "--write-baseline", str(baseline))
    text = report.read_text(encoding="utf-8")
    fixed = text.replace("Har brister identifierats?\n\nJa Nej", "Har brister identifierats?\n\nJa x Nej")
    assert fixed != text
    report.write_text(fixed, encoding="utf-8")
    code, out, err = run("check", str(report), "--baseline", str(baseline))
    assert code == 0
    assert "kvcli: baslinjen" in err and "finns inte längre" in err
    assert "rapport.txt: KV401" in err and "har brister identifierats" in err
    code, _, err = run("check", str(report), "--baseline", str(baseline), "--lang", "en")
    assert "no longer found" in err


def test_a_broken_baseline_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "b.json"
    bad.write_text("{not json", encoding="utf-8")
    code, out, err = run("check", str(SAMPLE), "--baseline", str(bad))
    assert code == 2 and out == "" and "not a kvcli baseline" in err
    bad.write_text('{"findings": []}', encoding="utf-8")
    assert run("check", str(SAMPLE), "--baseline", str(bad))[0] == 2
    code, _, err = run("check", str(SAMPLE), "--baseline", str(tmp_path / "missing.json"))
    assert code == 2 and "cannot read baseline" in err


def test_the_baseline_never_holds_a_personnummer_in_clear(tmp_path: Path) -> None:
    baseline = tmp_path / "b.json"
    run("check", str(FIXTURES / "dalig-rapport.txt"), "--write-baseline", str(baseline))
    text = baseline.read_text(encoding="utf-8")
    assert "811218-9876" not in text and "8112189876" not in text and "811218" in text


def test_write_baseline_refuses_to_overwrite_an_input(tmp_path: Path) -> None:
    report = tmp_path / "rapport.txt"
    shutil.copy(SAMPLE, report)
    code, _, err = run("check", str(report), "--write-baseline", str(report))
    assert code == 2 and report.read_text(encoding="utf-8") == SAMPLE.read_text(encoding="utf-8")
