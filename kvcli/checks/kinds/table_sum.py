"""KV302/KV303: totals that are not the sum of their parts; percentage columns that miss 100."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...model import Table
from ...numbers import parse_number
from ..base import Context, Rule
from ..model import Finding


@dataclass
class TableSumRule(Rule):
    check: str = "totals"
    tolerance: float = 0.5
    share_columns: frozenset[str] = frozenset()  # headers of columns that hold shares of one whole ("andel")

    @classmethod
    def from_yaml(cls, raw: Mapping[str, Any], source: str) -> TableSumRule:
        check = cls.choice(raw, source, "check", ("totals", "percent"))
        shares = frozenset(s.strip().casefold() for s in cls.strings(raw, source, "share_columns"))
        return cls(**cls.common(raw, source), check=check, tolerance=float(raw.get("tolerance", 0.5)),
                   share_columns=shares)  # fmt: skip

    def run(self, ctx: Context) -> list[Finding]:
        out: list[Finding] = []
        for t in ctx.doc.tables:
            out += self._totals(ctx, t) if self.check == "totals" else self._percent(ctx, t)
        return out

    def _is_share(self, header: list[str], c: int) -> bool:
        return c < len(header) and header[c].strip().casefold() in self.share_columns

    def _value(self, cell: str) -> float | None:
        n = parse_number(cell)
        return None if n is None else n.value

    def _totals(self, ctx: Context, t: Table) -> list[Finding]:
        out = []
        header = t.header[-1] if t.header else []
        for ti in t.total_rows:
            # The parts are the rows since the previous total (tables may stack blocks with subtotals).
            prev = max([i for i in t.total_rows if i < ti], default=-1)
            parts = t.rows[prev + 1 : ti]
            for c in range(1, len(t.rows[ti])):
                stated = self._value(t.rows[ti][c])
                values = [self._value(r[c]) if c < len(r) else None for r in parts]
                nums = [v for v in values if v is not None]
                if (
                    stated is None
                    or not nums
                    or len(nums) < len([r for r in parts if c < len(r) and r[c].strip()])
                ):
                    continue
                computed = sum(nums)
                if abs(computed - stated) > self.tolerance and not self._is_share(header, c):
                    out.append(self.finding(ctx, section_id=t.section_id, page=t.page, line=t.line,
                                            table=f"'{t.caption or t.id}'", label=t.rows[ti][0],
                                            column=header[c] if c < len(header) else str(c),
                                            stated=stated, computed=round(computed, 2),
                                            evidence=f"{t.caption or ''} {t.rows[ti][0]} {header[c] if c < len(header) else c}"))  # fmt: skip
        return out

    def _percent(self, ctx: Context, t: Table) -> list[Finding]:
        out = []
        header = t.header[-1] if t.header else []
        for c, name in enumerate(header):
            stated_total = [self._value(t.rows[i][c]) for i in t.total_rows if c < len(t.rows[i])]
            if c == 0 or not (self._is_share(header, c) or 100.0 in stated_total):
                continue
            rows = [r for i, r in enumerate(t.rows) if i not in t.total_rows and c < len(r)]
            values = [self._value(r[c]) for r in rows]
            nums = [v for v in values if v is not None]
            if len(nums) < 2 or len(nums) != len(rows) or any(v > 100 for v in nums):
                continue  # not a breakdown of one whole
            total = sum(nums)
            if abs(total - 100) > self.tolerance:
                out.append(self.finding(ctx, section_id=t.section_id, page=t.page, line=t.line,
                                        table=f"'{t.caption or t.id}'", column=name, computed=round(total, 1),
                                        evidence=f"{t.caption or ''} {name}"))  # fmt: skip
        return out
