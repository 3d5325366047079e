"""Golden tests on the four corpus reports (samples/*.txt): outline, tables, figures, metadata, questions."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import kvcli
from kvcli.cli import main
from kvcli.schema import document_schema
from kvcli.structure.toc import title_score

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CORPUS = Path(__file__).resolve().parent / "corpus"


def parse(name: str) -> kvcli.Document:
    return kvcli.parse(SAMPLES / f"{name}.txt")


# --- outline ------------------------------------------------------------------------------------------------------

OUTLINES = {
    "vetlanda-vuxen-2013": [
        ("Inledning", 1), ("Vuxensektionen", 1), ("Processer och rutiner", 1), ("Samverkan", 1),
        ("Handläggning och dokumentation av ärenden som rör enskilda samt spårbarhet", 2),
        ("Personal- och kompetensförsörjning", 1), ("Personalstatistik Vuxensektionen", 2),
        ("Systematiskt förbättringsarbete", 1), ("Riskanalys", 2), ("Synpunkter och avvikelser", 2),
        ("Egenkontroll", 1), ("Internkontroll", 1), ("Brukarundersökning", 2), ("Öppna jämförelser", 1),
        ("Lokal uppföljning och statistik", 1),
        ("Avslutsorsaker och antal AME 2011-2013 (Procapita AME-modulen)", 2),
        ("Inledda och aktuella insatser, biståndsbedömda, öppenvård missbruk 2011-2013 (Procapita)", 2),
        ("Kallelser, ej anmodan dopning 2013 (LOKE)", 2),
        ("Förändring vid uppföljning/avslutad kontakt med öppenvården, ej CM", 2),
        ("Hjälp/stödbehov utöver huvudproblematik (6 personer)", 2),
        ("Förebyggande/upsökande arbete öppenvård 2013", 2),
        ("Antal hushåll med försörjningsstöd 2011-2013 (procapita)", 2),
        ("Avslutsorsak ekonomiskt bistånd Procapita)", 2),
        ("Antal ansökningar om skuldsanering 2011-2013 (Kronofogden)", 2),
        ("Bedömning och analys av verksamhetens kvalitet", 1),
    ],
    "vetlanda-familj-2014-2015": [
        ("Inledning", 1), ("Familjesektionen", 1), ("Processer och rutiner", 1), ("Samverkan", 1),
        ("Rättssäker handläggning", 1), ("Personal- och kompetensförsörjning", 1),
        ("Systematiskt förbättringsarbete", 1), ("Riskanalys", 2), ("Synpunkter och avvikelser", 2),
        ("Egenkontroll", 1), ("Internkontroll", 1), ("Brukarundersökning", 1), ("Verksamhetsstatistik och lokal uppföljning", 1),
        ("Mottagningsenheten", 2), ("Utredningsenheten", 2), ("Placeringsenheten", 2), ("Enkät till familjehem", 2),
        ("Öppenvårdsenheten", 2), ("Bedömning och analys av verksamhetens kvalitet", 1),
        ("Viktiga nya föreskrifter och handböcker under 2014 och 2015", 2),
    ],
    "jonkoping-behandling-2016": [
        ("Inledning", 1), ("Varför en resultat- och kvalitetsberättelse?", 2), ("Vår enhet", 2),
        ("Kvalitetsarbete", 2), ("Medborgare", 1), ("Synpunktshantering", 2), ("Brukarundersökning", 1),
        ("Uppföljningsbara mål", 2), ("Verksamhet", 1), ("Systematiskt förbättringsarbete", 2),
        ("Dokumentation", 2), ("Kvalitetsrevision", 2), ("Händelsehantering", 2), ("Uppföljningsbara mål", 2),
        ("Arbetsgivare", 1), ("Medarbetarundersökning", 2), ("Nyckeltal, personal", 2), ("Uppföljningsbara mål", 2),
        ("Ekonomi", 1), ("Uppföljningsbara mål", 2), ("Enhetens ekonomi, tusentals kronor (tkr)", 2),
        ("Mer information", 1),
    ],
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(OUTLINES))
def test_outline_pinned(name: str) -> None:
    doc = parse(name)
    assert [(s.title, s.level) for s in doc.sections if s.level > 0] == OUTLINES[name]


@pytest.mark.parametrize("name", sorted(OUTLINES))
def test_every_toc_entry_is_a_section_in_order_and_toc_is_not(name: str) -> None:
    doc = parse(name)
    titles = [s.title for s in doc.sections]
    assert len(doc.toc) >= 10
    pos = 0
    for entry in doc.toc:
        # TOC entries may be truncated ("… samt spårbarhet...") — the heading starts with them.
        k = next(i for i in range(pos, len(titles)) if title_score(entry.title, titles[i]) >= 88)
        pos = k + 1
    assert not any(s.title.lower().startswith("innehåll") for s in doc.sections)
    # Every heading comes from the TOC but a chapter of the genre the TOC leaves out (KV205 reports it).
    outside = [s.title for s in doc.sections if s.level > 0 and s.heading_source != "toc"]
    assert outside == (["Egenkontroll"] if name == "vetlanda-familj-2014-2015" else [])


def test_sections_have_paths() -> None:
    doc = parse("jonkoping-behandling-2016")
    by_title = {s.title: s for s in doc.sections}
    assert by_title["Händelsehantering"].path == ["Verksamhet", "Händelsehantering"]
    assert by_title["Mer information"].path == ["Mer information"]


def test_level_agreement_with_rendition_truth() -> None:
    """The text has flat TOCs; the levels we infer should mostly agree with the renditions' heading styles."""
    from kvcli.structure.toc import norm_title

    total = agree = 0
    for name in OUTLINES:
        truth = {
            norm_title(h["text"]): h["level"]
            for h in json.loads((CORPUS / f"{name}.a.truth.json").read_text())["headings"]
        }
        for s in parse(name).sections:
            if s.level and norm_title(s.title) in truth:
                total += 1
                agree += truth[norm_title(s.title)] == s.level
    assert agree / total >= 0.8, (agree, total)


def test_vaxjo_flattened_headings_and_page_numbers() -> None:
    doc = parse("vaxjo-arbete-valfard-2014")
    titles = [s.title for s in doc.sections if s.level > 0]
    assert titles == [
        "Inledande ord från förvaltningschefen",
        "Så här jobbar vi med kvalitet",
        "Utveckling och resultat 2014",
        "Kvalitet i handläggning och utförande av insatser",
        "Utvecklingsområden 2015",
    ]
    assert doc.furniture == [str(n) for n in range(2, 16)]
    assert not any(s.text.rstrip().endswith(" 5") for s in doc.sections if "förfogande" in s.text)
    first = next(s for s in doc.sections if s.title == "Inledande ord från förvaltningschefen")
    assert first.text.startswith("Arbete och välfärds vision är att;")
    assert first.page == 2


# --- tables --------------------------------------------------------------------------------------------------------

TABLE_SHAPES = {
    # (header rows, data rows, columns) per table in document order
    "vetlanda-vuxen-2013": [(1, 3, 3), (1, 1, 5), (1, 2, 4), (1, 2, 6), (1, 2, 3), (1, 10, 4), (2, 3, 7), (1, 3, 4),
                            (1, 3, 4), (1, 3, 4), (1, 3, 4), (1, 7, 4), (1, 7, 4), (1, 11, 3), (1, 14, 2), (1, 6, 4)],
    "vetlanda-familj-2014-2015": [(1, 3, 4), (2, 4, 5), (1, 4, 5), (1, 3, 5), (2, 4, 5), (1, 2, 4), (1, 2, 4),
                                  (1, 1, 3), (1, 2, 3), (1, 2, 9), (1, 4, 3)],
    "jonkoping-behandling-2016": [(1, 3, 2), (1, 0, 2), (1, 6, 2), (1, 3, 3), (1, 7, 3), (1, 1, 4)],
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(TABLE_SHAPES))
def test_table_shapes(name: str) -> None:
    doc = parse(name)
    shapes = [(len(t.header), len(t.rows), len((t.header + t.rows)[0])) for t in doc.tables]
    assert shapes == TABLE_SHAPES[name]


def test_two_row_header_and_total_rows() -> None:
    doc = parse("vetlanda-vuxen-2013")
    t = next(t for t in doc.tables if t.caption and t.caption.startswith("Inledda och aktuella"))
    assert t.header == [["", "2011", "", "2012", "", "2013", ""],
                        ["", "Inledda", "Aktuella", "Inledda", "Aktuella", "Inledda", "Aktuella"]]  # fmt: skip
    ame = next(t for t in doc.tables if t.caption and t.caption.startswith("Avslutsorsaker och antal AME"))
    assert [ame.rows[i][0] for i in ame.total_rows] == ["Totalt"]


def test_empty_result_table_kept() -> None:
    doc = parse("jonkoping-behandling-2016")
    t = doc.tables[0]
    assert t.header == [["Resultatindikator", "Utfall"]]
    assert t.rows == [["Förbättringsförslag", ""], ["Klagomål", ""], ["Beröm", ""]]


# --- figures -------------------------------------------------------------------------------------------------------

FIGURES = {
    # (label, column, period) -> (value, unit)
    "vetlanda-vuxen-2013": {
        ("Antal avslagsbeslut", "Antal avslagsbeslut", 2011): (473, None),
        ("Antal avslagsbeslut", "Antal avslagsbeslut", 2013): (558, None),
        ("Antal överklaganden", "Antal överklaganden", 2012): (18, None),
        ("Lex Sarah", "Lex Sarah", 2012): (1, None),
        ("Antal svar", "Antal svar", 2013): (174, None),
        ("Tillgänglighet", "Tillgänglighet", 2012): (8.59, None),
        ("Totalt", "2012", 2012): (122, None),
        ("Någon form av anställning med lön", "2011", 2011): (32, None),
        ("CM", "2011 Inledda", 2011): (2, None),
        ("Öppenvården", "2013 Aktuella", 2013): (56, None),
        ("Medelålder", "Medelålder", 2011): (41.6, None),
        ("Vetlanda", "2013", 2013): (17, None),
        ("Totalt", "Antal", 2013): (291, None),
        ("A. Man", "Totalt", 2013): (80, None),
        ("Psykiska besvär", "%", None): (16.7, "%"),
    },
    "vetlanda-familj-2014-2015": {
        ("Synpunkt Vetlanda", "Synpunkt Vetlanda", 2013): (3, None),
        ("Lex Sarah", "Lex Sarah", 2014): (2, None),
        ("Övriga avvikelser", "Övriga avvikelser", 2014): (1, None),
        ("Totalt", "Totalt", 2014): (578, None),
        ("0-12 år", "0-12 år", 2011): (228, None),
        ("Summa", "2014", 2014): (137, None),
        ("Anmälan barn 0-12 år", "2012", 2012): (76, None),
        ("Ansökan ungdom 13-17 år", "2011", 2011): (27, None),
        ("Vårddygn familjehem", "2013", 2013): (17214, None),
        ("Vårddygn HVB exkl. ensamkommande", "2014", 2014): (2753, None),
        ("Svarsfrekvens (%)", "Svarsfrekvens (%)", 2015): (63, "%"),
    },
    "jonkoping-behandling-2016": {
        ("Total", "Budget", None): (11893, "tkr"),
        ("Total", "Utfall", None): (11984.2, "tkr"),
        ("Total", "Avvikelse", None): (-91.2, "tkr"),
        ("Kommunikation/information", "Utfall", None): (6, None),
        ("Säkerhet", "Utfall", None): (2, None),
        ("Ledarskap", "Enhet", None): (3.4, None),
        ("Ledarskap", "Nämnd", None): (4.1, None),
        ("Sjukfrånvaro i % av ordinarie arbetstid", "Enhet", None): (2.1, "%"),
        ("Sjukfrånvaro i % av ordinarie arbetstid", "Nämnd", None): (6.8, "%"),
        ("Antal timmar timlön omräknat till årsarbetare", "Nämnd", None): (232.75, None),
        ("Övertid som andel (%) av den totala arbetstiden", "Enhet", None): (0.3, "%"),
    },
    "vaxjo-arbete-valfard-2014": {
        ("Andel av Växjös befolkning som fått ekonomiskt bistånd", "2013", 2013): (5.53, "%"),
        ("Andel av Växjös befolkning som fått ekonomiskt bistånd", "2014", 2014): (5.37, "%"),
        ("Antal anmälningar, barn och unga", "2013", 2013): (1349, None),
        ("Antal anmälningar, barn och unga", "2014", 2014): (1641, None),
        ("Utbetalt ekonomiskt bistånd, brutto", "2013", 2013): (94049, None),
        ("Utbetalt ekonomiskt bistånd, brutto", "2014", 2014): (87751, None),
        ("Antal ungdomar som erbjudits feriearbete", "2014", 2014): (1301, None),
        ("Antal elever i kommunal vuxenutbildning", "2013", 2013): (2902, None),
        ("Antal anmälningar, vuxna med missbruksproblem", "2014", 2014): (816, None),
        ("Andel sfi-studerande med minst godkänt resultat", "2014", 2014): (49, "%"),
        (
            "Antal företag som har startats genom särskilt försörjningsstöd vid etablering av företag",
            "2013",
            2013,
        ): (10, None),
    },
}


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_key_figures_exact(name: str) -> None:
    doc = parse(name)
    got = {}
    for f in doc.figures:
        got.setdefault((f.label, f.column, f.period), (f.value, f.unit))
    expected = FIGURES[name]
    assert len(expected) >= 10
    for key, (value, unit) in expected.items():
        assert key in got, f"missing figure {key}"
        assert got[key][0] == pytest.approx(value), key
        assert got[key][1] == unit, key


def test_figures_carry_location_and_source_text() -> None:
    doc = parse("vetlanda-vuxen-2013")
    f = next(f for f in doc.figures if f.label == "Antal avslagsbeslut" and f.period == 2013)
    assert f.text == "2013\t558\t19"
    assert f.line == 109
    assert f.table_id is not None and doc.section(f.section_id) is not None
    assert next(f for f in doc.figures if f.label == "Totalt" and f.column == "2012").is_total


def test_years_are_periods_not_values() -> None:
    for name in FIGURES:
        for f in parse(name).figures:
            if f.table_id:
                assert not (f.unit is None and f.value == f.period), f


# --- metadata ------------------------------------------------------------------------------------------------------

METADATA = {
    "vetlanda-vuxen-2013": dict(title=None, organisation="Vetlanda kommun", unit="Vuxensektionen",
                                period={"start": 2013, "end": 2013}, report_date="2014-04-15",
                                signatory={"name": "Cecilia Clausson", "title": "Sektionschef"},
                                document_type=None, author=None, approval=None),
    # Dated and signed above the appendix of new regulations, so not on its last lines.
    "vetlanda-familj-2014-2015": dict(title="Kvalitets- och verksamhetsberättelse 2014- 2015",
                                      organisation="Vetlanda kommun", unit="Familjesektionen",
                                      period={"start": 2014, "end": 2015}, report_date="2015-11-11",
                                      signatory={"name": "Monica Karlsson", "title": "sektionschef familjesektionen"},
                                      document_type="kvalitets- och verksamhetsberättelse", author=None, approval=None),
    "vaxjo-arbete-valfard-2014": dict(title="ARBETE OCH VÄLFÄRDS KVALITETSBERÄTTELSE FÖR ÅR 2014",
                                      organisation="Växjö kommun", unit="Arbete och välfärd",
                                      period={"start": 2014, "end": 2014}, report_date=None,
                                      signatory={"name": "Per Sandberg", "title": "förvaltningschef"},
                                      document_type="kvalitetsberättelse", author=None, approval=None),
    "jonkoping-behandling-2016": dict(title="Resultat- och kvalitetsberättelse", organisation="Jönköpings kommun",
                                      unit="Behandlingssektionen", period={"start": 2016, "end": 2016},
                                      report_date=None, signatory=None,
                                      document_type="resultat- och kvalitetsberättelse", author=None, approval=None),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(METADATA))
def test_metadata(name: str) -> None:
    md = parse(name).to_dict()["metadata"]
    evidence = md.pop("evidence")
    assert md == METADATA[name]
    # Every value says where it came from, and nothing else has evidence.
    assert set(evidence) == {k for k, v in md.items() if v is not None}


def test_metadata_evidence_names_the_line_and_the_cue() -> None:
    ev = parse("vetlanda-familj-2014-2015").metadata.evidence
    assert (ev["report_date"].cue, ev["report_date"].text, ev["report_date"].line) == (
        "closing date line", "Vetlanda 2015-11-11", 589)
    assert ev["signatory"].line == 591 and ev["signatory"].cue == "signature under the closing date"
    assert ev["unit"].cue == "field 'Verksamhet'" and ev["unit"].line == 7
    assert ev["period"].cue == "years in the title"


@pytest.mark.parametrize("name", sorted(METADATA))
def test_same_metadata_in_every_rendition(name: str) -> None:
    """The .txt and its .docx and .pdf renditions are one report: the same date, signatory, period and
    organisation (titles may differ where a rendition's cover splits the title over two lines)."""

    def key(doc: kvcli.Document) -> tuple[object, ...]:
        md = doc.metadata
        return md.organisation, md.unit, md.period, md.report_date, md.signatory, md.approval

    want = key(parse(name))
    for path in sorted(SAMPLES.glob(f"{name}.*.*")):
        assert key(kvcli.parse(path)) == want, path.name


# --- questions -----------------------------------------------------------------------------------------------------


def test_questions_vetlanda_2013() -> None:
    doc = parse("vetlanda-vuxen-2013")
    answered = [(q.text, q.answer) for q in doc.questions if q.answer]
    assert answered == [("Har det under året inkommit JO anmälningar som berör er verksamhet?", ["Ja"])]
    assert len(doc.questions) == 17
    intern = next(q for q in doc.questions if q.text.startswith("Har interkontrollplanen"))
    assert intern.options == ["Ja", "Delvis", "Nej"] and intern.answer is None
    same_line = next(q for q in doc.questions if q.text == "Har analys av 2013 resultat gjorts?")
    assert same_line.options == ["Ja", "Nej"] and same_line.answer is None


def test_questions_match_rendition_truth() -> None:
    for name in ("vetlanda-vuxen-2013", "vetlanda-familj-2014-2015"):
        truth = json.loads((CORPUS / f"{name}.a.truth.json").read_text())["checkbox_questions"]
        doc = parse(name)
        assert [(q.text, q.options, q.answer or []) for q in doc.questions] == [
            (t["text"], t["options"], t["ticked"]) for t in truth
        ]


# --- JSON and schema -----------------------------------------------------------------------------------------------


def test_cli_json_validates_against_shipped_schema() -> None:
    files = sorted(str(p) for p in SAMPLES.glob("*.txt"))
    result = CliRunner().invoke(main, ["parse", *files, "--format", "json"])
    assert result.exit_code == 0, result.output
    docs = json.loads(result.output)
    assert len(docs) == 4
    for d in docs:
        jsonschema.validate(d, document_schema())
        assert d["schema"] == "kvcli.document/1"
        assert list(d)[:8] == [
            "schema",
            "source",
            "metadata",
            "sections",
            "tables",
            "figures",
            "questions",
            "warnings",
        ]
