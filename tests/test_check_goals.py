"""Goals followed up (KV703/KV704): each listed goal with a status, and a goal not reached with a next step,
each firing and staying quiet on hand-made reports."""

from __future__ import annotations

from pathlib import Path

import kvcli
from kvcli.checks import check_document
from kvcli.config import CheckConfig


def _findings(tmp_path: Path, goals: str, code: str) -> list[tuple[int | None, str, str]]:
    p = tmp_path / "rapport.txt"
    p.write_text("Kvalitetsberättelse 2016\n\nInledning\n\nRapporten gäller år 2016.\n\nMål och resultat\n\n" + goals,
                 encoding="utf-8")  # fmt: skip
    report = check_document(kvcli.parse(p), CheckConfig(select=[code]))
    return [(f.line, f.severity, f.message) for f in report.findings]


def test_a_goal_without_a_status_is_a_warning_at_its_label(tmp_path: Path) -> None:
    goals = "Mål:\n\nAlla brukare ska ha en aktuell genomförandeplan.\n\nMål 2: Kortare väntetider.\n\nMålet är uppnått.\n"
    assert _findings(tmp_path, goals, "KV703") == [
        (9, "warning", "Målet 'Alla brukare ska ha en aktuell genomförandeplan.' har ingen uppföljning. Skriv om det "
                       "uppnåtts, delvis uppnåtts eller inte uppnåtts, och vad resultatet blev.")]  # fmt: skip


def test_goals_with_a_status_or_a_result_are_quiet(tmp_path: Path) -> None:
    goals = ("Mål 1: Alla brukare ska ha en aktuell genomförandeplan.\n\nMålet är delvis uppnått.\n\n"
             "Mål 2: Kortare väntetider.\n\nUtfall: 12 dagar i snitt.\n")  # fmt: skip
    assert _findings(tmp_path, goals, "KV703") == []
    worded = ("Mål 1: Kortare väntetider.\n\nMålet nåddes inte.\n\nMål 2: Fler brukarenkäter.\n\n"
              "Resultat 2016: 87 % svarade.\n\nMål 3: Ny rutin för avvikelser.\n\nRutinen har genomförts.\n")  # fmt: skip
    assert _findings(tmp_path, worded, "KV703") == []
    later = "Mål för kommande år\n\nMål: Alla medarbetare ska ha gått utbildningen i MI.\n"
    assert _findings(tmp_path, later, "KV703") == []  # set for later: nothing to follow up yet


def test_a_goal_not_reached_without_a_next_step_is_info(tmp_path: Path) -> None:
    goals = ("Mål:\n\nStrategiskt förbättringsarbete\n\nUnder 2016 kommer vi att införa ständiga förbättringar.\n\n"
             "Målet har ej uppnåtts.\n")  # fmt: skip
    assert _findings(tmp_path, goals, "KV704") == [
        (9, "info", "Målet 'Strategiskt förbättringsarbete' är inte helt uppnått (ej uppnåtts), men rapporten säger "
                    "inte vad som görs härnäst. Skriv nästa steg: vad som ska göras, av vem och när.")]  # fmt: skip


def test_a_goal_reached_or_with_a_next_step_is_quiet(tmp_path: Path) -> None:
    reached = "Mål: Kortare väntetider.\n\nMålet är uppnått.\n"
    assert _findings(tmp_path, reached, "KV704") == []
    planned = ("Mål: Strategiskt förbättringsarbete.\n\nMålet har ej uppnåtts. Arbetet fortsätter: enhetscheferna "
               "utbildar resterande medarbetare.\n")  # fmt: skip
    assert _findings(tmp_path, planned, "KV704") == []
    next_year = "Mål: Strategiskt förbättringsarbete.\n\nMålet är delvis uppnått. I mars 2017 utbildas resten.\n"
    assert _findings(tmp_path, next_year, "KV704") == []
