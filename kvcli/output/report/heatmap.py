"""The heatmap: reports × requirement concepts, a symbol and a colour per verdict, evidence on hover.

The table is complete without JavaScript; the script only adds sorting and the unit/year filter,
reading the ``data-`` attributes written here (``data-sort``, ``data-unit``, ``data-start``/``-end``).
"""

from __future__ import annotations

from ...checks.concepts import Concept
from .markup import attrs, esc, slug
from .model import SEVERITIES, STATUS_MARK, STATUS_RANK, Row
from .texts import Words

_COUNT_COLS = {"error": "errors_col", "warning": "warnings_col", "info": "infos_col"}


def legend(w: Words) -> str:
    items = "".join(
        f'<li><span class="st st-{s}" aria-hidden="true">{STATUS_MARK[s]}</span> {esc(w[s])}</li>'
        for s in ("present", "weak", "missing")
    )
    return f'<ul class="legend" aria-label="{esc(w["legend"])}">{items}</ul>'


def filter_attrs(row: Row, w: Words) -> str:
    return attrs(data_unit=row.unit_label(w), data_start=row.start, data_end=row.end)


def heatmap(rows: list[Row], concepts: list[Concept], w: Words) -> str:
    head = [f'<th scope="col" class="rowhead">{esc(w["report"])}</th>']
    for c in concepts:
        head.append(f'<th scope="col" class="concept"{attrs(data_concept=c.id, title=c.reference)}>'
                    f"<span>{esc(c.title)}</span></th>")  # fmt: skip
    head += [f'<th scope="col" class="num">{esc(w[_COUNT_COLS[s]])}</th>' for s in SEVERITIES]
    body = [_row(i, row, w) for i, row in enumerate(rows)]
    foot = _totals(rows, concepts, w)
    controls = attrs(
        id="controls", class_="controls", data_label_unit=w["filter_unit"], data_label_year=w["filter_year"],
        data_label_all=w["filter_all"], data_label_shown=w["filter_shown"],
    )  # fmt: skip
    return (
        f'{legend(w)}<p class="hint js-only" hidden>{esc(w["sort_hint"])}</p><div{controls} hidden></div>'
        f'<div class="scroll"><table id="heatmap" class="heatmap"><caption>{esc(w["heatmap_caption"])}</caption>'
        f"<thead><tr>{''.join(head)}</tr></thead><tbody>{''.join(body)}</tbody>{foot}</table></div>"
    )


def _row(index: int, row: Row, w: Words) -> str:
    out = [
        f'<tr class="filterable"{attrs(id=f"row-{row.anchor}", data_path=row.path)}{filter_attrs(row, w)}>',
        f'<th scope="row" data-sort="{index}"><a href="#{row.anchor}">{esc(row.label(w))}</a>'
        f'<span class="file">{esc(row.path)}</span></th>',
    ]
    for c in row.cells:
        target = f"#{row.anchor}-c-{slug(c.concept.id)}"
        out.append(
            f"<td{attrs(class_=f'st st-{c.status}', data_concept=c.concept.id, data_status=c.status)}"
            f' data-sort="{STATUS_RANK[c.status]}"{attrs(title=f"{c.concept.title} — {c.summary(w)}")}>'
            f'<a href="{target}">{STATUS_MARK[c.status]}<span class="vh"> {esc(w[c.status])}</span></a></td>'
        )
    for s in SEVERITIES:
        n = row.count(s)
        out.append(f'<td class="num sev-{s}" data-sort="{n}"><a href="#{row.anchor}-findings">{n}</a></td>')
    out.append("</tr>")
    return "".join(out)


def _totals(rows: list[Row], concepts: list[Concept], w: Words) -> str:
    """How many reports lack or only touch each concept: the column sums a reader would otherwise count."""
    cells = [f'<th scope="row">{esc(w["all_reports"])}</th>']
    for i, c in enumerate(concepts):
        statuses = [r.cells[i].status for r in rows]
        parts = [
            f"{STATUS_MARK[s]}\u00a0{statuses.count(s)}" for s in ("missing", "weak") if statuses.count(s)
        ]
        text = " ".join(parts) or f"{STATUS_MARK['present']}\u00a0{statuses.count('present')}"
        cells.append(f"<td{attrs(data_concept=c.id)}>{esc(text)}</td>")
    cells += [f'<td class="num">{sum(r.count(s) for r in rows)}</td>' for s in SEVERITIES]
    return f"<tfoot><tr>{''.join(cells)}</tr></tfoot>"
