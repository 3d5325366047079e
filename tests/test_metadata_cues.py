"""Metadata in every template: each cue a real report uses, the evidence it leaves, and null when unknown."""

from __future__ import annotations

from pathlib import Path

import pytest

import kvcli


def _parse(tmp_path: Path, text: str) -> kvcli.Document:
    p = tmp_path / "r.txt"
    p.write_text(text, encoding="utf-8")
    return kvcli.parse(p)


BODY = "Verksamheten har under året arbetat med rutiner för avvikelser och synpunkter.\n"


@pytest.mark.parametrize(
    "title,kind,period",
    [
        ("Kvalitetsberättelse 2018", "kvalitetsberättelse", (2018, 2018)),
        ("Kvalitetsredovisning för år 2014", "kvalitetsredovisning", (2014, 2014)),
        ("Kvalitetsrapport 2016 för hemtjänsten", "kvalitetsrapport", (2016, 2016)),
        (
            "Patientsäkerhets- och kvalitetsberättelse 2019",
            "patientsäkerhets- och kvalitetsberättelse",
            (2019, 2019),
        ),
        (
            "Verksamhets- och kvalitetsberättelse 2014–2015",
            "verksamhets- och kvalitetsberättelse",
            (2014, 2015),
        ),
        ("Verksamhetsberättelse 2014/15", "verksamhetsberättelse", (2014, 2015)),
        ("ARBETE OCH VÄLFÄRDS KVALITETSBERÄTTELSE FÖR ÅR 2014", "kvalitetsberättelse", (2014, 2014)),
    ],
)
def test_title_kind_and_period_from_the_first_line(
    tmp_path: Path, title: str, kind: str, period: tuple[int, int]
) -> None:
    doc = _parse(tmp_path, f"{title}\n\nInledning\n\n{BODY}")
    md = doc.metadata
    assert md.title == title
    assert md.document_type == kind
    assert md.period is not None and (md.period.start, md.period.end) == period
    assert md.evidence["title"].line == 1 and md.evidence["period"].cue == "years in the title"
    assert [s.title for s in doc.sections if s.level] == ["Inledning"]  # the title is not a chapter


def test_a_web_page_title_without_genre_is_still_its_title(tmp_path: Path) -> None:
    md = _parse(tmp_path, f"Rapportering av synpunkter och klagomål 2018\n\n{BODY}").metadata
    assert md.title == "Rapportering av synpunkter och klagomål 2018"
    assert md.evidence["title"].cue == "first line of the text"
    assert md.document_type is None


def test_nothing_stated_gives_nulls_and_no_evidence(tmp_path: Path) -> None:
    md = _parse(tmp_path, "Vi har under året arbetat med rutiner.\n\nDnr 2016/ Socialnämnden.\n").metadata
    assert (md.title, md.period, md.report_date, md.signatory, md.approval, md.author) == (None,) * 6
    assert md.evidence == {}


def test_closing_place_and_date_with_signature_under_it(tmp_path: Path) -> None:
    text = (f"Kvalitetsberättelse 2014\n\n{BODY}\nVetlanda 2015-02-11\n\nMonica Karlsson, sektionschef familjesektionen\n\n"
            "Bilaga\n\nNy SOSFS 2014:4 om våld i nära relationer, 1 okt 2014.\n")  # fmt: skip
    md = _parse(tmp_path, text).metadata
    assert md.report_date == "2015-02-11" and md.evidence["report_date"].line == 5
    assert md.signatory is not None
    assert (md.signatory.name, md.signatory.title) == ("Monica Karlsson", "sektionschef familjesektionen")
    assert md.evidence["signatory"].line == 7


def test_written_closing_date_and_name_then_title_on_two_lines(tmp_path: Path) -> None:
    md = _parse(
        tmp_path,
        f"Kvalitetsberättelse 2018\n\n{BODY}\nVäxjö den 5 mars 2019\n\nPer Sandberg\nförvaltningschef\n",
    ).metadata
    assert md.report_date == "2019-03-05"
    assert md.signatory is not None and (md.signatory.name, md.signatory.title) == (
        "Per Sandberg",
        "förvaltningschef",
    )


def test_datum_field_in_a_tjansteskrivelse_header(tmp_path: Path) -> None:
    text = ("TJÄNSTESKRIVELSE\nDatum: 2019-02-14\nHandläggare: Anna Berg\n\nKvalitetsberättelse 2018\n\n"
            f"Förslag till beslut\n\nSocialnämnden godkänner kvalitetsberättelsen.\n\n{BODY}")  # fmt: skip
    md = _parse(tmp_path, text).metadata
    assert md.report_date == "2019-02-14"
    assert md.evidence["report_date"].cue == "field 'Datum'" and md.evidence["report_date"].line == 2
    # The handläggare wrote the memo: its author, neither its signatory nor the unit it reports on.
    assert md.author == "Anna Berg" and md.signatory is None
    assert md.unit == "Socialnämnden" and md.evidence["unit"].cue == "board the proposal is put to"
    assert md.approval is None  # a proposal, not a decision


def test_date_and_responsible_on_an_skl_template_cover(tmp_path: Path) -> None:
    text = ("Patientsäkerhetsberättelse för vårdgivare År 2011 Datum och ansvarig för innehållet 2012 01-17 Lea "
            f"Ekholm Mallen är framtagen av Sveriges Kommuner och Landsting\n\nSammanfattning\n\n{BODY}")  # fmt: skip
    md = _parse(tmp_path, text).metadata
    assert md.title == "Patientsäkerhetsberättelse för vårdgivare År 2011"
    assert md.report_date == "2012-01-17"
    assert md.signatory is not None and md.signatory.name == "Lea Ekholm"
    assert md.organisation is None  # "Sveriges Kommuner och Landsting" is not a municipality


def test_date_of_the_skrivelse_in_running_text(tmp_path: Path) -> None:
    text = ("Redovisning synpunkter och klagomål 2015\n\n"
            "Sociala nämndernas förvaltning har i skrivelse den 3 februari 2016 lagt fram förslag till beslut.\n")  # fmt: skip
    md = _parse(tmp_path, text).metadata
    assert md.report_date == "2016-02-03" and md.evidence["report_date"].cue == "date of the skrivelse"


def test_a_date_in_running_text_is_not_the_report_date(tmp_path: Path) -> None:
    text = (
        f"Kvalitetsberättelse 2015\n\n{BODY}IVO granskade verksamheten den 5 mars 2015 och lämnade kritik.\n"
    )
    assert _parse(tmp_path, text).metadata.report_date is None


@pytest.mark.parametrize(
    "sentence,by,date,paragraph",
    [
        (
            "Socialnämnden fastställde kvalitetsberättelsen 2019-03-20, § 45.",
            "Socialnämnden",
            "2019-03-20",
            "§ 45",
        ),
        ("Godkänd av socialnämnden 2019-03-20 § 45", "Socialnämnden", "2019-03-20", "§ 45"),
        ("Kvalitetsberättelsen godkändes av omsorgsnämnden den 12 april 2018.", None, None, None),
        (
            "Vård- och omsorgsnämnden har den 21 februari 2018 godkänt kvalitetsberättelsen.",
            "Vård- och omsorgsnämnden",
            "2018-02-21",
            None,
        ),
    ],
)
def test_approval(
    tmp_path: Path, sentence: str, by: str | None, date: str | None, paragraph: str | None
) -> None:
    md = _parse(tmp_path, f"Kvalitetsberättelse 2018\n\n{BODY}\n{sentence}\n").metadata
    if by is None:
        # Passive with the board after the verb: no board to name, so no approval rather than half of one.
        assert md.approval is None or md.approval.date == "2018-04-12"
        return
    assert md.approval is not None
    assert (md.approval.by, md.approval.date, md.approval.paragraph) == (by, date, paragraph)
    assert md.evidence["approval"].cue == "approval statement"


def test_a_decision_about_something_else_is_not_an_approval(tmp_path: Path) -> None:
    text = f"Kvalitetsberättelse 2015\n\n{BODY}Nämnden har i april 2015 beslutat att förvaltningen ska sammanställa avvikelser.\n"
    assert _parse(tmp_path, text).metadata.approval is None


def test_compiling_unit_is_the_author_not_the_unit(tmp_path: Path) -> None:
    text = ("Kvalitetsrapport 2015\n\nSammanställd av Kvalitetsenheten\n\nInledning\n\n"
            "Rapporten gäller Hemtjänstenheten. Hemtjänstenheten har arbetat med rutiner. Hemtjänstenheten "
            "följer upp. Kvalitetsenheten har sammanställt.\n")  # fmt: skip
    md = _parse(tmp_path, text).metadata
    assert md.author == "Kvalitetsenheten"
    assert md.unit == "Hemtjänstenheten"


def test_organisation_in_capitals_on_a_letterhead(tmp_path: Path) -> None:
    md = _parse(
        tmp_path, "NORRKÖPINGS KOMMUN PM Vård- och omsorgskontoret\n\nNorrköpings resultat ligger lägre.\n"
    ).metadata
    assert md.organisation == "Norrköpings kommun"


def test_period_field_and_foreword_signature(tmp_path: Path) -> None:
    text = ("Brukarundersökning\n\nDatainsamlingsperiod: 7 september - 19 oktober 2015\n\nInledande ord\n\n"
            "Vi har under året arbetat vidare med kvaliteten i alla delar av verksamheten och vill tacka alla "
            "medarbetare för ett fint arbete.\nPer Sandberg\nförvaltningschef\n\nResultat\n\n" + BODY)  # fmt: skip
    md = _parse(tmp_path, text).metadata
    assert md.period is not None and (md.period.start, md.period.end) == (2015, 2015)
    assert md.evidence["period"].cue == "field 'Datainsamlingsperiod'"
    assert md.signatory is not None and md.signatory.name == "Per Sandberg"
    assert md.evidence["signatory"].cue == "name and title closing a section"


def test_cover_authors_are_not_signatories(tmp_path: Path) -> None:
    text = "Resultat från brukarundersökningen 2015\nAnna Day, enhetschef\n\nOm undersökningen\n\n" + BODY
    assert _parse(tmp_path, text).metadata.signatory is None


def test_old_documents_without_the_new_fields_still_load() -> None:
    doc = kvcli.Document.from_dict({
        "source": {"path": "a.txt", "format": "txt", "sha256": "0" * 64, "pages": None, "encoding": "utf-8"},
        "metadata": {"title": "T", "organisation": None, "unit": None, "period": {"start": 2014, "end": 2014},
                     "report_date": None, "signatory": None},
        "figures": [{"label": "x", "column": "2014", "value": 1.0, "unit": None, "period": 2014, "section_id": "s1",
                     "table_id": "t1", "page": None, "line": 3, "text": "x\t1"}],
    })  # fmt: skip
    assert (
        doc.metadata.evidence == {} and doc.metadata.approval is None and doc.metadata.document_type is None
    )
    assert doc.figures[0].source == "table" and doc.figures[0].period_note is None
    assert kvcli.Document.from_dict(doc.to_dict()) == doc
