"""The report's title, the kind of report it names, and the period its title or a period field states.

Templates name the genre in many ways: "Kvalitetsberättelse 2018", "Kvalitetsredovisning för år 2014",
"Patientsäkerhets- och kvalitetsberättelse", "Verksamhets- och kvalitetsberättelse 2014–2015",
"ARBETE OCH VÄLFÄRDS KVALITETSBERÄTTELSE FÖR ÅR 2014". A title is a short line that names one; failing
that, the first line of a text (a web page's or a transcript's title), or the matter of a
tjänsteskrivelse (the phrase just above "Förslag till beslut").
"""

from __future__ import annotations

import re

from ..model import Evidence, Period
from .meta_text import ISO_DATE_RE, MONTHS, WRITTEN_DATE_RE, SourceLine

_KIND = r"(?:kvalitets|verksamhets|patientsäkerhets|förvaltnings|resultat|års)"
_NOUN = r"(?:berättelse|redovisning|rapport|bokslut)"
# "kvalitetsberättelse", "Kvalitets- och patientsäkerhetsberättelse", "resultat- och kvalitetsberättelse".
DOC_TYPE_RE = re.compile(
    rf"\b{_KIND}(?:-\s+och\s+[\wåäö]*?)?{_NOUN}(?:en)?(?:\s+med\s+[\wåäö]*?{_NOUN})?\b", re.I
)
TITLE_MAX = 140
_TITLE_WORDS = 18
# Field labels a cover or letterhead puts after the title: the title ends where one starts.
_FIELD_CUT_RE = re.compile(
    r"\s+(?:Datum(?:\s+och\s+ansvarig\s+för\s+innehållet)?|Ansvarig(?:\s+för\s+innehållet)?|Dnr|Diarienr|"
    r"Diarienummer|Handläggare|Upprättad\s+av|Sammanställd\s+av|Version|E-post|Mallen\s+är)\b.*$",
    re.I,
)
_FIELD_LINE_RE = re.compile(r"\b(?:Dnr|Diarienr|E-post|Telefon|Tel\.?)\s*:|@|https?://|www\.", re.I)
# A memo's kind printed on its letterhead is not its title.
_MEMO_KIND_RE = re.compile(
    r"^(?:TJÄNSTESKRIVELSE|TJÄNSTEUTLÅTANDE|PM|PROMEMORIA|PROTOKOLL|MISSIV|BESLUT)\b", re.I
)
_SPAN_RE = re.compile(r"\b((?:19|20)\d\d)\s*[–—/-]\s*((?:19|20)?\d\d)\b")
_TITLE_YEAR_RE = re.compile(r"(?<![\d/:.-])((?:19|20)\d\d)(?![\d/:]|-\d\d-\d)")
_PERIOD_FIELD_RE = re.compile(
    r"\b(?:Tidsperiod|Redovisningsperiod|Rapportperiod|Period|Verksamhetsår|Datainsamlingsperiod|"
    r"Mätperiod|Undersökningsperiod|Avser(?:\s+år|\s+period)?)\s*:?\s*(?P<value>[^.;]{0,80})",
)
# A tjänsteskrivelse's matter: "Redovisning synpunkter och klagomål 2015" just above "Förslag till beslut".
_MATTER_RE = re.compile(
    r"(?:^|\s)(?P<t>(?:Redovisning|Rapportering|Rapport|Årsberättelse|Årsrapport|Sammanställning|Uppföljning|"
    r"Kvalitets\w*|Patientsäkerhets\w*|Verksamhets\w*)\b[^.:]{3,110}?)\s*$"
)
_WEB_TITLE_TAIL_RE = re.compile(r"\s+[-–|]\s+(?:PDF|Gratis nedladdning|docplayer\.se).*$", re.I)
_MONTH_TAIL_RE = re.compile(rf"\s+[-–]\s+(?:{'|'.join(MONTHS)})(?:\s+(?:19|20)\d\d)?\s*$", re.I)


def document_type(text: str | None) -> str | None:
    """The genre a title names, lower case ("kvalitets- och patientsäkerhetsberättelse"); None if none."""
    if not text:
        return None
    m = DOC_TYPE_RE.search(text)
    if m is None:
        return None
    kind = re.sub(r"\s+", " ", m.group(0)).lower()
    return re.sub(rf"({_NOUN})en\b", r"\1", kind)  # "kvalitetsberättelsen" names the same genre


def find_title(
    front: list[SourceLine], furniture: list[SourceLine], first: SourceLine | None
) -> tuple[str, Evidence] | None:
    """The title from the cover lines: a short line naming the genre (one with a year first), then such a
    running header, else the document's first line when it reads as a title."""
    for lines, cue in ((front, "title line naming the kind of report"), (furniture, "running header")):
        named: list[tuple[str, SourceLine]] = []
        for ln in lines:
            for part in ln.text.split("\t"):
                t = _cut(part)
                if t and DOC_TYPE_RE.search(t) and _title_like(t):
                    named.append((t, ln))
        if named:
            with_year = [n for n in named if _TITLE_YEAR_RE.search(n[0])]
            t, ln = (with_year or named)[0]
            return t, ln.evidence(cue, t)
    if first is not None:
        t = _cut(first.text)
        if (t and _title_like(t) and not _FIELD_LINE_RE.search(first.text) and not _MEMO_KIND_RE.match(t)
                and first.kind != "list_item"):  # fmt: skip
            return t, first.evidence("first line of the text", t)
    return None


def matter_title(preamble: str, line: SourceLine) -> tuple[str, Evidence] | None:
    """A tjänsteskrivelse's matter, the phrase that ends the letterhead just above "Förslag till beslut"."""
    m = _MATTER_RE.search(preamble.strip())
    if m is None:
        return None
    t = m.group("t").strip()
    if not _title_like(t) or _FIELD_LINE_RE.search(t):
        return None
    return t, line.evidence("matter of the tjänsteskrivelse (above 'Förslag till beslut')", t)


def _cut(text: str) -> str:
    t = re.sub(r"\s+", " ", text).strip()
    t = _FIELD_CUT_RE.sub("", t)
    t = _WEB_TITLE_TAIL_RE.sub("", t)
    t = _MONTH_TAIL_RE.sub("", t)  # "… Fristad Bräcke diakoni - februari": the cover's date, not the title
    return t.strip(" -–,")


def _title_like(t: str) -> bool:
    if not t or len(t) > TITLE_MAX or len(t.split()) > _TITLE_WORDS or t.endswith((".", ":", ";", ",")):
        return False
    if ISO_DATE_RE.search(t) or WRITTEN_DATE_RE.search(t):
        return False
    return bool(re.match(r"[A-ZÅÄÖ0-9]", t))


def period_from_title(title: str) -> Period | None:
    """ "… 2014–2015", "… 2014/15", "… för år 2014", "… 2018": the years the title names."""
    m = _SPAN_RE.search(title)
    if m:
        start, end_text = int(m.group(1)), m.group(2)
        end = int(end_text) if len(end_text) == 4 else (start // 100) * 100 + int(end_text)
        if start <= end <= start + 5:
            return Period(start, end)
    years = {int(y) for y in _TITLE_YEAR_RE.findall(title)}
    if len(years) == 1:
        y = years.pop()
        return Period(y, y)
    return None


def period_field(lines: list[SourceLine]) -> tuple[Period, Evidence] | None:
    """A "Tidsperiod: 2014-01-01 – 2014-12-31", "Verksamhetsår: 2014", "Datainsamlingsperiod: 7 september -
    19 oktober 2015" field."""
    for ln in lines:
        for m in _PERIOD_FIELD_RE.finditer(ln.text):
            value = m.group("value")
            years = sorted({int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", value)})
            if years and years[-1] - years[0] <= 5:
                label = m.group(0)[: m.start("value") - m.start()].strip(" :")
                return Period(years[0], years[-1]), ln.evidence(f"field '{label}'", m.group(0))
    return None


def year_line(lines: list[SourceLine]) -> tuple[Period, Evidence] | None:
    """A cover line that is only a year or years ("2016", "2014- 2015"), or "År 2016" / "Verksamhetsåret 2016"."""
    for ln in lines:
        t = ln.text.strip()
        if re.fullmatch(
            r"(?:(?:verksamhets)?år(?:et)?\s+)?(?:19|20)\d\d(?:\s*[–—/-]\s*(?:19|20)?\d\d)?", t, re.I
        ):
            p = period_from_title(t)
            if p:
                return p, ln.evidence("cover line with the year")
    return None
