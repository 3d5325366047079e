"""Figures stated in running text (issue 13): what is read, with which label and year, and what never is."""

from __future__ import annotations

from pathlib import Path

import pytest

import kvcli
from kvcli.figures.prose import prose_figures

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _read(text: str, year: int | None = 2014) -> list[tuple[str, float, int | None, str | None]]:
    return [(f.label, f.value, f.period, f.unit) for f in prose_figures(text, "s1", None, None, year)]


@pytest.mark.parametrize(
    "text,want",
    [
        ("Under 2014 inkom 18 klagomål, jämfört med 21 föregående år.",
         [("klagomål", 18, 2014, None), ("klagomål", 21, 2013, None)]),
        ("Under året kom fem så kallade lex Sarah-rapporter, varav en anmäldes till IVO.",
         [("lex Sarah-rapporter", 5, None, None), ("anmälda till IVO", 1, None, None)]),
        ("I kommunen finns 14 särskilda boenden med totalt 480 lägenheter.",
         [("särskilda boenden", 14, None, None), ("lägenheter", 480, None, None)]),
        ("Andelen nöjda brukare ökade från 45 % till 52 %.", [("andelen nöjda brukare", 52, None, "%")]),
        ("Under år 2012 inkom 53 rapporter om missförhållanden. 15 av dessa bedömdes vara allvarliga och "
         "anmäldes därmed till Socialstyrelsen.",
         [("lex Sarah-rapporter", 53, 2012, None), ("anmälda till Socialstyrelsen", 15, None, None)]),
        ("Under 2018 har det totalt inkommit 60 synpunkter, varav 24 beröm och 36 klagomål.",
         [("synpunkter", 60, 2018, None), ("beröm", 24, 2018, None), ("klagomål", 36, 2018, None)]),
        ("Svar inkom från 724 personer vilket ger en svarsfrekvens på 68 procent.",
         [("svarande", 724, None, None), ("svarsfrekvens", 68, None, "%")]),
        ("NKI uppmäts till 69 vilket ligger inom intervallet för nöjd (55-74).", [("NKI", 69, None, None)]),
        ("Verksamheten har tolv medarbetare.", [("medarbetare", 12, None, None)]),
        ("Andelen klagomål som besvarades inom två veckor ökade från 61 % till 78 %.",
         [("andelen klagomål som besvarades inom två veckor", 78, None, "%")]),
    ],
)  # fmt: skip
def test_counts_in_sentences(text: str, want: list[tuple[str, float, int | None, str | None]]) -> None:
    assert _read(text) == want


@pytest.mark.parametrize(
    "text",
    [
        "Rapporteringsskyldigheten enligt 14 kap. 3 § socialtjänstlagen gäller all personal.",
        "Nämnden beslutade den 3 februari 2016 att godkänna rapporten.",
        "Sjukfrånvaron ökade, en ökning med 0,1 % jämfört med 2013.",
        "IVO ska inspektera varje HVB minst två gånger per år, varav en inspektion ska vara oanmäld.",
        "Ett av de högt prioriterade målen blev att öka tryggheten.",
        "Detta regleras i SOSFS 2011:9 och gäller från 2012-01-01.",
        "Barn 0-12 år och ungdomar 13-20 år erbjuds samtal, se sidan 4 och bilaga 2.",
        "Sedan 2012 har verksamheten samlat material från 2010 och 2011.",
        "Platserna utökades från sex till elva.",
        "I SOSFS 2011:9 framgår att kvalitet ska ses utifrån tre perspektiv.",
        "Analysen görs utifrån dessa tre perspektiv och de planerade fyra insatserna.",
    ],
)
def test_numbers_that_are_not_figures(text: str) -> None:
    assert _read(text) == []


def test_vaxjo_klagomal_and_lex_sarah_paragraphs() -> None:
    doc = kvcli.parse(SAMPLES / "vaxjo-arbete-valfard-2014.txt")
    prose = {(f.label, f.period, f.value) for f in doc.figures if f.source == "prose"}
    assert {("klagomål och synpunkter", 2014, 18), ("klagomål och synpunkter", 2013, 21),
            ("lex Sarah-rapporter", None, 5), ("anmälda till IVO", None, 1)} <= prose  # fmt: skip
    f = next(f for f in doc.figures if f.label == "lex Sarah-rapporter")
    assert "lex Sarah-rapporter" in f.text and f.section_id and f.column == ""
