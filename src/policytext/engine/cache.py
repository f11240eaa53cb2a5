"""A result cache on disk: one Parquet file per (document key, stage, settings key).

A second run on an unchanged corpus reads its results from here; a changed setting (lexicon, model,
backend, policytext version) changes the settings key of the stages it affects, and only those are
recomputed. Writes go to a temporary file renamed into place, so an interrupted run leaves no half file.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pandas as pd


def digest(*parts: Any) -> str:
    """A short stable hash of JSON-serialisable parts."""
    raw = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()[:24]


class Cache:
    """Parquet files under ``root/<stage>/<doc key>-<settings key>.parquet``."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def path(self, stage: str, doc_key: str, settings_key: str) -> Path:
        return self.root / stage / f"{doc_key}-{settings_key}.parquet"

    def get(self, stage: str, doc_key: str, settings_key: str) -> pd.DataFrame | None:
        p = self.path(stage, doc_key, settings_key)
        if not p.is_file():
            return None
        try:
            return pd.read_parquet(p)
        except (OSError, ValueError):
            return None  # a damaged entry is recomputed

    def put(self, stage: str, doc_key: str, settings_key: str, df: pd.DataFrame) -> None:
        p = self.path(stage, doc_key, settings_key)
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_suffix(f".{os.getpid()}.tmp")
        df.to_parquet(tmp, index=False)
        os.replace(tmp, p)
