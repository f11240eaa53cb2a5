"""Train/test splits never put near-duplicate documents on both sides."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

import policytext as pt
from policytext.dedupe import near_duplicates, split_respecting_duplicates
from policytext.resources import bundled_corpora

ROOT = Path(__file__).resolve().parents[1]


def test_near_duplicates_are_moved_into_one_fold() -> None:
    budget = pt.load_corpus(bundled_corpora("ko-budget"))
    docs = [budget["kr-speech-1305732"], budget["kr-speech-1310285"], budget["kr-speech-1330015"]]
    fold = {"kr-speech-1305732": "a", "kr-speech-1310285": "b", "kr-speech-1330015": "c"}
    assert split_respecting_duplicates(docs, fold) == {"kr-speech-1305732": "a", "kr-speech-1310285": "b",
                                                       "kr-speech-1330015": "b"}  # fmt: skip


def test_topic_folds_keep_copies_together() -> None:
    from policytext.evaluation.topics import duplicate_safe_folds

    corpus = pt.load_corpus(bundled_corpora("ko-budget"))
    units = pd.DataFrame({"doc_id": ["kr-speech-1330015", "kr-speech-1305732", "kr-speech-1310285"]})
    units["year"] = [None, 1966, 2008]
    folds = duplicate_safe_folds(units.assign(year=units["year"].astype(str)), "doc_id", corpus)
    assert list(folds) == ["kr-speech-1330015", "kr-speech-1305732", "kr-speech-1330015"]


def test_shipped_entity_split_has_no_copy_across_sides() -> None:
    shared = ROOT.parent / "shared" / "corpora"
    corpus = {d.id: d for d in pt.load_corpus()}
    corpus |= {d.id: d for d in pt.load_corpus(shared / "ko" / "nk-new-year")}
    corpus |= {d.id: d for d in pt.load_corpus(shared / "zh" / "provincial-2025")}
    # the 2026-11 pool also drew on the presidential speeches (scripts/sample_ner_sentences.py)
    speeches = shared / "ko" / "presidential" / "speeches.parquet"
    for d in pt.load_corpus(speeches, lang="ko", text_col="text", id_col="id", year_col="year"):
        corpus.setdefault(d.id, d)
    for lang in ("zh", "ko"):
        side: dict[str, str] = {}
        for line in (ROOT / "annotations" / "entities" / f"{lang}.jsonl").open(encoding="utf-8"):
            r = json.loads(line)
            side[r["doc_id"]] = r["split"]
        pairs = near_duplicates([corpus[d] for d in side], threshold=0.5)
        crossing = [(a, b) for a, b in zip(pairs["doc_a"], pairs["doc_b"], strict=True) if side[a] != side[b]]
        assert not crossing, crossing
