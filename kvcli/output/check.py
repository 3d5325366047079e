"""Formatters for check results: text (people), json, sarif (code scanning), github (annotations), junit (CI).

Every formatter's output passes through ``output.safe`` as a last line of defence: findings
already carry masked numbers, but file names and error messages may not, and a file name may hold
control characters or bytes that are not UTF-8 (shown escaped; JSON adds ``path_bytes``, SARIF
percent-encodes the URI).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..checks.base import Rule
from ..checks.baseline import BaselineResult
from ..checks.model import CHECK_SCHEMA_ID, FileReport, Finding
from ..privacy import mask_personnummer
from ..quoting import clip
from . import check_words as words
from .reasons import reason_text
from .safe import mask_output, masked_bytes, masked_json, safe_line, safe_path, safe_text, with_path_bytes

STATUS_MARK = {"present": "✔", "weak": "~", "missing": "✘"}
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def summary(reports: list[FileReport]) -> dict[str, int]:
    return {
        "files": len(reports),
        "errors": sum(r.count("error") for r in reports),
        "warnings": sum(r.count("warning") for r in reports),
        "infos": sum(r.count("info") for r in reports),
        "unreadable": sum(1 for r in reports if r.error),
    }


def to_json(reports: list[FileReport], rules: list[Rule], baseline: BaselineResult | None = None) -> str:
    files = [with_path_bytes(r.to_dict(), "path") for r in reports]
    doc: dict[str, Any] = {"schema": CHECK_SCHEMA_ID, "files": files, "summary": summary(reports)}
    if baseline is not None:
        doc["baseline"] = {"path": baseline.path, "known": baseline.known, "stale": baseline.stale}
    return masked_json(doc)


def to_text(reports: list[FileReport], rules: list[Rule], lang: str = "sv", baseline: BaselineResult | None = None) -> str:
    out: list[str] = []
    for r in reports:
        path = safe_path(r.path)
        if r.error:
            out.append(f"{path}: {words.text('unreadable_line', lang)}: {safe_line(reason_text(r.error, lang))}")
            out.append("")
            continue
        out.append(path)
        for f in r.findings:
            loc = f"{path}:{f.page or '-'}:{f.line or '-'}"
            ref = f" [{f.reference}]" if f.reference else ""
            out.append(f"  {loc}: {f.code} {words.severity(f.severity, lang)}: {safe_line(f.message)}{ref}")
            where = _where(f, r.path, lang)
            if where:
                out.append(f"      {safe_line(where)}")
        if r.concepts:
            out.append(f"  {words.text('legend', lang)}")
            for c in r.concepts:
                title = c.title or c.id
                out.append(f"    {STATUS_MARK[c.status]} {safe_line(title)}" + (f" — {safe_line(c.evidence)}" if c.evidence else ""))
        counts = ", ".join(words.count(r.count(s), s, lang) for s in ("error", "warning", "info"))
        out.append(f"  {words.count(len(r.findings), 'finding', lang)} ({counts})")
        out.append("")
    s = summary(reports)
    line = f"{words.checked(s['files'], lang)}: " + ", ".join(
        words.count(s[k], n, lang) for k, n in (("errors", "error"), ("warnings", "warning"), ("infos", "info"))
    )
    if s["unreadable"]:
        line += ", " + words.count(s["unreadable"], "unreadable", lang)
    if baseline is not None and baseline.known:
        line += "; " + words.text("hidden", lang).format(known=words.count(baseline.known, "known", lang),
                                                          path=safe_path(baseline.path))  # fmt: skip
    out.append(line)
    return safe_text("\n".join(out))


def _where(f: Finding, path: str, lang: str) -> str:
    """Where a writer finds the finding in the document: the heading path, the paragraph (Word) or
    line, and a short quote of the evidence."""
    if not f.section_path and not f.evidence:
        return ""
    parts = []
    if f.section_path:
        parts.append(" › ".join(f.section_path))
    if f.line and path.lower().endswith(".docx"):
        parts.append(f"{words.text('paragraph', lang)} {f.line}")
    head = ", ".join(parts)
    quote_ = f"«{clip(f.evidence, 90)}»" if f.evidence and " " in f.evidence.strip() else ""
    shown = " ".join(x for x in (head, quote_) if x)
    return "→ " + shown if shown else ""


def baseline_notes(result: BaselineResult | None, written: int | None, written_to: str | None,
                   lang: str = "sv") -> list[str]:  # fmt: skip
    """Lines for stderr: how many findings a new baseline holds, and the stale entries of the old one."""
    out = []
    if written is not None and written_to:
        out.append(words.text("written", lang).format(n=words.count(written, "finding", lang), path=safe_path(written_to)))
    if result is not None and result.stale:
        n = sum(e["count"] for e in result.stale)
        out.append(words.text("stale", lang).format(path=safe_path(result.path), n=words.count(n, "entry", lang)))
        for e in result.stale:
            times = f" ×{e['count']}" if e["count"] > 1 else ""
            out.append(safe_line(f"  {e['path']}: {e['code']} {e['section'] or '-'}: {clip(e['evidence'], 90)}{times}"))
    return [mask_personnummer(x) for x in out]


def to_github(reports: list[FileReport], rules: list[Rule]) -> str:
    def esc(s: str) -> str:
        return safe_text(s).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(s: str) -> str:
        return esc(s).replace(":", "%3A").replace(",", "%2C")

    lines = []
    for r in reports:
        path = safe_path(r.path)
        if r.error:
            lines.append(f"::error file={prop(path)},title=kvcli::{esc(r.error)}")
        for f in r.findings:
            at = f",line={f.line}" if f.line else ""
            ref = f" [{f.reference}]" if f.reference else ""
            lines.append(
                f"::{GITHUB_LEVEL[f.severity]} file={prop(path)}{at},title={prop(f.code + ' ' + f.name)}::{esc(f.message + ref)}"
            )
    return mask_output("\n".join(lines))


def to_junit(reports: list[FileReport], rules: list[Rule]) -> str:
    from xml.sax.saxutils import escape, quoteattr  # here: it imports urllib, http and ssl (12 ms)

    failures = sum(1 for r in reports if not r.error and r.findings)
    errors = sum(1 for r in reports if r.error)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<testsuite name="kvcli check" tests="{len(reports)}" failures="{failures}" errors="{errors}">']  # fmt: skip
    for r in reports:
        seconds = f"{r.parse_seconds + r.check_seconds:.3f}"
        # XML 1.0 cannot hold most control characters at all: safe_path/safe_text escape them.
        out.append(
            f'  <testcase classname="kvcli.check" name={quoteattr(safe_path(r.path))} time="{seconds}">'
        )
        if r.error:
            out.append(f"    <error message={quoteattr(safe_line(r.error))}/>")
        elif r.findings:
            body = "\n".join(
                f"{f.code} {f.severity} p.{f.page or '-'} l.{f.line or '-'}: {safe_line(f.message)}"
                for f in r.findings
            )
            out.append(
                f"    <failure message={quoteattr(f'{len(r.findings)} findings')}>{escape(body)}</failure>"
            )
        out.append("  </testcase>")
    out.append("</testsuite>")
    return mask_output("\n".join(out))


def to_sarif(reports: list[FileReport], rules: list[Rule], lang: str = "en") -> str:
    index = {r.code: i for i, r in enumerate(rules)}
    driver: dict[str, Any] = {
        "name": "kvcli",
        "version": __version__,
        "informationUri": "https://pypi.org/project/kvcli/",
        "rules": [
            {
                "id": r.code,
                "name": r.name,
                # Descriptions are read without a finding's values: never a "{table}" template.
                "shortDescription": {"text": r.describe(lang)},
                "fullDescription": {"text": r.rationale_in(lang) or r.name},
                "help": {"text": r.rationale_in(lang) or r.name},
                "defaultConfiguration": {"level": SARIF_LEVEL[r.severity_for()]},
                "properties": {"reference": r.reference or "", "kind": r.kind},
            }
            for r in rules
        ],
    }
    results = []
    notifications = []
    for rep in reports:
        uri = sarif_uri(rep.path)
        if rep.error:
            notifications.append({"level": "error", "message": {"text": rep.error},
                                  "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}]})  # fmt: skip
        for f in rep.findings:
            loc: dict[str, Any] = {"artifactLocation": {"uri": uri}}
            if f.line:
                loc["region"] = {"startLine": f.line}
            res: dict[str, Any] = {
                "ruleId": f.code,
                "level": SARIF_LEVEL[f.severity],
                "message": {"text": f.message + (f" [{f.reference}]" if f.reference else "")},
                "locations": [{"physicalLocation": loc}],
                "properties": {"page": f.page, "section_id": f.section_id},
            }
            if f.code in index:
                res["ruleIndex"] = index[f.code]
            results.append(res)
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "invocations": [{"executionSuccessful": not notifications, "toolExecutionNotifications": notifications}],
            "results": results,
        }],
    }  # fmt: skip
    return masked_json(sarif)


def sarif_uri(path: str) -> str:
    """The path as SARIF wants it, a URI: as it is when it needs no escaping (the masked name), else the
    masked name's bytes percent-encoded, which keeps them recoverable."""
    masked = mask_personnummer(path)
    if safe_path(path) == masked:
        return masked
    return quote(masked_bytes(path), safe="/")


FORMATTERS: dict[str, Callable[[list[FileReport], list[Rule]], str]] = {
    "text": to_text,
    "json": to_json,
    "sarif": to_sarif,
    "github": to_github,
    "junit": to_junit,
}


def render(reports: list[FileReport], rules: list[Rule], fmt: str, lang: str = "sv",
           baseline: BaselineResult | None = None) -> str:  # fmt: skip
    """The check results in one of ``FORMATTERS``; the text format speaks ``lang``, JSON says what a
    baseline hid."""
    if fmt == "text":
        return to_text(reports, rules, lang, baseline)
    if fmt == "json":
        return to_json(reports, rules, baseline)
    if fmt == "sarif":
        return to_sarif(reports, rules, lang)
    return FORMATTERS[fmt](reports, rules)
