"""Unsupervised topic discovery: NMF over TF-IDF of the project's tokens, per document or unit."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from policytext.corpus import Document
from policytext.errors import PolicytextError
from policytext.topics.classify import unit_frame
from policytext.topics.threads import blas_guard


def explore(
    docs: Iterable[Document], k: int = 12, unit: str = "paragraph", top_n: int = 12, seed: int = 0
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(top terms per topic, topic weight per document) from NMF with ``k`` topics over tokenised units.

    Units are tokenised with the project's tokenizers and stop words removed; weights per document are
    the unit weights summed and normalised to 1, so documents of different length compare.
    """
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    from policytext.keywords.extract import stopwords

    units = unit_frame(docs, unit)
    if len(units) < k:
        raise PolicytextError(f"{len(units)} {unit}s are too few for {k} topics")
    stop = set(stopwords("zh")) | set(stopwords("ko"))
    vec = TfidfVectorizer(token_pattern=r"[^ ]+", lowercase=False, min_df=2, max_df=0.5, sublinear_tf=True,
                          stop_words=sorted(stop) or None)  # fmt: skip
    x = vec.fit_transform(units["tokens"])
    nmf = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=400)
    with blas_guard():
        w = nmf.fit_transform(x)
    vocab = vec.get_feature_names_out()
    terms = pd.DataFrame(
        [{"topic": t, "rank": r + 1, "term": vocab[i], "weight": round(float(nmf.components_[t, i]), 4)}
         for t in range(k) for r, i in enumerate(nmf.components_[t].argsort()[::-1][:top_n])]
    )  # fmt: skip
    weights = pd.DataFrame(w, columns=[f"topic_{t}" for t in range(k)])
    weights.insert(0, "doc_id", units["doc_id"].to_numpy())
    per_doc = weights.groupby("doc_id", sort=False).sum()
    per_doc = per_doc.div(per_doc.sum(axis=1).where(lambda s: s > 0, 1), axis=0).round(4).reset_index()
    years = units.drop_duplicates("doc_id").set_index("doc_id")["year"]
    per_doc.insert(1, "year", per_doc["doc_id"].map(years))
    return terms, per_doc
