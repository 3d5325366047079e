"""What a check produces: findings, concept verdicts, and the per-file report (``kvcli.check/1``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..privacy import mask_personnummer
from .concepts import ConceptResult

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
CHECK_SCHEMA_ID = "kvcli.check/1"


@dataclass
class Finding:
    code: str
    name: str
    severity: Severity
    message: str
    reference: str | None
    section_id: str | None = None
    page: int | None = None
    line: int | None = None
    # Where a writer finds it and what it is about, without line numbers: the section's heading path
    # and the finding's own evidence (the question, the prompt, the table, a quoted sentence). A
    # baseline keys on these, so an edit above a known finding does not make it new.
    section_path: list[str] = field(default_factory=list)
    evidence: str = ""


@dataclass
class FileReport:
    path: str
    error: str | None = None
    concepts: list[ConceptResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    parse_seconds: float = 0.0
    check_seconds: float = 0.0
    profile: str | None = None  # the rule pack profile the report was checked with

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "error": mask_personnummer(self.error) if self.error else None,
            "profile": self.profile,
            "concepts": [
                {"id": c.id, "status": c.status, "score": round(c.score, 3), "section_ids": c.section_ids,
                 "title": c.title, "evidence": mask_personnummer(c.evidence)}
                for c in self.concepts
            ],
            "findings": [{**vars(f), "message": mask_personnummer(f.message),
                          "evidence": mask_personnummer(f.evidence),
                          "section_path": [mask_personnummer(t) for t in f.section_path]}
                         for f in self.findings],  # fmt: skip
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> FileReport:
        """Rebuild a report from a batch record (what workers and the cache hand back)."""
        rep = record.get("report") or {}
        return cls(
            path=record["path"],
            error=record.get("error"),
            concepts=[
                ConceptResult(c["id"], c["status"], c["score"], list(c["section_ids"]), c.get("title", ""),
                              c.get("evidence", ""))
                for c in rep.get("concepts", [])
            ],
            findings=[Finding(**f) for f in rep.get("findings", [])],
            check_seconds=float(record.get("seconds") or 0.0),
            profile=rep.get("profile"),
        )

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)
