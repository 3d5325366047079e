"""Alignment precision and recall on report pairs whose true correspondence is written down by hand.

Run on demand:  python bench/bench_align.py [--threshold 72]

Each pair lists the indicators that are the same in both reports, as (label, context) on each
side; every other indicator must stay unmatched. Precision = right matches / matches made,
recall = right matches / true pairs. The pairs cover: reworded and reordered labels, Swedish
inflections, numbering and units in labels, a table moved to another chapter, years as rows in
one report and as columns in the next, look-alike rows ("Kvinnor", "Män") in two tables, and
two different units of one municipality that share only one table.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIX = ROOT / "tests" / "fixtures" / "diff"
SAMPLES = ROOT / "samples"
sys.path.insert(0, str(ROOT / "tests"))

from align_truth import PAIRS  # noqa: E402

from kvcli.compare.align import Indicator  # noqa: E402


def _key(ind: Indicator) -> tuple[str, str]:
    # The truth names indicators by label and context; a column (two-level headers) is appended so two
    # columns of one row never count as one match.
    return (ind.label + (f" [{ind.column}]" if ind.column else ""), ind.context)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--sweep", action="store_true", help="precision/recall over thresholds 50..95")
    args = ap.parse_args()
    if args.sweep:
        sweep()
        return

    import kvcli
    from kvcli.compare.align import DEFAULT_THRESHOLD, align, indicators

    threshold = args.threshold if args.threshold is not None else DEFAULT_THRESHOLD
    total_made = total_right = total_true = 0
    print(f"threshold {threshold:g}")
    print(f"{'pair':48} {'true':>5} {'made':>5} {'right':>6} {'precision':>10} {'recall':>7}")
    for name, (old_path, new_path, truth) in PAIRS.items():
        old, new = kvcli.parse(ROOT / old_path), kvcli.parse(ROOT / new_path)
        matches, _, _ = align(indicators(old), indicators(new), threshold)
        made = [(_key(m.old), _key(m.new)) for m in matches]
        right = [pair for pair in made if pair in truth]
        total_made, total_right, total_true = (
            total_made + len(made),
            total_right + len(right),
            total_true + len(truth),
        )
        p = len(right) / len(made) if made else 1.0
        r = len(right) / len(truth) if truth else 1.0
        print(f"{name:48} {len(truth):5} {len(made):5} {len(right):6} {p:10.2f} {r:7.2f}")
        if args.verbose:
            for pair in sorted(set(made) - truth):
                print("    wrong:", pair)
            for pair in sorted(truth - set(made)):
                print("    missed:", pair)
    p = total_right / total_made if total_made else 1.0
    r = total_right / total_true if total_true else 1.0
    print(f"{'all pairs':48} {total_true:5} {total_made:5} {total_right:6} {p:10.2f} {r:7.2f}")


def sweep() -> None:
    """Precision/recall of all pairs together as the threshold moves: how much room the default has."""
    import kvcli
    from kvcli.compare.align import align, indicators

    docs = {
        name: (kvcli.parse(ROOT / o), kvcli.parse(ROOT / n), truth) for name, (o, n, truth) in PAIRS.items()
    }
    print(f"{'threshold':>9} {'precision':>10} {'recall':>7}")
    for threshold in (*range(50, 70, 5), *range(70, 86), 90, 95):
        made = right = true = 0
        for old, new, truth in docs.values():
            matches, _, _ = align(indicators(old), indicators(new), float(threshold))
            pairs = [(_key(m.old), _key(m.new)) for m in matches]
            made, right, true = made + len(pairs), right + sum(p in truth for p in pairs), true + len(truth)
        print(f"{threshold:9} {right / made if made else 1.0:10.2f} {right / true:7.2f}")


if __name__ == "__main__":
    main()
