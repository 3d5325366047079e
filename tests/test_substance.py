"""Reported work or template text: the sentence classifier behind every concept verdict."""

from __future__ import annotations

import pytest

from kvcli.checks import check_document
from kvcli.checks.substance import classify
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
