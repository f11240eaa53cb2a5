"""Collocations: the words that occur within a window of a term, with frequency, PMI and log-likelihood.

The node is found by the token rule (so it is a whole token sequence); collocates are keyword candidates
(content words, stopwords removed: ``keywords.extract.candidates`` rules) within ``window`` content tokens
either side, each word position counted once however many windows cover it. Per group: ``freq``
co-occurrences; ``pmi`` = log2(O / E) with E = f(w) x window slots / N;
``g2`` = log-likelihood of w's frequency inside the node's windows against the rest of the group.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

import pandas as pd

from policytext.corpus import Document
from policytext.grouping import group_frame, group_key, parse_by, sort_key
from policytext.keywords.compare import log_likelihood
from policytext.keywords.count import find_hits
from policytext.keywords.extract import is_candidate


def collocations(docs: Sequence[Document], term: str, *, window: int = 5, by: Sequence[str] = (),
                 min_freq: int = 2, top: int = 30) -> pd.DataFrame:  # fmt: skip
    """Top collocates of ``term`` per group: the group columns, collocate, freq, f_collocate, pmi, g2, n_nodes."""
    by = parse_by(by, default=())
    order = {d.id: i for i, d in enumerate(docs)}
    hits = find_hits(docs, [term], rule="token")
    nodes_by_doc: dict[str, list[tuple[int, int]]] = {}
    for doc_id, s, e in zip(hits["doc_id"], hits["start"], hits["end"], strict=True):
        nodes_by_doc.setdefault(str(doc_id), []).append((int(s), int(e)))
    co: dict[tuple[Any, ...], Counter[str]] = {}
    freq: dict[tuple[Any, ...], Counter[str]] = {}
    slots: Counter[tuple[Any, ...]] = Counter()
    n_nodes: Counter[tuple[Any, ...]] = Counter()
    for doc in docs:
        g = group_key(doc.id, doc.meta | {"lang": doc.lang}, by)
        words = [(t.start, t.end, t.norm if t.lang == "zh" else t.lemma) for t in doc.tokens() if is_candidate(t)]
        freq.setdefault(g, Counter()).update(w for _, _, w in words)
        co.setdefault(g, Counter())
        in_window: set[int] = set()
        in_node: set[int] = set()
        for s, e in nodes_by_doc.get(doc.id, []):
            n_nodes[g] += 1
            inside = [i for i, (ws, we, _) in enumerate(words) if ws < e and we > s]
            in_node.update(inside)
            before = [i for i, (ws, _, _) in enumerate(words) if ws < s and i not in inside][-window:]
            after_start = max(inside) + 1 if inside else next((i for i, w in enumerate(words) if w[0] >= e), len(words))
            in_window.update(before)
            in_window.update(range(after_start, min(len(words), after_start + window)))
        around = in_window - in_node  # each word position counted once, however many windows cover it
        slots[g] += len(around)
        co[g].update(words[i][2] for i in around)
    keys: list[tuple[Any, ...]] = []
    rows = []
    for g in sorted(freq, key=lambda k: sort_key(k, by, order)):
        n = sum(freq[g].values())
        for w, o in co[g].items():
            if o < min_freq:
                continue
            fw = freq[g][w]
            expected = fw * slots[g] / n if n else 0.0
            keys.append(g)
            rows.append({"collocate": w, "freq": o, "f_collocate": fw,
                         "pmi": round(math.log2(o / expected), 4) if expected else None,
                         "g2": round(log_likelihood(o, fw - o, slots[g], n - slots[g]), 4), "n_nodes": n_nodes[g],
                         "window": window, "node": term})  # fmt: skip
    cols = ["collocate", "freq", "f_collocate", "pmi", "g2", "n_nodes", "window", "node"]
    df = pd.DataFrame(rows, columns=cols)
    df["_g"] = pd.Series([sort_key(k, by, order) for k in keys], dtype=object)
    df = pd.concat([group_frame(keys, by), df], axis=1)
    df = df.sort_values(["_g", "g2"], ascending=[True, False], kind="stable")
    return df.groupby("_g", sort=False).head(top).drop(columns="_g").reset_index(drop=True)
