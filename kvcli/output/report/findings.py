"""Findings: per report grouped by severity, each at its place; and per rule across the archive."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...checks.model import Finding
from ...model import Document
from .heatmap import filter_attrs
from .markup import attrs, esc, slug
from .model import SEVERITIES, STATUS_MARK, Row, location
from .texts import Words

SEVERITY_MARK = {"error": "✘", "warning": "!", "info": "i"}


def report_section(row: Row, w: Words) -> str:
    name = row.label(w)
    doc = row.entry.document
    counts = ", ".join(w.count(row.count(s), s) for s in SEVERITIES)
    return (
        f'<section class="report filterable"{attrs(id=row.anchor, data_path=row.path)}{filter_attrs(row, w)}>'
        f'<h3>{esc(name)} <span class="file">{esc(row.path)}</span></h3>'
        f'{_doc_facts(doc, w)}<p class="counts">{esc(counts)}</p>'
        f"{_findings_table(row, name, w)}{_concepts_table(row, name, w)}</section>"
    )


def _doc_facts(doc: Document, w: Words) -> str:
    md, src = doc.metadata, doc.source
    facts = []
    if md.title:
        facts.append((w["doc_title"], md.title))
    if md.report_date:
        facts.append((w["doc_date"], md.report_date))
    if md.signatory:
        facts.append((w["doc_signatory"], ", ".join(x for x in (md.signatory.name, md.signatory.title) if x)))
    fmt = src.format + (f", {src.pages} {w['pages']}" if src.pages else "")
    facts.append((w["doc_format"], fmt))
    items = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in facts)
    return f'<dl class="docfacts">{items}</dl>'


def _findings_table(row: Row, name: str, w: Words) -> str:
    if not row.findings:
        return f'<p id="{row.anchor}-findings" class="none">{esc(w["no_findings"])}</p>'
    doc = row.entry.document
    groups = []
    for sev in SEVERITIES:
        found = [f for f in row.findings if f.severity == sev]
        if not found:
            continue
        title = f"{SEVERITY_MARK[sev]} {w.count(len(found), sev)}"
        lines = [f'<tr class="group"><th scope="rowgroup" colspan="4">{esc(title)}</th></tr>']
        lines += [_finding(f, doc, w) for f in found]
        groups.append(f'<tbody class="sev-{sev}">{"".join(lines)}</tbody>')
    head = "".join(f'<th scope="col">{esc(w[k])}</th>' for k in ("rule", "location", "message", "basis"))
    return (
        f'<table class="findings" id="{row.anchor}-findings"><caption>{esc(w.fmt("findings_in", name=name))}'
        f"</caption><thead><tr>{head}</tr></thead>{''.join(groups)}</table>"
    )


def _finding(f: Finding, doc: Document, w: Words) -> str:
    section = doc.section(f.section_id) if f.section_id else None
    where = location(f.page, f.line, w, section)
    return (
        f"<tr{attrs(data_code=f.code, data_severity=f.severity)}><td><code>{esc(f.code)}</code></td>"
        f"<td>{esc(where)}</td><td>{esc(f.message)}</td><td>{esc(f.reference or '')}</td></tr>"
    )


def _concepts_table(row: Row, name: str, w: Words) -> str:
    if not row.cells:
        return ""
    lines = []
    for c in row.cells:
        lines.append(
            f'<tr id="{row.anchor}-c-{slug(c.concept.id)}"><th scope="row">{esc(c.concept.title)}</th>'
            f'<td class="st st-{c.status}">{STATUS_MARK[c.status]} {esc(w[c.status])}</td>'
            f"<td>{esc(c.evidence)}</td><td>{esc(c.location)}</td></tr>"
        )
    head = "".join(
        f'<th scope="col">{esc(w[k])}</th>' for k in ("concept", "verdict", "evidence", "location")
    )
    return (
        f'<details class="concepts"><summary>{esc(w["concepts_details"])}</summary>'
        f'<table class="evidence"><caption>{esc(w.fmt("concepts_in", name=name))}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table></details>"
    )


@dataclass
class _Tally:
    name: str
    reports: set[str] = field(default_factory=set)
    findings: int = 0
    severities: set[str] = field(default_factory=set)


def rule_counts(rows: list[Row], w: Words) -> str:
    """ "KV401 i 14 av 20 rapporter": which defects are the archive's, and which one report's."""
    tally: dict[str, _Tally] = {}
    for row in rows:
        for f in row.findings:
            t = tally.setdefault(f.code, _Tally(f.name))
            t.reports.add(row.anchor)
            t.findings += 1
            t.severities.add(f.severity)
    if not tally:
        return f'<p class="none">{esc(w["no_rule_findings"])}</p>'
    lines = []
    for code in sorted(tally, key=lambda code: (-len(tally[code].reports), code)):
        t = tally[code]
        n = len(t.reports)
        sev = ", ".join(w[s] for s in SEVERITIES if s in t.severities)
        lines.append(
            f"<tr{attrs(data_code=code, data_reports=n, data_findings=t.findings)}>"
            f'<th scope="row"><code>{esc(code)}</code></th><td><code>{esc(t.name)}</code></td>'
            f"<td>{esc(sev)}</td><td>{esc(w.fmt('in_of', code=code, n=n, total=len(rows)))}</td>"
            f'<td class="num">{t.findings}</td></tr>'
        )
    head = "".join(
        f'<th scope="col">{esc(w[k])}</th>'
        for k in ("rule", "name", "severity", "reports_col", "findings_col")
    )
    return (
        f'<table id="rule-counts" class="rules"><caption>{esc(w["rules_caption"])}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table>"
    )
