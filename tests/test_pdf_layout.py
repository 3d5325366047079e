"""PDF page layout as producers make it: running headers and footers, tables of contents, reading order."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
from classified import read
from hypothesis import given, settings
from hypothesis import strategies as st
from pdf_factory import PdfBuilder, raw_pdf

import kvcli
from kvcli.readers import ReadResult, pdf_layout
from kvcli.readers.pdf_layout import page_geometry

_WORDS = "verksamheten har under året arbetat vidare med rutiner för dokumentation och uppföljning av".split()


def _body(page: int, line: int) -> str:
    """A line of body text unlike every other line (furniture is what repeats)."""
    k = 3 * page + line
    return " ".join(_WORDS[(k + j) % len(_WORDS)] for j in range(12)) + f" {'abcdefghijklmnopqrstuvwxyzåäö'[k % 29]}"


def _read(b: PdfBuilder, tmp_path: Path) -> ReadResult:
    f = tmp_path / "doc.pdf"
    f.write_bytes(b.bytes())
    return read(f)


def test_running_header_that_names_the_chapter_is_furniture(tmp_path: Path) -> None:
    # LaTeX's running header: the current chapter in capitals and the page number, so its text
    # changes from chapter to chapter; the body's first line stands at the same height on every page.
    chapters = ["1 INLEDNING", "2 VERKSAMHET", "3 PERSONAL OCH KOMPETENS", "4 EGENKONTROLL", "5 LOKAL UPPFÖLJNING"]
    b = PdfBuilder()
    for n, chapter in enumerate(chapters, start=1):
        b.new_page()
        b.text(chapter, 60, 800, size=10).text(str(n), 520, 800, size=10)
        for k in range(6):
            b.text(_body(n, k), 60, 760 - 12 * k, size=10)
    rr = _read(b, tmp_path)
    text = "\n".join(x.text for x in rr.blocks)
    assert not any(c in text for c in chapters)
    assert all(_body(n, 0) in text for n in range(1, 6))
    assert sum(1 for f in rr.furniture if any(c in f for c in chapters)) == 5


def test_first_body_line_in_the_same_place_on_every_page_stays(tmp_path: Path) -> None:
    # Every page starts a new paragraph at the top margin, in the body's style: neither a page
    # number nor a repeat, it is text.
    b = PdfBuilder()
    for n in range(1, 6):
        b.new_page()
        b.text(f"Avsnitt om område {'ABCDE'[n - 1]} beskriver arbetet", 60, 800, size=10)
        for k in range(6):
            b.text(_body(n, k), 60, 780 - 12 * k, size=10)
    text = "\n".join(x.text for x in _read(b, tmp_path).blocks)
    assert all(f"område {c}" in text for c in "ABCDE")


def test_line_wrapped_before_a_long_word_goes_on(tmp_path: Path) -> None:
    # The line ends well short of the margin because the next word is long; the next paragraph
    # starts after a line that had room for its first word.
    b = PdfBuilder().new_page()
    lines = [
        "Verksamheten har under året arbetat vidare med rutiner för dokumentation och",
        "uppföljning. Har stickprov med granskning gjorts enligt mall i",
        "Vuxensektionsövergripande rutiner under året, och har alla brister åtgärdats?",
        "Ja, i samtliga fall.",
        "Nästa stycke börjar här och handlar om något annat än det förra stycket gjorde.",
    ]
    for k, text in enumerate(lines):
        b.text(text, 60, 700 - 13.2 * k)
    paras = [x.text for x in _read(b, tmp_path).blocks]
    assert paras == [" ".join(lines[:4]), lines[4]]


FIXTURES = Path(__file__).parent / "fixtures" / "pdf"


def test_checkbox_answers_wrapped_over_lines() -> None:
    doc = kvcli.parse(FIXTURES / "checkbox-wrapped.pdf")
    assert [(q.text, q.options, q.answer) for q in doc.questions] == [
        ("Har stickprov med ärendegranskning genomförts under året?", ["Ja", "Nej"], None),
        ("Har brister identifierats?", ["Ja", "Nej"], None),
        ("Har interkontrollplanen följts avseende de delar som berör enheten under året?", ["Ja", "Delvis", "Nej"], None),
        ("Har det under året inkommit JO-anmälningar som berör er verksamhet?", ["Nej", "Ja"], ["Ja"]),
    ]


def _toc_pdf(entries: list[tuple[str, str, int]], dots_below_level_1: bool) -> PdfBuilder:
    """A TOC page (numbered entries, page numbers along the right margin) and a page of body text."""
    b = PdfBuilder().new_page()
    b.text("Innehåll", 60, 780, size=14)
    y = 750.0
    for number, title, page in entries:
        level = number.count(".") + 1
        x = 60 + 15 * (level - 1)
        b.text(number, x, y, size=10).text(title, x + 10 + 5 * len(number), y, size=10)
        if dots_below_level_1 and level > 1:
            b.text(" ." * 30, 330, y, size=10)
        b.text(str(page), 520, y, size=10)
        y -= 12
    b.new_page()
    for k in range(8):
        b.text(_body(1, k), 60, 760 - 12 * k, size=10)
    return b


_ENTRIES = [("1", "Inledning", 2), ("1.1", "Bakgrund", 2), ("1.2", "Vår enhet", 2), ("2", "Kvalitetsarbete", 2),
            ("2.1", "Synpunkter", 2), ("3", "Medborgare", 2)]  # fmt: skip


def test_toc_without_leader_dots(tmp_path: Path) -> None:
    f = tmp_path / "toc.pdf"
    f.write_bytes(_toc_pdf(_ENTRIES, dots_below_level_1=False).bytes())
    doc = kvcli.parse(f)
    assert [(e.title.split(" ", 1)[1], e.level, e.page) for e in doc.toc] == [
        (t, n.count(".") + 1, p) for n, t, p in _ENTRIES
    ]
    assert not doc.tables


def test_toc_with_dots_only_below_the_first_level(tmp_path: Path) -> None:
    # LaTeX sets chapter entries bold without dots and section entries with spaced dots.
    f = tmp_path / "toc.pdf"
    f.write_bytes(_toc_pdf(_ENTRIES, dots_below_level_1=True).bytes())
    doc = kvcli.parse(f)
    assert [e.title.split(" ", 1)[1] for e in doc.toc] == [t for _, t, _ in _ENTRIES]
    assert not doc.tables


def test_two_columns_around_a_full_width_table(tmp_path: Path) -> None:
    # A column is read to its end before the next, within the band above a table that spans both
    # columns; then the table; then the columns below it.
    b = PdfBuilder().new_page()
    for i in range(8):
        b.text(f"Vänster övre rad {i} med löptext", 50, 760 - 13 * i, size=10)
        b.text(f"Höger övre rad {i} med löptext", 320, 760 - 13 * i, size=10)
    rows = [("Enhet", "2019", "2020"), ("Hemtjänst norra", "7,4", "6,1"), ("Särskilt boende", "9,0", "8,3")]
    for r, row in enumerate(rows):
        y = 620 - 20 * r
        for (x, w), text in zip([(50, 250), (302, 120), (424, 120)], row):
            b.box(x, y, w, 18).text(text, x + 4, y + 5, size=10)
    for i in range(8):
        b.text(f"Vänster nedre rad {i} med löptext", 50, 520 - 13 * i, size=10)
        b.text(f"Höger nedre rad {i} med löptext", 320, 520 - 13 * i, size=10)
    blocks = _read(b, tmp_path).blocks
    order = [x.rows[0][0] if x.kind == "table" else x.text for x in blocks]
    text = " | ".join(order)
    marks = ["Vänster övre rad 7", "Höger övre rad 0", "Enhet", "Vänster nedre rad 0", "Vänster nedre rad 7",
             "Höger nedre rad 0"]  # fmt: skip
    positions = [text.index(m) for m in marks]
    assert positions == sorted(positions), order
    assert [x.rows for x in blocks if x.kind == "table"] == [[list(r) for r in rows]]


def test_two_short_bold_lines_are_two_blocks_a_wrapped_bold_heading_one(tmp_path: Path) -> None:
    # A template's two prompts ("Enhetschefens kommentar" twice, nothing written under either) at
    # the normal line pitch: a wrap never leaves room for the whole next line, so they are two
    # paragraphs (each an empty prompt the checks report). A long bold heading that did wrap stays one.
    b = PdfBuilder().new_page()
    y = 780.0
    for k in range(4):
        b.text(_body(0, k), 60, y, size=11)
        y -= 14
    y -= 10
    for text in ("Enhetschefens kommentar", "Enhetschefens kommentar"):
        b.text(text, 60, y, size=11, font="Helvetica-Bold")
        y -= 14
    y -= 10
    b.text("Samverkan med regionens psykiatri, primärvården och kommunens öppenvård under", 60, y, size=11,
           font="Helvetica-Bold")  # fmt: skip
    y -= 14
    b.text("året 2016", 60, y, size=11, font="Helvetica-Bold")
    y -= 24
    for k in range(4, 8):
        b.text(_body(0, k), 60, y, size=11)
        y -= 14
    texts = [blk.text for blk in _read(b, tmp_path).blocks]
    assert texts.count("Enhetschefens kommentar") == 2, texts
    assert any(t.startswith("Samverkan med regionens") and t.endswith("året 2016") for t in texts), texts


def _pdf_with_ligature() -> bytes:
    """One page whose text uses an "fl" ligature glyph mapped to the two letters by a ToUnicode CMap,
    as LibreOffice and LaTeX write it: pdfium gives "f" and "l" one shared box (in Helvetica-Bold wider
    than half the font size, so the "l" would step back by more than that)."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /L def "
            b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfchar <AE> <0066006C> endbfchar "
            b"endcmap CMapName currentdict /CMap defineresource pop end end")  # fmt: skip
    lines = [b"\xaeer anm\xe4lningar fr\xe5n BHV och f\xf6rskola eftersom det \xe4r viktigt med tidiga",
             b"insatser. Arbetsgruppen har pratat en del kring hur de konkret kan bli ett st\xf6d"]  # fmt: skip
    content = b"BT /F1 11 Tf 14 TL 60 760 Td " + b" ".join(b"(" + ln + b") Tj T*" for ln in lines) + b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding << /BaseEncoding /WinAnsiEncoding "
        b"/Differences [174 /fl] >> /ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
    ]
    return raw_pdf(objects)


def test_ligature_parts_stay_in_their_word(tmp_path: Path) -> None:
    # Its two letters share one box, so the second looked like a step back and began a run of its own;
    # where the rest of the line's band was a hair lower, that run sorted after the line: "ler
    # anmälningar … tidiga f" (a LibreOffice PDF of the corpus).
    pdf = pdfium.PdfDocument(_pdf_with_ligature())
    runs = page_geometry(pdf[0], 1).runs
    assert runs[0].text.startswith("fler anmälningar från BHV"), [r.text for r in runs]
    f = tmp_path / "ligature.pdf"
    f.write_bytes(_pdf_with_ligature())
    text = " ".join(b.text for b in read(f).blocks)
    assert text.startswith("fler anmälningar från BHV") and "tidiga insatser" in text, text


@settings(max_examples=3000, deadline=None)
@given(st.one_of(
    st.floats(min_value=-2000, max_value=2000, allow_nan=False, width=32),  # pdfium's coordinates are floats
    st.integers(min_value=-40_000, max_value=40_000).map(lambda k: k / 20),  # ties: 12.25, -0.35, …
    st.integers(min_value=-400_000, max_value=400_000).map(lambda k: k / 200 + 1e-9),
))  # fmt: skip
def test_tenths_is_round_to_one_decimal(x: float) -> None:
    assert pdf_layout._tenths(x) == round(round(x, 1) * 10)


def _pdf_painted(spots: list[tuple[float, float]]) -> bytes:
    """One page that paints the same line at each of ``spots`` (a content stream repeated, fake bold)."""
    content = b" ".join(b"BT /F1 11 Tf %.3f %.3f Td (Riskanalys genomfordes i mars) Tj ET" % s for s in spots)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    return raw_pdf(objects)


def test_a_line_painted_again_on_its_spot_is_read_once() -> None:
    # Within a tenth of a point (rounded as round(x, 1) does, ties included) it is the same spot.
    for spots in ([(60, 700)] * 3, [(60, 700), (60.02, 700.03)], [(60.25, 700), (60.2, 700)]):
        runs = page_geometry(pdfium.PdfDocument(_pdf_painted(spots))[0], 1).runs
        assert [r.text for r in runs] == ["Riskanalys genomfordes i mars"], spots
    runs = page_geometry(pdfium.PdfDocument(_pdf_painted([(60, 700), (60, 650)]))[0], 1).runs
    assert [r.text for r in runs] == ["Riskanalys genomfordes i mars"] * 2
