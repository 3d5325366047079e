"""Issue 10, item 12: hostile rule packs (alias bombs, deep nesting, huge values, bad regexes, odd files) are
refused quickly with one short line naming the file and line, never a hang, a traceback or a 500 MB message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from kvcli.checks.pack import load_pack
from kvcli.checks.pack_yaml import MAX_PACK_BYTES
from kvcli.cli import main
from kvcli.errors import RuleError

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "samples" / "jonkoping-behandling-2016.txt"
RULE = "rules:\n  - code: XX101\n    name: egen\n    kind: {kind}\n    message: {{sv: 'Fynd {{match}}'}}\n"


def rule(kind: str = "existence", **fields: str) -> str:
    return RULE.format(kind=kind) + "".join(f"    {k}: {v}\n" for k, v in fields.items())


def check_with(pack: Path) -> tuple[int, str]:
    """kvcli check in its own process: a pack that hangs the loader fails the test instead of the suite."""
    try:
        r = subprocess.run(
            [sys.executable, "-m", "kvcli", "check", str(REPORT), "--no-cache", "--rules", str(pack)],
            capture_output=True, text=True, timeout=120, cwd=ROOT,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.fail(f"kvcli check --rules {pack.name} did not finish")
    return r.returncode, r.stderr


def refused(pack: Path, *expected: str) -> str:
    code, err = check_with(pack)
    assert code == 2, err[-2000:]
    assert "Traceback" not in err
    line = err.strip().splitlines()[-1]
    assert line.startswith(f"kvcli: error: {pack}"), line[:500]
    assert len(line) < 600, f"{len(line)} characters"
    for part in expected:
        assert part in line, line
    return line


def laughs(levels: int, fan: int, leaf: str = "lol") -> str:
    lines = [f"a0: &a0 [{leaf}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * fan)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


def test_item12_billion_laughs_in_patterns_is_refused(tmp_path: Path) -> None:
    pack = tmp_path / "bomb.yaml"
    # 10**9 patterns once expanded; before the fix str() of it fed re.compile and never finished.
    pack.write_text("pack: bomb\n" + laughs(9, 10) + rule(patterns=f"*a{9}"), encoding="utf-8")
    refused(pack, "alias", "expanded")


@pytest.mark.slow
def test_item12_aliased_huge_string_is_not_echoed(tmp_path: Path) -> None:
    pack = tmp_path / "echo.yaml"
    big = "x" * 400_000
    # Under the expansion caps the pack loads as far as the schema, which quotes the value it refuses.
    pack.write_text(f"pack: echo\ntitle: &s {big}\n" + rule(kind="table_sum", check="*s"), encoding="utf-8")
    refused(pack, "rules/0/check", "…")
    many = ", ".join(["*s"] * 20)
    pack.write_text(f"pack: echo\ntitle: &s {big}\n" + rule(patterns=f"[{many}]"), encoding="utf-8")
    refused(pack, "characters", "expanded")


@pytest.mark.slow
def test_item12_too_many_aliases_recursive_aliases_and_deep_nesting(tmp_path: Path) -> None:
    pack = tmp_path / "p.yaml"
    pack.write_text(
        "pack: p\nx: &x a\nmany: [" + ", ".join(["*x"] * 5000) + "]\nrules: []\n", encoding="utf-8"
    )
    refused(pack, f"{pack}:3:", "alias uses")
    pack.write_text("pack: p\nrules: &r [*r]\n", encoding="utf-8")
    refused(pack, "contains it")
    pack.write_text("pack: p\nrules: " + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    refused(pack, "nested more than")
    # Deep only once expanded: each level aliases the previous one inside a few brackets.
    lines = ["d0: &d0 [[[[x]]]]"] + [f"d{i}: &d{i} [[[[*d{i - 1}]]]]" for i in range(1, 40)]
    pack.write_text("pack: p\n" + "\n".join(lines) + "\nrules: []\n", encoding="utf-8")
    refused(pack, "levels once aliases are expanded")


@pytest.mark.slow
def test_item12_oversized_pack_and_files_that_are_not_packs(tmp_path: Path) -> None:
    pack = tmp_path / "big.yaml"
    pack.write_text("pack: big\n# " + "x" * MAX_PACK_BYTES + "\nrules: []\n", encoding="utf-8")
    refused(pack, "over 1,024 KB")
    pack.write_bytes(b"pack: latin\ntitle: \xe5rsrapport\nrules: []\n")
    refused(pack, "not UTF-8")
    if hasattr(os, "mkfifo"):
        folder = tmp_path / "packs"
        folder.mkdir()
        os.mkfifo(folder / "fifo.yaml")  # would block a plain read forever
        code, err = check_with(folder)
        assert code == 2 and f"{folder / 'fifo.yaml'}: not a regular file" in err


@pytest.mark.parametrize(("fields", "expected"), [
    ({"patterns": "[ok, '(unclosed']"}, ":9: rule XX101: pattern '(unclosed' is not a regular expression"),
    ({"patterns": "['" + "a" * 5000 + "']"}, "is too long (at most 1000 characters)"),
    ({"patterns": "[[nested, list]]"}, "rules/0/patterns/0"),
    ({"patterns": "'a|b'"}, "rules/0/patterns"),
])  # fmt: skip
def test_item12_regex_patterns_are_bounded_and_named_by_line(tmp_path: Path, fields: dict[str, str],
                                                             expected: str) -> None:  # fmt: skip
    pack = tmp_path / "re.yaml"
    text = rule(**fields)
    if "unclosed" in text:
        text = rule(patterns="\n      - ok\n      - '(unclosed'")
    pack.write_text("pack: re\n" + text, encoding="utf-8")
    refused(pack, expected)


@pytest.mark.parametrize(("kind", "fields", "expected"), [
    ("table_sum", {"check": "totals", "tolerance": ".nan"}, "rules/0/tolerance: nan is not a usable number"),
    ("table_sum", {"check": "totals", "tolerance": "-.inf"}, "-inf is not a usable number"),
    ("table_sum", {"check": "totals", "tolerance": "lots"}, "'lots' is not of type 'number'"),
    ("table_empty", {"min_share": "7"}, "rules/0/min_share"),
    ("required_headings", {"headings": "Ledning"}, "rules/0/headings"),
    ("empty_section", {"labels": "{a: b}"}, "rules/0/labels"),
    ("k" * 100_000, {}, "unknown kind 'kkk"),
])  # fmt: skip
def test_item12_kind_fields_are_typed_and_echoed_short(tmp_path: Path, kind: str, fields: dict[str, str],
                                                       expected: str) -> None:  # fmt: skip
    pack = tmp_path / "k.yaml"
    pack.write_text("pack: k\n" + rule(kind=kind, **fields), encoding="utf-8")
    refused(pack, expected)


def test_item12_keys_must_be_text(tmp_path: Path) -> None:
    pack = tmp_path / "keys.yaml"
    pack.write_text(
        "pack: keys\nconcepts:\n  1: {title: a, reference: b, basis: föreskrift, headings: [a], keywords: [b]}\n"
        "rules: []\n", encoding="utf-8",
    )  # fmt: skip
    with pytest.raises(RuleError, match=r"keys.yaml:3: keys must be text, not 1"):
        load_pack(pack)


def test_item12_ordinary_anchors_still_work(tmp_path: Path) -> None:
    # Aliases are YAML: a pack may share a message between rules, well under the caps.
    pack = tmp_path / "ok.yaml"
    pack.write_text(
        "pack: ok\nmsg: &msg {sv: 'Ordet {match}', en: 'The word {match}'}\nrules:\n"
        "  - {code: XX101, name: ett, kind: existence, patterns: [brukare], message: *msg}\n"
        "  - {code: XX102, name: tva, kind: existence, patterns: [klagom], message: *msg}\n",
        encoding="utf-8",
    )
    with pytest.raises(RuleError, match="additional|not allowed|msg"):
        load_pack(pack)  # top-level keys are fixed by the schema: anchors go inside rules
    pack.write_text(
        "pack: ok\nrules:\n"
        "  - {code: XX101, name: ett, kind: existence, patterns: [brukare], message: &msg {sv: 'Ordet {match}'}}\n"
        "  - {code: XX102, name: tva, kind: existence, patterns: [klagom], message: *msg}\n",
        encoding="utf-8",
    )
    assert [r.code for r in load_pack(pack).rules] == ["XX101", "XX102"]
    r = CliRunner().invoke(main, ["check", str(REPORT), "--no-cache", "--rules", str(pack), "--select", "XX",
                                   "--fail-on", "warning"])
    assert r.exit_code == 1 and "XX101" in r.stdout
