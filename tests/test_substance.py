"""Reported work or template text: the sentence classifier behind every concept verdict."""

from __future__ import annotations

import pytest

from kvcli.checks import check_document
from kvcli.checks.substance import classify, states_outcome
from kvcli.config import CheckConfig
from kvcli.model import Document, Metadata, Period, Section, Source

P = (2016, 2016)

REPORTED = [
    "I februari 2016 genomfördes en riskanalys inför omorganisationen.",
    "Under 2016 inkom 18 klagomål och 7 synpunkter.",
    "Under år 2014 har 18 klagomål och synpunkter lämnats in, jämfört med 21 föregående år.",
    "En åtgärdsplan upprättades i oktober.",
    "Bemötandeenkäter är genomförda 2016.",
    "Målet att 90 procent ska vara klara inom fyra månader uppnåddes delvis: utfallet blev 84 procent.",
    "Inga klagomål har inkommit under året.",
]
TEMPLATE = [
    "Riskanalys ska därför göras minst en gång varje år utifrån ett brukar-, personal- och verksamhetsperspektiv.",
    "Egenkontroll innebär att verksamheten själv kontrollerar och följer upp sin verksamhet.",
    "Enligt SOSFS 2011:9 ska vårdgivaren ta emot klagomål.",
    "Syftet med analysen är att identifiera bakomliggande orsaker.",
]
MENTION = [
    "Vad som ingår i kvalitetsberättelsen utgår från socialförvaltningens kvalitetsledningssystem.",
    "Samtlig personal var med och gjorde en riskinventering i december 2012 som sammanställdes i början av 2013 "
    "men vidare arbete har inte gjorts utifrån detta.",
    "En riskinventering gjordes i december 2012.",  # before the period
    "Prioriterade områden 2017: fortsatt arbete med avvikelsehanteringen.",  # a plan
    "Riskinventering görs alltid i varje individuellt ärende.",  # habitual, nothing reported
]


# Reported work without a date: the unit named as doing it, an effect, the unit's practice described.
UNDATED = [
    "Vi har vidareutvecklat avvikelsehanteringen samt förbättrat uppföljningen.",
    "Kommunen har därefter ändrat rutinerna för att hålla dörren öppen på kvällstid.",
    "Ledningsgruppen har tittat på analysen tillsammans och konstaterat att den håller.",
    "Utvecklingsarbetet inom omsorgen har lett till ökad kompetens och förbättrade resultat.",
    "Avvikelser dokumenteras i Qualimax och analyseras både på teammöten och i kvalitetsrådet.",
    "Vi har ett gott samarbete med Team äldredoktor med kontinuerliga möten.",
    "Samtliga avvikelser har följts upp på APT.",  # passive, but at its own meeting
    "Alla medarbetare har genomgått utbildning i lex Sarah.",
]
# Look like reported work, are not.
NOT_UNDATED = [
    "Socialstyrelsen har tagit fram nya indikatorer för äldreomsorgen.",  # a national body's deed
    "Alla äldre i Sverige har tillfrågats om sina synpunkter på äldreomsorgen.",  # not the unit
    "Endast ett fåtal avvikelser mot rutinen har konstaterats.",  # no date, no one named as doing it
    "Helhetssyn utgår från den enskildes samlade livssituation.",  # genitive "-des", adjective "-ade"
    "I tabellen nedan visas de områden där flest händelser rapporterats under året.",  # points at a table
    "Nedan redovisas medelvärdet av alla svar för Vuxensektionen.",  # about the report
    "Att vi har en väl fungerande samverkan internt och externt!",  # a goal
    "På Anhörigstöd utgår man ifrån ett perspektiv där insatserna utförs i samarbete med andra.",  # "där": subordinate
    "Varje år görs en egenkontroll av dokumentationen genom stickprov.",  # a habit, no place of its own
    "Vi har ansvar för hemtjänsten i Norra distriktet.",  # having, not doing
    "Vi har 20 platser på Solgården.",
    "En medarbetare har slutfört en 2-årig handledarutbildning i riskbedömning.",  # "2-årig" dates nothing
]
# The work not done, dated or not.
NOT_DONE = [
    "Riskanalysen genomfördes inte under året.",
    "Under året har inga riskanalyser genomförts.",
    "Ingen handlingsplan togs fram under 2016.",
]
NOT_TEMPLATE = [
    "En verksamhet med kvalitet följer de krav som gäller enligt lagar och andra föreskrifter.",
    "Socialtjänstens kvalitetsarbete regleras i SOSFS 2011:9 Ledningssystem för systematiskt kvalitetsarbete.",
    "Kunskapsbaserad verksamhet: tjänsterna utförs i enlighet med vetenskap och beprövad erfarenhet.",
    # the template's instructions to the writer, dated or not
    "Beskriv hur ni har arbetat med riskanalys under året.",
    "Redovisa vilka åtgärder som vidtagits under året.",
    "Utifrån granskning har vi lärt oss följande och genomfört följande aktiviteter (beskriv kortfattat):",
]
# Statements of results, in any tense: reported work for a results concept.
RESULTS = [
    "NKI uppmäts till 69 vilket ligger inom intervallet för nöjd.",
    "Det är bättre resultat för Norrköping på de flesta indikatorer.",
    "Resultaten visar att de svarande totalt sett är nöjda med omvårdnaden.",
    "Andelen nöjda ligger på 84 procent.",
]
NOT_RESULTS = [
    "Resultaten kan bli bättre än i fjol.",  # a possibility
    "Resultatet presenteras i tabellen nedan med bättre värden än i fjol.",  # about the report
    "Vi ha fler än en enhet inom sektionen.",  # a comparison, but of nothing measured
]


@pytest.mark.parametrize("sentence", UNDATED)
def test_undated_reported_work(sentence: str) -> None:
    assert classify(sentence, P) == "undated"


@pytest.mark.parametrize("sentence", NOT_UNDATED)
def test_undated_look_alikes_report_nothing(sentence: str) -> None:
    assert classify(sentence, P) == "mention"


@pytest.mark.parametrize("sentence", NOT_DONE)
def test_work_not_done_is_no_report(sentence: str) -> None:
    assert classify(sentence, P) == "mention"


@pytest.mark.parametrize("sentence", NOT_TEMPLATE)
def test_restated_law_and_instructions_are_template(sentence: str) -> None:
    assert classify(sentence, P) == "template"


@pytest.mark.parametrize("sentence", RESULTS)
def test_result_statements(sentence: str) -> None:
    assert classify(sentence, P) == "result"


@pytest.mark.parametrize("sentence", NOT_RESULTS)
def test_result_look_alikes(sentence: str) -> None:
    assert classify(sentence, P) == "mention"


def test_an_outcome_is_what_came_of_the_work() -> None:
    assert not states_outcome("Undersökningen genomfördes i mars 2016 och resultatet redovisades i oktober.")
    assert states_outcome("Andelen nöjda brukare ökade till 86 procent.")
    assert states_outcome("Handläggningstiden har förkortats.")


@pytest.mark.parametrize("sentence", REPORTED)
def test_reported_work(sentence: str) -> None:
    assert classify(sentence, P if "2014" not in sentence else (2014, 2014)) == "reported"


@pytest.mark.parametrize("sentence", TEMPLATE)
def test_template_text(sentence: str) -> None:
    assert classify(sentence, P) == "template"


@pytest.mark.parametrize("sentence", MENTION)
def test_mentions_that_report_nothing(sentence: str) -> None:
    assert classify(sentence, (2013, 2013) if "2012" in sentence else P) == "mention"


def _doc(title: str, text: str) -> Document:
    return Document(source=Source(path="r.txt", format="txt", sha256="0" * 64),
                    metadata=Metadata(period=Period(2016, 2016)),
                    sections=[Section(id="s1", title=title, level=1, path=[title], page=None, line=10, text=text,
                                      lines=[12 + 2 * i for i in range(text.count("\n") + 1)])])  # fmt: skip


def _verdict(title: str, text: str) -> tuple[str, str]:
    report = check_document(_doc(title, text), CheckConfig(select=["KV1"]))
    c = next(c for c in report.concepts if c.id == "riskanalys")
    return c.status, c.evidence


def test_a_short_section_that_reports_work_is_present_and_quoted_with_its_line() -> None:
    status, evidence = _verdict("Riskanalys", "Inledande text.\nI mars 2016 genomfördes en riskanalys; tre risker hittades.")
    assert status == "present"
    assert evidence == "«I mars 2016 genomfördes en riskanalys; tre risker hittades.» (rad 14)"


def test_a_long_section_of_template_text_is_weak() -> None:
    text = " ".join(TEMPLATE[:1] * 12)
    status, evidence = _verdict("Riskanalys", text)
    assert status == "weak" and evidence.startswith("bara mall- eller regeltext: «Riskanalys ska därför")


def test_a_heading_alone_is_weak_and_a_toc_line_alone_too() -> None:
    assert _verdict("Riskanalys", "")[0] == "weak"
    doc = _doc("Inledning", "Text om verksamheten.")
    from kvcli.model import TocEntry

    doc.toc = [TocEntry("Riskanalys", 1, 4)]
    c = next(c for c in check_document(doc, CheckConfig(select=["KV1"])).concepts if c.id == "riskanalys")
    assert (c.status, c.evidence) == ("weak", "bara i innehållsförteckningen")


def _concept(concept: str, title: str, text: str) -> tuple[str, str]:
    report = check_document(_doc(title, text), CheckConfig(select=["KV1"]))
    c = next(c for c in report.concepts if c.id == concept)
    return c.status, c.evidence


def test_results_need_an_outcome_not_only_a_deed() -> None:
    done = "Undersökningen genomfördes i mars 2016 och resultatet redovisades i oktober."
    assert _concept("resultat", "Inledning", done)[0] == "weak"
    assert _concept("resultat", "Inledning", done + "\nResultaten 2016: andelen nöjda brukare ökade till 86 procent.")[0] == "present"


def test_a_result_statement_reports_results_not_the_concepts_it_names() -> None:
    text = "Resultaten visar att brukarna är nöjda med hur deras synpunkter tas om hand."
    assert _concept("resultat", "Inledning", text)[0] == "present"
    assert _concept("klagomal_synpunkter", "Inledning", text)[0] == "weak"


def test_a_dated_account_is_quoted_before_undated_work() -> None:
    text = "Vi har förbättrat riskanalysen.\nI mars 2016 genomfördes en riskanalys."
    status, evidence = _concept("riskanalys", "Riskanalys", text)
    assert status == "present" and "I mars 2016" in evidence
    assert _concept("riskanalys", "Riskanalys", "Vi har förbättrat riskanalysen.")[0] == "present"


@pytest.mark.parametrize(("concept", "text", "status"), [
    # "process" alone is no work process, "kvalitetsarbete" alone names no management system
    ("processer_rutiner", "Vi bedömer att 2016 har varit året då intressanta processer vuxit fram.", "missing"),
    ("ledningssystem", "Utvecklings- och kvalitetsarbetet har under 2016 lett till ökad kompetens.", "missing"),
    # what real reports say of improvements and results
    ("forbattringar", "Kommunen har därefter ändrat rutinerna för att hålla dörren öppen på kvällstid.", "present"),
    ("forbattringar", "Vi lade tidigt under året fokus på att förbättra mötesstrukturen.", "present"),
    ("resultat", "Vi har förbättrat uppföljningen och handläggningstiden har förkortats.", "present"),
    ("resultat", "NKI uppmäts till 69.", "present"),
])  # fmt: skip
def test_pack_vocabulary_finds_what_reports_say(concept: str, text: str, status: str) -> None:
    assert _concept(concept, "Inledning", text)[0] == status


def test_giant_sentences_are_not_kept_in_the_cache() -> None:
    from kvcli.checks import substance

    before = substance._classify_cached.cache_info().currsize
    assert classify("Vi har arbetat med rutinerna. " * 200, P) == classify("Vi har arbetat med rutinerna. " * 200, P)
    assert substance._classify_cached.cache_info().currsize == before
    classify("Vi har arbetat med cachens egen rutin i mars 2016.", P)
    assert substance._classify_cached.cache_info().currsize == before + 1
