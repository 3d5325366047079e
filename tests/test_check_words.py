"""The words of ``check``, ``rules`` and ``rules explain``: Swedish under --lang sv, English under --lang en.

A Swedish writer must not meet English sentences or internal concept ids ("(riskanalys)",
``klagomal_synpunkter``) in what kvcli tells them, nor an English reader Swedish messages. Report text
that kvcli quotes (headings, questions, table headers) and legal citations stay as written.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kvcli.checks import packs_for
from kvcli.cli import main
from kvcli.config import CheckConfig

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(str(p) for p in (ROOT / "samples").glob("*") if p.suffix in (".txt", ".docx", ".pdf"))
HAND_MADE = [str(p) for p in sorted((Path(__file__).parent / "fixtures" / "check").glob("*.txt"))]

ENGLISH = re.compile(r"\b(the|is|are|not|of|and|with|has|have|this|that|which|only|found|missing|report|"
                     r"section|table|file|files|checked|findings?|errors|warnings|describe|unreadable|"
                     r"concepts?|present|weak|passing|severity|defined|message|basis|why|bad|good)\b", re.I)  # fmt: skip
SWEDISH = re.compile(r"\b(och|inte|är|saknas|rapporten|tabellen|avsnittet|beskriv|redovisa|frågan|fel|"
                     r"varningar?|anmärkningar?|filer?|kontrollerade?|begrepp|nämns|tomt|ifyllt|allvarlighetsgrad|"
                     r"meddelande|grund|varför|dåligt|bra|redovisas|förbigående)\b", re.I)  # fmt: skip
RULE_NAME = re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b")  # concept-missing, table-empty-values: codes, not words
QUOTED = re.compile(r"\{[^{}\n]*\}|'[^'\n]*'|«[^»\n]*»|\[[^\]\n]*\]|\"[^\"\n]*\"|\([^()\n]*\)")


def _ids() -> list[str]:
    return [cid for pack in packs_for(CheckConfig()) for cid in pack.concepts]


def run(*args: str) -> str:
    r = CliRunner().invoke(main, list(args))
    assert r.exit_code in (0, 1), r.output
    return r.stdout + r.stderr


def outputs(lang: str) -> str:
    texts = [run("check", *SAMPLES, *HAND_MADE, "--lang", lang, "--no-cache"), run("rules", "--lang", lang)]
    codes = [ln.split()[0] for ln in run("rules").splitlines() if ln.strip()]
    texts += [run("rules", "explain", code, "--lang", lang) for code in codes]
    return "\n".join(texts)


def _our_words(text: str) -> list[str]:
    """The lines kvcli wrote itself: quotes of the report, references, paths and rule names taken out."""
    out = []
    text = re.sub(r'"[^"]*"', " ", text)  # a quote may wrap onto the next line
    for line in text.splitlines():
        if line.lstrip().startswith("→"):  # a heading path from the report: only the place label is ours
            line = " ".join(re.findall(r"\b(?:paragraph|stycke|line|rad) \d+", line))
        line = re.sub(r"\S*(samples|fixtures|rulepacks|/tmp)/\S*", " ", line)
        out.append(QUOTED.sub(" ", RULE_NAME.sub(" ", line)))
    return out


@pytest.fixture(scope="module")
def swedish() -> str:
    return outputs("sv")


@pytest.fixture(scope="module")
def english() -> str:
    return outputs("en")


def test_swedish_output_has_no_english_sentence(swedish: str) -> None:
    bad = [ln for ln in _our_words(swedish) if ENGLISH.search(ln)]
    assert not bad, bad[:10]


def test_swedish_output_names_no_concept_id(swedish: str) -> None:
    ids = _ids()
    unquoted = re.sub(r"\[[^\]\n]*\]", " ", swedish)  # references cite "4 kap. (samverkan)"
    for cid in ids:
        assert f"({cid})" not in unquoted
        if "_" in cid or cid == "forbattringar":  # ids that are not Swedish words at all
            assert cid not in swedish, cid


def test_english_output_has_no_swedish_message_text(english: str) -> None:
    bad = [ln for ln in _our_words(english) if SWEDISH.search(ln)]
    assert not bad, bad[:10]
    unquoted = re.sub(r"\[[^\]\n]*\]", " ", english)
    for cid in _ids():
        assert f"({cid})" not in unquoted


def test_counts_take_the_right_form() -> None:
    out = run("check", str(ROOT / "samples" / "jonkoping-behandling-2016.txt"), "--no-cache")
    assert "har 1 tom värdecell av 1 (bara rubrikrad)" in out
    assert "har 3 tomma värdeceller av 3" in out
    out = run("check", str(ROOT / "samples" / "jonkoping-behandling-2016.txt"), "--no-cache", "--lang", "en")
    assert "has 1 empty value cell out of 1" in out and "has 3 empty value cells out of 3" in out


def test_verified_marks_only_in_rules_explain(swedish: str) -> None:
    check = run("check", *SAMPLES[:4], "--no-cache")
    assert "verifier" not in check
    assert "paragrafnumret ej verifierat" in run("rules", "explain", "KV101")


def test_references_corrected() -> None:
    explain = run("rules", "explain", "KV901")
    assert "Dataskyddslagen (2018:218) 3 kap. 10 §" in explain and "GDPR" not in explain
    assert "3 kap. 1 §" not in run("rules", "explain", "KV602")
    assert "LSS 24 b–f §§" in run("rules", "explain", "KV101")
    assert "5 kap. 4–6 §§" in run("rules", "explain", "KV101")  # avvikelser has a § now


def test_each_question_has_its_own_basis() -> None:
    out = run("check", str(ROOT / "samples" / "vetlanda-vuxen-2013.txt"), "--no-cache", "--select", "KV401")
    refs = dict(re.findall(r"Frågan '([^']+)' är obesvarad.*\[([^\]]+)\]", out))
    assert refs["Har någon anmälan enligt lex Sarah gjorts till inspektionen för vård och omsorg?"].startswith("SoL 14 kap.")
    assert "5 kap. 1 §" in refs["Har ni inom Vuxensektionen gjort en riskanalys under året?"]
    assert "6 kap." in refs["Har alla medarbetare en individuell kompetensutvecklingsplan?"]
    assert len(set(refs.values())) >= 4
