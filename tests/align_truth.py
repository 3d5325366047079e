"""The true indicator correspondence for report pairs, written down by hand.

Each pair: (old path, new path, {((old label, old context), (new label, new context)), ...}),
paths relative to the repository root. Every indicator not listed must stay unmatched.
Used by tests/test_align.py and bench/bench_align.py (precision/recall).
"""

from __future__ import annotations

Key = tuple[str, str]
Pair = tuple[str, str, set[tuple[Key, Key]]]

_F = "tests/fixtures/diff/"
_SYN = "Synpunkter och avvikelser"
_VAXJO_OLD, _VAXJO_NEW = "Utveckling och resultat 2014", "Utveckling och resultat 2015"
_KLAG_OLD, _KLAG_NEW = "Klagomål", "Klagomål och synpunkter"

PAIRS: dict[str, Pair] = {
    # Same unit, next year: reworded labels, a row removed and one added, a table moved to another chapter.
    "enhet 2015 -> 2016 (reworded, moved)": (_F + "enhet-2015.txt", _F + "enhet-2016.txt", {
        (("Antal avslagsbeslut", "Synpunkter"), ("Avslagsbeslut, antal", "Synpunkter och klagomål")),
        (("Antal överklaganden", "Synpunkter"), ("Överklaganden (antal)", "Synpunkter och klagomål")),
        (("Öppenvård", "Statistik"), ("Öppenvård", "Uppföljning")),
        (("Boendestöd", "Statistik"), ("Boendestöd", "Uppföljning")),
        (("Familjehem", "Statistik"), ("Placeringar i familjehem", "Uppföljning")),
        (("Totalt", "Statistik"), ("Totalt", "Uppföljning")),
    }),
    # Same unit, next year: one table dropped entirely.
    "enhet 2016 -> 2017 (table dropped)": (_F + "enhet-2016.txt", _F + "enhet-2017.txt", {
        (("Avslagsbeslut, antal", "Synpunkter och klagomål"), ("Avslagsbeslut, antal", "Synpunkter och klagomål")),
        (("Överklaganden (antal)", "Synpunkter och klagomål"), ("Överklaganden (antal)", "Synpunkter och klagomål")),
        (("JO-anmälningar", "Synpunkter och klagomål"), ("JO-anmälningar", "Synpunkter och klagomål")),
    }),
    # Years as rows become years as columns; "Kvinnor"/"Män" in two tables; numbering, units, inflections.
    "omsorg 2014 -> 2015 (flipped, look-alikes)": (_F + "omsorg-2014.txt", _F + "omsorg-2015.txt", {
        (("Kvinnor", "Brukare"), ("Kvinnor", "Brukare")),
        (("Män", "Brukare"), ("Män", "Brukare")),
        (("Totalt", "Brukare"), ("Totalt", "Brukare")),
        (("Kvinnor", "Handläggning"), ("Kvinnor", "Handläggningstider")),
        (("Män", "Handläggning"), ("Män", "Handläggningstider")),
        (("1. Personalkostnader (tkr)", "Ekonomi"), ("Personalkostnad, tkr", "Kostnader")),
        (("2. Övriga kostnader (tkr)", "Ekonomi"), ("Övriga kostnader, tkr", "Kostnader")),
        (("Summa", "Ekonomi"), ("Summa", "Kostnader")),
        (("Inkomna klagomål", _KLAG_OLD), ("Klagomål, antal inkomna", _KLAG_NEW)),
        (("Besvarade klagomålen inom 14 dagar", _KLAG_OLD), ("Klagomål besvarade inom 14 dagar", _KLAG_NEW)),
        (("Andel besvarade inom 14 dagar", _KLAG_OLD), ("Andel besvarade inom 14 dagar", _KLAG_NEW)),
    }),
    # A flattened-PDF report with inline "Nyckeltal 2013 2014" runs against a tabular next year.
    "växjö 2014 -> 2015 (inline vs table)": ("samples/vaxjo-arbete-valfard-2014.txt", _F + "vaxjo-2015.txt", {
        (("Andel av Växjös befolkning som fått ekonomiskt bistånd", _VAXJO_OLD),
         ("Andel av Växjös befolkning som fått ekonomiskt bistånd", _VAXJO_NEW)),
        (("Utbetalt ekonomiskt bistånd, brutto", _VAXJO_OLD), ("Utbetalt ekonomiskt bistånd, brutto", _VAXJO_NEW)),
        (("Antal anmälningar, barn och unga", _VAXJO_OLD), ("Antal anmälningar, barn och unga", _VAXJO_NEW)),
        (("Antal elever i kommunal vuxenutbildning", _VAXJO_OLD),
         ("Antal elever i kommunal vuxenutbildning", _VAXJO_NEW)),
    }),
    # Two different units of one municipality: only the shared "Synpunkter och avvikelser" table is common
    # ("Övriga avvikelser" is empty in the 2013 report, so it has no figure there).
    "vetlanda vuxen 2013 -> familj 2014-15 (units)": (
        "samples/vetlanda-vuxen-2013.txt", "samples/vetlanda-familj-2014-2015.txt", {
            (("Synpunkt Vetlanda", _SYN), ("Synpunkt Vetlanda", _SYN)),
            (("Lex Sarah", _SYN), ("Lex Sarah", _SYN)),
        }),
    # Unrelated reports (other municipality, other kind of service): nothing may align.
    "jönköping 2016 -> växjö 2014 (unrelated)": (
        "samples/jonkoping-behandling-2016.txt", "samples/vaxjo-arbete-valfard-2014.txt", set()),
    "vetlanda vuxen 2013 -> växjö 2014 (unrelated)": (
        "samples/vetlanda-vuxen-2013.txt", "samples/vaxjo-arbete-valfard-2014.txt", set()),
}  # fmt: skip
