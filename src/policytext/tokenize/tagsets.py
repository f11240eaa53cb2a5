"""Map backend POS tags to UPOS, from the data file ``data/tagsets.yaml``."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from policytext.resources import data_yaml


def _tables() -> dict[str, Any]:
    data: dict[str, Any] = data_yaml("tagsets.yaml")
    return data


@lru_cache(maxsize=4096)
def to_upos(tagset: str, tag: str) -> str:
    """UPOS for ``tag`` of ``tagset`` (exact match, else longest listed prefix, else X)."""
    table: dict[str, str] = _tables()["tagsets"][tagset]
    if tag in table:
        return table[tag]
    for n in range(len(tag) - 1, 0, -1):
        if tag[:n] in table:
            return table[tag[:n]]
    return "X"


@lru_cache(maxsize=4096)
def is_predicate_stem(tagset: str, tag: str) -> bool:
    """True when a morpheme with this tag is a verb/adjective stem (its lemma takes 다)."""
    stems: list[str] = _tables()["predicate_stems"].get(tagset, [])
    return tag in stems
