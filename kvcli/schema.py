"""The shipped JSON Schemas (``kvcli/schemas/*.json``)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def _load(name: str) -> dict[str, Any]:
    text = resources.files("kvcli").joinpath("schemas").joinpath(name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def document_schema() -> dict[str, Any]:
    return _load("document.schema.json")


def check_schema() -> dict[str, Any]:
    return _load("check.schema.json")


def rulepack_schema() -> dict[str, Any]:
    return _load("rulepack.schema.json")
