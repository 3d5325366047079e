"""Headings without a TOC line per heading, and tables flattened to one cell per paragraph (issue 13)."""

from __future__ import annotations

from pathlib import Path

import kvcli


def _parse(tmp_path: Path, text: str) -> kvcli.Document:
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    return kvcli.parse(p)


TRANSCRIPT = """Kvalitetsberättelse 2018 Omsorgsboendet Eken

Storlek: px
Starta visningen från sidan:

Download "Kvalitetsberättelse 2018 Omsorgsboendet Eken"

Transkript

1 Omsorgsboendet Eken Kvalitetsberättelse 2018 Eksjö kommun

2 Innehåll Sammanfattning... 3 Riskanalyser... 3 Klagomål och synpunkter... 4 Resultat... 4

3 Sammanfattning Under året har boendet arbetat vidare med teamträffar och rutiner. Riskanalyser Vi har gjort riskanalyser inför varje förändring av bemanningen och följt upp dem. Resultaten visar att arbetet ger effekt.

4 Klagomål och synpunkter Boendet tog emot sju klagomål under året. Resultat Kvalitetsregistren visar förbättrade resultat inom fall och nutrition.
"""


def test_a_transcript_with_a_toc_run_into_a_line(tmp_path: Path) -> None:
    doc = _parse(tmp_path, TRANSCRIPT)
    assert [s.title for s in doc.sections if s.level > 0] == [
        "Sammanfattning", "Riskanalyser", "Klagomål och synpunkter", "Resultat"]  # fmt: skip
    # The TOC is the TOC, the site's chrome is furniture, and each heading knows its page.
    assert [e.title for e in doc.toc] == [
        "Sammanfattning",
        "Riskanalyser",
        "Klagomål och synpunkter",
        "Resultat",
    ]
    assert (
        "Transkript" in doc.furniture
        and 'Download "Kvalitetsberättelse 2018 Omsorgsboendet Eken"' in doc.furniture
    )
    assert [s.page for s in doc.sections if s.level > 0] == [3, 3, 4, 4]
    # "Resultaten visar …" opens a sentence; it is not the TOC's "Resultat".
    riskanalyser = next(s for s in doc.sections if s.title == "Riskanalyser")
    assert "Resultaten visar" in riskanalyser.text


MEMO = """TJÄNSTESKRIVELSE

Transkript

1 TJÄNSTESKRIVELSE 1 (2) Socialförvaltningen Dnr: SN 2016/12 Handläggare Anna Berg Socialnämnden Redovisning av klagomål och synpunkter 2015 Förslag till beslut Socialnämnden godkänner redovisningen. Ärendebeskrivning Nämnden har beslutat att förvaltningen ska sammanställa klagomål och synpunkter halvårsvis. Förvaltningen har i skrivelse den 3 februari 2016 lagt fram förslag till beslut. Bilagor Sammanställning av klagomål och synpunkter 2015.

2 TJÄNSTESKRIVELSE 2 (2) Dnr: SN 2016/12 Handläggare Anna Berg
"""


def test_a_memo_without_toc_has_its_fixed_headings(tmp_path: Path) -> None:
    doc = _parse(tmp_path, MEMO)
    assert [s.title for s in doc.sections if s.level > 0] == [
        "Förslag till beslut",
        "Ärendebeskrivning",
        "Bilagor",
    ]
    md = doc.metadata
    assert md.title == "Redovisning av klagomål och synpunkter 2015"
    assert md.report_date == "2016-02-03" and md.period is not None and md.period.start == 2015
    assert md.signatory is None  # a handläggare is not a signatory


CELLS = """Synpunkter 2018

Under 2018 kom det in synpunkter till alla nämnder.

Nämnd

Beröm

Klagomål

Totalt

Socialnämnden

4

12

16

Kommunstyrelsen

0

7

7

Totalt

4

19

23

Beröm

Berömmen handlar ofta om bemötande och snabb hjälp från personalen.
"""


def test_a_table_flattened_to_one_cell_per_paragraph_is_a_table(tmp_path: Path) -> None:
    doc = _parse(tmp_path, CELLS)
    assert len(doc.tables) == 1
    t = doc.tables[0]
    assert t.header == [["Nämnd", "Beröm", "Klagomål", "Totalt"]]
    assert t.rows[0] == ["Socialnämnden", "4", "12", "16"] and len(t.rows) == 3
    # Row labels are not an outline; the heading after the table is.
    assert [s.title for s in doc.sections if s.level > 0] == ["Beröm"]
    fig = {(f.label, f.column): f.value for f in doc.figures if f.source == "table"}
    assert fig[("Socialnämnden", "Klagomål")] == 12 and fig[("Totalt", "Totalt")] == 23


def test_short_lines_that_are_no_grid_stay_lines(tmp_path: Path) -> None:
    doc = _parse(tmp_path, "Rapport\n\nInledning\n\n4\n\nMål\n\nText om målen för året som gått.\n")
    assert doc.tables == []


NUMBERED = """Kvalitetsberättelse 2018
Socialnämnden, Exempelby kommun

SAMMANFATTNING
Under året har nämnden arbetat med att förbättra avvikelsehanteringen.

1. Inledning
Kvalitetsberättelsen beskriver hur verksamheten har arbetat under 2018.

1.1 Syfte
Syftet är att ge en samlad bild av kvalitetsarbetet.

2. Avvikelser
Under 2018 rapporterades 112 avvikelser, jämfört med 98 föregående år.
"""


def test_numbered_plain_text_headings_take_their_level_and_the_letterhead_is_no_chapter(
    tmp_path: Path,
) -> None:
    doc = _parse(tmp_path, NUMBERED)
    assert [(s.title, s.level) for s in doc.sections if s.level > 0] == [
        ("SAMMANFATTNING", 1), ("1. Inledning", 1), ("1.1 Syfte", 2), ("2. Avvikelser", 1)]  # fmt: skip
    assert doc.metadata.unit == "Socialnämnden" and doc.metadata.organisation == "Exempelby kommun"


NUMBERED_TRANSCRIPT = """Kvalitetsredovisning för socialnämnden 2013

Storlek: px
Starta visningen från sidan:

Transkript

1 Kvalitetsredovisning för socialnämnden 2013 Antagen av socialnämnden 2014-03-26, § 31 Ljungby kommun

2 Innehållsförteckning 1. Inledning... 3 2. Verksamhetens mål... 3 3. Avvikelser och lex Sarah... 4 3.1 Lex Sarah... 4 4. Klagomål... 5

3 1. Inledning Socialnämnden ska varje år upprätta en kvalitetsberättelse. 2. Verksamhetens mål Målen för 2013 har i huvudsak uppnåtts. 3

4 3. Avvikelser och lex Sarah Under 2013 registrerades 214 avvikelser. 3.1 Lex Sarah Under året inkom nio rapporter enligt lex Sarah, varav tre anmäldes till IVO. 4

5 4. Klagomål Under 2013 inkom 27 klagomål, jämfört med 31 under 2012. Ljungby 2014-02-12 Karin Berg Socialchef 5
"""


def test_a_numbered_toc_page_numbers_at_both_ends_and_a_run_in_signature(tmp_path: Path) -> None:
    doc = _parse(tmp_path, NUMBERED_TRANSCRIPT)
    assert [(s.title, s.level) for s in doc.sections if s.level > 0] == [
        ("1. Inledning", 1), ("2. Verksamhetens mål", 1), ("3. Avvikelser och lex Sarah", 1), ("3.1 Lex Sarah", 2),
        ("4. Klagomål", 1)]  # fmt: skip
    assert not any(s.text.rstrip().endswith(("3", "4", "5")) for s in doc.sections)  # the pages' own numbers
    md = doc.metadata
    assert (md.report_date, md.signatory.name if md.signatory else None) == ("2014-02-12", "Karin Berg")
    assert (
        md.evidence["signatory"].cue == "signature run into the last paragraph"
        and md.evidence["signatory"].page == 5
    )
    assert md.approval is not None and (md.approval.date, md.approval.paragraph) == ("2014-03-26", "§ 31")
    figs = {(f.label, f.period, f.value) for f in doc.figures}
    assert {("lex Sarah-rapporter", None, 9), ("anmälda till IVO", None, 3), ("klagomål", 2013, 27),
            ("klagomål", 2012, 31)} <= figs  # fmt: skip
