"""Sample report sentences for the policy-domain entity set and pre-annotate them with the pipeline.

    python scripts/prepare_entity_annotation.py OUT_DIR

Writes OUT_DIR/zh.pre.jsonl and OUT_DIR/ko.pre.jsonl (format in annotations/entities/GUIDELINES.md). The
annotators correct them into annotations/entities/{zh,ko}.jsonl. Documents and splits are fixed here.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import policytext as pt
from policytext.entities import entities

ROOT = Path(__file__).resolve().parents[1]
PLAN = {
    "zh": {"train": ["gwr-1984", "gwr-2008", "gwr-2016", "gwr-2022"], "test": ["gwr-1997", "gwr-2025"]},
    "ko": {
        "train": ["kr-speech-1305986", "kr-speech-1306639", "kr-speech-1308988", "kr-speech-1401293",
                  "nk-new-year-1966", "nk-new-year-2018"],
        "test": ["kr-speech-1307749", "kr-speech-1400092", "nk-new-year-1994"],
    },
}  # fmt: skip
PER_DOC = {"zh": 100, "ko": 70}


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    corpus = {d.id: d for d in pt.load_corpus()}
    for d in pt.load_corpus(ROOT.parent / "shared" / "corpora" / "ko" / "nk-new-year"):
        corpus[d.id] = d
    rng = random.Random(0)
    for lang, splits in PLAN.items():
        with (out / f"{lang}.pre.jsonl").open("w", encoding="utf-8") as f:
            for split, ids in splits.items():
                for doc_id in ids:
                    doc = corpus[doc_id]
                    sents = [s for s in doc.sentences() if len(s.text) >= 15]
                    chosen = sorted(rng.sample(sents, min(PER_DOC[lang], len(sents))), key=lambda s: s.start)
                    m = entities([doc])
                    for s in chosen:
                        spans = [
                            {"start": int(r.start - s.start), "end": int(r.end - s.start), "label": r.label}
                            for r in m[m["sent_id"] == s.sent_id].itertuples()
                        ]
                        rec = {"id": f"{doc_id}:{s.sent_id}", "doc_id": doc_id, "sent_id": s.sent_id,
                               "start": s.start, "end": s.end, "text": s.text, "spans": spans, "split": split}
                        f.write(json.dumps(rec, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
