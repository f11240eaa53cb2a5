#!/usr/bin/env python3
"""Check a targets gold CSV (gold-*.csv, reader-*.csv) against the lexicon and the bundled documents.

Every row must use the gold columns, an indicator id from indicators.yaml, a known kind and modifier,
numeric values (bounds only for ``range``), a ``context`` found verbatim in its document and a
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

import yaml

ROOT = Path(__file__).resolve().parent.parent
COLUMNS = [
    "doc_id", "year", "indicator", "kind", "period", "value",
    "modifier", "low", "high", "surface", "context", "note",
]  # fmt: skip
KINDS = {"target", "outcome", "forecast"}
MODIFIERS = {"point", "around", "at_least", "at_most", "range"}


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


def check_row(row: dict[str, str], text: str, indicators: set[str]) -> list[str]:
    """Return the problems of one row (empty when the row is valid)."""
    problems = []
    if row["indicator"] not in indicators:
        problems.append(f"unknown indicator {row['indicator']!r}")
    if row["kind"] not in KINDS:
        problems.append(f"unknown kind {row['kind']!r}")
    not_set = row["value"] == "" and row["modifier"] == ""
    if not not_set:
        if row["modifier"] not in MODIFIERS:
            problems.append(f"unknown modifier {row['modifier']!r}")
        if not is_number(row["value"]):
            problems.append(f"value {row['value']!r} is not a number")
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


def check_file(path: Path, documents: dict[str, Path], indicators: set[str]) -> int:
    """Check one CSV, print its problems and per-document row counts; return the number of problems."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            print(f"{path}: header {reader.fieldnames} is not {COLUMNS}")
            return 1
        rows = list(reader)
    counts: collections.Counter[str] = collections.Counter()
    problems = 0
    for number, row in enumerate(rows, start=2):
        counts[row["doc_id"]] += 1
        if row["doc_id"] not in documents:
            print(f"{path}:{number}: unknown doc_id {row['doc_id']!r}")
            problems += 1
            continue
        text = documents[row["doc_id"]].read_text(encoding="utf-8")
        for problem in check_row(row, text, indicators):
            print(f"{path}:{number}: {row['doc_id']}: {problem}")
            problems += 1
    print(f"{path}: {len(rows)} rows, {problems} problems; " + ", ".join(f"{d} {n}" for d, n in sorted(counts.items())))
    return problems


def main() -> int:
    """Check every CSV named on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="+", type=Path)
    args = parser.parse_args()
    lexicon = yaml.safe_load((ROOT / "src/policytext/data/targets/indicators.yaml").read_text(encoding="utf-8"))
    indicators = {entry["id"] for entry in lexicon["indicators"]}
    documents = load_documents()
    total = sum(check_file(path, documents, indicators) for path in args.csv)
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
