"""Training data for the statistical NER: gold JSONL (../shared/eval/ner format) → spaCy DocBin.

Labels the model learns: PERSON, ORG, LOC (People's Daily PER/ORG/LOC, KLUE PS/OG/LC; GPE in the policy
set is folded into LOC, as those corpora do). Dates, times, quantities, money and percentages are left to
the rule layer, which normalises them. A span that does not align with the tokenizer's tokens is dropped
and counted, so the loss is visible.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from spacy.tokens import DocBin

from policytext.entities.labels import TRAIN_LABELS
from policytext.entities.spacy_lang import blank, non_overlapping


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """Records ``{"id", "text", "spans": [{"start", "end", "label"}]}``, one per line."""
    with Path(path).open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def to_docbin(
    records: Iterable[dict[str, Any]], lang: str, tag_norm: bool = False, chars: bool = False
) -> tuple[DocBin, dict[str, int]]:
    """A DocBin of the records with model labels; stats: sentences, spans kept, spans dropped. Spans
    labelled ``MISSING`` (entities.corpora) are marked unknown: the model learns neither entity nor outside."""
    nlp = blank(lang, tag_norm, chars)
    db = DocBin(store_user_data=False)
    stats = {"sentences": 0, "kept": 0, "unaligned": 0, "other_labels": 0, "missing": 0}
    for r in records:
        doc = nlp.make_doc(r["text"])
        ents: list[Any] = []
        missing: list[Any] = []
        for sp in r["spans"]:
            label = "MISSING" if sp["label"] == "MISSING" else TRAIN_LABELS.get(sp["label"])
            if label is None:
                stats["other_labels"] += 1
                continue
            span = doc.char_span(sp["start"], sp["end"], label=label)
            if span is None:
                span = doc.char_span(sp["start"], sp["end"], label=label, alignment_mode="expand")
                if span is None or label != "MISSING":
                    stats["unaligned"] += 1
                    continue
            (missing if label == "MISSING" else ents).append(span)
        clean = non_overlapping(ents)
        taken = {i for s in clean for i in range(s.start, s.end)}
        unknown = non_overlapping([s for s in missing if not taken.intersection(range(s.start, s.end))])
        doc.set_ents(clean, missing=unknown, default="outside")
        stats["kept"] += len(clean)
        stats["missing"] += len(unknown)
        stats["sentences"] += 1
        db.add(doc)
    return db, stats


def score_model(model_dir: str | Path, records: list[dict[str, Any]], lang: str) -> dict[str, Any]:
    """The statistical NER alone on gold records, exact character spans (PERSON, ORG, LOC), micro and per
    label: the dev score used to choose between candidates (unaligned gold spans count as misses)."""
    import spacy

    model = spacy.load(model_dir)
    counts: dict[str, list[int]] = {}  # label → [true positives, predicted, gold]
    for r, doc in zip(records, model.pipe(r["text"] for r in records), strict=True):
        gold = {(s["start"], s["end"], TRAIN_LABELS[s["label"]]) for s in r["spans"] if s["label"] in TRAIN_LABELS}
        pred = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
        for lab in {x[2] for x in gold | pred} | {"ALL"}:
            gs = gold if lab == "ALL" else {x for x in gold if x[2] == lab}
            ps = pred if lab == "ALL" else {x for x in pred if x[2] == lab}
            c = counts.setdefault(lab, [0, 0, 0])
            c[0] += len(gs & ps)
            c[1] += len(ps)
            c[2] += len(gs)
    out: dict[str, Any] = {}
    for lab, (tp, n_pred, n_gold) in sorted(counts.items()):
        p = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        out[lab] = {"p": round(p, 4), "r": round(rec, 4), "f": round(2 * p * rec / (p + rec) if p + rec else 0.0, 4)}
    return out
