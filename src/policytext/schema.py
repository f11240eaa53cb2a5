"""One schema for every table: the core columns, their names and types, in the API, on disk and in ``analyze``.

A table about documents, sentences or spans starts with the core columns it has, in this order:
``doc_id`` (string), ``year`` (nullable integer), ``lang`` (string), ``sent_id``, ``start``, ``end``
(nullable integers); then the analysis's own columns; then the rule or model columns and ``settings``
(the fingerprint of the analysis that made the row, see ``policytext.stages``).
"""

from __future__ import annotations

from typing import Any

CORE = ("doc_id", "year", "lang", "sent_id", "start", "end")
INTEGER = ("year", "sent_id", "start", "end")
RENAMED = {"id": "doc_id"}  # old names still accepted on input


def conform(df: Any) -> Any:
    """``df`` with the core columns renamed and typed, and (in a table of documents or spans, one with ``doc_id``)
    first in ``CORE`` order; other columns keep their order (a grouped table keeps its ``--by`` order)."""
    df = df.rename(columns={k: v for k, v in RENAMED.items() if k in df.columns and v not in df.columns})
    for col in INTEGER:
        if col in df.columns and str(df[col].dtype) != "Int64":
            df[col] = df[col].astype("Float64").round().astype("Int64") if df[col].dtype.kind == "f" else (
                df[col].astype("Int64"))
    for col in ("doc_id", "lang"):
        if col in df.columns and df[col].dtype != object:
            df[col] = df[col].astype(object)
    if "doc_id" not in df.columns:
        return df
    core = [c for c in CORE if c in df.columns]
    return df[core + [c for c in df.columns if c not in core]]
