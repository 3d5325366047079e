"""Every finding at its evidence: the line (or Word paragraph) and page of the blank, not of the heading."""

from __future__ import annotations

from pathlib import Path

from kvcli.api import check as check_path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).parent / "fixtures" / "check"


def at(path: Path, code: str) -> list[tuple[int | None, int | None]]:
    return [(f.page, f.line) for f in check_path(path).findings if f.code == code]


def test_a_blank_count_is_reported_at_its_own_line() -> None:
    # Vetlanda 2013: "Om ja, ange antal:" left blank on line 129, in the section that starts on line 86.
    assert at(SAMPLES / "vetlanda-vuxen-2013.txt", "KV402") == [(None, 129)]
    lines = (SAMPLES / "vetlanda-vuxen-2013.txt").read_text(encoding="utf-8").split("\n")
    assert lines[128].strip() == "Om ja, ange antal:"


def test_two_blank_prompts_in_one_section_are_two_places() -> None:
    # Jönköping: two empty "Enhetschefens kommentar" in 'Dokumentation', on lines 227 and 231.
    found = at(SAMPLES / "jonkoping-behandling-2016.txt", "KV203")
    assert found == [(None, 219), (None, 227), (None, 231)]
    lines = (SAMPLES / "jonkoping-behandling-2016.txt").read_text(encoding="utf-8").split("\n")
    assert {lines[n - 1].strip() for _, n in found} == {"Enhetschefens kommentar"}


def test_word_findings_name_the_paragraph_and_section_path() -> None:
    report = check_path(SAMPLES / "jonkoping-behandling-2016.a.docx")
    blanks = [f for f in report.findings if f.code == "KV203"]
    assert [f.line for f in blanks] == [123, 126, 127]  # paragraph numbers, one per blank
    assert blanks[1].section_path == ["Verksamhet", "Dokumentation"]
    assert blanks[1].evidence == "Enhetschefens kommentar"


def test_pdf_findings_carry_the_page_of_the_blank() -> None:
    assert at(SAMPLES / "jonkoping-behandling-2016.a.pdf", "KV203") == [(7, 16), (7, 22), (7, 23)]


def test_personnummer_at_its_line() -> None:
    assert at(FIXTURES / "dalig-rapport.txt", "KV901") == [(None, 5)]
