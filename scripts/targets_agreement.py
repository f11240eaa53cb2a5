#!/usr/bin/env python3
"""Agreement of two independent readers of the targets gold: matched / only-a / only-b rows and F1 per language.

Rows are matched one-to-one per document by ``policytext.evaluation.targets.match``, the matcher that scores
the extractor: strict key (doc_id, indicator, modifier, kind, period), lenient key (doc_id, indicator, modifier),
and values compared as numbers. F1 of reader b against reader a
is symmetric, so it is the agreement F1. ``--list`` prints the rows outside strict agreement.

Usage::

    python scripts/targets_agreement.py reader-a-zh.csv reader-b-zh.csv \
        [--pair reader-a-ko.csv reader-b-ko.csv] [--list]
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from policytext.evaluation.targets import match

COLUMNS = ("doc_id", "indicator", "kind", "period", "value", "modifier")


class Agreement(NamedTuple):
    """Counts of one comparison and the unmatched keys of each reader."""

    matched: int
    only_a: list[tuple[str, ...]]
    only_b: list[tuple[str, ...]]

    @property
    def precision(self) -> float:
        """Share of reader b's rows that reader a also has."""
        total = self.matched + len(self.only_b)
        return self.matched / total if total else 0.0

    @property
    def recall(self) -> float:
        """Share of reader a's rows that reader b also has."""
        total = self.matched + len(self.only_a)
        return self.matched / total if total else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (symmetric in a and b)."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_rows(path: Path) -> list[dict[str, str]]:
    """Read a gold CSV; stop with the file and row when a key column is missing."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise SystemExit(f"{path}: missing columns {missing}")
        rows = list(reader)
    for number, row in enumerate(rows, start=2):
        if not row["doc_id"] or not row["indicator"]:
            raise SystemExit(f"{path}:{number}: empty doc_id or indicator")
    return rows


def shown(row: dict[str, str]) -> tuple[str, ...]:
    """A row as printed by ``--list``: doc_id, indicator, kind, period, value, modifier."""
    return tuple(row[c].strip() for c in COLUMNS)


def compare(a: list[dict[str, str]], b: list[dict[str, str]], strict: bool) -> Agreement:
    """Match rows one-to-one with the evaluation's matcher (repeat mentions count once each)."""
    a_ok, b_ok = match(pd.DataFrame(a, columns=list(COLUMNS)), pd.DataFrame(b, columns=list(COLUMNS)), strict)
    return Agreement(
        sum(a_ok),
        sorted(shown(r) for r, ok in zip(a, a_ok, strict=True) if not ok),
        sorted(shown(r) for r, ok in zip(b, b_ok, strict=True) if not ok),
    )


def report(label: str, a: list[dict[str, str]], b: list[dict[str, str]], show: bool) -> None:
    """Print strict and lenient agreement of one pair of files; with ``show``, the rows outside strict agreement."""
    print(f"{label}: reader a {len(a)} rows, reader b {len(b)} rows, {len({r['doc_id'] for r in a + b})} documents")
    for name, strict in (("strict", True), ("lenient", False)):
        result = compare(a, b, strict)
        print(
            f"  {name:8s} matched {result.matched:3d}  only-a {len(result.only_a):3d}  only-b {len(result.only_b):3d}"
            f"  P {result.precision:.3f}  R {result.recall:.3f}  F1 {result.f1:.3f}"
        )
        if show and name == "strict":
            for who, keys in (("only-a", result.only_a), ("only-b", result.only_b)):
                for k in keys:
                    print(f"    {who}: {' | '.join(k)}")


def main() -> int:
    """Compare each pair of reader files named on the command line."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("a", type=Path, nargs="?", help="reader a CSV")
    parser.add_argument("b", type=Path, nargs="?", help="reader b CSV")
    parser.add_argument("--pair", nargs=2, type=Path, action="append", default=[], metavar=("A", "B"),
                        help="another pair of reader a / reader b files (repeatable)")
    parser.add_argument("--list", action="store_true", help="print the rows outside strict agreement")
    args = parser.parse_args()
    pairs: list[tuple[Path, Path]] = [(p[0], p[1]) for p in args.pair]
    if args.a and args.b:
        pairs.insert(0, (args.a, args.b))
    if not pairs:
        parser.error("give a reader-a and a reader-b CSV (or --pair A B)")
    for path_a, path_b in pairs:
        report(f"{path_a.name} vs {path_b.name}", load_rows(path_a), load_rows(path_b), args.list)
    return 0


if __name__ == "__main__":
    sys.exit(main())
