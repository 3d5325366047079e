"""Golden concept tables and pinned findings for the four corpus reports."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kvcli.api import check as check_path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

# Each verdict with the section or sentence that decides it.
CONCEPTS = {
    "vetlanda-vuxen-2013": {
        "ledningssystem": "present",  # 'Inledning' discusses the kvalitetsledningssystem and SOSFS 2011:9 at length
        "processer_rutiner": "present",  # chapter 'Processer och rutiner'
        "samverkan": "present",  # chapter 'Samverkan'
        "riskanalys": "present",  # chapter 'Riskanalys' under 'Systematiskt förbättringsarbete'
        "egenkontroll": "present",  # chapter 'Egenkontroll' (Internkontroll, Brukarundersökning, Öppna jämförelser)
        "klagomal_synpunkter": "present",  # 'Synpunkter och avvikelser': the synpunkter of 2012 listed
        "lex_sarah": "present",  # 'Synpunkter och avvikelser': a Lex Sarah column, the 2012 report and its åtgärdsplan
        "avvikelser": "present",  # 'Synpunkter och avvikelser'
        "personal_kompetens": "present",  # 'Personal- och kompetensförsörjning'
        "resultat": "present",  # 'Lokal uppföljning och statistik' with ten result tables
        "forbattringar": "present",  # 'Systematiskt förbättringsarbete'
    },
    "vetlanda-familj-2014-2015": {
        "ledningssystem": "present",  # 'Inledning' on the ledningssystem TRYGGVE
        "processer_rutiner": "present",  # 'Processer och rutiner'
        "samverkan": "present",  # 'Samverkan'
        "riskanalys": "present",  # 'Riskanalys' (placeringsenheten's analysis)
        "egenkontroll": "present",  # 'Internkontroll', 'Brukarundersökning'
        "klagomal_synpunkter": "present",  # 'Synpunkter och avvikelser'
        "lex_sarah": "present",  # lex Sarah reports 2012–2014 in 'Synpunkter och avvikelser'
        "avvikelser": "present",  # 'Synpunkter och avvikelser'
        "personal_kompetens": "present",  # 'Personal- och kompetensförsörjning'
        "resultat": "present",  # 'Verksamhetsstatistik och lokal uppföljning'
        "forbattringar": "present",  # 'Systematiskt förbättringsarbete'
    },
    "jonkoping-behandling-2016": {
        "ledningssystem": "present",  # chapter 'Kvalitetsarbete'
        "processer_rutiner": "present",  # 'Dokumentation' (stickprov of the documentation routines)
        "samverkan": "present",  # 'Vår enhet': samverkan internt och externt, five times
        "riskanalys": "missing",  # the word never occurs: the four perspectives have no riskanalys
        "egenkontroll": "present",  # 'Brukarundersökning', 'Kvalitetsrevision'
        "klagomal_synpunkter": "present",  # 'Synpunktshantering' (beröm, klagomål och förbättringsförslag)
        "lex_sarah": "missing",  # no lex Sarah anywhere
        "avvikelser": "present",  # 'Händelsehantering' with its table of reported events
        "personal_kompetens": "present",  # perspective 'Arbetsgivare' (Medarbetarundersökning, Nyckeltal, personal)
        "resultat": "present",  # four 'Uppföljningsbara mål' sections
        "forbattringar": "present",  # 'Systematiskt förbättringsarbete'
    },
    "vaxjo-arbete-valfard-2014": {
        "ledningssystem": "present",  # 'Så här jobbar vi med kvalitet' (SOSFS 2011:9, ledningssystem)
        "processer_rutiner": "present",  # 'Kvalitet i handläggning…' discusses rutiner and processer
        "samverkan": "present",  # 'Utveckling och resultat 2014': samverkan with FK, Dalbo vårdcentral …
        # Only in passing: "Förbättringsarbetet ska bestå av riskanalys, egenkontroll och hantering av avvikelser"
        # (and a document title in the related-documents list before the transcript).
        "riskanalys": "weak",
        "egenkontroll": "present",  # brukarundersökningar, öppna jämförelser, internkontroller
        "klagomal_synpunkter": "present",  # 'Avvikelser, klagomål och synpunkter' run into the text
        "lex_sarah": "present",  # lex Sarah reports discussed under Trygghet och säkerhet
        "avvikelser": "weak",  # the avvikelser paragraph is short and partly lost in the flattened transcript
        "personal_kompetens": "present",  # 'Utbildning och kompetens' material in the results chapter
        "resultat": "present",  # 'Utveckling och resultat 2014' with its Nyckeltal
        "forbattringar": "present",  # 'Utvecklingsområden 2015'
    },
}


@pytest.mark.parametrize("name", sorted(CONCEPTS))
def test_concept_table(name: str) -> None:
    report = check_path(SAMPLES / f"{name}.txt")
    assert report.error is None
    assert {c.id: c.status for c in report.concepts} == CONCEPTS[name]


@pytest.mark.parametrize("name", ["jonkoping-behandling-2016", "vetlanda-vuxen-2013"])
@pytest.mark.parametrize("ext", ["a.docx", "b.pdf"])
def test_concept_table_same_for_word_and_pdf(name: str, ext: str) -> None:
    report = check_path(SAMPLES / f"{name}.{ext}")
    assert {c.id: c.status for c in report.concepts} == CONCEPTS[name]


def test_jonkoping_findings_pinned() -> None:
    findings = check_path(SAMPLES / "jonkoping-behandling-2016.txt").findings
    assert Counter(f.code for f in findings) == Counter(
        {"KV101": 2, "KV203": 3, "KV301": 2, "KV601": 1, "KV602": 1}
    )
    empty_table = [f for f in findings if f.code == "KV301"][0]
    assert (
        "Resultatindikator | Utfall" in empty_table.message
        and "Förbättringsförslag, Klagomål, Beröm" in empty_table.message
    )
    assert {f.message for f in findings if f.code == "KV101"} == {
        "Rapporten redovisar inte riskanalys. Beskriv när riskanalyser gjordes, vilka risker som hittades och vilka "
        "åtgärder som beslutades.",
        "Rapporten redovisar inte rapporter om missförhållanden (lex Sarah). Redovisa hur många lex Sarah-rapporter "
        "som kom in, hur många som utreddes och anmäldes till IVO, och vilka åtgärder som vidtogs.",
    }


def test_vetlanda_unanswered_items_and_totals_that_add_up() -> None:
    findings = check_path(SAMPLES / "vetlanda-vuxen-2013.txt").findings
    unanswered = [f for f in findings if f.code == "KV401"]
    assert len(unanswered) == 16  # 17 Ja/Nej items, one answered ("Ja x Nej" on the JO question)
    assert not any("JO anmälningar" in f.message for f in unanswered)
    assert [f.message for f in findings if f.code == "KV402"] == ["'Om ja, ange antal:' är inte ifyllt. Skriv antalet (0 om inga)."]
    # The AME "Totalt" rows, the Kallelser totals and the % breakdown all add up: no arithmetic finding.
    assert not [f for f in findings if f.code in ("KV302", "KV303")]


def test_signed_and_dated_report_has_no_metadata_findings() -> None:
    codes = {f.code for f in check_path(SAMPLES / "vetlanda-vuxen-2013.txt").findings}
    assert not codes & {"KV201", "KV601", "KV602"}
