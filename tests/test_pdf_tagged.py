"""Tagged PDFs: the structure tree read, judged and used, or set aside when its tags are junk.

The fixtures are browser prints (tests/fixtures/pdf/make_tagged.sh): ``tagged-good`` tags its
headings H1–H3, its TOC as a nested list and its tables with TH/TD and spans, and marks the
browser's header and footer as artifacts; ``tagged-junk`` tags every heading as a paragraph, one
long paragraph as a heading, and draws its table as boxes with no table tags at all.
"""

from __future__ import annotations

from pathlib import Path

from classified import read

import kvcli

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "pdf"
GOOD = FIXTURES / "tagged-good.pdf"
JUNK = FIXTURES / "tagged-junk.pdf"


def test_heading_levels_come_from_the_tags() -> None:
    doc = kvcli.parse(GOOD)
    # h3 is set in 11 pt bold over 10.5 pt text: typography alone cannot tell it from emphasis.
    assert [(s.level, s.title) for s in doc.sections if s.level] == [
        (1, "Inledning"),
        (2, "Uppdrag och organisation"),
        (3, "Bemanning under året"),
        (1, "Resultat"),
        (2, "Insatser per år"),
        (2, "Avvikelser"),
    ]


def test_cover_title_and_toc_title_are_not_sections() -> None:
    titles = [s.title for s in kvcli.parse(GOOD).sections]
    assert "Kvalitetsberättelse 2019" not in titles and "Innehåll" not in titles


def test_tagged_table_keeps_spans_and_empty_cells() -> None:
    (t, _) = kvcli.parse(GOOD).tables
    assert t.header == [
        ["Insats", "2018", "", "2019", ""],
        ["", "Beviljade", "Avslutade", "Beviljade", "Avslutade"],
    ]
    assert t.rows == [
        ["Boendestöd", "1 234", "310", "1 301", "298"],
        ["Kontaktperson", "87", "", "91", "12"],  # the empty cell is not in the tree: placed by position
        ["Korttidsboende", "45", "40", "52", "47"],
    ]


def test_tagged_table_continued_on_the_next_page_is_one_table() -> None:
    (_, t) = kvcli.parse(GOOD).tables
    assert t.header == [["Månad", "Avvikelser", "Åtgärdade"]]
    assert [r[0] for r in t.rows][:3] == ["Januari", "Februari", "Mars"]
    assert len(t.rows) == 13 and t.rows[-1] == ["Totalt", "51", "47"]


def test_artifacts_are_furniture() -> None:
    doc = kvcli.parse(GOOD)
    body = "\n".join(s.text for s in doc.sections)
    assert "file://" not in body and "1/2" not in body
    assert any("file:///" in f for f in doc.furniture)


def test_junk_heading_tag_on_a_paragraph_is_body_text() -> None:
    doc = kvcli.parse(JUNK)
    assert not any(s.title.startswith("Den här texten") for s in doc.sections)
    assert any("Den här texten är märkt som en rubrik" in s.text for s in doc.sections)


def test_junk_tags_leave_headings_to_typography() -> None:
    heads = [(b.level, b.text) for b in read(JUNK).blocks if b.kind == "heading"]
    assert (1, "Inledning") in heads and (2, "Arbetsmiljö") in heads and (1, "Ekonomi") in heads
    assert all(b.heading_source == "typography" for b in read(JUNK).blocks if b.kind == "heading")


def test_box_drawn_table_without_table_tags_is_one_table() -> None:
    (t,) = kvcli.parse(JUNK).tables
    assert t.header == [["Enhet", "2019", "2020"]]
    assert t.rows == [
        ["Hemtjänst norra", "7,4", "6,1"],
        ["Hemtjänst södra", "8,2", "7,9"],
        ["Särskilt boende", "9,0", "8,3"],
    ]


def test_headers_beside_right_aligned_figures_keep_their_columns_when_the_corner_cell_is_empty() -> None:
    # The empty top-left cell is not in the tree, and no header overlaps the figures under it (flush
    # left over flush right): each header stands in the gap before its own column.
    (t,) = kvcli.parse(FIXTURES / "tagged-stub-cell.pdf").tables
    assert t.header == [["", "Antal avslutade", "Medelålder", "Månader per person"]]
    assert t.rows == [["2011", "5", "41,6", "40"], ["2012", "2", "29,5", "36"], ["2013", "11", "26,2", "11"]]
