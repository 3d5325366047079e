"""Property: any bytes in → a Document or a one-line InputError naming the file, never a traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kvcli
from kvcli.errors import InputError

SWEDISH_TEXT = st.text(
    alphabet=st.sampled_from(list("abcåäöÅÄÖ XYZ\t\n\r-–•.,:?%0123456789*#☒☐\u00a0\u2212")), max_size=400
)


def _check(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"input{suffix}"
        p.write_bytes(data)
        try:
            doc = kvcli.parse(p)
        except InputError as exc:
            msg = str(exc)
            assert "\n" not in msg and msg.startswith(str(p) + ": ")
            return
        assert doc.to_dict()["schema"] == "kvcli.document/1"


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".md", ".docx", ".pdf", ".doc", ""]))
def test_random_bytes(data: bytes, suffix: str) -> None:
    _check(data, suffix)


@settings(max_examples=150, deadline=None)
@given(SWEDISH_TEXT, st.sampled_from(["utf-8", "cp1252", "utf-16", "utf-8-sig"]))
def test_random_swedish_text(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    _check(data, ".txt")
