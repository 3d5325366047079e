"""``render_report``: typed inputs in, one self-contained HTML page out (CSS, script and charts inline).

Pure: no I/O beyond reading the package's own stylesheet and script, no clock (the time of the run is
in ``meta``), no network reference of any kind — the page is opened from file shares and e-mail.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from importlib import resources

from ...privacy import mask_personnummer
from ..reasons import reason_text
from .findings import report_section, rule_counts
from .heatmap import heatmap
from .keyfigures import key_figures
from .markup import attrs, esc
from .model import SEVERITIES, ReportEntry, ReportMeta, Row, Unreadable, build_rows
from .series import choose_series
from .texts import Words

# The overview first; the per-report detail, the longest part, last.
PARTS = ("heatmap", "rules", "figures", "unreadable", "findings")


@lru_cache(maxsize=4)
def asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets").joinpath(name).read_text(encoding="utf-8")


def render_report(
    entries: list[ReportEntry], unreadable: list[Unreadable], meta: ReportMeta, lang: str = "sv"
) -> str:
    w = Words(lang)
    rows = build_rows(entries, meta.concepts, w)
    title = meta.title or w["title"]
    parts = {
        "heatmap": heatmap(rows, meta.concepts, w),
        "findings": "".join(report_section(r, w) for r in rows),
        "rules": rule_counts(rows, w),
        "figures": key_figures(choose_series([e.document for e in entries]), w),
        "unreadable": _unreadable(unreadable, w),
    }
    body = "".join(
        f'<section class="part" id="part-{k}" aria-labelledby="h-{k}"><h2 id="h-{k}">{esc(w["h_" + k])}</h2>'
        f"{parts[k]}</section>"
        for k in PARTS
    )
    page = (
        f'<!DOCTYPE html><html lang="{w.lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="kvcli {esc(meta.version)}"><title>{esc(title)}</title>'
        f"<style>{asset('report.css')}</style></head><body>"
        f"{_header(title, rows, unreadable, meta, w)}<main>{body}</main>"
        f"<footer><p>{esc(w.fmt('footer', version=meta.version))}</p></footer>"
        f"<script>{asset('report.js')}</script></body></html>\n"
    )
    # Every piece was masked on its way in; this pass is the last line of defence, as in every formatter.
    return mask_personnummer(page)


def _header(title: str, rows: list[Row], unreadable: list[Unreadable], meta: ReportMeta, w: Words) -> str:
    formats = Counter(r.entry.document.source.format for r in rows)
    files = len(rows) + len(unreadable)
    read = f"{', '.join(meta.inputs)} ({w.count(files, 'file')}"
    if formats:
        read += "; " + ", ".join(f"{n} {fmt}" for fmt, n in sorted(formats.items()))
    read += ")"
    packs = "".join(
        f"<li>{esc(p.name)} — {esc(p.title)} <code{attrs(title=p.sha256)}>sha256 {esc(p.sha256[:12])}</code></li>"
        for p in meta.packs
    )
    findings = ", ".join(w.count(sum(r.count(s) for r in rows), s) for s in SEVERITIES)
    summary = w.fmt("summary", reports=w.count(len(rows), "report"), unreadable=w.number(len(unreadable)),
                    findings=findings)  # fmt: skip
    facts = (
        f"<dt>{esc(w['read'])}</dt><dd>{esc(read)}</dd>"
        f"<dt>{esc(w['generated'])}</dt><dd><time{attrs(datetime=meta.generated.isoformat(timespec='seconds'))}>"
        f"{esc(meta.generated.strftime('%Y-%m-%d %H:%M'))}</time></dd>"
        f"<dt>{esc(w['version'])}</dt><dd>{esc(meta.version)}</dd>"
        f'<dt>{esc(w["packs"])}</dt><dd><ul class="packs">{packs}</ul></dd>'
    )
    nav = "".join(f'<li><a href="#part-{k}">{esc(w["h_" + k])}</a></li>' for k in PARTS)
    return (
        f'<header><h1>{esc(title)}</h1><p class="lead">{esc(summary)}</p><dl class="facts">{facts}</dl>'
        f'<nav aria-labelledby="h-nav"><h2 id="h-nav" class="vh">{esc(w["contents"])}</h2><ol>{nav}</ol></nav>'
        "</header>"
    )


def _unreadable(files: list[Unreadable], w: Words) -> str:
    if not files:
        return f'<p class="none">{esc(w["no_unreadable"])}</p>'
    lines = "".join(
        f'<tr{attrs(data_path=u.path)}><th scope="row">{esc(u.path)}</th><td>{esc(reason_text(u.reason, w.lang))}</td></tr>'
        for u in sorted(files, key=lambda u: u.path)
    )
    head = f'<th scope="col">{esc(w["file"])}</th><th scope="col">{esc(w["reason"])}</th>'
    return (
        f'<table id="unreadable" class="unreadable"><caption>{esc(w["h_unreadable"])}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{lines}</tbody></table>"
    )
