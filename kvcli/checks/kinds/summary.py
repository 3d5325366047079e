"""KV701/KV702: sammanställning och analys — avvikelser, klagomål and lex Sarah counted for the period, and
compared with the period before.

A topic is in the report when a section is named after it ("Synpunkter och avvikelser", "Händelsehantering"),
or a figure or a sentence counts it. Its numbers are the key figures that name it (a table column "Lex Sarah",
a prose count "fem lex Sarah-rapporter"), the unnamed figures of its own section (the areas a
"Händelsehantering" table counts), a count the text states ("inga avvikelser", "3 klagomål") and a "Nej" to
"Har någon anmälan enligt lex Sarah gjorts?". A comparison is a figure for a year before the period, or
wording that compares ("jämfört med 21 föregående år", "har ökat från"). A section with no number is a
warning (KV701): the count is what the sammanställning is for. Numbers without a comparison are info
(KV702): a trend may be shown elsewhere, and the report is an allmänt råd.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ...errors import RuleError
from ...figures.prose import NUMBER_WORDS
from ...model import Document, Figure, Section
from ..base import Context, Rule, report_text
from ..model import Finding

_MONEY = {"tkr", "mkr", "kr", "kronor", "%"}
_COUNT_WORDS = "|".join(["inga", "ingen", "inget", *NUMBER_WORDS])
_SENTENCE_RE = re.compile(r"[^.!?\n]+[.!?]?")


@dataclass
class Topic:
    name: dict[str, str]
    headings: re.Pattern[str]  # section titles about the topic
    labels: re.Pattern[str]  # figure labels (or columns) that count it
    counted: re.Pattern[str]  # the words a number in the text counts ("avvikelser", "lex Sarah-rapporter")


@dataclass
class _State:
    topic: Topic
    sections: list[Section]
    numbers: list[Figure]
    stated: list[str]  # sentences that state a count ("Inga avvikelser har rapporterats.")
    compared: bool
    charted: bool  # its sections point to a chart or an appendix and hold no table: numbers kvcli cannot read


@dataclass
class SummaryRule(Rule):
    check: str = "numbers"  # or "comparison"
    topics: list[Topic] = field(default_factory=list)
    comparison: re.Pattern[str] | None = None  # wording that compares with an earlier period
    elsewhere: re.Pattern[str] | None = None  # "se diagram 3", "bilaga 2": the numbers may be in an image

    @classmethod
    def from_yaml(cls, raw: Mapping[str, Any], source: str) -> SummaryRule:
        check = cls.choice(raw, source, "check", ("numbers", "comparison"))
        items = raw.get("topics")
        if not isinstance(items, list) or not items:
            raise RuleError(f"{source}: rule {raw.get('code')}: 'topics' must be a non-empty list")
        topics = []
        for item in items:
            if not isinstance(item, Mapping):
                raise RuleError(f"{source}: rule {raw.get('code')}: each topic is a mapping with name, headings, labels, counted")
            code = raw.get("code")
            topics.append(Topic(name=cls.texts(item, source, "name"), headings=cls.pattern(item, source, "headings", code),
                                labels=cls.pattern(item, source, "labels", code),
                                counted=cls.pattern(item, source, "counted", code)))  # fmt: skip
        return cls(**cls.common(raw, source), check=check, topics=topics,
                   comparison=cls.pattern(raw, source, "comparison"),
                   elsewhere=cls.pattern(raw, source, "elsewhere") if "elsewhere" in raw else None)  # fmt: skip

    def run(self, ctx: Context) -> list[Finding]:
        out = []
        for st in self._states(ctx.doc):
            name = self.text(st.topic.name, ctx.lang)
            sec = st.sections[0] if st.sections else None
            if st.charted:
                continue  # the count or the trend may be in the chart: no finding kvcli cannot back
            if self.check == "numbers":
                if sec is None or st.numbers or st.stated:
                    continue
                out.append(self.finding(ctx, section_id=sec.id, page=sec.page, line=sec.line, topic=name,
                                        section=sec.title, evidence=f"{name} {sec.title}"))  # fmt: skip
            elif (st.numbers or st.stated) and not st.compared:
                first = st.numbers[0] if st.numbers else None
                quote = _quote(first.text if first else st.stated[0])
                where = sec or (ctx.doc.section(first.section_id) if first else None)
                page, line = _place(ctx.doc, first) if first else (where.page, where.line) if where else (None, None)
                out.append(self.finding(ctx, section_id=where.id if where else None, page=page, line=line,
                                        topic=name, quote=quote, evidence=f"{name} {quote}"))  # fmt: skip
        return out

    def _states(self, doc: Document) -> list[_State]:
        period = doc.metadata.period
        states = []
        sentences = {s.id: _SENTENCE_RE.findall(report_text(s)) for s in doc.sections}  # asked for by every topic
        for topic in self.topics:
            others = [t for t in self.topics if t is not topic]
            sections = [s for s in doc.sections if s.level > 0 and topic.headings.search(s.title)]
            inside = {sid for s in sections for sid in _subtree(doc, s)}
            figures = [f for f in doc.figures if (f.unit or "") not in _MONEY and (
                topic.labels.search(f.label) or (f.section_id in inside and (
                    topic.labels.search(f.column)
                    or not any(o.labels.search(f.label) or o.labels.search(f.column) for o in others))))]  # fmt: skip
            years = [f.period for f in figures if f.period is not None]
            start = period.start if period else (max(years) if years else None)
            end = period.end if period else start
            numbers = [f for f in figures if f.period is None or start is None or start <= f.period <= (end or start)]
            texts = [report_text(s) for s in doc.sections if s.id in inside] or []
            naming = [(s, [x for x in sentences[s.id] if topic.counted.search(x)]) for s in doc.sections]
            stated = _stated(doc, topic, inside, naming)
            compared = any(f.period is not None and start is not None and f.period < start for f in figures)
            if not compared and self.comparison is not None:
                about = [sent for s in doc.sections if s.id in inside for sent in sentences[s.id]] + [
                    sent for _, named in naming for sent in named]
                compared = any(self.comparison.search(sent) for sent in about)
            charted = (self.elsewhere is not None and not any(t.section_id in inside for t in doc.tables)
                       and any(self.elsewhere.search(text) for text in texts))  # fmt: skip
            if sections or numbers or stated:
                states.append(_State(topic, sections, numbers, stated, compared, charted))
        return states


def _subtree(doc: Document, sec: Section) -> list[str]:
    """The section and its subsections (what follows it at a deeper level)."""
    ids = [sec.id]
    i = doc.sections.index(sec)
    for s in doc.sections[i + 1 :]:
        if s.level <= sec.level:
            break
        ids.append(s.id)
    return ids


def _stated(doc: Document, topic: Topic, inside: set[str], naming: list[tuple[Section, list[str]]]) -> list[str]:
    """Counts the text states in words or digits before what is counted ("inga avvikelser", "3 klagomål"; a year
    is no count: "flest rapporter 2012 är händelser kring …"),
    and a "Nej" to a question whether there were any: a count, even when no key figure was read from it."""
    count = re.compile(rf"(?<![\w,.-])(?!(?:19|20)\d\d\b)(?:\d+|{_COUNT_WORDS})\s+(?:[\wåäö-]+\s+){{0,3}}?(?:{topic.counted.pattern})", re.I)
    # "Antal avvikelser: 12", "Lex Sarah – 2": a label, then its number.
    label = re.compile(rf"(?:{topic.counted.pattern})[^.\d]{{0,30}}?[:–-]\s*\d", re.I)
    # Both name what is counted, so only the sentences that name it (``naming``, per section) can match.
    out = [sent.strip() for _, named in naming for sent in named if count.search(sent) or label.search(sent)]
    for q in doc.questions:
        if q.answer and [a.casefold() for a in q.answer] == ["nej"] and (
            q.section_id in inside or topic.counted.search(q.text) or topic.headings.search(q.text)
        ):
            out.append(f"{q.text} {q.answer[0]}")
    return out


def _place(doc: Document, fig: Figure) -> tuple[int | None, int | None]:
    """A prose figure's own line (its sentence's), not its section's heading."""
    sec = doc.section(fig.section_id)
    at = sec.text.find(fig.text.rstrip("…")) if sec is not None and fig.source == "prose" else -1
    return sec.where_offset(at) if sec is not None and at >= 0 else (fig.page, fig.line)


def _quote(text: str) -> str:
    t = " ".join(text.replace("\t", " | ").split())
    return t if len(t) <= 100 else t[:99] + "…"
