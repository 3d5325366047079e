"""KV301: result tables whose value cells are (mostly) empty."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..base import Context, Rule
from ..model import Finding


@dataclass
class TableEmptyRule(Rule):
    check: str = "share"  # "share": mostly empty value cells; "columns": a value column empty throughout
    min_share: float = 0.5
    header_only: dict[str, str] = field(default_factory=dict)  # how a header-only table is described

    @classmethod
    def from_yaml(cls, raw: Mapping[str, Any], source: str) -> TableEmptyRule:
        check = str(raw.get("check", "share"))
        if check not in ("share", "columns"):
            check = cls.choice(raw, source, "check", ("share", "columns"))
        texts = cls.texts(raw, source, "header_only") if check == "share" else {}
        return cls(**cls.common(raw, source), check=check, min_share=float(raw.get("min_share", 0.5)),
                   header_only=texts)  # fmt: skip

    def _columns(self, ctx: Context) -> list[Finding]:
        """A value column with nothing in any row while the others are filled in ("2012 | 3 | 1 | "):
        the figure for those years was never entered."""
        out = []
        for t in ctx.doc.tables:
            rows = [r for r in t.rows if r and r[0].strip()]
            header = t.header[-1] if t.header else []
            width = max([len(header), *(len(r) for r in rows)], default=0)
            if len(rows) < 2 or width < 3:
                continue
            filled = [c for c in range(1, width) if any(c < len(r) and r[c].strip() for r in rows)]
            empty = [c for c in range(1, width) if c not in filled]
            if not filled or not empty:
                continue  # all empty is KV301's; none empty is fine
            for c in empty:
                name = header[c] if c < len(header) and header[c].strip() else str(c + 1)
                out.append(self.finding(ctx, section_id=t.section_id, page=t.page, line=t.line,
                                        table=f"'{t.caption or ' | '.join(header)}'", column=name,
                                        rows=", ".join(r[0] for r in rows[:5]), evidence=f"{t.caption or ''} {name}"))  # fmt: skip
        return out

    def run(self, ctx: Context) -> list[Finding]:
        if self.check == "columns":
            return self._columns(ctx)
        out = []
        for t in ctx.doc.tables:
            rows = [r for r in t.rows if r and r[0].strip()]
            cells = [c for r in rows for c in r[1:]]
            empty_rows = [r[0] for r in rows if not any(c.strip() for c in r[1:])]
            empty = sum(1 for c in cells if not c.strip())
            # An empty table (header only) reports nothing at all; otherwise look at the share.
            if (not rows and t.header and len(t.header[-1]) >= 2) or (
                cells and empty / len(cells) >= self.min_share
            ):
                sec = ctx.doc.section(t.section_id)
                if not rows:
                    width = len(t.header[-1]) - 1
                    empty, total = width, width
                    detail = self.text(self.header_only, ctx.lang)
                else:
                    total, detail = len(cells), ", ".join(empty_rows[:5]) or "–"
                out.append(
                    self.finding(
                        ctx,
                        section_id=t.section_id,
                        page=t.page or (sec.page if sec else None),
                        line=t.line,
                        table=f"'{t.caption or ' | '.join(t.header[-1] if t.header else [])}'",
                        empty=empty,
                        cells=total,
                        rows=detail,
                        evidence=t.caption or " | ".join(t.header[-1] if t.header else []),
                    )  # fmt: skip
                )
        return out
