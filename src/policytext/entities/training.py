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


def to_docbin(records: Iterable[dict[str, Any]], lang: str, tag_norm: bool = False) -> tuple[DocBin, dict[str, int]]:
    """A DocBin of the records with model labels; stats: sentences, spans kept, spans dropped."""
    nlp = blank(lang, tag_norm)
    db = DocBin(store_user_data=False)
    stats = {"sentences": 0, "kept": 0, "unaligned": 0, "other_labels": 0}
    for r in records:
        doc = nlp.make_doc(r["text"])
        ents = []
        for sp in r["spans"]:
            label = TRAIN_LABELS.get(sp["label"])
            if label is None:
                stats["other_labels"] += 1
                continue
            span = doc.char_span(sp["start"], sp["end"], label=label)
            if span is None:
                stats["unaligned"] += 1
                continue
            ents.append(span)
        clean = non_overlapping(ents)
        doc.ents = clean
        stats["kept"] += len(clean)
        stats["sentences"] += 1
        db.add(doc)
    return db, stats
