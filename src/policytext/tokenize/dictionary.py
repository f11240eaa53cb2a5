"""The curated policy-term table (``data/policy_terms.csv``) from which user dictionaries are derived."""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from policytext.resources import data_path, files_sha256

POLICY_TERMS = "policy_terms.csv"


def read_policy_terms(path: Path | None = None) -> list[dict[str, str]]:
    """Rows of a policy-term table (``#`` lines are comments); the bundled one by default. Parsed once per
    process while the file is unchanged (the lexicon, the gazetteer and both tokenizers read it)."""
    p = path or data_path(POLICY_TERMS)
    st = p.stat()
    return [dict(r) for r in _parsed(str(p), st.st_mtime_ns, st.st_size)]


@lru_cache(maxsize=8)
def _parsed(path: str, mtime_ns: int, size: int) -> tuple[dict[str, str], ...]:
    with open(path, encoding="utf-8") as f:
        return tuple(csv.DictReader(line for line in f if not line.startswith("#")))


def policy_terms_sha256() -> str:
    """The content hash of the bundled policy-term table (part of every fingerprint that reads it)."""
    return files_sha256([data_path(POLICY_TERMS)])[:16]


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
