"""Report metadata: title, organisation, unit, period, report date, signatory.

Every field is ``None`` unless the document states it: a guess presented as fact would
mislead an auditor comparing archives. Sources, in order of trust: the title block and
page furniture (running headers), explicit labels ("Verksamhet: X"), then the body.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Metadata, Period, Signatory

MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6,
    "juli": 7, "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip
TITLE_RE = re.compile(
    r"(kvalitets|verksamhets|resultat|patientsäkerhets|års)[\w\s–-]*?(berättelse|rapport|redovisning|bokslut)",
    re.I,
)
ORG_RE = re.compile(r"\b((?:[A-ZÅÄÖ][a-zåäöé]+)(?:[- ][A-ZÅÄÖ][a-zåäöé]+)?)\s+(kommun|stad|region)\b")
SLOGAN_ORG_RE = re.compile(r"^([A-ZÅÄÖ][a-zåäö]+)\s+[–-]\s+\S")
UNIT_LABEL_RE = re.compile(
    r"^\s*(verksamhet|enhet|sektion|avdelning|förvaltning)\s*:\s*(?P<unit>.+?)\s*$", re.I
)
UNIT_WORD_RE = re.compile(
    r"\b([A-ZÅÄÖ][a-zåäö]+(?:sektionen|enheten|avdelningen|förvaltningen|verksamheten))\b"
)
ISO_DATE_RE = re.compile(r"^\s*((?:19|20)\d\d)-(\d\d)-(\d\d)\s*$")
LONG_DATE_RE = re.compile(r"^\s*(?:\w+,\s*)?(\d{1,2})\s+([a-zåäö]+)\s+((?:19|20)\d\d)\s*$", re.I)
YEAR_SPAN_RE = re.compile(r"\b((?:19|20)\d\d)\s*[–—-]\s*((?:19|20)\d\d)\b")
YEAR_RE = re.compile(r"\b((?:19|20)\d\d)\b")
ROLE_RE = re.compile(
    r"(?P<name>[A-ZÅÄÖ][a-zåäöé]+(?:[- ][A-ZÅÄÖ][a-zåäöé]+){1,2}),?\s+(?P<title>[a-zåäöA-ZÅÄÖ]*"
    r"(?:chef|direktör|ordförande|samordnare|ansvarig|handläggare|strateg))\b"
)
_GENERIC_UNITS = {
    "socialförvaltningen",
    "socialtjänsten",
    "förvaltningen",
    "verksamheten",
    "enheten",
    "sektionen",
}


def extract_metadata(front: list[str], body: list[str], furniture: list[str], tail: list[str]) -> Metadata:
    """``front``: cover/preamble lines; ``body``: all body lines; ``tail``: the last lines (signature block)."""
    md = Metadata()
    # The cover's title block first (what the author typed), the running header second.
    md.title = _title(front + furniture)
    md.organisation = _organisation(furniture, front, body)
    md.unit = _unit(front + furniture, body)
    md.report_date, date_idx = _report_date(tail)
    md.signatory = _signatory(tail, date_idx, body)
    md.period = _period(md.title, furniture + front, md.report_date, body)
    return md


def _title(lines: list[str]) -> str | None:
    for ln in lines:
        for part in ln.split("\t"):
            t = part.strip()
            if t and len(t) <= 140 and not t.endswith(".") and TITLE_RE.search(t):
                return re.sub(r"\s+", " ", t)
    return None


def _organisation(furniture: list[str], front: list[str], body: list[str]) -> str | None:
    c = Counter(f"{m.group(1)} {m.group(2)}" for ln in furniture for m in ORG_RE.finditer(ln))
    if c:
        return c.most_common(1)[0][0]
    c = Counter(f"{m.group(1)} {m.group(2)}" for ln in front + body for m in ORG_RE.finditer(ln))
    if c:
        # Reports cite other municipalities; their own name is the one they keep using.
        text = "\n".join(body)

        def weight(org: str) -> int:
            place = org.rsplit(" ", 1)[0]
            return c[org] * 10 + len(re.findall(rf"\b{re.escape(place.rstrip('s'))}", text))

        return max(c, key=weight)
    # A municipal slogan on the cover: "Vetlanda – här växer människor och företag".
    for ln in front:
        m = SLOGAN_ORG_RE.match(ln.strip())
        if m and sum(ln.count(m.group(1)) for ln in body) >= 2:
            return f"{m.group(1)} kommun"
    return None


def _unit(front: list[str], body: list[str]) -> str | None:
    for ln in front:
        m = UNIT_LABEL_RE.match(ln)
        if m:
            return m.group("unit").strip()
    for part in (p.strip() for ln in front for p in ln.split("\t")):
        if part and len(part) <= 140 and TITLE_RE.search(part):
            unit = _unit_from_title(part, body)
            if unit:
                return unit
    for ln in front:
        m = UNIT_WORD_RE.search(ln)
        if m and m.group(1).casefold() not in _GENERIC_UNITS:
            return m.group(1)
        # A running header "Växjö kommun, Arbete och välfärd": the organisation, then the unit.
        m = re.match(r"^[^,\t]+\b(?:kommun|stad|region)\s*,\s*(?P<u>[^,\t]+?)\s*(\t|$)", ln)
        if m and m.group("u").casefold() not in _GENERIC_UNITS:
            return m.group("u")
    c = Counter(
        m.group(1)
        for ln in body
        for m in UNIT_WORD_RE.finditer(ln)
        if m.group(1).casefold() not in _GENERIC_UNITS
    )
    if c:
        name, n = c.most_common(1)[0]
        if n >= 3:
            return name
    return None


def _unit_from_title(title: str, body: list[str]) -> str | None:
    # "ARBETE OCH VÄLFÄRDS KVALITETSBERÄTTELSE" → "Arbete och välfärd", cased as the body writes it.
    m = re.match(r"^(?P<u>.+?)s?\s+(kvalitets|verksamhets|resultat)", title, re.I)
    if m and len(m.group("u").split()) <= 5 and not re.search(r"(-|\boch)$", m.group("u")):
        return _cased(m.group("u"), body)
    m = re.search(r"\s[–-]\s+(?P<u>[^–-]+)$", title)  # "Kvalitetsberättelse 2013 – Vuxensektionen"
    if m and not m.group("u").strip()[:1].isdigit():
        return m.group("u").strip()
    return None


def _cased(phrase: str, body: list[str]) -> str:
    pat = re.compile(re.escape(phrase.strip()), re.I)
    for ln in body:
        m = pat.search(ln)
        if m and not m.group(0).isupper():
            return m.group(0)
    return phrase.strip().capitalize()


def _report_date(tail: list[str]) -> tuple[str | None, int | None]:
    for i in range(len(tail) - 1, -1, -1):
        ln = tail[i]
        m = ISO_DATE_RE.match(ln)
        if m:
            return f"{m.group(1)}-{m.group(2)}-{m.group(3)}", i
        m = LONG_DATE_RE.match(ln)
        if m and m.group(2).lower() in MONTHS:
            return f"{m.group(3)}-{MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}", i
    return None, None


def _signatory(tail: list[str], date_idx: int | None, body: list[str]) -> Signatory | None:
    if date_idx is not None:
        after = [ln.strip() for ln in tail[date_idx + 1 :] if ln.strip()]
        if after and re.fullmatch(r"[A-ZÅÄÖ][\w'-]+(?:\s+[A-ZÅÄÖ][\w'-]+){1,3}", after[0]):
            title = (
                after[1] if len(after) > 1 and len(after[1]) <= 60 and not after[1].endswith(".") else None
            )
            return Signatory(name=after[0], title=title)
    # "… Per Sandberg förvaltningschef" closing a foreword.
    for ln in body:
        end = ln.rstrip(" 0123456789")
        m = ROLE_RE.search(end[-80:])
        if m and m.end() >= len(end[-80:]) - 1:
            return Signatory(name=m.group("name"), title=m.group("title"))
    return None


def _period(title: str | None, front: list[str], report_date: str | None, body: list[str]) -> Period | None:
    for text in ([title] if title else []) + front:
        m = YEAR_SPAN_RE.search(text)
        if m and int(m.group(1)) <= int(m.group(2)) <= int(m.group(1)) + 5:
            return Period(int(m.group(1)), int(m.group(2)))
        years = YEAR_RE.findall(text)
        if len(years) == 1 and (TITLE_RE.search(text) or text.strip() == years[0]):
            y = int(years[0])
            return Period(y, y)
    if report_date:
        y = int(report_date[:4]) - 1
        if sum(ln.count(str(y)) for ln in body) >= 3:
            return Period(y, y)
    return None
