"""Keyword in context: every hit with its left and right context from the original text."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from policytext.corpus import Document

KWIC_COLUMNS = ["doc_id", "year", "lang", "sent_id", "start", "end", "left", "hit", "right", "term_or_concept",
                "matched", "rule"]  # fmt: skip


def kwic(docs: Sequence[Document], hits: pd.DataFrame, window: int = 30) -> pd.DataFrame:
    """One row per hit (same rows as the hits table, same order): ``window`` characters either side."""
    by_id = {d.id: d for d in docs}
    rows = []
    for h in hits.itertuples(index=False):
        text = by_id[str(h.doc_id)].text
        s, e = int(str(h.start)), int(str(h.end))
        rows.append((h.doc_id, h.year, h.lang, h.sent_id, s, e, text[max(0, s - window) : s], text[s:e],
                     text[e : e + window], h.term_or_concept, h.matched, h.rule))  # fmt: skip
    df = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    for col in ("year", "sent_id", "start", "end"):
        df[col] = df[col].astype("Int64")
    return df
