"""Key figures: one small multiple per chosen series, grouped by unit, each with its table of values."""

from __future__ import annotations

from .markup import attrs, basename, esc
from .series import Series, SeriesChoice
from .svg import chart
from .texts import Words

RESTATED, PART_YEAR = "*", "†"


def key_figures(choice: SeriesChoice, w: Words) -> str:
    if not choice.shown:
        return f'<p class="none">{esc(w["no_series"])}</p>'
    out = [f"<p>{esc(w['figures_intro'])}</p>",
           f'<p class="legend-line">{esc(w["restated_legend"])}; {esc(w["part_year_legend"])}.</p>']  # fmt: skip
    if choice.total > len(choice.shown):
        out.append(
            f'<p class="note">{esc(w.fmt("figures_cap", shown=len(choice.shown), total=choice.total))}</p>'
        )
    groups: dict[str, list[Series]] = {}
    for s in choice.shown:
        unit = f"{s.organisation or w['unknown_org']} › {s.report_unit or w['unknown_unit']}"
        groups.setdefault(unit, []).append(s)
    n = 0
    for unit, series in groups.items():
        out.append(f'<section class="unit-figures filterable"{attrs(data_unit=unit)}><h3>{esc(unit)}</h3>'
                   '<div class="multiples">')  # fmt: skip
        for s in series:
            n += 1
            out.append(_panel(s, f"ch{n}", w))
        out.append("</div></section>")
    return "".join(out)


def _panel(s: Series, chart_id: str, w: Words) -> str:
    """The chart and, under it, the same values as a table (years across, like the chart's axis)."""
    values, notes = [], []
    sources = [basename(p.source) for p in s.points]
    for p in s.points:
        marks = ""
        if p.restated_from is not None:
            marks += RESTATED
            old = w.number(p.restated_from, s.unit)
            notes.append(
                f"{RESTATED} {p.year}: {w.fmt('restated_note', old=old, source=basename(p.restated_in or ''))}"
            )
        if p.year in s.part_year:
            marks += PART_YEAR
            notes.append(f"{PART_YEAR} {p.year}: {w.fmt('part_year_note', note=s.part_year[p.year])}")
        values.append(f'<td class="num">{esc(w.number(p.value, s.unit) + marks)}</td>')
    years = "".join(f'<th scope="col" class="num">{p.year}</th>' for p in s.points)
    rows = f'<tr><th scope="row">{esc(w["value"])}</th>{"".join(values)}</tr>'
    if len(set(sources)) > 1:
        rows += (
            f'<tr><th scope="row">{esc(w["source"])}</th>'
            + "".join(f"<td>{esc(x)}</td>" for x in sources)
            + "</tr>"
        )
    else:
        # One report gave every year (a table with year columns, the usual case): name it once.
        notes.insert(0, f"{w['source']}: {sources[0]}")
    note_html = "".join(f"<li>{esc(x)}</li>" for x in notes)
    return (
        f'<figure class="series" aria-labelledby="{chart_id}-c"><figcaption id="{chart_id}-c">{esc(s.title)}'
        f' <span class="giving">({esc(w.fmt("reports_giving", n=w.count(s.reports, "report")))})</span>'
        f"{_context(s)}</figcaption>{chart(s, w, chart_id)}"
        f'<table class="values"><caption class="vh">{esc(s.title)}</caption>'
        f'<thead><tr><th scope="col">{esc(w["year"])}</th>{years}</tr></thead><tbody>{rows}</tbody></table>'
        f'<ul class="notes">{note_html}</ul></figure>'
    )


def _context(s: Series) -> str:
    """The table or section it stands in: "Summa" or "13-17" alone does not say what was counted."""
    context = " ".join(s.points[-1].context.split())
    if not context or context.casefold() == s.indicator.casefold():
        return ""
    return f'<span class="context">{esc(context if len(context) <= 90 else context[:89] + "…")}</span>'
