"""NER training data: corpus label maps, unknown spans, the Korean character tokenizer, bootstrap intervals."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
import spacy
from spacy.tokens import DocBin

from policytext.entities.corpora import MISSING, read_source, sources
from policytext.entities.spacy_lang import blank
from policytext.entities.training import read_jsonl, to_docbin
from policytext.errors import PolicytextError
from policytext.evaluation.ner import bootstrap_f1

GOLD = Path(__file__).resolve().parents[2] / "shared" / "eval" / "ner"
needs_gold = pytest.mark.skipif(not (GOLD / "zh-cluener").is_dir(), reason="../shared/eval/ner not present")


@needs_gold
def test_cluener_fine_labels_become_model_labels_or_unknown() -> None:
    recs = list(itertools.islice(read_source(GOLD, "zh", "cluener"), 500))
    labels = {s["label"] for r in recs for s in r["spans"]}
    assert labels == {"PER", "ORG", "LOC", MISSING}
    mapped = {(r["id"], s["start"], s["end"]): s["label"] for r in recs for s in r["spans"]}
    raw = [(r["id"], s["start"], s["end"], s["label"]) for r in itertools.islice(read_jsonl(GOLD / "zh-cluener"
           / "train.jsonl"), 500) for s in r["spans"]]  # fmt: skip
    assert all(mapped.get(k[:3]) == "ORG" for k in raw if k[3] == "company")
    assert all(k[:3] not in mapped for k in raw if k[3] == "position")
    assert all(mapped.get(k[:3]) == MISSING for k in raw if k[3] == "movie")
    assert all(r["source"] == "cluener" for r in recs)


def test_unknown_corpus_is_named() -> None:
    with pytest.raises(PolicytextError, match="no corpus 'nope'"):
        next(read_source(GOLD, "ko", "nope"))
    assert set(sources("ko")) == {"klue", "kmou"}


def test_unknown_spans_are_missing_not_outside() -> None:
    rec = {"id": "x", "text": "김대중 전 대통령이 쓴 《마음》을 읽었다",
           "spans": [{"start": 0, "end": 3, "label": "PER"}, {"start": 13, "end": 17, "label": MISSING},
                     {"start": 14, "end": 16, "label": MISSING}]}  # fmt: skip
    db, stats = to_docbin([rec], "ko", chars=True)
    assert stats == {"sentences": 1, "kept": 1, "unaligned": 0, "other_labels": 0, "missing": 1}
    doc = next(DocBin().from_bytes(db.to_bytes()).get_docs(spacy.blank("xx").vocab))
    iob = [(t.text, t.ent_iob_) for t in doc]
    assert iob[:3] == [("김", "B"), ("대", "I"), ("중", "I")]
    assert [t.ent_iob_ for t in doc if 13 <= t.idx < 17] == ["", "", "", ""]
    assert [t.ent_iob_ for t in doc if t.idx in (4, 6)] == ["O", "O"]


def test_korean_char_tokens_keep_spans_across_morphemes() -> None:
    text = "문재인정부는 한국판 뉴딜을 발표했다."
    doc = blank("ko", chars=True).make_doc(text)
    assert doc.text == text
    assert all(len(t) == 1 for t in doc if not t.is_space)
    assert doc.char_span(0, 3) is not None  # 문재인 inside the eojeol 문재인정부는
    assert all("/" in t.norm_ for t in doc if not t.is_space)
    assert doc[5].norm_ == "는/JX" and doc[3].norm_.startswith("정부")


def test_bootstrap_interval_brackets_the_point_estimate() -> None:
    rng = np.random.default_rng(1)
    gold = rng.integers(0, 4, 300)
    tp = np.minimum(gold, rng.integers(0, 4, 300))
    pred = tp + rng.integers(0, 2, 300)
    counts = np.stack([tp, pred, gold], axis=1)
    f1 = 2 * tp.sum() / (pred.sum() + gold.sum())
    lo, hi = bootstrap_f1(counts)
    assert lo < f1 < hi
    assert hi - lo < 0.15
    assert bootstrap_f1(counts) == (lo, hi)  # fixed seed
