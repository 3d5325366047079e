"""Indicator keys, Swedish stemming, table affinity and one-to-one alignment — on hand-built documents
and on the hand-labelled report pairs in tests/align_truth.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from align_truth import PAIRS

import kvcli
from kvcli.compare.align import align, indicators, normalise_label, score, stem, strip_year
from kvcli.model import Document, Figure, Metadata, Period, Section, Source, Table

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "words",
    [
        ("överklagande", "överklaganden", "överklagandet", "överklagandena"),
        ("personalkostnad", "personalkostnader", "personalkostnaderna"),
        ("anmälning", "anmälningar", "anmälningarna"),
        ("kvinna", "kvinnor", "kvinnorna"),
        ("öppenvård", "öppenvården"),
        ("synpunkt", "synpunkter", "synpunkterna"),
    ],
)
def test_inflections_share_a_stem(words: tuple[str, ...]) -> None:
    assert len({stem(w) for w in words}) == 1, {w: stem(w) for w in words}


def test_label_keys_ignore_order_case_numbering_units_and_years() -> None:
    same = ["Antal avslagsbeslut", "Avslagsbeslut, antal", "AVSLAGSBESLUTEN", "3.2 Avslagsbeslut (st)",
            "Avslagsbeslut 2014"]  # fmt: skip
    assert len({normalise_label(x) for x in same}) == 1
    assert normalise_label("Personalkostnader (tkr)") == normalise_label("Personalkostnad, tkr")
    # Negations and numbers are identity, not noise.
    assert normalise_label("Avslutade med insats") != normalise_label("Avslutade utan insats")
    assert normalise_label("Besvarade inom 14 dagar") != normalise_label("Besvarade inom 30 dagar")


def test_year_columns_lose_their_year_and_period_note() -> None:
    assert strip_year("2015 (tom 150918)") == ""
    assert strip_year("2015 t.o.m. augusti") == ""
    assert strip_year("Inledda 2011") == "Inledda"
    assert strip_year("2015 (prognos)") == "(prognos)"  # a forecast is not the outcome
    assert strip_year("Budget") == "Budget"


# --- hand-built documents ------------------------------------------------------------------------------


def _doc(path: str, tables: list[tuple[str, str, dict[str, dict[int, float]]]], unit: str | None = None) -> Document:
    """A document from {section title: (caption, {label: {year: value}})}: one table per section."""
    doc = Document(source=Source(path=path, format="txt", sha256="0" * 64), metadata=Metadata(unit=unit))
    for n, (title, caption, rows) in enumerate(tables, 1):
        sid, tid = f"s{n}", f"t{n}"
        doc.sections.append(Section(sid, title, 1, [title], None, None, ""))
        years = sorted({y for v in rows.values() for y in v})
        doc.tables.append(Table(tid, sid, caption or None, None, [["", *map(str, years)]],
                                [[label, *(str(v.get(y, "")) for y in years)] for label, v in rows.items()]))  # fmt: skip
        for label, values in rows.items():
            for year, value in values.items():
                doc.figures.append(Figure(label, str(year), value, None, year, sid, tid, None, None, label))
    last = max(y for _, _, rows in tables for v in rows.values() for y in v)
    doc.metadata.period = Period(last, last)
    return doc


def _pairs(old: Document, new: Document) -> set[tuple[str, str, str, str]]:
    matches, _, _ = align(indicators(old), indicators(new))
    return {(m.old.label, m.old.context, m.new.label, m.new.context) for m in matches}


def test_look_alike_rows_follow_their_own_table() -> None:
    # "Kvinnor"/"Män" stand in two tables; the second table is renamed in the new report.
    old = _doc("a", [("Brukare", "", {"Kvinnor": {2014: 220}, "Män": {2014: 160}, "Totalt": {2014: 380}}),
                     ("Handläggning", "", {"Kvinnor": {2014: 12}, "Män": {2014: 15}})])  # fmt: skip
    new = _doc("b", [("Handläggningstider", "", {"Kvinnor": {2015: 11}, "Män": {2015: 13}}),
                     ("Brukare", "", {"Kvinnor": {2015: 231}, "Män": {2015: 158}, "Totalt": {2015: 389}})])  # fmt: skip
    assert _pairs(old, new) == {
        ("Kvinnor", "Brukare", "Kvinnor", "Brukare"),
        ("Män", "Brukare", "Män", "Brukare"),
        ("Totalt", "Brukare", "Totalt", "Brukare"),
        ("Kvinnor", "Handläggning", "Kvinnor", "Handläggningstider"),
        ("Män", "Handläggning", "Män", "Handläggningstider"),
    }


def test_one_word_labels_do_not_cross_into_unrelated_tables() -> None:
    # Two different surveys both report "Antal svar"; nothing else in the tables agrees.
    old = _doc("a", [("Brukarundersökning", "", {"Antal svar": {2013: 174}, "Tillgänglighet": {2013: 8.6},
                                                 "Bemötande": {2013: 8.7}})])  # fmt: skip
    new = _doc("b", [("Enkät till familjehem", "", {"Antal svar": {2015: 25}, "Telefon": {2015: 5.8},
                                                    "Handledning": {2015: 7.7}})])  # fmt: skip
    assert _pairs(old, new) == set()
    # The same one-word label in the same survey (renamed chapter, same rows) does align.
    new2 = _doc("b", [("Brukarenkät", "", {"Antal svar": {2014: 180}, "Tillgänglighet": {2014: 8.5},
                                           "Bemötande": {2014: 8.8}})])  # fmt: skip
    assert ("Antal svar", "Brukarundersökning", "Antal svar", "Brukarenkät") in _pairs(old, new2)


def test_a_specific_label_is_found_in_another_chapter() -> None:
    old = _doc("a", [("Statistik", "", {"Antal anmälningar, barn och unga": {2014: 1641}, "Övrigt": {2014: 3}})])
    new = _doc("b", [("Barn och unga", "", {"Anmälningar barn och unga (antal)": {2015: 1702}})])
    assert _pairs(old, new) == {
        ("Antal anmälningar, barn och unga", "Statistik", "Anmälningar barn och unga (antal)", "Barn och unga")
    }


def test_rows_sharing_one_word_stay_apart() -> None:
    old = _doc("a", [("Klagomål", "", {"Inkomna klagomål": {2014: 41}, "Klagomål via e-tjänst": {2014: 9}})])
    new = _doc("b", [("Klagomål", "", {"Klagomål, antal inkomna": {2015: 44}, "Klagomål till IVO": {2015: 2}})])
    assert _pairs(old, new) == {("Inkomna klagomål", "Klagomål", "Klagomål, antal inkomna", "Klagomål")}


def test_generic_totals_need_their_table() -> None:
    old = _doc("a", [("Insatser", "", {"Öppenvård": {2014: 58}, "Boendestöd": {2014: 20}, "Totalt": {2014: 78}}),
                     ("Kallelser", "", {"Man": {2014: 80}, "Kvinna": {2014: 11}, "Totalt": {2014: 91}})])  # fmt: skip
    new = _doc("b", [("Uppföljning", "", {"Öppenvård": {2015: 54}, "Boendestöd": {2015: 22}, "Totalt": {2015: 76}})])
    pairs = _pairs(old, new)
    assert ("Totalt", "Insatser", "Totalt", "Uppföljning") in pairs
    assert not any(p[1] == "Kallelser" for p in pairs)


def test_assignment_is_one_to_one_and_keeps_the_unmatched() -> None:
    old = _doc("a", [("X", "", {"Antal beslut": {2014: 10}, "Beslut, antal": {2014: 11}, "Lex Sarah": {2014: 1}})])
    new = _doc("b", [("X", "", {"Antal beslut": {2015: 12}, "Synpunkter": {2015: 4}})])
    matches, only_old, only_new = align(indicators(old), indicators(new))
    assert len(matches) == 1 and len({id(m.new) for m in matches}) == len(matches)
    assert sorted(i.label for i in only_old) == ["Beslut, antal", "Lex Sarah"]
    assert [i.label for i in only_new] == ["Synpunkter"]


def test_a_count_and_a_share_are_not_one_indicator() -> None:
    old = _doc("a", [("X", "", {"Placeringar": {2014: 10}})])
    new = _doc("b", [("X", "", {"Placeringar": {2015: 12}})])
    a, b = indicators(old)[0], indicators(new)[0]
    same = score(a, b)
    b.unit = "%"
    a.unit = "st"
    assert score(a, b) < same


# --- hand-labelled report pairs --------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(PAIRS))
def test_hand_labelled_pairs_align_exactly(name: str) -> None:
    """Precision and recall 1.0 at the default threshold (bench/bench_align.py prints the numbers)."""
    old_path, new_path, truth = PAIRS[name]
    matches, _, _ = align(indicators(kvcli.parse(ROOT / old_path)), indicators(kvcli.parse(ROOT / new_path)))
    made = [((m.old.label, m.old.context), (m.new.label, m.new.context)) for m in matches if not m.old.column]
    assert len(made) == len(matches), "no two-level-header indicator is expected in these pairs"
    assert sorted(set(made) - truth) == [], "wrong matches"
    assert sorted(truth - set(made)) == [], "missed matches"
