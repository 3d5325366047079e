"""Improvement measures followed through (KV705): an owner, a date or a follow-up for each listed measure,
firing and staying quiet on hand-made reports."""

from __future__ import annotations

from pathlib import Path

import kvcli
from kvcli.checks import check_document
from kvcli.config import CheckConfig


def _findings(tmp_path: Path, body: str) -> list[tuple[int | None, str, str]]:
    p = tmp_path / "rapport.txt"
    p.write_text("Kvalitetsberättelse 2016\n\nInledning\n\nRapporten gäller år 2016.\n\n" + body, encoding="utf-8")
    report = check_document(kvcli.parse(p), CheckConfig(select=["KV705"]))
    return [(f.line, f.severity, f.message) for f in report.findings]


def test_a_measure_without_owner_date_or_follow_up_is_info_at_its_line(tmp_path: Path) -> None:
    body = ("Förbättringsåtgärder\n\nVi har beslutat om följande:\n\n- Se över rutinen för avvikelser.\n\n"
            "- Utbilda personalen i MI, ansvarig enhetschef.\n")  # fmt: skip
    assert _findings(tmp_path, body) == [
        (11, "info", "Åtgärden 'Se över rutinen för avvikelser.' saknar ansvarig, tidpunkt och uppföljning. Skriv vem "
                     "som ansvarar, när den ska vara genomförd och hur den följs upp.")]  # fmt: skip


def test_measures_with_an_owner_a_date_or_a_follow_up_are_quiet(tmp_path: Path) -> None:
    body = ("Förbättringsåtgärder\n\nVi har beslutat om följande:\n\n- Se över rutinen för avvikelser senast i maj.\n\n"
            "- Utbilda personalen i MI; följs upp på APT.\n")  # fmt: skip
    assert _findings(tmp_path, body) == []
    dated_list = "Utvecklingsområden\n\nPrioriterade områden 2017:\n\n- Se över rutinen för avvikelser.\n"
    assert _findings(tmp_path, dated_list) == []  # the lead line dates every item


def test_a_table_of_measures_counts_its_filled_cells(tmp_path: Path) -> None:
    body = ("Handlingsplan\n\nÅtgärd\tAnsvarig\tKlart\nNy rutin för avvikelser\tEnhetschef\tmaj 2017\n"
            "Utbilda i MI\t\t\n")  # fmt: skip
    assert [msg.split("'")[1] for _, _, msg in _findings(tmp_path, body)] == ["Utbilda i MI"]


def test_lists_outside_measure_sections_are_not_measures(tmp_path: Path) -> None:
    assert _findings(tmp_path, "Samverkan\n\nVi samverkar med:\n\n- skolan\n\n- polisen\n") == []
