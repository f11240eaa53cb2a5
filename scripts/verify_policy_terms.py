#!/usr/bin/env python3
"""Verify src/policytext/data/policy_terms.csv against the Government Work Report corpus.

For every row the script recomputes, from the raw report files,

* ``first_year`` -- the earliest report year in which ``zh`` occurs, and
* ``n_reports``  -- the number of report files that contain ``zh``,

and checks them against the CSV. It also checks the header, duplicate terms and
the closed vocabularies of ``pos`` and ``area``. It exits with status 1 and lists
every problem if anything disagrees, otherwise it prints a one-line summary.

Matching is a plain substring test on lightly normalised text: U+200B (zero-width
space) is removed and a single newline between two Han characters is deleted
(the source files sometimes break lines inside words). Nothing else is changed,
so Traditional-character text (1954, parts of 1957) is *not* matched by the
Simplified terms. The year is taken from the first four digits of the file name
(``1964-summary.txt`` counts as 1964).

Usage::

    python scripts/verify_policy_terms.py [CORPUS_DIR] [--csv PATH]

CORPUS_DIR defaults to ``../shared/corpora/zh/gwr`` (relative to the current
directory); PATH defaults to the CSV shipped with the package.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

DEFAULT_CORPUS = Path("../shared/corpora/zh/gwr")
DEFAULT_CSV = Path(__file__).resolve().parents[1] / "src" / "policytext" / "data" / "policy_terms.csv"

COLUMNS: list[str] = ["zh", "pos", "ko", "en", "concept", "area", "first_year", "n_reports", "named"]
POS_TAGS: frozenset[str] = frozenset({"n", "nz", "nt"})
AREAS: frozenset[str] = frozenset(
    {
        "macro_fiscal_monetary",
        "consumption_domestic_demand",
        "modern_industry",
        "traditional_industry_upgrade",
        "emerging_future_industries",
        "digital_economy_ai",
        "science_education_innovation",
        "opening_up_trade",
        "belt_and_road",
        "green_energy_environment",
        "employment_social_security",
        "health",
        "agriculture_rural",
        "urbanisation_regions",
        "finance_risk",
        "reform_governance",
        "state_enterprises_private_economy",
        "defence_foreign_affairs",
        "hk_macao_taiwan",
        "culture_society",
        "poverty_alleviation",
    }
)
CONCEPT_RE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")

_HAN = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
_BROKEN_LINE = re.compile(rf"(?<={_HAN})\n(?={_HAN})")
_YEAR = re.compile(r"^(\d{4})")


def normalise(text: str) -> str:
    """Remove zero-width spaces and re-join words broken by a single newline."""
    return _BROKEN_LINE.sub("", text.replace("\u200b", ""))


def load_corpus(corpus_dir: Path) -> list[tuple[int, str]]:
    """Return ``(year, normalised_text)`` for every ``*.txt`` report in *corpus_dir*."""
    reports: list[tuple[int, str]] = []
    for path in sorted(corpus_dir.glob("*.txt")):
        match = _YEAR.match(path.name)
        if match is None:
            continue
        reports.append((int(match.group(1)), normalise(path.read_text(encoding="utf-8"))))
    return reports


def term_stats(term: str, reports: Iterable[tuple[int, str]]) -> tuple[int | None, int]:
    """Return ``(first_year, n_reports)`` for *term*; ``first_year`` is None if absent."""
    years = [year for year, text in reports if term in text]
    return (min(years) if years else None, len(years))


def data_lines(path: Path) -> Iterator[str]:
    """Yield the lines of *path* that are not ``#`` comments."""
    with path.open(encoding="utf-8", newline="") as handle:
        for line in handle:
            if not line.startswith("#"):
                yield line


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Parse the CSV (comment lines skipped) into its header and row dicts."""
    reader = csv.DictReader(data_lines(path))
    return list(reader.fieldnames or []), list(reader)


def check(rows: list[dict[str, str]], header: list[str], reports: list[tuple[int, str]]) -> list[str]:
    """Return a list of human-readable problems (empty if the CSV is consistent)."""
    problems: list[str] = []
    if header != COLUMNS:
        problems.append(f"header is {header}, expected {COLUMNS}")
        return problems
    counts = Counter(row["zh"] for row in rows)
    problems += [f"duplicate zh: {term} ({n}x)" for term, n in counts.items() if n > 1]
    for line_no, row in enumerate(rows, start=1):
        term = row["zh"]
        where = f"data row {line_no} {term!r}"
        if None in row or any(value is None for value in row.values()):
            problems.append(f"{where}: wrong number of fields")
            continue
        if not term or term != term.strip():
            problems.append(f"{where}: empty or padded zh")
        if row["pos"] not in POS_TAGS:
            problems.append(f"{where}: pos {row['pos']!r} not in {sorted(POS_TAGS)}")
        if row["area"] not in AREAS:
            problems.append(f"{where}: unknown area {row['area']!r}")
        if not CONCEPT_RE.fullmatch(row["concept"]):
            problems.append(f"{where}: concept {row['concept']!r} is not snake_case")
        if not row["en"]:
            problems.append(f"{where}: empty en")
        if row["named"] not in ("yes", "no") or (row["pos"] == "n" and row["named"] == "yes"):
            problems.append(f"{where}: named {row['named']!r} must be yes/no, and no for pos n")
        first_year, n_reports = term_stats(term, reports)
        if first_year is None:
            problems.append(f"{where}: does not occur in any report")
            continue
        if row["first_year"] != str(first_year):
            problems.append(f"{where}: first_year {row['first_year']} != computed {first_year}")
        if row["n_reports"] != str(n_reports):
            problems.append(f"{where}: n_reports {row['n_reports']} != computed {n_reports}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help="folder of GWR *.txt files")
    parser.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="policy_terms.csv to verify")
    args = parser.parse_args(argv)

    reports = load_corpus(args.corpus)
    if not reports:
        print(f"no *.txt reports found in {args.corpus}", file=sys.stderr)
        return 2
    header, rows = read_rows(args.csv)
    problems = check(rows, header, reports)
    if problems:
        print(f"{len(problems)} problem(s) in {args.csv}:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"OK: {len(rows)} terms verified against {len(reports)} reports in {args.corpus}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
