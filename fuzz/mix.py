"""How a campaign mutates each kind of sample: which mutator families, and what share of inputs each gets.

    .txt   100 %  bytes        1–3 stacked byte/text mutators (mutators.BY_SUFFIX)
    .docx   55 %  bytes        1–3 stacked byte/zip/XML-text mutators
            45 %  docx-xml     structure-aware XML edits inside the package (docx_mutators)
    .pdf    55 %  bytes        1–3 stacked byte/PDF-text mutators
            45 %  pdf-objects  filters, dictionaries, streams, xref, trailer (pdf_mutators)

The byte families keep finding what they always found (broken containers, truncation); the
structured ones get past the container to the XML and object layers. Each input draws from its
own ``random.Random(f"{seed}:{case}")``, so any one input can be regenerated from the log.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from .docx_mutators import docx_xml
from .mutators import BY_SUFFIX, GENERIC, Mutator
from .pdf_mutators import pdf_objects

Recipe = Callable[[bytes, random.Random], tuple[bytes, list[str]]]
RENAMED_SHARE = 0.15  # archives hold renamed files: a PDF called .docx, a .docx called .txt
WRONG_SUFFIXES = [".txt", ".docx", ".pdf", ".md", ".doc"]


def stacked(mutators: list[Mutator]) -> Recipe:
    def recipe(data: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
        names = []
        for _ in range(rng.choice((1, 1, 2, 3))):
            m = rng.choice(mutators)
            data = m(data, rng)
            names.append(m.__name__)
        return data, names

    return recipe


MIX: dict[str, list[tuple[float, str, Recipe]]] = {
    ".txt": [(1.0, "bytes", stacked(BY_SUFFIX[".txt"]))],
    ".docx": [(0.55, "bytes", stacked(BY_SUFFIX[".docx"])), (0.45, "docx-xml", docx_xml)],
    ".pdf": [(0.55, "bytes", stacked(BY_SUFFIX[".pdf"])), (0.45, "pdf-objects", pdf_objects)],
}
FAMILIES = sorted({name for recipes in MIX.values() for _, name, _ in recipes})


def case_rng(seed: int, case: int) -> random.Random:
    return random.Random(f"{seed}:{case}")


def make_input(seed: int, case: int, files: list[Path], originals: dict[Path, bytes],
               family: str | None = None) -> tuple[Path, str, str, list[str], bytes]:  # fmt: skip
    """(source, suffix to write, family, mutator names, bytes) of input ``case``: a pure function of its arguments.

    ``family`` forces one family (sources without it are skipped), for focused campaigns and tests.
    """
    rng = case_rng(seed, case)
    pool = [p for p in files if family is None or any(n == family for _, n, _ in MIX.get(p.suffix, []))]
    src = rng.choice(pool)
    recipes = MIX.get(src.suffix, [(1.0, "bytes", stacked(GENERIC))])
    if family is not None:
        recipes = [r for r in recipes if r[1] == family]
    _, name, recipe = rng.choices(recipes, [w for w, _, _ in recipes])[0]
    data, ops = recipe(originals[src], rng)
    suffix = src.suffix if rng.random() >= RENAMED_SHARE else rng.choice(WRONG_SUFFIXES)
    return src, suffix, name, ops, data
