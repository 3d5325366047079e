"""``kvcli report``: one self-contained HTML page that shows an archive at a glance.

>>> from kvcli.output.report import ReportEntry, ReportMeta, render_report
>>> html = render_report(entries, unreadable=[], meta=meta, lang="sv")  # doctest: +SKIP

``render_report`` is pure: it takes the library's types (each ``Document`` with its ``FileReport``,
the unreadable files with their reasons, the run's metadata) and returns the page as a string.
"""

from __future__ import annotations

from .model import PackInfo, ReportEntry, ReportMeta, Unreadable
from .render import render_report

__all__ = ["PackInfo", "ReportEntry", "ReportMeta", "Unreadable", "render_report"]
