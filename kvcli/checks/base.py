"""The common part of every rule: identity, severity, messages, and the context a rule runs in.

Rules are data (``rules/*.yaml``); each ``kind`` of check is one small module with a
dataclass decoded from YAML, whose constructor validates its own fields and names the
rule file in its errors, and one ``run`` method — the shape Vale gives its checks.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import RuleError
from ..model import Document, Section
from ..numbers import format_number
from .concepts import Concept, ConceptResult
from .model import Finding, Severity

SEVERITIES = ("error", "warning", "info")

# Text that is not part of the report: a web page's list of related documents (docplayer transcripts
# begin with one; the Word versions keep it as an appendix). Other reports' titles and drafts ("SOSFS
# 2014:xx") are not this report's placeholders.
_NOT_REPORT = re.compile(r"^\s*(?:relevanta|relaterade|liknande|andra) dokument\s*:?\s*$", re.I)


def report_text(section: Section) -> str:
    """The section's text with what is not the report blanked out (line for line, so places still hold)."""
    if _NOT_REPORT.match(section.title):
        return "\n" * section.text.count("\n")
    lines = section.text.split("\n")
    for i, line in enumerate(lines):
        if section.level == 0 and _NOT_REPORT.match(line):
            return "\n".join(lines[:i] + [""] * (len(lines) - i))
    return section.text


@dataclass
class Context:
    doc: Document
    lang: str = "sv"
    concepts: dict[str, Concept] = field(default_factory=dict)
    concept_results: list[ConceptResult] = field(default_factory=list)


class _SafeDict(dict):  # type: ignore[type-arg]
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass
class Rule:
    """Fields every rule has. ``severity`` may depend on a concept's legal basis (a mapping)."""

    code: str
    name: str
    kind: str
    severity: str | dict[str, str]
    message: dict[str, str]
    rationale: dict[str, str]  # per language; a plain string in the pack is the Swedish text
    example: dict[str, dict[str, str]]  # "bad"/"good" → text per language (report text: the same in both)
    source: str  # "file:line" of the rule, for error messages
    reference: str | None = None
    title: dict[str, str] = field(default_factory=dict)  # one line, no placeholders: what the rule checks

    @classmethod
    def common(cls, raw: Mapping[str, Any], source: str) -> dict[str, Any]:
        sev = raw.get("severity", "warning")
        values = sev.values() if isinstance(sev, dict) else [sev]
        bad = [v for v in values if v not in SEVERITIES]
        if bad:
            raise RuleError(
                f"{source}: rule {raw.get('code')}: unknown severity {bad[0]!r} (use error, warning or info)"
            )
        msg = raw.get("message") or {}
        if "sv" not in msg:
            raise RuleError(f"{source}: rule {raw.get('code')}: message needs at least a Swedish ('sv') text")
        return {
            "code": str(raw["code"]),
            "name": str(raw["name"]),
            "kind": str(raw["kind"]),
            "severity": sev,
            "message": {k: str(v) for k, v in msg.items()},
            "rationale": _texts(raw.get("rationale", "")),
            "example": {k: _texts(v) for k, v in (raw.get("example") or {}).items()},
            "source": source,
            "reference": raw.get("reference"),
            "title": {k: str(v) for k, v in (raw.get("title") or {}).items()},
        }

    @staticmethod
    def choice(raw: Mapping[str, Any], source: str, key: str, options: tuple[str, ...]) -> str:
        """A field that must take one of a few values; the error names the rule file and line."""
        value = raw.get(key)
        if value not in options:
            allowed = " or ".join(repr(o) for o in options)
            raise RuleError(f"{source}: rule {raw.get('code')}: '{key}' must be {allowed}, not {value!r}")
        return str(value)

    @staticmethod
    def texts(raw: Mapping[str, Any], source: str, key: str) -> dict[str, str]:
        """A text the rule prints, per language: a mapping with at least a Swedish ('sv') text."""
        value = raw.get(key)
        if not isinstance(value, Mapping) or not isinstance(value.get("sv"), str):
            raise RuleError(f"{source}: rule {raw.get('code')}: '{key}' needs at least a Swedish ('sv') text")
        return {str(k): str(v) for k, v in value.items()}

    @staticmethod
    def strings(raw: Mapping[str, Any], source: str, key: str) -> list[str]:
        """A non-empty list of words or patterns the rule looks for (its vocabulary is data, not code)."""
        value = raw.get(key)
        if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
            raise RuleError(f"{source}: rule {raw.get('code')}: '{key}' must be a non-empty list of texts")
        return list(value)

    @staticmethod
    def pattern(raw: Mapping[str, Any], source: str, key: str, code: Any = None) -> re.Pattern[str]:
        """A regular expression the rule looks for (case-insensitive: the pack's vocabulary is data, not code).
        ``raw`` may be a part of the rule (a topic); ``code`` then names the rule in the error."""
        value = raw.get(key)
        code = code if code is not None else raw.get("code")
        if not isinstance(value, str) or not value:
            raise RuleError(f"{source}: rule {code}: '{key}' must be a regular expression")
        try:
            return re.compile(value, re.I)
        except (re.error, RecursionError, OverflowError) as exc:
            raise RuleError(f"{source}: rule {code}: '{key}' is not a regular expression: {exc}") from None

    def text(self, texts: Mapping[str, str], lang: str) -> str:
        return texts.get(lang) or texts["sv"]

    def example_in(self, which: str, lang: str) -> str:
        texts = self.example.get(which) or {}
        return texts.get(lang) or texts.get("sv", "")

    def rationale_in(self, lang: str) -> str:
        return self.rationale.get(lang) or self.rationale.get("sv", "")

    def describe(self, lang: str = "sv") -> str:
        """What the rule checks, in one line: its title, else its name."""
        return self.title.get(lang) or self.title.get("sv") or self.name

    def severity_for(self, basis: str | None = None, concept: str | None = None) -> Severity:
        """A mapping severity is looked up by the concept's id, then its legal basis, then ``default``."""
        if isinstance(self.severity, dict):
            for key in (concept, basis, "default"):
                if key and key in self.severity:
                    return self.severity[key]  # type: ignore[return-value]
            first: str = next(iter(self.severity.values()))
            return first  # type: ignore[return-value]
        return self.severity  # type: ignore[return-value]

    def finding(self, ctx: Context, *, basis: str | None = None, concept_id: str | None = None,
                reference: str | None = None,
                section_id: str | None = None, page: int | None = None, line: int | None = None,
                evidence: str = "", severity: str | None = None, **values: Any) -> Finding:  # fmt: skip
        template = self.message.get(ctx.lang) or self.message["sv"]
        sec = ctx.doc.section(section_id) if section_id else None
        return Finding(
            code=self.code,
            name=self.name,
            severity=severity or self.severity_for(basis, concept_id),  # type: ignore[arg-type]
            message=template.format_map(_SafeDict({k: _fmt(v, ctx.lang) for k, v in values.items()})),
            reference=reference or self.reference,
            section_id=section_id,
            page=page,
            line=line,
            section_path=list(sec.path) if sec else [],
            evidence=" ".join(evidence.split()),
        )

    def run(self, ctx: Context) -> list[Finding]:  # pragma: no cover - every kind overrides it
        raise NotImplementedError


def _texts(value: Any) -> dict[str, str]:
    """A text per language, spaces normalised (YAML folded blocks): a plain string is the Swedish one."""
    texts = value if isinstance(value, Mapping) else {"sv": value}
    return {str(k): " ".join(str(v).split()) for k, v in texts.items() if str(v).strip()}


class Count(int):
    """A number in a message that takes its noun along: ``{empty:tom värdecell|tomma värdeceller}`` gives
    "1 tom värdecell", "3 tomma värdeceller"."""

    def __format__(self, spec: str) -> str:
        if "|" not in spec:
            return format(int(self), spec)
        one, many = spec.split("|", 1)
        return f"{int(self)} {one if int(self) == 1 else many}"


def _fmt(v: Any, lang: str) -> Any:
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, int):
        return Count(v)
    return format_number(v, lang=lang) if isinstance(v, float) else str(v)
