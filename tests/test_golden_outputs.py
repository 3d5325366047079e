"""Every command's output on the samples, byte for byte, as recorded in tests/golden/ (see golden_cases)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tests.golden_cases import CASES, ROOT, load, run_case

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("case", sorted(CASES))
def test_output_is_unchanged(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    got = run_case(case, tmp_path)
    want = load(case)
    for part in ("exit_code", "stdout", "stderr", "file"):
        if got[part] != want[part]:
            diff = "\n".join(difflib.unified_diff(str(want[part]).splitlines(), str(got[part]).splitlines(),
                                                  "golden", "now", n=1, lineterm=""))  # fmt: skip
            pytest.fail(f"{case}: {part} changed\n{diff[:4000]}")
