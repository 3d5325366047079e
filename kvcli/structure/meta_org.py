"""Organisation, the unit a report is about, and who compiled it — three different things.

The organisation is a municipality or region ("Växjö kommun", "NORRKÖPINGS KOMMUN"); reports cite
other municipalities, so their own is the one in the running header or the one they keep naming. The
unit is what the report covers: a "Verksamhet:"/"Nämnd:" field, the unit its title names ("ARBETE OCH
VÄLFÄRDS KVALITETSBERÄTTELSE", "… – Vuxensektionen"), the board a tjänsteskrivelse puts its proposal to,
a unit named on the cover. Who *compiled* it ("Handläggare", "Sammanställd av kvalitetsenheten") is the
author, and never taken for the unit.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Evidence
from .meta_text import SourceLine, leading_name
from .meta_title import DOC_TYPE_RE

ORG_RE = re.compile(r"\b((?:[A-ZÅÄÖ][a-zåäöé]+)(?:[- ][A-ZÅÄÖ][a-zåäöé]+)?)\s+(kommun|stad|region)\b")
_ORG_CAPS_RE = re.compile(r"\b([A-ZÅÄÖ]{3,}(?:[- ][A-ZÅÄÖ]{3,})?)\s+(KOMMUN|STAD|REGION)\b")
SLOGAN_ORG_RE = re.compile(r"^([A-ZÅÄÖ][a-zåäö]+)\s+[–-]\s+\S")
_UNIT_FIELD_RE = re.compile(
    r"(?:^|\s)(?P<label>Verksamhet|Enhet|Sektion|Avdelning|Förvaltning|Nämnd)\s*:\s*(?P<unit>[A-ZÅÄÖ][^:\t]*?)\s*"
    r"(?=$|\t|\s(?:I|II|III|IV|V)\.\s|\s[A-ZÅÄÖ][\wåäö]*\s*:)",
)
UNIT_WORD_RE = re.compile(
    r"\b([A-ZÅÄÖ][a-zåäö]+(?:sektionen|enheten|avdelningen|förvaltningen|verksamheten))\b"
)
_GENERIC_UNITS = {
    "socialförvaltningen", "socialtjänsten", "förvaltningen", "verksamheten", "enheten", "sektionen",
}  # fmt: skip
# "Förslag till beslut Äldreomsorgsnämnden tar del av rapporten": the board the matter is put to.
_BOARD_DECIDES_RE = re.compile(
    r"^\s*(?P<board>(?:[A-ZÅÄÖ][\wåäö]*-\s+och\s+[\wåäö]*nämnden|[A-ZÅÄÖ][\wåäö-]*nämnden|Nämnden för [\wåäö ]{3,60}?))"
    r"\s+(?:tar del av|godkänner|fastställer|beslutar|noterar|lägger|antar)\b"
)
_UNIT_THEN_ORG_RE = re.compile(
    r"^(?P<u>[A-ZÅÄÖ][\wåäö -]{2,60}?(?:nämnden|förvaltningen|sektionen|enheten|avdelningen|kontoret|styrelsen)"
    r"|Nämnden för [\wåäö ]{3,60}?)\s*,\s*[A-ZÅÄÖ][\wåäö-]+s?\s+(?:kommun|stad|region)$"
)
_AUTHOR_RE = re.compile(
    r"\b(?:Handläggare|HANDLÄGGARE|Sammanställd av|Upprättad av|Framtagen av|Författare|Rapporten är skriven av)"
    r"\s*:?\s+(?P<who>[A-ZÅÄÖ][^\t:]{2,80})"
)


def organisation(
    furniture: list[SourceLine], front: list[SourceLine], body: list[SourceLine]
) -> tuple[str, Evidence] | None:
    found = _orgs(furniture)
    if found:
        org = max(found, key=lambda o: len(found[o]))
        return org, found[org][0].evidence("running header")
    found = _orgs(front + body)
    if found:
        # Reports cite other municipalities; their own name is the one they keep using.
        text = "\n".join(ln.text for ln in body)

        def weight(org: str) -> int:
            place = org.rsplit(" ", 1)[0]
            return len(found[org]) * 10 + len(re.findall(rf"\b{re.escape(place.rstrip('s'))}", text, re.I))

        org = max(found, key=weight)
        n = len(found[org])
        return org, found[org][0].evidence("named in the text" + (f" ({n} times)" if n > 1 else ""))
    for ln in front:
        m = SLOGAN_ORG_RE.match(ln.text.strip())
        if m and sum(b.text.count(m.group(1)) for b in body) >= 2:
            return f"{m.group(1)} kommun", ln.evidence("municipal slogan on the cover")
    return None


def _orgs(lines: list[SourceLine]) -> dict[str, list[SourceLine]]:
    out: dict[str, list[SourceLine]] = {}
    for ln in lines:
        for m in ORG_RE.finditer(ln.text):
            out.setdefault(f"{m.group(1)} {m.group(2)}", []).append(ln)
        for m in _ORG_CAPS_RE.finditer(ln.text):
            # Cased as the body writes the name ("NORRKÖPINGS KOMMUN" → "Norrköpings kommun").
            out.setdefault(f"{m.group(1).title()} {m.group(2).lower()}", []).append(ln)
    return out


def author(lines: list[SourceLine]) -> tuple[str, Evidence] | None:
    for ln in lines:
        m = _AUTHOR_RE.search(ln.text)
        if m is None:
            continue
        who = m.group("who").strip()
        name = leading_name(who)
        if name is None:
            # "Sammanställd av kvalitetsenheten": a unit, up to the end of its noun phrase.
            unit = re.match(r"[\wåäöÅÄÖ-]+(?:\s+och\s+[\wåäö-]+)?", who)
            name = unit.group(0) if unit else None
        if name:
            return name, ln.evidence(f"field '{m.group(0).split()[0].capitalize()}'", m.group(0)[:80])
    return None


def unit(front: list[SourceLine], body: list[SourceLine], title: str | None, title_ev: Evidence | None,
         author_name: str | None) -> tuple[str, Evidence] | None:  # fmt: skip
    def usable(u: str) -> bool:
        return (
            bool(u)
            and u.casefold() not in _GENERIC_UNITS
            and (author_name is None or u.casefold() not in author_name.casefold())
        )

    for ln in front + body[:60]:
        m = _UNIT_FIELD_RE.search(ln.text)
        if m and usable(m.group("unit")) and len(m.group("unit")) <= 80:
            return m.group("unit").strip(), ln.evidence(f"field '{m.group('label')}'", m.group(0).strip())
    if title and title_ev is not None:
        u = _unit_from_title(title, body)
        if u and usable(u):
            return u, Evidence("named in the title", title, title_ev.line, title_ev.page)
    for i, ln in enumerate(body[:80]):
        if ln.kind == "heading" and ln.text.strip().casefold() == "förslag till beslut" and i + 1 < len(body):
            m = _BOARD_DECIDES_RE.search(body[i + 1].text)
            if m and usable(m.group("board")):
                return m.group("board"), body[i + 1].evidence("board the proposal is put to", m.group(0))
    for ln in front:
        for m in UNIT_WORD_RE.finditer(ln.text):
            if usable(m.group(1)) and not _in_author_field(ln.text, m.start()):
                return m.group(1), ln.evidence("unit named on the cover")
        # A running header "Växjö kommun, Arbete och välfärd": the organisation, then the unit.
        m2 = re.match(r"^[^,\t]+\b(?:kommun|stad|region)\s*,\s*(?P<u>[^,\t]+?)\s*(\t|$)", ln.text)
        if m2 and usable(m2.group("u")):
            return m2.group("u"), ln.evidence("header after the organisation")
        # "Socialnämnden, Exempelby kommun": the unit, then the organisation.
        m3 = _UNIT_THEN_ORG_RE.match(ln.text.strip())
        if m3 and usable(m3.group("u")):
            return m3.group("u"), ln.evidence("unit before the organisation on the cover")
    counted: Counter[str] = Counter()
    where: dict[str, SourceLine] = {}
    for ln in body:
        for m in UNIT_WORD_RE.finditer(ln.text):
            if usable(m.group(1)) and not _in_author_field(ln.text, m.start()):
                counted[m.group(1)] += 1
                where.setdefault(m.group(1), ln)
    if counted:
        name, n = counted.most_common(1)[0]
        if n >= 3:
            return name, where[name].evidence(f"unit named {n} times in the text")
    return None


def _in_author_field(text: str, pos: int) -> bool:
    return any(m.start() <= pos <= m.end() for m in _AUTHOR_RE.finditer(text))


def _unit_from_title(title: str, body: list[SourceLine]) -> str | None:
    # "ARBETE OCH VÄLFÄRDS KVALITETSBERÄTTELSE" → "Arbete och välfärd", cased as the body writes it.
    m = DOC_TYPE_RE.search(title)
    if m is None:
        return None
    before = title[: m.start()].strip()
    if before and len(before.split()) <= 5 and not re.search(r"(-|\boch)$", before):
        if re.search(r"s$", before, re.I):  # a genitive: "Socialnämndens", "ARBETE OCH VÄLFÄRDS"
            return _cased(before[:-1], body)
    m2 = re.search(r"\s[–-]\s+(?P<u>[^–-]+)$", title)  # "Kvalitetsberättelse 2013 – Vuxensektionen"
    if m2 and not m2.group("u").strip()[:1].isdigit():
        return m2.group("u").strip()
    return None


def _cased(phrase: str, body: list[SourceLine]) -> str:
    pat = re.compile(re.escape(phrase.strip()), re.I)
    for ln in body:
        m = pat.search(ln.text)
        if m and not m.group(0).isupper():
            return m.group(0)
    return phrase.strip().capitalize()
