"""Check a targets gold/reader CSV: every context occurs verbatim in its document and every surface in its context.

Usage: python scripts/check_gold_contexts.py annotations/targets/reader-a-zh.csv [...]; exits 1 on any problem.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODIFIERS = {"point", "around", "at_least", "at_most", "range", ""}
KINDS = {"target", "outcome", "forecast"}


def document_paths() -> dict[str, Path]:
    """Map each doc_id of the bundled Chinese and Korean corpora to its text file."""
    paths: dict[str, Path] = {}
    with open(ROOT / "corpora/gwr/manifest.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            paths[row["id"]] = ROOT / "corpora/gwr" / f"{row['year']}.txt"
    with open(ROOT / "corpora/ko-budget/manifest.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            paths[row["id"]] = ROOT / "corpora/ko-budget" / row["file"]
    return paths


def problems(path: Path, docs: dict[str, Path]) -> list[str]:
    """Problems found in one CSV, each naming the file, the row and what is wrong."""
    out: list[str] = []
    texts: dict[str, str] = {}
    with open(path, encoding="utf-8") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            where = f"{path}:{line}"
            doc = row["doc_id"]
            if doc not in docs:
                out.append(f"{where}: unknown doc_id {doc}")
                continue
            text = texts.setdefault(doc, docs[doc].read_text(encoding="utf-8"))
            if row["context"] not in text:
                out.append(f"{where}: context not found verbatim in {doc}")
            if row["surface"] not in row["context"]:
                out.append(f"{where}: surface {row['surface']!r} not inside context")
            if row["kind"] not in KINDS:
                out.append(f"{where}: kind {row['kind']!r}")
            if row["modifier"] not in MODIFIERS:
                out.append(f"{where}: modifier {row['modifier']!r}")
            if (row["modifier"] == "range") != bool(row["low"] and row["high"]):
                out.append(f"{where}: low/high must be set exactly for range rows")
    return out


def main(argv: list[str]) -> int:
    """Check every CSV named on the command line and print the problems."""
    docs = document_paths()
    found = [p for arg in argv for p in problems(Path(arg), docs)]
    print("\n".join(found) if found else f"ok: {len(argv)} file(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
