"""The checks a reviewer makes, each firing and staying quiet on hand-made documents: empty table
columns (KV304), follow-up questions left blank (KV403), empty "Kommentar:" before the next question
(KV203), and text that is not the report (a related-documents list) left out of the placeholder check."""

from __future__ import annotations

from kvcli.checks import check_document
from kvcli.config import CheckConfig
from kvcli.model import Document, Metadata, Period, Section, Source, Table


def doc(sections: list[tuple[str, int, str]], tables: list[Table] | None = None) -> Document:
    secs = [Section(id=f"s{i}", title=t, level=lvl, path=[t] if t else [], page=None, line=i * 100, text=x,
                    lines=[i * 100 + 2 * (k + 1) for k in range(x.count("\n") + 1)])
            for i, (t, lvl, x) in enumerate(sections)]  # fmt: skip
    return Document(source=Source(path="r.txt", format="txt", sha256="0" * 64),
                    metadata=Metadata(period=Period(2013, 2013), report_date="2014-04-15"),
                    sections=secs, tables=tables or [])  # fmt: skip


def found(d: Document, code: str) -> list[tuple[int | None, str]]:
    return [(f.line, f.message) for f in check_document(d, CheckConfig(select=[code])).findings]


def _table(rows: list[list[str]]) -> Table:
    return Table(id="t1", section_id="s1", caption=None, page=None,
                 header=[["År", "Synpunkter", "Lex Sarah", "Övriga avvikelser"]], rows=rows, line=150)  # fmt: skip


def test_an_empty_column_fires_and_a_filled_table_does_not() -> None:
    gap = doc([("", 0, ""), ("Avvikelser", 1, "Statistik.")], [_table([["2012", "3", "1", ""], ["2013", "0", "0", ""]])])
    assert found(gap, "KV304") == [(150, "Kolumnen 'Övriga avvikelser' i tabellen 'År | Synpunkter | Lex Sarah | "
                                         "Övriga avvikelser' är tom för alla rader (2012, 2013). Fyll i värdena eller "
                                         "skriv varför de saknas.")]  # fmt: skip
    full = doc([("", 0, ""), ("Avvikelser", 1, "Statistik.")], [_table([["2012", "3", "1", "14"], ["2013", "0", "0", "9"]])])
    assert found(full, "KV304") == []
    one_row = doc([("", 0, ""), ("Avvikelser", 1, "x")], [_table([["2013", "0", "0", ""]])])
    assert found(one_row, "KV304") == []  # one row: a single blank cell, not a column


def test_a_follow_up_left_blank_fires_at_its_line_and_an_answered_one_does_not() -> None:
    blank = doc([("Internkontroll", 1, "Har brister identifierats?\nJa Nej\n"
                                        "Om ja, vilka brister och vilka åtgärder har vidtagits?\nHar annan tillsyn genomförts?")])
    assert [ln for ln, _ in found(blank, "KV403")] == [6]  # its own line, not the heading (0)
    last = doc([("Internkontroll", 1, "Har brister identifierats?\nJa Nej\nOm ja, vilka brister och vilka åtgärder har vidtagits?")])
    assert len(found(last, "KV403")) == 1
    answered = doc([("Internkontroll", 1, "Har brister identifierats?\nJa x Nej\n"
                                           "Om ja, vilka brister och vilka åtgärder har vidtagits?\n"
                                           "Två akter saknade genomförandeplan; rutinen ändrades i maj.")])
    assert found(answered, "KV403") == []


def test_an_empty_comment_before_the_next_question_fires_and_a_filled_one_does_not() -> None:
    empty = doc([("Rättssäker handläggning", 1, "Har det inkommit JO-anmälningar?\nJa Nej\nKommentar:\n"
                                                "Har stickprov genomförts?\nJa Nej\nKommentar: Tolv akter granskades.")])
    assert [ln for ln, _ in found(empty, "KV203")] == [6]


def test_a_related_documents_list_is_not_the_report() -> None:
    d = doc([("", 0, "Kvalitetsberättelse 2014\nRelevanta dokument\nSOSFS 2014:xx (S) Utkom från trycket\nAnnan rapport"),
             ("Inledning", 1, "Under 2014 genomfördes 12 granskningar.")])
    assert found(d, "KV501") == []
    d.sections[1].text = "Under 20XX genomfördes [ange antal] granskningar."
    assert len(found(d, "KV501")) == 2
    appendix = doc([("", 0, ""), ("Inledning", 1, "Text."), ("Relevanta dokument", 1, "SOSFS 2014:xx (S)")])
    assert found(appendix, "KV501") == []


def test_a_report_dated_before_its_period_ends_fires_and_one_dated_after_does_not() -> None:
    early = doc([("Inledning", 1, "Text.")])
    early.metadata.period, early.metadata.report_date = Period(2014, 2015), "2015-11-11"
    assert found(early, "KV603") == [(None, "Rapporten är daterad 2015-11-11, före slutet av perioden 2014–2015. "
                                           "Siffrorna täcker då inte hela perioden: ange vilken tid de avser, eller "
                                           "datera om rapporten.")]  # fmt: skip
    early.metadata.report_date = "2016-02-15"
    assert found(early, "KV603") == []
    early.metadata.report_date = None
    assert found(early, "KV603") == []  # no date is KV601's finding
