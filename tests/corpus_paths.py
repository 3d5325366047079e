"""Where the tests find the bundled samples and the renditions' truth files."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CORPUS = Path(__file__).resolve().parent / "corpus"
NAMES = [
    "vetlanda-vuxen-2013",
    "vetlanda-familj-2014-2015",
    "jonkoping-behandling-2016",
    "vaxjo-arbete-valfard-2014",
]
