"""Near-duplicate documents: Jaccard similarity of character shingles, candidates found by MinHash LSH.

Each document's normalised text, white space removed, is cut into overlapping 5-character shingles,
hashed deterministically (a polynomial hash in NumPy, the same in every process). MinHash signatures
(64 hashes, 16 bands of 4) propose candidate pairs; every reported pair's similarity is the exact Jaccard
similarity of the two shingle sets, so LSH can only miss pairs (rarely, far below the threshold), never
invent them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from policytext.corpus import Document

_WS = re.compile(r"\s+")
_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)


def shingles(text: str, k: int = 5) -> np.ndarray[Any, Any]:
    """Sorted unique 64-bit hashes of the k-character shingles of ``text`` (white space removed)."""
    compact = _WS.sub("", text)
    if len(compact) < k:
        compact = compact.ljust(k, "\0")
    codes = np.frombuffer(compact.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes) - k + 1
    h = np.zeros(n, dtype=np.uint64)
    base = np.uint64(1_000_003)
    with np.errstate(over="ignore"):
        for i in range(k):
            h = h * base + codes[i : i + n]
    return np.unique(h)


def _signature(sh: np.ndarray[Any, Any], a: np.ndarray[Any, Any], b: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    sig: np.ndarray[Any, Any] = np.full(len(a), np.iinfo(np.uint64).max, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for start in range(0, len(sh), 50_000):  # bounded memory: 64 x 50,000 hashes at a time
            part = sh[start : start + 50_000]
            sig = np.minimum(sig, np.min(part[None, :] * a[:, None] + b[:, None], axis=1))
    return sig


def jaccard(x: np.ndarray[Any, Any], y: np.ndarray[Any, Any]) -> float:
    """Exact Jaccard similarity of two sorted unique hash arrays."""
    inter = len(np.intersect1d(x, y, assume_unique=True))
    union = len(x) + len(y) - inter
    return inter / union if union else 1.0


def hash_params(n_hash: int = 64) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """The fixed MinHash parameters (the same in every process and run, so signatures can be cached)."""
    rng = np.random.default_rng(20261124)
    a = rng.integers(1, 2**63, size=n_hash, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, size=n_hash, dtype=np.uint64)
    return a, b


def minhash(text: str, k: int = 5, n_hash: int = 64) -> np.ndarray[Any, Any]:
    """The MinHash signature of a (normalised) text's k-shingles."""
    return _signature(shingles(text, k), *hash_params(n_hash))


def candidate_pairs(sigs: np.ndarray[Any, Any], bands: int = 16, rows: int = 4) -> list[tuple[int, int]]:
    """Index pairs sharing at least one LSH band of their signatures, sorted."""
    candidates: set[tuple[int, int]] = set()
    for band in range(bands):
        buckets: dict[bytes, list[int]] = {}
        for i, sig in enumerate(sigs[:, band * rows : (band + 1) * rows]):
            buckets.setdefault(sig.tobytes(), []).append(i)
        for members in buckets.values():
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    candidates.add((members[x], members[y]))
    return sorted(candidates)


def group_of(n: int, pairs: Sequence[tuple[int, int]]) -> list[int]:
    """For each of ``n`` items, the smallest index of its connected group under ``pairs``."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in pairs:
        ri, rj = find(i), find(j)
        parent[max(ri, rj)] = min(ri, rj)
    return [find(i) for i in range(n)]


def near_duplicates(docs: Sequence[Document], threshold: float = 0.8, k: int = 5, bands: int = 16,
                    rows: int = 4) -> pd.DataFrame:  # fmt: skip
    """Pairs of documents whose shingle sets have Jaccard similarity ≥ ``threshold``, with a group id."""
    a, b = hash_params(bands * rows)
    sets = [shingles(d.view().text, k) for d in docs]
    sigs = np.stack([_signature(s, a, b) for s in sets]) if sets else np.zeros((0, bands * rows), dtype=np.uint64)
    pairs = []
    for i, j in candidate_pairs(sigs, bands, rows):
        sim = jaccard(sets[i], sets[j])
        if sim >= threshold:
            pairs.append((i, j, sim))
    root = group_of(len(docs), [(i, j) for i, j, _ in pairs])
    group_ids: dict[int, int] = {}
    out = []
    for i, j, sim in pairs:
        g = group_ids.setdefault(root[i], len(group_ids) + 1)
        di, dj = docs[i], docs[j]
        out.append({"group": g, "doc_a": di.id, "doc_b": dj.id, "similarity": round(sim, 4),
                    "year_a": di.year, "year_b": dj.year, "chars_a": len(di.text), "chars_b": len(dj.text),
                    "title_a": di.meta.get("title"), "title_b": dj.meta.get("title")})  # fmt: skip
    cols = ["group", "doc_a", "doc_b", "similarity", "year_a", "year_b", "chars_a", "chars_b", "title_a", "title_b"]
    df = pd.DataFrame(out, columns=cols)
    for c in ("year_a", "year_b"):
        df[c] = df[c].astype("Int64")
    return df.sort_values(["group", "similarity"], ascending=[True, False]).reset_index(drop=True)


def split_respecting_duplicates(docs: Sequence[Document], fold: dict[str, str],
                                threshold: float = 0.8) -> dict[str, str]:  # fmt: skip
    """Fold assignments (document id → fold) changed so that near-duplicates share one fold: each group
    of near-duplicates goes to the fold of its first member (in ``docs`` order), so no train/test split
    built from the folds has a document on one side and its near-copy on the other."""
    ids = [d.id for d in docs]
    pos = {d: i for i, d in enumerate(ids)}
    dupes = near_duplicates(docs, threshold)
    root = group_of(len(ids), [(pos[a], pos[b]) for a, b in zip(dupes["doc_a"], dupes["doc_b"], strict=True)])
    out = dict(fold)
    for i, d in enumerate(ids):
        if d in fold and ids[root[i]] in fold:
            out[d] = fold[ids[root[i]]]
    return out
