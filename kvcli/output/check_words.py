"""The words of the check output that are not a rule's message: labels, summaries, plurals, in sv and en.

Rule messages come from the packs; this is everything around them, so that ``--lang sv`` output has
no English sentence in it and ``--lang en`` no Swedish one.
"""

from __future__ import annotations

SEVERITY = {
    "sv": {"error": "fel", "warning": "varning", "info": "info"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}

# (singular, plural) per language; "info" is uncountable in both.
NOUNS = {
    "sv": {"error": ("fel", "fel"), "warning": ("varning", "varningar"), "info": ("info", "info"),
           "finding": ("anmärkning", "anmärkningar"), "file": ("fil", "filer"),
           "unreadable": ("oläslig", "oläsliga"), "known": ("känd anmärkning", "kända anmärkningar"),
           "entry": ("post", "poster")},
    "en": {"error": ("error", "errors"), "warning": ("warning", "warnings"), "info": ("info", "info"),
           "finding": ("finding", "findings"), "file": ("file", "files"),
           "unreadable": ("unreadable", "unreadable"), "known": ("known finding", "known findings"),
           "entry": ("entry", "entries")},
}  # fmt: skip

TEXT = {
    "sv": {
        "legend": "Begrepp (✔ redovisas  ~ bara i förbigående  ✘ saknas):",
        "checked": ("kontrollerad", "kontrollerade"),
        "unreadable_line": "kan inte läsas",
        "hidden": "{known} dolda av baslinjen {path}",
        "stale": "kvcli: baslinjen {path}: {n} finns inte längre (åtgärdade?); skriv om den med --write-baseline:",
        "written": "kvcli: {n} skrivna till baslinjen {path}",
        "page": "s.",
        "line": "rad",
        "paragraph": "stycke",
    },
    "en": {
        "legend": "Concepts (✔ reported  ~ only in passing  ✘ missing):",
        "checked": ("checked", "checked"),
        "unreadable_line": "cannot be read",
        "hidden": "{known} hidden by the baseline {path}",
        "stale": "kvcli: baseline {path}: {n} no longer found (fixed?); rewrite it with --write-baseline:",
        "written": "kvcli: {n} written to the baseline {path}",
        "page": "p.",
        "line": "line",
        "paragraph": "paragraph",
    },
}


def lang_of(lang: str) -> str:
    return lang if lang in TEXT else "sv"


def count(n: int, noun: str, lang: str) -> str:
    """``1 varning``, ``2 varningar``, ``1 tom``: the number with its noun in the right form."""
    one, many = NOUNS[lang_of(lang)][noun]
    return f"{n} {one if n == 1 else many}"


def severity(sev: str, lang: str) -> str:
    return SEVERITY[lang_of(lang)].get(sev, sev)


def text(key: str, lang: str) -> str:
    value = TEXT[lang_of(lang)][key]
    return value if isinstance(value, str) else value[0]


def checked(n: int, lang: str) -> str:
    one, many = TEXT[lang_of(lang)]["checked"]
    return f"{count(n, 'file', lang)} {one if n == 1 else many}"
