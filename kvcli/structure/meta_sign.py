"""When the report was dated, who signed it, and who approved it.

Cues, strongest first. The date: a closing "Ort ÅÅÅÅ-MM-DD" line with a name under it, a "Datum" field
(a tjänsteskrivelse's letterhead, "Datum och ansvarig för innehållet"), a closing date line alone, then
"i skrivelse den 3 februari 2016". The signatory: the lines under the closing date, an "Ansvarig" field,
then a name and job title closing a section (a foreword signed "Per Sandberg, förvaltningschef"), which
reads the same whether a transcript ran it into the paragraph or Word and PDF put it on lines of its own.
A handläggare or a cover's authors are not signatories. Approval: "Socialnämnden fastställde
kvalitetsberättelsen 2019-03-20, § 45", "Godkänd av socialnämnden 2019-03-20 § 45" — a decision already
taken, never the proposal ("Förslag till beslut: nämnden godkänner …").
"""

from __future__ import annotations

import re

from ..model import Approval, Evidence, Signatory
from .meta_text import NAME_RE, ROLE_RE, SourceLine, find_date, leading_name

_PLACE = r"(?:[A-ZÅÄÖ][a-zåäö]+(?:[- ][A-ZÅÄÖ][a-zåäö]+)?,?\s+)?"
_DATE_LINE_RE = re.compile(rf"^\s*{_PLACE}(?:den\s+)?(?P<date>\S.*?)\s*$")
_DATUM_FIELD_RE = re.compile(
    r"\b(?:Datum|DATUM)(?P<resp>\s+och\s+ansvarig\s+för\s+innehållet)?\s*:?\s*(?:den\s+)?(?=\d)"
)
_ANSVARIG_RE = re.compile(r"\b(?:Ansvarig(?:\s+för\s+innehållet)?|Undertecknad\s+av)\s*:?\s+(?=[A-ZÅÄÖ])")
_SKRIVELSE_RE = re.compile(r"\b(?:tjänste)?skrivelse\s+(?:daterad\s+)?(?:den\s+)?(?=\d)", re.I)
# Bounded and anchored at a word start: a 200,000-letter "word" must not make every position a new try.
_BODY = (
    r"\b(?:[A-ZÅÄÖ][\wåäö]{0,30}-\s+och\s+)?[\wåäö-]{0,40}?(?:nämnden|nämnd|styrelsen|fullmäktige|utskottet)"
)
_DECIDED = r"(?:fastställ(?:de|des|ts|t)|godkän(?:de|des|ts|t)|antog|antogs|antagit|beslutade\s+att\s+(?:godkänna|fastställa|anta))"
_APPROVED_BY_RE = re.compile(
    rf"(?P<by>{_BODY})\s+(?:har\s+)?(?:(?:den|i|på|vid)\s+[^,.;]{{0,40}}?\s+)?{_DECIDED}\b", re.I
)
_APPROVED_PART_RE = re.compile(
    rf"\b(?:Fastställd|Godkänd|Antagen|Beslutad)\s+(?:av|i)\s+(?P<by>{_BODY})\b", re.I
)
_DECIDED_RE = re.compile(rf"{_DECIDED}|\b(?:Fastställd|Godkänd|Antagen|Beslutad)\b", re.I)
_RUN_IN_CLOSING_RE = re.compile(
    rf"(?:^|[.!?]\s+)[A-ZÅÄÖ][a-zåäö]+(?:[- ][A-ZÅÄÖ][a-zåäö]+)?,?\s+(?:den\s+)?"
    rf"(?P<date>(?:19|20)\d\d-\d\d-\d\d|\d{{1,2}}\s+[a-zåäö]+\s+(?:19|20)\d\d)\s+"
    rf"(?P<name>{NAME_RE.pattern}),?\s+(?P<title>[\wåäöÅÄÖ -]{{2,60}}?)\s*$"
)
_PARAGRAPH_RE = re.compile(r"§\s*(\d{1,4})")
_REPORT_WORD_RE = re.compile(r"berättelse|redovisning|rapport|dokument", re.I)
_MAX_APPROVAL_WORDS = 40


def closing_date(lines: list[SourceLine]) -> int | None:
    """Index of the line that dates the report at its end ("Vetlanda 2015-11-11"): the last line that is
    only a place and a date with a signature under it, else the last such line."""
    last: int | None = None
    for i in range(len(lines) - 1, -1, -1):
        if lines[i].kind == "heading" or not _is_date_line(lines[i].text):
            continue
        if _signature_after(lines, i) is not None:
            return i
        if last is None:
            last = i
    return last


def _is_date_line(text: str) -> bool:
    m = _DATE_LINE_RE.match(text)
    if m is None or len(text) > 60:
        return False
    found = find_date(m.group("date"))
    return found is not None and found[1].start() == 0 and found[1].end() == len(m.group("date"))


def _run_in_closing(lines: list[SourceLine]) -> tuple[SourceLine, re.Match[str]] | None:
    """A transcript that ran the closing into the last paragraph: "… år 2012. Ljungby 2014-02-12 Karin Berg
    Socialchef"."""
    tail = [ln for ln in lines if ln.kind != "heading"][-3:]
    for ln in reversed(tail):
        m = _RUN_IN_CLOSING_RE.search(ln.text[-200:])
        if (
            m
            and find_date(m.group("date"))
            and leading_name(m.group("name")) == m.group("name")
            and _role(m.group("title"))
        ):
            return ln, m
    return None


def report_date(lines: list[SourceLine], closing: int | None) -> tuple[str, Evidence] | None:
    if closing is not None and _signature_after(lines, closing) is not None:
        return _dated(lines[closing], "closing date line")
    run_in = _run_in_closing(lines) if closing is None else None
    if run_in is not None:
        at, closing_m = run_in
        found = find_date(closing_m.group("date"))
        assert found is not None
        return found[0], at.evidence(
            "closing date run into the last paragraph", closing_m.group(0).strip(" .!?")
        )
    for ln in lines:
        m = _DATUM_FIELD_RE.search(ln.text)
        if m:
            found = find_date(ln.text[m.end() : m.end() + 40])
            if found and found[1].start() == 0:
                label = "Datum och ansvarig för innehållet" if m.group("resp") else "Datum"
                return found[0], ln.evidence(
                    f"field '{label}'", ln.text[m.start() : m.end() + found[1].end()]
                )
    if closing is not None:
        return _dated(lines[closing], "closing date line")
    for ln in lines:
        m = _SKRIVELSE_RE.search(ln.text)
        if m:
            found = find_date(ln.text[m.end() : m.end() + 40])
            if found and found[1].start() == 0:
                return found[0], ln.evidence(
                    "date of the skrivelse", ln.text[m.start() : m.end() + found[1].end()]
                )
    return None


def _dated(ln: SourceLine, cue: str) -> tuple[str, Evidence]:
    found = find_date(ln.text)
    assert found is not None
    return found[0], ln.evidence(cue)


def signatory(lines: list[SourceLine], closing: int | None, front: int) -> tuple[Signatory, Evidence] | None:
    """``front``: how many leading lines are the cover (its names are authors, not signatories)."""
    if closing is not None:
        sig = _signature_after(lines, closing)
        if sig is not None:
            return sig
    run_in = _run_in_closing(lines) if closing is None else None
    if run_in is not None:
        at, closing_m = run_in
        return Signatory(closing_m.group("name"), closing_m.group("title").strip()), at.evidence(
            "signature run into the last paragraph", closing_m.group(0).strip(" .!?")
        )
    for ln in lines:
        m = _DATUM_FIELD_RE.search(ln.text)
        if m and m.group("resp"):
            found = find_date(ln.text[m.end() : m.end() + 40])
            if found:
                rest = ln.text[m.end() + found[1].end() :]
                name = leading_name(rest)
                if name:
                    return Signatory(name=name), ln.evidence("field 'Datum och ansvarig för innehållet'")
        m = _ANSVARIG_RE.search(ln.text)
        if m:
            name = leading_name(ln.text[m.end() :])
            if name:
                return Signatory(name=name), ln.evidence(
                    "field 'Ansvarig'", ln.text[m.start() : m.end() + 40]
                )
    return _section_signature(lines, front)


def _signature_after(lines: list[SourceLine], i: int) -> tuple[Signatory, Evidence] | None:
    after = [ln for ln in lines[i + 1 : i + 3] if ln.kind != "heading"]
    if not after:
        return None
    first = after[0].text.strip()
    m = re.fullmatch(rf"(?P<name>{NAME_RE.pattern})\s*,\s*(?P<title>[^,.]{{2,60}})", first)
    if m and leading_name(m.group("name")) == m.group("name"):
        return Signatory(m.group("name"), m.group("title").strip()), after[0].evidence(
            "signature under the closing date"
        )
    if NAME_RE.fullmatch(first) and leading_name(first) == first:
        title = None
        if len(after) > 1 and len(after[1].text) <= 60 and not after[1].text.rstrip().endswith("."):
            title = after[1].text.strip()
        return Signatory(first, title), after[0].evidence("signature under the closing date")
    return None


def _section_signature(lines: list[SourceLine], front: int) -> tuple[Signatory, Evidence] | None:
    """A name and a job title closing a section: on two lines, on one ("Name, title"), or at the end of a
    paragraph a transcript ran together ("… förvaltningen. Per Sandberg förvaltningschef")."""
    for i in range(front, len(lines)):
        ln = lines[i]
        if ln.kind == "heading":
            continue
        closes = i + 1 >= len(lines) or lines[i + 1].kind == "heading"
        text = ln.text.strip()
        if closes and i > front and len(text) <= 80:
            prev = lines[i - 1]
            name = leading_name(prev.text)
            if name == prev.text.strip() and _role(text) and i - 1 > front and lines[i - 2].kind != "heading":
                return Signatory(name, text), prev.evidence(
                    "name and title closing a section", f"{name} {text}"
                )
            m = re.fullmatch(rf"(?P<name>{NAME_RE.pattern}),?\s+(?P<title>.{{2,60}})", text)
            if m and leading_name(m.group("name")) == m.group("name") and _role(m.group("title")):
                if lines[i - 1].kind != "heading":
                    return Signatory(m.group("name"), m.group("title")), ln.evidence(
                        "name and title closing a section"
                    )
        if len(text) > 200:
            m = re.search(rf"[.!]\s+(?P<name>{NAME_RE.pattern}),?\s+(?P<title>[\wåäö -]{{2,60}})\s*$", text)
            if m and leading_name(m.group("name")) == m.group("name") and _role(m.group("title")):
                title = m.group("title").strip()
                return Signatory(m.group("name"), title), ln.evidence(
                    "name and title closing a paragraph", m.group(0)[1:]
                )
    return None


def _role(text: str) -> bool:
    t = text.strip()
    m = ROLE_RE.search(t)
    return m is not None and len(t.split()) <= 6 and not t.endswith(".") and m.start() <= 40


def approval(lines: list[SourceLine]) -> tuple[Approval, Evidence] | None:
    for ln in lines:
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])", ln.text):
            if len(sentence.split()) > _MAX_APPROVAL_WORDS or not _DECIDED_RE.search(sentence):
                continue
            m = _APPROVED_BY_RE.search(sentence) or _APPROVED_PART_RE.search(sentence)
            if m is None:
                continue
            par = _PARAGRAPH_RE.search(sentence)
            found = find_date(sentence)
            short_field = m.start() == 0 and len(sentence.split()) <= 15
            if not (par or found) or not (_REPORT_WORD_RE.search(sentence) or short_field):
                continue
            by = m.group("by")
            by = by[0].upper() + by[1:]
            return (
                Approval(
                    by=by, date=found[0] if found else None, paragraph=f"§ {par.group(1)}" if par else None
                ),
                ln.evidence("approval statement", sentence),
            )
    return None
