#!/usr/bin/env python3
"""Check a targets gold CSV (gold-*.csv, reader-*.csv) against the lexicon and the bundled documents.

The rules ``policytext evaluate targets`` applies to a gold file (``read_gold``: an indicator id from
indicators.yaml, a known kind and modifier, numeric values and year) come first; then each row must have
bounds only for ``range``, no modifier without a value, a ``context`` found verbatim in its document and a
``surface`` found inside its ``context``. Prints every problem with its file and row; exit status 1 if any.

Usage::

    python scripts/check_targets_gold.py annotations/targets/reader-b-zh.csv [more.csv ...]
"""

from __future__ import annotations

import argparse
import collections
import csv
import sys
from pathlib import Path

from policytext.errors import PolicytextError
from policytext.evaluation.targets import read_gold

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = [
    "doc_id", "year", "indicator", "kind", "period", "value",
    "modifier", "low", "high", "surface", "context", "note",
]  # fmt: skip


def load_documents() -> dict[str, Path]:
    """Map each doc_id of the bundled gwr and ko-budget manifests to its text file."""
    paths: dict[str, Path] = {}
    for name, column in (("gwr", None), ("ko-budget", "file")):
        folder = ROOT / "corpora" / name
        with open(folder / "manifest.csv", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                file_name = row[column] if column else f"{row['id'].removeprefix('gwr-')}.txt"
                paths[row["id"]] = folder / file_name
    return paths


def is_number(text: str) -> bool:
    """True when ``text`` parses as a float."""
    try:
        float(text)
    except ValueError:
        return False
    return True


def check_row(row: dict[str, str], text: str) -> list[str]:
    """Return the problems of one row beyond ``read_gold``'s rules (empty when the row is valid)."""
    problems = []
    if row["value"] == "" and row["modifier"] != "":
        problems.append(f"modifier {row['modifier']!r} without a value")
    bounds = [row["low"], row["high"]]
    if row["modifier"] == "range":
        if not all(is_number(b) for b in bounds):
            problems.append("range without numeric low/high")
        elif row["value"] != row["low"] or float(row["low"]) > float(row["high"]):
            problems.append("range needs value == low <= high")
    elif any(bounds):
        problems.append("low/high given for a modifier other than range")
    if row["context"] not in text:
        problems.append("context not found verbatim in the document")
    if row["surface"] not in row["context"]:
        problems.append("surface not inside context")
    return problems


def check_file(path: Path, documents: dict[str, Path]) -> int:
    """Check one CSV, print its problems and per-document row counts; return the number of problems."""
    problems = 0
    try:
        read_gold(path)
    except PolicytextError as e:  # the first row breaking the evaluation's rules, with its line
        print(e)
        problems += 1
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            print(f"{path}: header {reader.fieldnames} is not {COLUMNS}")
            return problems + 1
        rows = list(reader)
    counts: collections.Counter[str] = collections.Counter()
    for number, row in enumerate(rows, start=2):
        counts[row["doc_id"]] += 1
        if row["doc_id"] not in documents:
            print(f"{path}:{number}: unknown doc_id {row['doc_id']!r}")
            problems += 1
            continue
        text = documents[row["doc_id"]].read_text(encoding="utf-8")
        for problem in check_row(row, text):
            print(f"{path}:{number}: {row['doc_id']}: {problem}")
            problems += 1
    print(f"{path}: {len(rows)} rows, {problems} problems; " + ", ".join(f"{d} {n}" for d, n in sorted(counts.items())))
    return problems


def main() -> int:
    """Check every CSV named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="+", type=Path)
    args = parser.parse_args()
    documents = load_documents()
    total = sum(check_file(path, documents) for path in args.csv)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
