"""Entities on the document's shared tokens (no tokenizer call per sentence), and a document in a language
with no entity pipeline skipped by that stage only (#17)."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from spacy.tokens import Doc

from policytext import load_corpus
from policytext.batch import Settings, analyze
from policytext.corpus import Document
from policytext.entities import entities, nlp
from policytext.entities.extract import sentence_docs

SPEECHES = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "ko" / "presidential" / "speeches.parquet"
ENGLISH = "kr-speech-1400191"  # an IPC anniversary dinner address of 2014, its text in English
ptok = importlib.import_module("policytext.tokenize")  # the package (``policytext.tokenize`` is also a function)
KOREAN = "kr-speech-1400113"  # a short video message of 2014, in Korean


def _tokens(d: Doc) -> list[tuple[str, int, str, str]]:
    return [(t.text, t.idx, t.norm_, t.whitespace_) for t in d]


def _one(folder: Path, name: str) -> Document:
    return next(d for d in load_corpus(folder) if name in d.id)


def test_chinese_sentence_docs_from_shared_tokens_equal_the_tokenizer(
    gwr_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = _one(gwr_dir, "2025")
    pipe = nlp("zh")
    calls: list[str] = []
    real = ptok.tokenize_text

    def counted(text: str, *args: Any, **kwargs: Any) -> Any:
        calls.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(ptok, "tokenize_text", counted)
    built = sentence_docs(pipe, doc)
    assert calls == []  # no tokenizer call per sentence: the document was tokenized once
    monkeypatch.undo()
    sents = doc.sentences()
    assert len(built) == len(sents) > 500
    for s, d in zip(sents, built, strict=True):
        ref = pipe.make_doc(s.text)
        assert d.text == s.text
        assert _tokens(d) == _tokens(ref), s.text
        assert d.user_data["word_bounds"] == ref.user_data["word_bounds"], s.text


def test_korean_sentence_docs_keep_offsets_and_nearly_all_analyses(budget_dir: Path) -> None:
    doc = _one(budget_dir, "1309791")  # 2005
    pipe = nlp("ko")
    built = sentence_docs(pipe, doc)
    sents = doc.sentences()
    differ = 0
    for s, d in zip(sents, built, strict=True):
        assert d.text == s.text
        differ += _tokens(d) != _tokens(pipe.make_doc(s.text))
    # Kiwi analyses a sentence in its document's context: a handful of tags change (어/EC vs 어/EF), no more
    assert differ <= len(sents) // 50


def test_entity_offsets_point_into_the_document(budget_dir: Path, gwr_dir: Path) -> None:
    docs = [_one(gwr_dir, "2024"), _one(budget_dir, "1330216")]
    df = entities(docs)
    assert set(df["lang"]) == {"zh", "ko"} and len(df) > 300
    texts = {d.id: d.text for d in docs}
    rows = zip(df["doc_id"], df["start"], df["end"], df["surface"], strict=True)
    assert all(texts[str(d)][int(s) : int(e)] == surface for d, s, e, surface in rows)


def test_english_document_skips_entities_only(tmp_path: Path) -> None:
    rows = pd.read_parquet(SPEECHES)
    rows = rows[rows["id"].isin([ENGLISH, KOREAN])]
    assert len(rows) == 2
    src = tmp_path / "two.parquet"
    rows.to_parquet(src, index=False)
    out = tmp_path / "out"
    rec = analyze([src], out, settings=Settings.of(("documents", "counts", "entities")))
    assert rec["skipped"] == []
    assert [(s["doc_id"], s["stage"]) for s in rec["stage_skipped"]] == [(ENGLISH, "entities")]
    assert ENGLISH in rec["stage_skipped"][0]["reason"] and "'en'" in rec["stage_skipped"][0]["reason"]
    docs = pd.read_parquet(out / "documents.parquet")
    assert set(docs["doc_id"]) == {ENGLISH, KOREAN}
    assert ENGLISH in set(pd.read_parquet(out / "counts.parquet")["doc_id"])
    ents = pd.read_parquet(out / "entities.parquet")
    assert set(ents["doc_id"]) == {KOREAN}
    assert json.loads((out / "run.json").read_text("utf-8"))["stage_skipped"] == rec["stage_skipped"]
    again = analyze([src], out, settings=Settings.of(("documents", "counts", "entities")))  # from the cache
    assert again["stage_skipped"] == rec["stage_skipped"]


def test_a_korean_document_is_tokenized_once_for_either_pos_setting(budget_dir: Path) -> None:
    doc = _one(budget_dir, "1330216")
    shared = doc.tokens(pos=False)
    assert doc.tokens(pos=True) is shared  # the documents stage (POS off) and the others (on) share one list
    assert shared == ptok.tokenize_text(doc.text, "ko", pos=False) == ptok.tokenize_text(doc.text, "ko", pos=True)
