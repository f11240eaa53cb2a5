"""Top keywords per document or group: raw frequency, TF-IDF across groups, and TextRank.

Candidates are content tokens (NOUN, PROPN, and Chinese VERB such as 发展/vn) that are not stopwords
(``data/stopwords/``), not numbers or punctuation, and (in Chinese) longer than one character; Korean
nouns are taken by lemma, and runs of adjacent Korean nouns also give multi-word candidates (2–3 nouns:
"디지털 경제", "4차 산업혁명"). TextRank: ``jieba.analyse.TextRank`` for Chinese (with policytext's
tokenizer and stopwords), and the same algorithm (co-occurrence window 5, damping 0.85) for Korean.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import pandas as pd

from policytext.corpus import Document
from policytext.grouping import group_frame, group_key, parse_by, sort_key
from policytext.resources import data_path
from policytext.tokenize.base import Token

METHODS = ("freq", "tfidf", "textrank")
_CONTENT = {"NOUN", "PROPN"}


@lru_cache(maxsize=2)
def stopwords(lang: str) -> frozenset[str]:
    """The bundled stopword list for ``lang`` (zh or ko); comment lines start with '#'."""
    path = data_path("stopwords", f"{lang}.txt")
    if not path.is_file():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def is_candidate(t: Token) -> bool:
    """True for a keyword candidate: a content token that is not a stopword, number or punctuation."""
    if t.lang == "zh":
        ok = t.upos in _CONTENT or (t.upos == "VERB" and t.tag == "vn")
        return ok and len(t.norm) > 1 and t.norm not in stopwords("zh") and not t.norm.isdigit()
    return t.upos in _CONTENT and len(t.lemma) > 1 and t.lemma not in stopwords("ko")


def candidates(doc: Document) -> list[str]:
    """Keyword candidates of a document, in text order (Korean noun runs added as n-grams)."""
    tokens = doc.tokens()
    out: list[str] = []
    run: list[Token] = []

    def flush() -> None:
        if len(run) >= 2:
            words = [t.lemma for t in run]
            for n in (2, 3):
                for i in range(len(words) - n + 1):
                    out.append(" ".join(words[i : i + n]))
        run.clear()

    prev_end = -1
    for t in tokens:
        if t.lang == "ko" and t.upos in _CONTENT and (not run or doc.text[prev_end : t.start].strip() == ""):
            run.append(t)
        else:
            flush()
            if t.lang == "ko" and t.upos in _CONTENT:
                run.append(t)
        prev_end = t.end
        if is_candidate(t):
            out.append(t.norm if t.lang == "zh" else t.lemma)
    flush()
    return out


def _textrank_ko(words: list[str], top: int, window: int = 5, damping: float = 0.85) -> list[tuple[str, float]]:
    vocab = {w: i for i, w in enumerate(dict.fromkeys(w for w in words if " " not in w))}
    seq = [w for w in words if " " not in w]
    if not vocab:
        return []
    edges: Counter[tuple[int, int]] = Counter()
    for i, w in enumerate(seq):
        for v in seq[i + 1 : i + window]:
            if v != w:
                a, b = vocab[w], vocab[v]
                edges[(a, b)] += 1
                edges[(b, a)] += 1
    n = len(vocab)
    out_w = [0.0] * n
    for (a, _), c in edges.items():
        out_w[a] += c
    score = [1.0] * n
    for _ in range(30):
        new = [1 - damping] * n
        for (a, b), c in edges.items():
            new[b] += damping * score[a] * c / out_w[a]
        score = new
    top_max = max(score) or 1.0
    ranked = sorted(((w, score[i] / top_max) for w, i in vocab.items()), key=lambda x: -x[1])
    return ranked[:top]


def _textrank_zh(docs: Sequence[Document], top: int) -> list[tuple[str, float]]:
    import jieba.analyse

    from policytext.tokenize.registry import get_tokenizer

    tok = get_tokenizer("zh")
    tok.words("预热")
    tr = jieba.analyse.TextRank()
    tr.tokenizer = tr.postokenizer = tok.pos_tokenizer
    tr.stop_words = set(stopwords("zh"))
    text = "\n".join(d.view().text for d in docs)
    return [
        (w, float(s)) for w, s in tr.textrank(text, topK=top, withWeight=True, allowPOS=("ns", "n", "vn", "nz", "nt"))
    ]


def keywords(docs: Sequence[Document], *, by: Sequence[str] = ("doc_id",), top: int = 20,
             methods: Sequence[str] = METHODS) -> pd.DataFrame:  # fmt: skip
    """Top ``top`` keywords per group (``by=("doc_id",)``: per document) under each method, as a long table.

    Columns: the group columns (``grouping``), method, rank, term, score, count (the term's raw frequency in
    the group). TF-IDF weighs terms across the groups given, so it depends on the whole set of documents.
    """
    by = parse_by(by, default=("doc_id",))
    groups: dict[tuple[Any, ...], list[Document]] = {}
    for d in docs:
        groups.setdefault(group_key(d.id, d.meta | {"lang": d.lang}, by), []).append(d)
    order = {d.id: i for i, d in enumerate(docs)}
    cands = {d.id: candidates(d) for ds in groups.values() for d in ds}
    freqs = {g: Counter(w for d in ds for w in cands[d.id]) for g, ds in groups.items()}
    df_counts: Counter[str] = Counter()
    for f in freqs.values():
        df_counts.update(f.keys())
    n_groups = len(groups)
    keys: list[tuple[Any, ...]] = []
    rows: list[dict[str, Any]] = []
    for g in sorted(groups, key=lambda k: sort_key(k, by, order)):
        f = freqs[g]
        ranked: dict[str, list[tuple[str, float]]] = {}
        if "freq" in methods:
            ranked["freq"] = [(w, float(c)) for w, c in f.most_common(top)]
        if "tfidf" in methods:
            scores = {w: c * (math.log((1 + n_groups) / (1 + df_counts[w])) + 1) for w, c in f.items()}
            ranked["tfidf"] = sorted(scores.items(), key=lambda x: -x[1])[:top]
        if "textrank" in methods:
            lang = groups[g][0].lang
            ranked["textrank"] = (_textrank_zh(groups[g], top) if lang == "zh"
                                  else _textrank_ko([w for d in groups[g] for w in cands[d.id]], top))  # fmt: skip
        for method, items in ranked.items():
            for rank, (w, s) in enumerate(items, 1):
                keys.append(g)
                rows.append({"method": method, "rank": rank, "term": w, "score": round(s, 4), "count": f.get(w, 0)})
    values = pd.DataFrame(rows, columns=["method", "rank", "term", "score", "count"])
    return pd.concat([group_frame(keys, by), values], axis=1)
