"""Compare two ``analyze`` output folders table by table (``pd.testing.assert_frame_equal``).

    python scripts/compare_tables.py BEFORE AFTER [--ignore settings]

X
fingerprint, which changes with the code) is left out unless ``--ignore ''``. Exit status 1 on a difference.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd


def compare(before: Path, after: Path, ignore: list[str]) -> list[str]:
    """One line per table: equal, or what differs."""
    lines = []
    tables = sorted(before.glob("*.parquet"))
    if not tables:
        raise SystemExit(f"{before}: no parquet tables")
    for p in tables:
        q = after / p.name
        if not q.is_file():
            lines.append(f"{p.name}: missing in {after}")
            continue
        a, b = pd.read_parquet(p), pd.read_parquet(q)
        a = a.drop(columns=[c for c in ignore if c in a.columns])
        b = b.drop(columns=[c for c in ignore if c in b.columns])
        try:
            pd.testing.assert_frame_equal(a, b)
            lines.append(f"{p.name}: equal ({len(a)} rows)")
        except AssertionError as e:
            lines.append(f"{p.name}: DIFFERENT: {str(e).splitlines()[0:3]}")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--ignore", default="settings,file", help="comma-separated columns to leave out")
    args = ap.parse_args()
    lines = compare(args.before, args.after, [c for c in args.ignore.split(",") if c])
    print("\n".join(lines))
    return 0 if all(": equal" in line for line in lines) else 1


if __name__ == "__main__":
    sys.exit(main())
