"""Precision and recall of each entity component on the policy-domain test split (annotations/entities).

``--split train`` scores the train split instead (a check that a change holds beyond the test documents).

Runs the shipped pipeline (``policytext.nlp(lang)``) on every test sentence, with the aliases harvested
from the test sentences of the same document (as ``policytext entities`` does per document), and scores
the spans of each source after the merge: ``model``, ``rule:gazetteer``, ``rule:alias``, ``rule:name``,
``rule:number`` + ``rule:date``. Precision = exact (start, end, label) matches / spans of that source;
recall = its matches / all gold spans (GPE and LOC are one class, as in ``policytext evaluate ner``).

    PYTHONPATH=src python scripts/ner_components.py --lang zh
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from policytext.entities.extract import harvest_aliases
from policytext.entities.pipeline import nlp
from policytext.entities.rules import gazetteer_matcher

MAP = {"GPE": "LOC"}


def main() -> None:
    """Print one row per component: spans, correct, precision, recall."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lang", choices=("zh", "ko"), required=True)
    ap.add_argument("--gold", type=Path, default=Path("annotations/entities"))
    ap.add_argument("--split", choices=("test", "train"), default="test", help="the test split unless checking")
    args = ap.parse_args()
    recs = [json.loads(line) for line in (args.gold / f"{args.lang}.jsonl").open(encoding="utf-8")]
    recs = [r for r in recs if r.get("split") == args.split]
    _, owner = gazetteer_matcher()
    by_doc: dict[str, list[str]] = defaultdict(list)
    for r in recs:
        by_doc[r["doc_id"]].append(r["text"])
    aliases: dict[str, dict[str, tuple[str, str]]] = {}
    for doc_id, texts in by_doc.items():
        found: dict[str, tuple[str, str]] = {}
        for a, b in harvest_aliases("\n".join(texts)):
            known = owner.get(b) or owner.get(a)
            if known:
                found.setdefault(a, known)
                found.setdefault(b, known)
        aliases[doc_id] = found
    pipe = nlp(args.lang)
    docs = []
    for r in recs:
        d = pipe.make_doc(r["text"])
        d.user_data["aliases"] = aliases[r["doc_id"]]
        docs.append(d)
    for _name, proc in pipe.pipeline:
        docs = [proc(d) for d in docs]
    n_gold = 0
    emitted: dict[str, int] = defaultdict(int)
    correct: dict[str, int] = defaultdict(int)
    for r, d in zip(recs, docs, strict=True):
        gold = {(s["start"], s["end"], MAP.get(s["label"], s["label"])) for s in r["spans"]}
        n_gold += len(gold)
        for e in d.ents:
            src = "rules (number, date)" if e._.source in ("rule:number", "rule:date") else e._.source
            for key in (src, f"  {src} {MAP.get(e.label_, e.label_)}", "ALL"):
                emitted[key] += 1
                correct[key] += (e.start_char, e.end_char, MAP.get(e.label_, e.label_)) in gold
    print(f"policy {args.split} ({args.lang}): {len(recs)} sentences, {n_gold} gold spans")
    print(f"{'component (and by label)':30} {'spans':>6} {'correct':>8} {'P':>6} {'R':>6}")
    for key in sorted(emitted, key=lambda k: (k == "ALL", k.strip(), k[0] == " ")):
        p = correct[key] / emitted[key] if emitted[key] else 0.0
        print(f"{key:30} {emitted[key]:>6} {correct[key]:>8} {p:6.3f} {correct[key] / n_gold:6.3f}")


if __name__ == "__main__":
    main()
