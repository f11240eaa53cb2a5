"""The curated policy-term table (``data/policy_terms.csv``) from which user dictionaries are derived."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from policytext.resources import data_path

POLICY_TERMS = "policy_terms.csv"


def read_policy_terms(path: Path | None = None) -> list[dict[str, str]]:
    """Rows of a policy-term table (``#`` lines are comments); the bundled one by default."""
    p = path or data_path(POLICY_TERMS)
    with p.open(encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


@lru_cache(maxsize=1)
def korean_policy_words() -> tuple[str, ...]:
    """Korean renderings from the policy-term table that are single Hangul words (Kiwi user words)."""
    words: set[str] = set()
    for row in read_policy_terms():
        for alias in (row.get("ko") or "").split("|"):
            alias = alias.strip()
            if len(alias) >= 2 and " " not in alias and all("\uac00" <= c <= "\ud7a3" for c in alias):
                words.add(alias)
    return tuple(sorted(words))
