"""Text as a PDF-to-text converter leaves it: form-feed pages with running headers and footers, lines
hard-wrapped at the page width, table columns lined up with spaces (numbers right-aligned)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import kvcli
from kvcli.errors import InputError
from kvcli.limits import DEFAULT_LIMITS
from kvcli.readers.text import read_text

BODY = (
    "Under året har enheten arbetat vidare med att utveckla den systematiska uppföljningen av\n"
    "insatserna för de enskilda, och resultaten redovisas här i sammanfattning för nämnden och för\n"
    "personalen som har deltagit i arbetet på olika sätt under hela verksamhetsåret som har gått.\n"
)


def _page(n: int, pages: int, content: str) -> str:
    header = "Exempelby kommun, Socialförvaltningen                     Kvalitetsberättelse 2015\n\n"
    return header + content + f"\n\n                                                                Sida {n} ({pages})\n"


def _document() -> str:
    p1 = (
        "Samverkan\n" + BODY +
        "Handläggning och dokumentation av ärenden som\nrör enskilda samt spårbarhet\n" + BODY
    )
    p2 = (
        "Nyckeltal för myndighetsenheten\n"
        "År               Antal avslagsbeslut                       Antal överklaganden\n"
        "2013                                                 473                                                31\n"
        "2014                                                 445                                                18\n"
        "2015                                                 558                                                19\n"
        "\nRiskanalys\n" + BODY + BODY
    )
    p3 = "Egenkontroll\n" + BODY + BODY + BODY
    return "\f".join(_page(n, 3, c) for n, c in enumerate((p1, p2, p3), start=1))


def _parse(tmp_path: Path, text: str) -> kvcli.Document:
    path = tmp_path / "rapport.txt"
    path.write_text(text, encoding="utf-8")
    return kvcli.parse(path)


def test_wrapped_lines_are_paragraphs_and_headings_stand(tmp_path: Path) -> None:
    doc = _parse(tmp_path, _document())
    titles = [s.title for s in doc.sections if s.title]
    assert titles == [
        "Samverkan",
        "Handläggning och dokumentation av ärenden som rör enskilda samt spårbarhet",
        "Nyckeltal för myndighetsenheten",
        "Riskanalys",
        "Egenkontroll",
    ]


def test_running_header_and_footer_are_furniture_and_lines_know_their_page(tmp_path: Path) -> None:
    result = read_text("rapport.txt", _document().encode(), "0" * 64, DEFAULT_LIMITS)
    assert result.pages == 3
    assert any("Exempelby kommun" in f for f in result.furniture)
    assert not any("Sida" in b.text or "Exempelby" in b.text for b in result.blocks)
    assert {b.text: b.page for b in result.blocks}["Egenkontroll"] == 3
    one = [b for b in result.blocks if b.text.startswith("Under året")]
    assert len(one) >= 4 and all(b.text.endswith("som har gått.") for b in one)


def test_space_aligned_table_with_right_aligned_numbers(tmp_path: Path) -> None:
    doc = _parse(tmp_path, _document())
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.header == [["År", "Antal avslagsbeslut", "Antal överklaganden"]]
    assert table.rows == [["2013", "473", "31"], ["2014", "445", "18"], ["2015", "558", "19"]]
    assert table.page == 2
    assert 18.0 in [f.value for f in doc.figures if f.table_id == table.id and f.column == "Antal överklaganden"]


def test_a_header_wrapped_in_its_cells_is_one_row() -> None:
    text = (
        "Personalstatistik\n"
        "År      Antal årsarbetare enligt        Antal anställda        Antal slutat under\n"
        "        budget                          personer               året\n"
        "2013                               30                     30                        3\n"
        "2014                               32                     31                        2\n"
    )
    result = read_text("t.txt", text.encode(), "0" * 64, DEFAULT_LIMITS)
    rows = [b.cells for b in result.blocks if b.cells is not None]
    assert rows[0] == ["År", "Antal årsarbetare enligt budget", "Antal anställda personer", "Antal slutat under året"]
    assert rows[1] == ["2013", "30", "30", "3"]


def test_justified_prose_with_wide_spaces_is_not_a_table() -> None:
    text = (
        "Verksamheten  har  under  året  arbetat  med  att  förbättra  rutinerna  för  dokumentation\n"
        "och  uppföljning  av  ärenden,  vilket  har  lett  till  att  fler  ärenden  följs  upp  i  tid\n"
        "enligt  de  riktlinjer  som  nämnden  har  beslutat  om  och  som  gäller  för  hela  förvaltningen.\n"
    )
    result = read_text("t.txt", text.encode(), "0" * 64, DEFAULT_LIMITS)
    assert all(b.cells is None for b in result.blocks)


def test_typed_text_reads_as_before() -> None:
    text = "Inledning\n\nDet här är  en rapport med  dubbla mellanslag.\n\nRiskanalys\n\nVi har gjort en riskanalys.\n"
    result = read_text("t.txt", text.encode(), "0" * 64, DEFAULT_LIMITS)
    assert result.pages is None and result.furniture == []
    assert [b.text for b in result.blocks][1] == "Det här är  en rapport med  dubbla mellanslag."


PIECES = ["\f", "\n", " ", "  ", "     ", "Sida 2 (3)", "2013", "473", "Antal", "budget", "Riskanalys", "och",
          "Verksamheten har arbetat", "☐ Ja ☐ Nej", "1.2", "-", "•", "\t", "....", "12"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=120))
def test_any_laid_out_text_reads_or_fails_cleanly(pieces: list[str]) -> None:
    text = "".join(pieces)
    try:
        result = read_text("t.txt", text.encode(), "0" * 64, DEFAULT_LIMITS)
    except InputError:
        return  # only whitespace
    words = [w for w in text.split() if any(ch.isalnum() for ch in w)]  # bullets and leaders are markers
    kept = " ".join([b.text for b in result.blocks] + result.furniture + [c for b in result.blocks for c in b.cells or []])
    assert all(w.strip("\t") == "" or w in kept or w.rstrip("-") in kept for w in words[:40]) or result.furniture


def test_toc_levels_rank_its_indentation(tmp_path: Path) -> None:
    toc = ("Innehållsförteckning\n"
           "Inledning........................................3\n"
           "    Vår enhet....................................3\n"
           "Kvalitetsarbete..................................4\n"
           "    Synpunkter...................................4\n\n\n")  # fmt: skip
    body = "".join(f"{t}\n\nText om {t.lower()} under året som har gått.\n\n"
                   for t in ("Inledning", "Vår enhet", "Kvalitetsarbete", "Synpunkter"))  # fmt: skip
    doc = _parse(tmp_path, toc + body)
    assert [(s.title, s.level) for s in doc.sections if s.title] == [
        ("Inledning", 1), ("Vår enhet", 2), ("Kvalitetsarbete", 1), ("Synpunkter", 2)
    ]


def test_long_row_labels_wrapped_onto_their_own_line_stay_in_their_row() -> None:
    text = (
        "Nyckeltal                                                                          2013          2014\n"
        "Andel av befolkningen som fått ekonomiskt bistånd                                 5,53 %        5,37 %\n"
        "Antal hushåll med ekonomiskt bistånd som avslutats till självförsörjning genom       554           568\n"
        "arbete eller studier\n"
        "Utbetalt ekonomiskt bistånd, brutto                                               94 049        87 751\n"
    )
    result = read_text("t.txt", text.encode(), "0" * 64, DEFAULT_LIMITS)
    rows = [b.cells for b in result.blocks if b.cells is not None]
    assert rows[2] == ["Antal hushåll med ekonomiskt bistånd som avslutats till självförsörjning genom arbete "
                       "eller studier", "554", "568"]  # fmt: skip
    assert len(rows) == 4 and rows[3][0] == "Utbetalt ekonomiskt bistånd, brutto"


def test_bullets_spaced_from_their_text_are_a_list_not_a_table() -> None:
    text = (
        "Under nästa år planeras följande:\n"
        "    –   Samverkan med Landstinget på olika sätt men främst utifrån de nya riktlinjerna\n"
        "        för personer med riskbruk och beroende.\n"
        "    –   Samverkansmodell för att på ett bättre sätt jobba med barn till föräldrar med\n"
        "        riskbruk och beroende.\n"
    )
    result = read_text("t.txt", text.encode(), "0" * 64, DEFAULT_LIMITS)
    assert all(b.cells is None for b in result.blocks)


def test_years_over_pairs_of_columns_head_the_column_they_begin_in() -> None:
    text = (
        "                                   2011                              2012\n"
        "                         Inledda          Aktuella        Inledda           Aktuella\n"
        "CM                                    2              15                 7                 17\n"
        "Slussen                              11              21                 3                 14\n"
    )
    result = read_text("t.txt", text.encode(), "0" * 64, DEFAULT_LIMITS)
    assert [b.cells for b in result.blocks] == [
        ["", "2011", "", "2012", ""],
        ["", "Inledda", "Aktuella", "Inledda", "Aktuella"],
        ["CM", "2", "15", "7", "17"],
        ["Slussen", "11", "21", "3", "14"],
    ]


def test_years_heading_figures_directly_are_the_header_row() -> None:
    text = (
        "                         2013          2014          2015\n"
        "Anmälningar                12            15            20\n"
        "Utredningar                 8             9            11\n"
    )
    result = read_text("t.txt", text.encode(), "0" * 64, DEFAULT_LIMITS)
    assert [b.cells for b in result.blocks] == [
        ["", "2013", "2014", "2015"], ["Anmälningar", "12", "15", "20"], ["Utredningar", "8", "9", "11"]
    ]


def test_an_answer_or_a_filled_in_prompt_on_its_own_line_is_no_heading(tmp_path: Path) -> None:
    text = ("Kvalitetsberättelse 2015\n\nInledning\n\nVi beskriver här vårt arbete under året som gått.\n\n"
            "Har det inkommit JO-anmälningar under året?\n\nJa\n\nOm ja, ange antal: 3\n\n"
            "Riskanalys\n\nVi har gjort en riskanalys under våren.\n")  # fmt: skip
    doc = _parse(tmp_path, text)
    assert [s.title for s in doc.sections if s.title] == ["Inledning", "Riskanalys"]


def test_a_group_label_over_its_rows_is_not_taken_for_a_wrapped_label() -> None:
    text = (
        "                                   2014          2015\n"
        "Barn och unga\n"
        "Anmälningar                         120           135\n"
        "Vuxna\n"
        "Anmälningar                          40            52\n"
    )
    result = read_text("t.txt", text.encode(), "0" * 64, DEFAULT_LIMITS)
    labels = [b.cells[0] if b.cells else b.text for b in result.blocks]
    assert "Vuxna" in labels and "Anmälningar Vuxna" not in labels
