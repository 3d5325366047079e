"""Golden concept tables and pinned findings for the four corpus reports."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kvcli.api import check as check_path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

# Each verdict with the sentence (or table) that decides it. Present = the report tells of work done in
# the period; weak = it only names the concept (template or rule text, an empty table, a heading).
CONCEPTS = {
    "vetlanda-vuxen-2013": {
        # Only "Vad som ingår i kvalitetsberättelsen utgår från socialförvaltningens kvalitetsledningssystem"
        # and descriptions of what the report is: no work on the ledningssystem is reported.
        "ledningssystem": "weak",
        "processer_rutiner": "present",  # "Under året har Vuxensektionen arbetat med att kartlägga … följande:"
        "samverkan": "present",  # "Under året har vuxensektionens myndighetsenhet arbetat med att förbättra samverkan …"
        # "Riskanalys ska därför göras minst en gång varje år …" plus "riskinventering i december 2012 … men
        # vidare arbete har inte gjorts utifrån detta": the rule and work not done.
        "riskanalys": "weak",
        "egenkontroll": "present",  # "Tämligen nöjda brukare även om 2013 års resultat minskat något …"
        "klagomal_synpunkter": "present",  # the table "År | Synpunkt Vetlanda | Lex Sarah | Övriga avvikelser"
        "lex_sarah": "present",  # the same table's Lex Sarah column, filled in for 2011–2013
        "avvikelser": "present",  # the table "Nyckeltal och händelser vuxensektionens myndighetsenhet"
        "personal_kompetens": "present",  # "Medarbetarundersökningar har gjorts 2008 och 2010 och … 2013 …"
        "resultat": "present",  # "Gröna huset har gått igenom resultatet på APT …"; ten result tables
        "forbattringar": "present",  # "Under året har Vuxensektionen arbetat med att kartlägga och/eller förbättra …"
    },
    "vetlanda-familj-2014-2015": {
        "ledningssystem": "weak",  # "Syftet med dokumentet är att beskriva och analysera …": about the report
        "processer_rutiner": "present",  # "Under året har familjesektionen arbetat med att kartlägga … processer och rutiner:"
        "samverkan": "present",  # "Under året har familjesektionen arbetat med att förbättra samverkan …"
        "riskanalys": "present",  # 'Riskanalys': "Rättsäkerheten har bland annat varit på tal under året …"
        "egenkontroll": "present",  # "18-20 år: det har ökat gällande anmälningar …" (the uppföljning)
        "klagomal_synpunkter": "present",  # "… hösten 2014 i placeringsenheten inleddes Lex Sarah utredning …"
        "lex_sarah": "present",  # the same sentence: a Lex Sarah investigation with handlingsplan
        "avvikelser": "present",  # the same sentence: "Gällande en avvikelse hösten 2014 …"
        "personal_kompetens": "present",  # "Under året har familjesektionen genomfört följande kompetensutveckling:"
        "resultat": "present",  # "18-20 år: det har ökat gällande anmälningar från polis och gymnasiet …"
        "forbattringar": "present",  # "Under året har familjesektionen arbetat med att kartlägga och/eller förbättra …"
    },
    "jonkoping-behandling-2016": {
        "ledningssystem": "weak",  # 'Kvalitetsarbete': a definition of kvalitet and the four perspectives
        "processer_rutiner": "weak",  # 'Dokumentation': "… dokumentationen ska vara lätt att följa …", comments empty
        "samverkan": "weak",  # goals only: "Att vi har en väl fungerande samverkan internt och externt!"
        "riskanalys": "missing",  # the word never occurs: the four perspectives have no riskanalys
        "egenkontroll": "present",  # 'Brukarundersökning': "Bemötandeenkäter är genomförda 2016."
        "klagomal_synpunkter": "weak",  # 'Synpunktshantering': the table "Resultatindikator | Utfall" is empty
        "lex_sarah": "missing",  # no lex Sarah anywhere
        "avvikelser": "present",  # 'Händelsehantering' with its table of reported events
        "personal_kompetens": "present",  # 'Arbetsgivare': the table "Resultatindikator | Enhet | Nämnd"
        "resultat": "present",  # 'Uppföljningsbara mål' with its filled-in result table
        # 'Systematiskt förbättringsarbete': "Förbättringsarbetet ska genomsyra arbetsplatsen …" and an
        # empty "Enhetschefens kommentar".
        "forbattringar": "weak",
    },
    "vaxjo-arbete-valfard-2014": {
        "ledningssystem": "weak",  # "God kvalitet i förvaltningens verksamhet innebär att …": a definition
        "processer_rutiner": "present",  # "Under året har en förstudie (Växa) genomförts … för att kartlägga …"
        "samverkan": "present",  # "Förvaltningen har under året utvecklat det interna samarbetet …"
        # Only in passing: "Förbättringsarbetet ska bestå av riskanalys, egenkontroll och hantering av avvikelser"
        # (and a document title in the related-documents list before the transcript, which is not the report).
        "riskanalys": "weak",
        "egenkontroll": "present",  # "Under 2014 har Växjö kommun … deltagit i en nationell brukarundersökning"
        "klagomal_synpunkter": "present",  # "Under år 2014 har 18 klagomål och synpunkter lämnats in, jämfört med 21 …"
        "lex_sarah": "present",  # "Under året har fem så kallade lex Sarah-rapporter … inkommit och utretts …"
        "avvikelser": "weak",  # the avvikelser paragraph is a definition; the transcript loses the rest
        "personal_kompetens": "present",  # "Socialstyrelsen beviljade för år 2014 … kompetensutveckling …"
        "resultat": "present",  # "Antal hushåll som fått ekonomiskt bistånd … under året har minskat."; the Nyckeltal
        "forbattringar": "present",  # "År 2012 beslutade regeringen om en handlingsplan för PRIO … 2012-2016"
    },
}


def test_template_text_is_not_substance() -> None:
    """The issue's corrections, each with its deciding sentence quoted in the verdict."""
    v13 = {c.id: c for c in check_path(SAMPLES / "vetlanda-vuxen-2013.txt").concepts}
    assert v13["riskanalys"].status == "weak" and "Riskanalys ska därför göras" in v13["riskanalys"].evidence
    assert v13["ledningssystem"].status == "weak"
    jkp = {c.id: c for c in check_path(SAMPLES / "jonkoping-behandling-2016.txt").concepts}
    assert jkp["klagomal_synpunkter"].status == "weak" and "tom tabell" in jkp["klagomal_synpunkter"].evidence
    vx = {c.id: c for c in check_path(SAMPLES / "vaxjo-arbete-valfard-2014.txt").concepts}
    assert "18 klagomål" in vx["klagomal_synpunkter"].evidence and "rad 226" in vx["klagomal_synpunkter"].evidence


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
        {"KV101": 2, "KV102": 5, "KV203": 3, "KV301": 2, "KV601": 1, "KV602": 1, "KV604": 1, "KV701": 1, "KV702": 1, "KV704": 5}
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
