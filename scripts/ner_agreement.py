#!/usr/bin/env python3
"""Agreement of two independent entity readers: exact-span F1 of file b against file a, per label and scored class.

Spans match when start, end and label are equal. F1 of b against a is symmetric, so it is the agreement F1.
Scored classes follow ``policytext evaluate ner``: PERSON, ORG and GPE+LOC collapsed to LOC.
``--disagreements`` lists, per sentence, the spans present in one file only.

Usage::

    python scripts/ner_agreement.py reader-a-zh.jsonl reader-b-zh.jsonl [--disagreements] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, NamedTuple

LABELS = ("PERSON", "ORG", "GPE", "LOC", "POLICY", "MONEY", "PERCENT", "QUANTITY", "DATE")
SCORED = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE+LOC", "LOC": "GPE+LOC"}
Span = tuple[int, int, str]


class Record(NamedTuple):
    """One annotated sentence: its id, text and spans."""

    id: str
    text: str
    spans: list[Span]


class Score(NamedTuple):
    """Matched spans and spans of one reader only, for one label or class."""

    matched: int
    only_a: int
    only_b: int

    @property
    def f1(self) -> float:
        """Harmonic mean of b's precision and recall against a (symmetric in a and b)."""
        total = 2 * self.matched + self.only_a + self.only_b
        return 2 * self.matched / total if total else 0.0


def read(path: Path) -> dict[str, Record]:
    """Records of an annotation file by id; raises naming the file and line on any malformed record or span."""
    out: dict[str, Record] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            row: dict[str, Any] = json.loads(line)
            rid, text, raw = str(row["id"]), row["text"], row["spans"]
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise SystemExit(f"{where}: not a record with id, text and spans ({exc})") from exc
        if rid in out:
            raise SystemExit(f"{where}: duplicate id {rid}")
        out[rid] = Record(rid, text, sorted(check_span(sp, text, f"{where} ({rid})") for sp in raw))
    return out


def check_span(sp: Any, text: str, where: str) -> Span:
    """A raw span as (start, end, label); raises naming ``where`` if it is malformed, unknown or outside the text."""
    try:
        s, e, label = int(sp["start"]), int(sp["end"]), str(sp["label"])
    except (KeyError, TypeError, ValueError) as exc:
        raise SystemExit(f"{where}: bad span {sp!r}") from exc
    if label not in LABELS:
        raise SystemExit(f"{where}: unknown label {label!r}")
    if not 0 <= s < e <= len(text):
        raise SystemExit(f"{where}: span {s}-{e} outside the text (length {len(text)})")
    return s, e, label


def compare(a: dict[str, Record], b: dict[str, Record], key: dict[str, str] | None = None) -> dict[str, Score]:
    """Scores per label (or per class when ``key`` maps labels to classes; unmapped labels are ignored)."""
    matched: Counter[str] = Counter()
    only_a: Counter[str] = Counter()
    only_b: Counter[str] = Counter()
    for rid, ra in a.items():
        sa = _keyed(ra.spans, key)
        sb = _keyed(b[rid].spans, key)
        matched.update(x[2] for x in sa & sb)
        only_a.update(x[2] for x in sa - sb)
        only_b.update(x[2] for x in sb - sa)
    names = sorted(set(matched) | set(only_a) | set(only_b))
    return {n: Score(matched[n], only_a[n], only_b[n]) for n in names}


def _keyed(spans: list[Span], key: dict[str, str] | None) -> set[Span]:
    if key is None:
        return set(spans)
    return {(s, e, key[label]) for s, e, label in spans if label in key}


def total(scores: dict[str, Score]) -> Score:
    """Micro-averaged counts over every label or class."""
    return Score(*(sum(x) for x in zip(*scores.values(), strict=True))) if scores else Score(0, 0, 0)


def disagreements(a: dict[str, Record], b: dict[str, Record]) -> list[dict[str, Any]]:
    """Per sentence with differing spans: id, text, spans only in a and only in b (with their surface)."""
    out = []
    for rid, ra in a.items():
        sa, sb = set(ra.spans), set(b[rid].spans)
        if sa != sb:
            out.append({"id": rid, "text": ra.text,
                        "only_a": [[s, e, lab, ra.text[s:e]] for s, e, lab in sorted(sa - sb)],
                        "only_b": [[s, e, lab, ra.text[s:e]] for s, e, lab in sorted(sb - sa)]})  # fmt: skip
    return out


def _table(title: str, scores: dict[str, Score]) -> list[str]:
    lines = [title, f"  {'label':<9} {'both':>6} {'only a':>7} {'only b':>7} {'F1':>7}"]
    for name, sc in [*scores.items(), ("all", total(scores))]:
        lines.append(f"  {name:<9} {sc.matched:>6} {sc.only_a:>7} {sc.only_b:>7} {sc.f1:>7.3f}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Print the agreement tables, or the disagreements, of two annotation files of the same sentences."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("a", type=Path)
    ap.add_argument("b", type=Path)
    ap.add_argument("--disagreements", action="store_true", help="list the spans in one file only, per sentence")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    args = ap.parse_args(argv)
    a, b = read(args.a), read(args.b)
    if set(a) != set(b):
        missing = sorted(set(a) ^ set(b))[:5]
        raise SystemExit(f"{args.a} and {args.b} hold different sentences (e.g. {missing})")
    if args.disagreements:
        for row in disagreements(a, b):
            print(json.dumps(row, ensure_ascii=False))
        return 0
    labels, classes = compare(a, b), compare(a, b, SCORED)
    if args.json:
        scores = {
            "labels": labels,
            "classes": classes,
            "all": {"all": total(labels)},
            "scored": {"all": total(classes)},
        }
        out = {name: {k: {**v._asdict(), "f1": v.f1} for k, v in group.items()} for name, group in scores.items()}
        print(json.dumps({"sentences": len(a), **out}, ensure_ascii=False))
        return 0
    n_diff = len(disagreements(a, b))
    print(f"{len(a)} sentences, {n_diff} with differing spans")
    print("\n".join(_table("all labels (exact span and label)", labels)))
    print("\n".join(_table("scored classes (GPE+LOC collapsed)", classes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
