"""Figures in long format for Excel and pandas users: CSV (also the Swedish Excel dialect), XLSX, Parquet, JSON.

Every file is written atomically: a reader sees the old file or the complete new one. Every frame is
masked as the last step before it is written (every string cell of every column, and the column names),
whoever built it; paths are in their safe form, with ``path_bytes`` where that had to escape the name.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import write_atomic
from ..errors import KvcliError
from ..model import Document
from .safe import mask_output, path_bytes, safe_path, safe_text

if TYPE_CHECKING:
    import pandas as pd

COLUMNS = ["path", "organisation", "unit", "period_start", "period_end", "section_path", "label", "column", "value",
           "unit_of_value", "period", "page", "line", "is_total", "table_id", "path_bytes",
           # Appended, so column positions readers rely on stay: where the figure was read, and a part-year note.
           "source", "period_note"]  # fmt: skip


def rows(docs: Iterable[Document]) -> list[dict[str, object]]:
    """One row per figure; not yet masked (``frame`` and ``write_frame`` mask every cell)."""
    out: list[dict[str, object]] = []
    for d in docs:
        paths = {s.id: " › ".join(s.path) for s in d.sections}
        p = d.metadata.period
        shown, raw = safe_path(d.source.path), path_bytes(d.source.path)
        for f in d.figures:
            out.append({
                "path": shown, "organisation": d.metadata.organisation, "unit": d.metadata.unit,
                "period_start": p.start if p else None, "period_end": p.end if p else None,
                "section_path": paths.get(f.section_id, ""), "label": f.label,
                "column": f.column, "value": f.value, "unit_of_value": f.unit,
                "period": f.period, "page": f.page, "line": f.line, "is_total": f.is_total, "table_id": f.table_id,
                "path_bytes": raw, "source": f.source, "period_note": f.period_note,
            })  # fmt: skip
    return out


def frame(docs: Iterable[Document]) -> pd.DataFrame:
    import pandas as pd

    df = pd.DataFrame(rows(docs), columns=COLUMNS)
    for col in ("period_start", "period_end", "period", "page", "line"):
        df[col] = df[col].astype("Int64")
    df["value"] = df["value"].astype(float)
    df["is_total"] = df["is_total"].astype(bool)
    return mask_output(df)


def _xlsx_bytes(df: pd.DataFrame, sheet: str) -> bytes:
    """An Excel workbook a person can use at once: header row frozen, filters on, columns wide enough."""
    import pandas as pd
    from openpyxl.utils import get_column_letter

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        df.to_excel(xw, index=False, sheet_name=sheet)
        ws = xw.sheets[sheet]
        ws.freeze_panes = "A2"
        if len(df.columns):
            ws.auto_filter.ref = ws.dimensions
        for i, col in enumerate(df.columns, 1):
            longest = max([len(str(col)), *(len(str(v)) for v in df[col].head(500))])
            ws.column_dimensions[get_column_letter(i)].width = min(60, longest + 2)
    return buf.getvalue()


def _xlsx_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Excel cells cannot hold control characters (openpyxl refuses them): escaped, as in text output."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object:
            out[col] = out[col].map(lambda v: safe_text(v) if isinstance(v, str) else v)
    return out


def write_frame(
    df: pd.DataFrame, path: str | os.PathLike[str], dialect: str = "excel", sheet: str = "nyckeltal"
) -> None:
    """Write by extension: .csv, .xlsx, .parquet, .json."""
    target = Path(path)
    ext = target.suffix.lower()
    df = mask_output(df)
    if ext == ".csv":
        if dialect == "excel-sv":
            text = df.to_csv(index=False, sep=";", decimal=",")
        else:
            text = df.to_csv(index=False)
        text = mask_output(text)
        write_atomic(target, "\ufeff" + text if dialect == "excel-sv" else text)  # a BOM so Excel reads UTF-8
    elif ext == ".xlsx":
        write_atomic(target, _xlsx_bytes(_xlsx_safe(df), sheet))
    elif ext == ".parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise KvcliError("writing .parquet needs pyarrow: pip install 'kvcli[parquet]'") from None
        buf = io.BytesIO()
        df.to_parquet(buf, index=False)
        write_atomic(target, buf.getvalue())
    elif ext == ".json":
        write_atomic(target, mask_output(df.to_json(orient="records", force_ascii=False, indent=2)))
    else:
        raise KvcliError(f"{target}: unknown output type '{ext}' (use .csv, .xlsx, .parquet or .json)")
