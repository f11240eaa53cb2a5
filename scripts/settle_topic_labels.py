"""Join a topic-unit pool with its readers' labels and the third reading into one labelled file, and report
the agreement between readers before settling.

    python scripts/settle_topic_labels.py --pool POOL.csv --reader a=A.csv --reader b=B.csv \
        [--decisions DECISIONS.csv] -o annotations/topics/ko-units.csv

Pool: ``unit_id, doc_id, year, start, end, text`` (+ any of kind, president, para_id, sent_id). Reader files:
``unit_id, label[, confidence, note]``. Decisions (the third reading of every unit the readers labelled
differently): ``unit_id, label, reason``. A unit read twice keeps the agreed label or the decision; a
disagreement without a decision is an error that lists the units, so nothing is settled silently.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd
from sklearn.metrics import cohen_kappa_score, f1_score

KEEP = ("doc_id", "year", "kind", "president", "para_id", "sent_id", "start", "end", "text")


def settle(pool: pd.DataFrame, readers: dict[str, pd.DataFrame], decisions: pd.DataFrame | None) -> pd.DataFrame:
    """One row per labelled unit with its settled label, who read it, and whether the readers agreed."""
    labels = {name: df.set_index("unit_id")["label"] for name, df in readers.items()}
    for name, s in labels.items():
        unknown = sorted(set(s.index) - set(pool["unit_id"]))
        if unknown:
            raise SystemExit(f"reader {name}: {len(unknown)} unit ids not in the pool, e.g. {unknown[:3]}")
        if s.index.duplicated().any():
            twice = sorted(set(s.index[s.index.duplicated()]))
            raise SystemExit(f"reader {name}: unit ids labelled twice: {twice[:3]}")
    decided = decisions.set_index("unit_id")["label"] if decisions is not None else pd.Series(dtype=str)
    rows, open_ = [], []
    for r in pool.to_dict("records"):
        got = {n: s[r["unit_id"]] for n, s in labels.items() if r["unit_id"] in s.index}
        if not got:
            continue
        values = set(got.values())
        if len(values) == 1:
            label, agreed = values.pop(), (len(got) > 1 or None)
        elif r["unit_id"] in decided.index:
            label, agreed = decided[r["unit_id"]], False
        else:
            open_.append(r["unit_id"])
            continue
        rows.append({k: r[k] for k in KEEP if k in r} | {
            "unit_id": r["unit_id"], "label": label, "read_by": "+".join(sorted(got)), "agreed": agreed})
    if open_:
        raise SystemExit(f"{len(open_)} disagreements have no decision, e.g. {open_[:5]}")
    return pd.DataFrame(rows)


def agreement(readers: dict[str, pd.DataFrame]) -> dict[str, float]:
    """Units read by both readers: count, share of equal labels, Cohen's kappa, macro-F1 of one against the other."""
    a, b = list(readers.values())[:2]
    m = a.merge(b, on="unit_id", suffixes=("_a", "_b"))
    return {
        "units read twice": len(m),
        "equal labels": round(float((m["label_a"] == m["label_b"]).mean()), 3),
        "cohen kappa": round(float(cohen_kappa_score(m["label_a"], m["label_b"])), 3),
        "macro-F1 (b against a)": round(float(f1_score(m["label_a"], m["label_b"], average="macro")), 3),
        "disagreements": int((m["label_a"] != m["label_b"]).sum()),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pool", required=True, type=Path)
    ap.add_argument("--reader", action="append", required=True, help="NAME=FILE (twice)")
    ap.add_argument("--decisions", type=Path)
    ap.add_argument("-o", "--output", required=True, type=Path)
    args = ap.parse_args(argv)
    pool = pd.read_csv(args.pool)
    readers = {spec.split("=", 1)[0]: pd.read_csv(spec.split("=", 1)[1]) for spec in args.reader}
    for k, v in agreement(readers).items():
        print(f"{k}: {v}")
    decisions = pd.read_csv(args.decisions) if args.decisions else None
    out = settle(pool, readers, decisions)
    out.to_csv(args.output, index=False)
    print(f"wrote {args.output}: {len(out)} units, {out['label'].nunique()} areas")
    print(out["label"].value_counts().to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
