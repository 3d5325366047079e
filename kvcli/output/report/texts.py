"""Every word the overview page prints, in Swedish and English, and the numbers in each language's format.

The page is read by people who attach it to a nämnd's papers: Swedish is the default, and under
``--lang en`` no Swedish page text is left (what the reports themselves say stays as written).
"""

from __future__ import annotations

from ...numbers import format_number

TEXTS: dict[str, dict[str, str]] = {
    "sv": {
        "title": "Översikt över kvalitetsberättelser",
        "contents": "Innehåll",
        "read": "Läst",
        "generated": "Skapad",
        "version": "kvcli-version",
        "packs": "Regelpaket",
        "formats": "format",
        "h_heatmap": "Begrepp per rapport",
        "h_findings": "Fynd per rapport",
        "h_rules": "Fynd per regel i hela arkivet",
        "rules_caption": "Hur många rapporter varje regel slog till i, och hur många fynd den gav.",
        "h_figures": "Nyckeltal över tid",
        "h_unreadable": "Oläsbara filer",
        "legend": "Teckenförklaring",
        "present": "finns",
        "weak": "svagt",
        "missing": "saknas",
        "none": "ej bedömt",
        "heatmap_caption": (
            "Kravbegrepp (kolumner) per rapport (rader: organisation › enhet › period). Håll pekaren över en cell "
            "för beläggen; klicka för rapportens fynd och belägg."
        ),
        "report": "Rapport",
        "all_reports": "Alla rapporter",
        "filter_unit": "Enhet",
        "filter_year": "År",
        "filter_all": "alla",
        "filter_shown": "{shown} av {total} rapporter visas",
        "sort_hint": "Klicka på en kolumnrubrik för att sortera.",
        "unknown_org": "okänd organisation",
        "unknown_unit": "okänd enhet",
        "unknown_period": "okänd period",
        "error": "fel",
        "warning": "varning",
        "info": "info",
        "errors_col": "Fel",
        "warnings_col": "Varningar",
        "infos_col": "Info",
        "rule": "Regel",
        "name": "Namn",
        "severity": "Allvarlighet",
        "reports_col": "Rapporter",
        "findings_col": "Fynd",
        "location": "Plats",
        "message": "Meddelande",
        "basis": "Grund",
        "page": "s.",
        "line": "rad",
        "section": "avsnitt",
        "quote": "”{}”",
        "no_location": "hela rapporten",
        "no_findings": "Inga fynd.",
        "findings_in": "Fynd i {name}",
        "in_of": "{code} i {n} av {total} rapporter",
        "no_rule_findings": "Inga fynd i arkivet.",
        "concepts_details": "Begrepp och belägg",
        "concepts_in": "Begrepp och belägg i {name}",
        "concept": "Begrepp",
        "verdict": "Bedömning",
        "evidence": "Belägg",
        "heading_only": "rubriken finns men avsnittet saknar text",
        "not_found": "ingen rubrik eller text om begreppet hittades",
        "not_assessed": "begreppet bedömdes inte i den här körningen",
        "doc_title": "Titel",
        "doc_date": "Datum",
        "doc_signatory": "Undertecknad av",
        "doc_format": "Format",
        "pages": "sidor",
        "figures_intro": (
            "Indikatorer som flera rapporter redovisar, med minst två år; klagomål, avvikelser och lex Sarah "
            "först. Linjen visar det senast rapporterade värdet för varje år."
        ),
        "figures_cap": "{shown} av {total} serier visas; alla finns med kvcli trend.",
        "no_series": "Inga nyckeltal med minst två år.",
        "year": "År",
        "value": "Värde",
        "source": "Källa",
        "restated_note": "tidigare rapporterat {old} i {source}",
        "restated_legend": "× = ett värde som en äldre rapport angav annorlunda",
        "part_year_note": "delårsvärde ({note})",
        "part_year_legend": "ofylld punkt = delårsvärde",
        "series_desc": "{first} år {y0}, {last} år {y1}",
        "reports_giving": "redovisas i {n}",
        "no_unreadable": "Alla filer kunde läsas.",
        "file": "Fil",
        "reason": "Orsak",
        "summary": "{reports} lästa, {unreadable} oläsbara · {findings}",
        "footer": "Skapad av kvcli {version}. Sidan är fristående: den hämtar inget från nätet.",
    },
    "en": {
        "title": "Overview of quality reports",
        "contents": "Contents",
        "read": "Read",
        "generated": "Generated",
        "version": "kvcli version",
        "packs": "Rule packs",
        "formats": "formats",
        "h_heatmap": "Concepts per report",
        "h_findings": "Findings per report",
        "h_rules": "Findings per rule across the archive",
        "rules_caption": "How many reports each rule fired in, and how many findings it gave.",
        "h_figures": "Key figures over time",
        "h_unreadable": "Unreadable files",
        "legend": "Legend",
        "present": "present",
        "weak": "weak",
        "missing": "missing",
        "none": "not assessed",
        "heatmap_caption": (
            "Requirement concepts (columns) per report (rows: organisation › unit › period). Hover over a cell for "
            "the evidence; click it for the report's findings and evidence."
        ),
        "report": "Report",
        "all_reports": "All reports",
        "filter_unit": "Unit",
        "filter_year": "Year",
        "filter_all": "all",
        "filter_shown": "showing {shown} of {total} reports",
        "sort_hint": "Click a column heading to sort.",
        "unknown_org": "unknown organisation",
        "unknown_unit": "unknown unit",
        "unknown_period": "unknown period",
        "error": "error",
        "warning": "warning",
        "info": "info",
        "errors_col": "Errors",
        "warnings_col": "Warnings",
        "infos_col": "Info",
        "rule": "Rule",
        "name": "Name",
        "severity": "Severity",
        "reports_col": "Reports",
        "findings_col": "Findings",
        "location": "Location",
        "message": "Message",
        "basis": "Basis",
        "page": "p.",
        "line": "line",
        "section": "section",
        "quote": "“{}”",
        "no_location": "whole report",
        "no_findings": "No findings.",
        "findings_in": "Findings in {name}",
        "in_of": "{code} in {n} of {total} reports",
        "no_rule_findings": "No findings in the archive.",
        "concepts_details": "Concepts and evidence",
        "concepts_in": "Concepts and evidence in {name}",
        "concept": "Concept",
        "verdict": "Verdict",
        "evidence": "Evidence",
        "heading_only": "the heading is there but the section has no text",
        "not_found": "no heading or text about the concept was found",
        "not_assessed": "the concept was not assessed in this run",
        "doc_title": "Title",
        "doc_date": "Date",
        "doc_signatory": "Signed by",
        "doc_format": "Format",
        "pages": "pages",
        "figures_intro": (
            "Indicators that several reports give, with at least two years; complaints, deviations and lex Sarah "
            "first. The line shows the most recently reported value for each year."
        ),
        "figures_cap": "{shown} of {total} series shown; kvcli trend lists them all.",
        "no_series": "No key figures with two or more years.",
        "year": "Year",
        "value": "Value",
        "source": "Source",
        "restated_note": "previously reported as {old} in {source}",
        "restated_legend": "× = a value an older report gave differently",
        "part_year_note": "part-year value ({note})",
        "part_year_legend": "hollow point = part-year value",
        "series_desc": "{first} in {y0}, {last} in {y1}",
        "reports_giving": "given in {n}",
        "no_unreadable": "Every file could be read.",
        "file": "File",
        "reason": "Reason",
        "summary": "{reports} read, {unreadable} unreadable · {findings}",
        "footer": "Generated by kvcli {version}. The page is self-contained: it loads nothing from the network.",
    },
}

# (one, many) — Swedish "fel" and "fynd" do not change, "varning" does.
NOUNS: dict[str, dict[str, tuple[str, str]]] = {
    "sv": {
        "report": ("rapport", "rapporter"),
        "file": ("fil", "filer"),
        "finding": ("fynd", "fynd"),
        "error": ("fel", "fel"),
        "warning": ("varning", "varningar"),
        "info": ("info", "info"),
        "unreadable": ("oläsbar", "oläsbara"),
    },
    "en": {
        "report": ("report", "reports"),
        "file": ("file", "files"),
        "finding": ("finding", "findings"),
        "error": ("error", "errors"),
        "warning": ("warning", "warnings"),
        "info": ("info", "infos"),
        "unreadable": ("unreadable", "unreadable"),
    },
}


class Words:
    """The page's vocabulary in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in TEXTS else "sv"
        self._t = TEXTS[self.lang]

    def __getitem__(self, key: str) -> str:
        return self._t[key]

    def fmt(self, key: str, **values: object) -> str:
        return self._t[key].format(**values)

    def count(self, n: int, noun: str) -> str:
        one, many = NOUNS[self.lang][noun]
        return f"{self.number(n)} {one if n == 1 else many}"

    def number(self, value: float, unit: str | None = None) -> str:
        """ "1 650", "5,4 %" in Swedish (no-break spaces, so a number never wraps); "1,650", "5.4 %" in English."""
        return format_number(value, unit, lang=self.lang, typeset=True)
