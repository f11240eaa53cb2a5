#!/usr/bin/env python3
"""Join two readers' entity annotations and the third reading of their disagreements into the settled set.

    python scripts/settle_entities.py annotations/entities/reader-a-ko.jsonl annotations/entities/reader-b-ko.jsonl \
        --decisions annotations/entities/decisions-ko.jsonl -o annotations/entities/ko.jsonl

Reader files hold the same sentences (format in annotations/entities/GUIDELINES.md). A sentence where the readers
agree keeps their spans; a sentence where they differ takes the ``settled`` spans of its decision (``id, only_a,
only_b, settled, reason``). A difference without a decision, a decision whose only_a/only_b do not match the
readers, or a bad span (empty, padded with spaces, overlapping, unknown label) is an error naming the sentence.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ner_agreement import Span, check_span

FIELDS = ("id", "doc_id", "sent_id", "start", "end", "text", "spans", "split", "kind", "year")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Records of a JSONL file; a line that is not a JSON object is an error naming file and line."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{path}:{n}: not JSON ({exc})") from exc
        if not isinstance(row, dict) or "id" not in row:
            raise SystemExit(f"{path}:{n}: not a record with an id")
        rows.append(row)
    return rows


def spans_of(raw: list[dict[str, Any]], text: str, where: str) -> set[Span]:
    """Checked spans: label known, non-empty, inside the text, no space at either edge, no two overlapping."""
    spans: set[Span] = set()
    for sp in raw:
        s, e, label = check_span(sp, text, where)
        if "text" in sp and sp["text"] != text[s:e]:
            raise SystemExit(f"{where}: span {s}-{e} reads {text[s:e]!r}, not {sp['text']!r}")
        if text[s:e] != text[s:e].strip():
            raise SystemExit(f"{where}: span {s}-{e} {text[s:e]!r} starts or ends with a space")
        spans.add((s, e, label))
    ordered = sorted(spans)
    for (s1, e1, l1), (s2, e2, l2) in itertools.pairwise(ordered):
        if s2 < e1:
            raise SystemExit(f"{where}: spans overlap: {text[s1:e1]!r} {l1} and {text[s2:e2]!r} {l2}")
    return spans


def settle(
    a_rows: list[dict[str, Any]], b_rows: list[dict[str, Any]], decisions: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], Counter[str]]:
    """Settled records in reader a's order, and a tally of how each disagreement was settled."""
    b_by_id = {r["id"]: r for r in b_rows}
    dec = {d["id"]: d for d in decisions}
    if len(dec) != len(decisions):
        raise SystemExit("decisions: an id is decided twice")
    if set(b_by_id) != {r["id"] for r in a_rows} or len(b_rows) != len(a_rows):
        raise SystemExit("reader files hold different sentences")
    out, tally, missing = [], Counter[str](), []
    for a in a_rows:
        b = b_by_id[a["id"]]
        if a["text"] != b["text"]:
            raise SystemExit(f"{a['id']}: the readers' texts differ")
        sa = spans_of(a["spans"], a["text"], f"reader a {a['id']}")
        sb = spans_of(b["spans"], b["text"], f"reader b {a['id']}")
        if sa == sb:
            settled = sa
            if a["id"] in dec:
                raise SystemExit(f"decisions: {a['id']} has a decision but the readers agree")
        elif a["id"] not in dec:
            missing.append(a["id"])
            continue
        else:
            d = dec.pop(a["id"])
            where = f"decision {a['id']}"
            if spans_of(d["only_a"], a["text"], where) != sa - sb or spans_of(d["only_b"], a["text"], where) != sb - sa:
                raise SystemExit(f"{where}: only_a/only_b do not match the reader files")
            if not str(d.get("reason", "")).strip():
                raise SystemExit(f"{where}: no reason")
            settled = spans_of(d["settled"], a["text"], where)
            tally["as a" if settled == sa else "as b" if settled == sb else "neither reader"] += 1
        rec = {k: a[k] for k in FIELDS if k in a and k != "spans"}
        rec["spans"] = [{"start": s, "end": e, "label": lab} for s, e, lab in sorted(settled)]
        out.append({k: rec[k] for k in FIELDS if k in rec})
    if missing:
        raise SystemExit(f"{len(missing)} disagreements without a decision, e.g. {missing[:5]}")
    if dec:
        raise SystemExit(f"decisions for sentences not in the reader files: {sorted(dec)[:5]}")
    return out, tally


def main(argv: list[str] | None = None) -> int:
    """Write the settled file and print how the disagreements were settled and the counts per split and label."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a", type=Path)
    ap.add_argument("b", type=Path)
    ap.add_argument("--decisions", type=Path, required=True)
    ap.add_argument("-o", "--out", type=Path, required=True)
    args = ap.parse_args(argv)
    rows, tally = settle(read_jsonl(args.a), read_jsonl(args.b), read_jsonl(args.decisions))
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} sentences -> {args.out}; disagreements settled: {sum(tally.values())} ({dict(tally)})")
    for split in sorted({r["split"] for r in rows}):
        part = [r for r in rows if r["split"] == split]
        labels = Counter(sp["label"] for r in part for sp in r["spans"])
        print(f"  {split}: {len(part)} sentences, {len({r['doc_id'] for r in part})} documents, "
              f"{sum(labels.values())} spans: " + ", ".join(f"{k} {v}" for k, v in sorted(labels.items())))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
