"""Every check fires where it should and stays quiet where it must — on small hand-made documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from kvcli.checks import check_document
from kvcli.config import CheckConfig
from kvcli.model import (
    Approval,
    Document,
    Metadata,
    Period,
    Question,
    Section,
    Signatory,
    Source,
    Table,
    TocEntry,
)

FULL_BODY = "Vi har arbetat med detta under året och följt upp arbetet noggrant. " * 6
# A result is more than work done: it says what came of it.
RESULT_BODY = FULL_BODY + "Andelen nöjda brukare ökade från 80 till 86 procent."


def make(sections: list[tuple[str, int, str]] | None = None, *, tables: list[Table] | None = None,
         questions: list[Question] | None = None, period: tuple[int, int] | None = (2016, 2016),
         toc: list[str] | None = None, date: str | None = "2017-03-01", signed: bool = True,
         approved: bool = True) -> Document:  # fmt: skip
    secs = []
    stack: list[Section] = []
    for i, (title, level, text) in enumerate(sections or [], start=1):
        while stack and stack[-1].level >= level:
            stack.pop()
        s = Section(id=f"s{i}", title=title, level=level, path=[x.title for x in stack] + [title], page=None,
                    line=i * 10, text=text)  # fmt: skip
        stack.append(s)
        secs.append(s)
    return Document(
        source=Source(path="rapport.txt", format="txt", sha256="0" * 64),
        metadata=Metadata(
            period=Period(*period) if period else None,
            report_date=date,
            signatory=Signatory("Anna Andersson", "Enhetschef") if signed else None,
            approval=Approval("Socialnämnden", "2017-03-15", "§ 12") if approved else None,
        ),  # fmt: skip
        sections=secs,
        tables=tables or [],
        questions=questions or [],
        toc=[TocEntry(title=t, level=1, page=3) for t in toc or []],
    )


def codes(doc: Document, select: str) -> list[str]:
    report = check_document(doc, CheckConfig(select=[select]))
    return [f.code for f in report.findings]


def messages(doc: Document, select: str) -> list[str]:
    return [f.message for f in check_document(doc, CheckConfig(select=[select])).findings]


ALL_CONCEPTS = [
    ("Ledningssystem", 1, FULL_BODY), ("Processer och rutiner", 1, FULL_BODY), ("Samverkan", 1, FULL_BODY),
    ("Riskanalys", 1, FULL_BODY), ("Egenkontroll", 1, FULL_BODY), ("Synpunkter och klagomål", 1, FULL_BODY),
    ("Lex Sarah", 1, FULL_BODY), ("Avvikelser", 1, FULL_BODY), ("Personal- och kompetensförsörjning", 1, FULL_BODY),
    ("Resultat", 1, RESULT_BODY), ("Förbättringsåtgärder", 1, FULL_BODY),
]  # fmt: skip


# --- concepts ------------------------------------------------------------------------------------------------------


def test_concepts_all_present_no_findings() -> None:
    report = check_document(make(ALL_CONCEPTS), CheckConfig(select=["KV1"]))
    assert {c.status for c in report.concepts} == {"present"}
    assert report.findings == []


def test_concept_missing_is_a_warning_but_no_results_at_all_is_an_error() -> None:
    doc = make([s for s in ALL_CONCEPTS if s[0] not in ("Riskanalys", "Resultat")])
    found = {
        f.evidence: f.severity
        for f in check_document(doc, CheckConfig(select=["KV101"])).findings
    }
    assert found == {"riskanalys": "warning", "resultat": "error"}


def test_passing_mention_is_weak_not_present() -> None:
    doc = make([s for s in ALL_CONCEPTS if s[0] != "Riskanalys"]
               + [("Vad är kvalitet?", 1, "Förbättringsarbetet ska bestå av riskanalys, egenkontroll och hantering av avvikelser. " + FULL_BODY)])  # fmt: skip
    report = check_document(doc, CheckConfig(select=["KV1"]))
    risk = next(c for c in report.concepts if c.id == "riskanalys")
    assert risk.status == "weak" and risk.section_ids == ["s11"]
    assert [f.code for f in report.findings] == ["KV102"]


def test_concept_found_in_body_under_another_heading() -> None:
    text = "Riskanalys gjordes i mars. Riskanalysen omfattade tre processer. Efter riskanalysen togs en handlingsplan fram. "
    doc = make(
        [s for s in ALL_CONCEPTS if s[0] != "Riskanalys"] + [("Trygghet och säkerhet", 1, text + FULL_BODY)]
    )
    risk = next(c for c in check_document(doc).concepts if c.id == "riskanalys")
    assert risk.status == "present"


def test_heading_without_substance_is_weak() -> None:
    doc = make([s for s in ALL_CONCEPTS if s[0] != "Riskanalys"] + [("Riskanalys", 1, "")])
    risk = next(c for c in check_document(doc).concepts if c.id == "riskanalys")
    assert risk.status == "weak"


# --- period --------------------------------------------------------------------------------------------------------


def _fig_table(year_cols: list[str]) -> Table:
    return Table(id="t1", section_id="s1", caption="Antal", page=None, header=[["", *year_cols]],
                 rows=[["Anmälningar", *["1"] * len(year_cols)]])  # fmt: skip


def test_period_missing() -> None:
    assert codes(make([("A", 1, "x")], period=None), "KV201") == ["KV201"]
    assert codes(make([("A", 1, "x")]), "KV201") == []


def test_figures_after_period() -> None:
    from kvcli.figures import extract_figures

    doc = make([("A", 1, "x")], tables=[_fig_table(["2016", "2018"])])
    extract_figures(doc)
    assert messages(doc, "KV202") == [
        "Tabellen eller nyckeltalet gäller 2018, efter rapportperioden (2016). Rätta året eller märk siffran som prognos."
    ]
    ok = make([("A", 1, "x")], tables=[_fig_table(["2015", "2016"])])
    extract_figures(ok)
    assert codes(ok, "KV202") == []


# --- empty sections ------------------------------------------------------------------------------------------------


def test_empty_section_and_empty_prompt() -> None:
    doc = make(
        [
            ("Inledning", 1, "text"),
            ("Riskanalys", 1, ""),
            ("Resultat", 1, "Mål uppnått.\nEnhetschefens kommentar"),
        ]
    )
    assert messages(doc, "KV203") == [
        "Avsnittet 'Riskanalys' är tomt. Fyll i det eller ta bort rubriken.",
        "Avsnittet 'Resultat › Enhetschefens kommentar' är tomt. Fyll i det eller ta bort rubriken.",
    ]


def test_parent_heading_and_filled_prompt_are_not_empty() -> None:
    doc = make(
        [("Verksamhet", 1, ""), ("Dokumentation", 2, "Enhetschefens kommentar\nMålet är delvis uppnått.")]
    )
    assert codes(doc, "KV203") == []


# --- toc -----------------------------------------------------------------------------------------------------------


def test_toc_entry_without_heading_and_chapter_missing_from_toc() -> None:
    doc = make([("Inledning", 1, "x"), ("Samverkan", 1, "x")], toc=["Inledning", "Riskanalys"])
    assert messages(doc, "KV204") == [
        "Innehållsförteckningen nämner 'Riskanalys' men rubriken finns inte i texten. Uppdatera innehållsförteckningen."
    ]
    assert messages(doc, "KV205") == [
        "Kapitlet 'Samverkan' saknas i innehållsförteckningen. Uppdatera innehållsförteckningen."
    ]
    assert codes(make([("Inledning", 1, "x")], toc=["Inledning"]), "KV20") == []


# --- tables --------------------------------------------------------------------------------------------------------


def _table(header: list[str], rows: list[list[str]]) -> Table:
    from kvcli.structure.tables import total_row_indexes

    return Table(id="t1", section_id="s1", caption=None, page=None, header=[header], rows=rows,
                 total_rows=total_row_indexes(rows))  # fmt: skip


def test_empty_result_table() -> None:
    empty = _table(["Resultatindikator", "Utfall"], [["Förbättringsförslag", ""], ["Klagomål", ""]])
    assert codes(make([("A", 1, "x")], tables=[empty]), "KV301") == ["KV301"]
    header_only = _table(["Resultatindikator", "Utfall"], [])
    assert codes(make([("A", 1, "x")], tables=[header_only]), "KV301") == ["KV301"]
    filled = _table(["Resultatindikator", "Utfall"], [["Förbättringsförslag", "4"], ["Klagomål", ""]])
    assert codes(make([("A", 1, "x")], tables=[filled]), "KV301") == ["KV301"]  # half empty
    full = _table(
        ["Resultatindikator", "Utfall"], [["Förbättringsförslag", "4"], ["Klagomål", "2"], ["Beröm", ""]]
    )
    assert codes(make([("A", 1, "x")], tables=[full]), "KV301") == []


def test_total_mismatch_and_match() -> None:
    bad = _table(["Orsak", "2012", "2013"], [["A", "3", "1"], ["B", "4", "2"], ["Totalt", "8", "3"]])
    assert messages(make([("A", 1, "x")], tables=[bad]), "KV302") == [
        "Summaraden 'Totalt' i tabell 't1' (2012) är 8, men delarna summerar till 7. Rätta summan eller delarna."
    ]
    good = _table(
        ["Orsak", "2012", "2013"], [["A", "1 200", "1,5"], ["B", "34", "2,5"], ["Summa", "1 234", "4"]]
    )
    assert codes(make([("A", 1, "x")], tables=[good]), "KV302") == []


def test_percent_column_sum() -> None:
    bad = _table(
        ["Orsak", "Antal", "%"], [["Alkohol", "2", "33,3"], ["Narkotika", "3", "50"], ["Totalt", "5", "100"]]
    )
    assert messages(make([("A", 1, "x")], tables=[bad]), "KV303") == [
        "Procentkolumnen '%' i tabell 't1' summerar till 83,3 %, inte 100 %. Kontrollera om en kategori fattas "
        "eller räknas två gånger."
    ]
    good = _table(
        ["Orsak", "Antal", "%"], [["Alkohol", "2", "33,3"], ["Narkotika", "3", "50"], ["Annat", "1", "16,7"]]
    )
    assert codes(make([("A", 1, "x")], tables=[good]), "KV303") == []
    rates = _table(["År", "Svarsfrekvens (%)"], [["2014", "63"], ["2015", "63"]])
    assert codes(make([("A", 1, "x")], tables=[rates]), "KV303") == []


# --- questionnaire -------------------------------------------------------------------------------------------------


def test_unanswered_and_answered_questions() -> None:
    qs = [Question("Har brister identifierats?", ["Ja", "Nej"], None, "s1"),
          Question("Har riskanalys gjorts?", ["Ja", "Nej"], ["Ja"], "s1")]  # fmt: skip
    assert messages(make([("A", 1, "x")], questions=qs), "KV401") == [
        "Frågan 'Har brister identifierats?' är obesvarad (Ja / Nej). Markera svaret."
    ]


def test_count_prompt_left_blank() -> None:
    assert codes(make([("A", 1, "Om ja, ange antal:\nKommentar: inget")]), "KV402") == ["KV402"]
    assert codes(make([("A", 1, "Om ja, ange antal: 3")]), "KV402") == []


# --- placeholders, metadata, personnummer --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["Under 20XX gjordes", "Antal: xx", "[ange antal] ärenden", "TODO skriv", "Lorem ipsum dolor"]
)
def test_placeholders_found(text: str) -> None:
    assert codes(make([("A", 1, text)]), "KV501") == ["KV501"]


@pytest.mark.parametrize(
    "text",
    ["Beslut 151020 fattades", "Under 2016 gjordes 12 granskningar", "Dnr 2016/0072", "SoL 4 kap. 1 §"],
)
def test_placeholders_not_found_in_real_text(text: str) -> None:
    assert codes(make([("A", 1, text)]), "KV501") == []


def test_metadata_missing() -> None:
    assert codes(make([("A", 1, "x")], date=None, signed=False, approved=False), "KV6") == ["KV601", "KV602", "KV604"]
    assert codes(make([("A", 1, "x")]), "KV6") == []


def test_personnummer_found_masked() -> None:
    doc = make([("A", 1, "Brukaren 811218-9876 och 19811218-9876 klagade. Dnr 811218-9875 är inget pnr.")])
    found = check_document(doc, CheckConfig(select=["KV901"])).findings
    assert [f.severity for f in found] == ["error", "error"]
    assert all("811218-****" in f.message and "9876" not in f.message for f in found)


# --- configuration -------------------------------------------------------------------------------------------------


def test_select_ignore_and_severity_override() -> None:
    doc = make([("A", 1, "x")], date=None, signed=False)
    assert codes(doc, "KV60") == ["KV601", "KV602"]
    report = check_document(doc, CheckConfig(select=["KV6"], ignore=["KV602"], severity={"KV601": "error"}))
    assert [(f.code, f.severity) for f in report.findings] == [("KV601", "error")]
    assert check_document(doc, CheckConfig(select=["KV6"], min_severity="error")).findings == []


def test_config_file_found_upwards(tmp_path: Path) -> None:
    from kvcli.config import load_config

    (tmp_path / "pyproject.toml").write_text(
        '[tool.kvcli]\nignore = ["KV602"]\nlang = "en"\n[tool.kvcli.severity]\nKV203 = "info"\n'
    )
    (tmp_path / "a" / "b").mkdir(parents=True)
    cfg = load_config(tmp_path / "a" / "b" / "r.txt")
    assert (cfg.ignore, cfg.lang, cfg.severity) == (["KV602"], "en", {"KV203": "info"})
    assert cfg.source == str(tmp_path / "pyproject.toml")


def test_english_messages() -> None:
    doc = make([("A", 1, "x")], date=None)
    assert [f.message for f in check_document(doc, CheckConfig(select=["KV601"], lang="en")).findings] == [
        "The report has no date. State when it was drawn up or approved."
    ]
