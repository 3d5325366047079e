"""Formatters for check results: text (people), json, sarif (code scanning), github (annotations), junit (CI).

Every formatter's output passes through ``output.safe`` as a last line of defence: findings
already carry masked numbers, but file names and error messages may not, and a file name may hold
control characters or bytes that are not UTF-8 (shown escaped; JSON adds ``path_bytes``, SARIF
percent-encodes the URI).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from .. import __version__
from ..checks.base import Rule
from ..checks.model import CHECK_SCHEMA_ID, FileReport
from ..privacy import mask_personnummer
from .safe import mask_output, masked_bytes, safe_line, safe_path, safe_text, with_path_bytes

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


def to_json(reports: list[FileReport], rules: list[Rule]) -> str:
    files = [with_path_bytes(r.to_dict(), "path") for r in reports]
    doc = {"schema": CHECK_SCHEMA_ID, "files": files, "summary": summary(reports)}
    return mask_output(json.dumps(mask_output(doc), ensure_ascii=False, indent=2))


def to_text(reports: list[FileReport], rules: list[Rule], lang: str = "sv") -> str:
    out: list[str] = []
    for r in reports:
        path = safe_path(r.path)
        if r.error:
            out.append(f"{path}: error: {safe_line(r.error)}")
            out.append("")
            continue
        out.append(path)
        for f in r.findings:
            loc = f"{path}:{f.page or '-'}:{f.line or '-'}"
            ref = f" [{f.reference}]" if f.reference else ""
            out.append(f"  {loc}: {f.code} {f.severity}: {safe_line(f.message)}{ref}")
        if r.concepts:
            width = max(len(c.id) for c in r.concepts)
            cells = [f"{STATUS_MARK[c.status]} {c.id:<{width}}" for c in r.concepts]
            legend = (
                "concepts (✔ present  ~ weak  ✘ missing)"
                if lang == "en"
                else "begrepp (✔ finns  ~ svagt  ✘ saknas)"
            )
            out.append(f"  {legend}:")
            for i in range(0, len(cells), 3):
                out.append("    " + "   ".join(cells[i : i + 3]))
        counts = ", ".join(f"{r.count(s)} {s}" for s in ("error", "warning", "info"))
        out.append(f"  {len(r.findings)} findings ({counts})")
        out.append("")
    s = summary(reports)
    out.append(
        f"{s['files']} file{'s' if s['files'] != 1 else ''} checked: {s['errors']} errors, {s['warnings']} warnings, "
        f"{s['infos']} infos" + (f", {s['unreadable']} unreadable" if s["unreadable"] else "")
    )
    return safe_text("\n".join(out))


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


def to_sarif(reports: list[FileReport], rules: list[Rule]) -> str:
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
                "shortDescription": {"text": r.describe("en")},
                "fullDescription": {"text": r.rationale or r.name},
                "help": {"text": r.rationale or r.name},
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
    return mask_output(json.dumps(mask_output(sarif), ensure_ascii=False, indent=2))


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


def render(reports: list[FileReport], rules: list[Rule], fmt: str, lang: str = "sv") -> str:
    """The check results in one of ``FORMATTERS``; the text format speaks ``lang``."""
    return to_text(reports, rules, lang) if fmt == "text" else FORMATTERS[fmt](reports, rules)
