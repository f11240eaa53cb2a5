"""A result store on disk: one SQLite file holding each (stage, document key, settings key)'s table.

A second run on an unchanged corpus reads its results from here; a changed setting (lexicon, model,
backend, policytext version) changes the settings key of the stages it affects, and only those are
recomputed. Tables are stored as Arrow IPC streams (no pickles), each with its Arrow
schema beside it so that the tables of a whole run can be given one schema without reading them. Only the
driver process writes (workers send their tables back), one transaction per document, so an interrupted
run keeps every document it had finished and no half entry.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa


def digest(*parts: Any) -> str:
    """A short stable hash of JSON-serialisable parts."""
    raw = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()[:24]


def to_ipc(table: pa.Table) -> bytes:
    """An Arrow table as IPC stream bytes, uncompressed: a document's tables are a few KB, which zstd did
    not shrink, while it made reading them back 7x slower (the floor of a cached re-run)."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as w:
        w.write_table(table)
    return bytes(sink.getvalue().to_pybytes())


def from_ipc(blob: bytes) -> pa.Table:
    """The Arrow table stored by ``to_ipc``."""
    return pa.ipc.open_stream(pa.py_buffer(blob)).read_all()


_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    stage TEXT NOT NULL, doc_key TEXT NOT NULL, settings_key TEXT NOT NULL,
    n_rows INTEGER NOT NULL, schema BLOB NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (stage, doc_key, settings_key)
);
CREATE TABLE IF NOT EXISTS documents (
    doc_key TEXT NOT NULL, settings_key TEXT NOT NULL, info TEXT NOT NULL,
    PRIMARY KEY (doc_key, settings_key)
);
"""


class Cache:
    """Results and document records in ``<root>/results.sqlite``."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.path = self.root / "results.sqlite"
        self._db = sqlite3.connect(self.path, timeout=60)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a killed process loses no commit
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def present(self, keys: dict[str, str]) -> dict[str, set[str]]:
        """For each stage, the document keys whose result under that stage's settings key is stored."""
        out: dict[str, set[str]] = {s: set() for s in keys}
        for stage, skey in keys.items():
            rows = self._db.execute("SELECT doc_key FROM results WHERE stage = ? AND settings_key = ?",
                                    (stage, skey))  # fmt: skip
            out[stage] = {r[0] for r in rows}
        return out

    def documents(self, settings_key: str) -> dict[str, dict[str, Any]]:
        """Every stored document record (id, source, sha256, metadata) under ``settings_key``, by key."""
        rows = self._db.execute("SELECT doc_key, info FROM documents WHERE settings_key = ?", (settings_key,))
        return {k: json.loads(v) for k, v in rows}

    def put_document(self, doc_key: str, settings_key: str, info: dict[str, Any],
                     tables: dict[str, tuple[str, bytes, bytes, int]]) -> None:  # fmt: skip
        """Store one document's record and its stage tables ``{stage: (settings_key, schema, data, n_rows)}``
        in one transaction."""
        with self._db:
            self._db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?)",
                             (doc_key, settings_key, json.dumps(info, ensure_ascii=False, default=str)))  # fmt: skip
            self._db.executemany(
                "INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?, ?)",
                [(stage, doc_key, skey, n, schema, data) for stage, (skey, schema, data, n) in tables.items()],
            )

    def schemas(self, stage: str, settings_key: str, doc_keys: Iterable[str]) -> list[pa.Schema]:
        """The distinct non-empty schemas of a stage's tables for these documents, in their order (read without
        the data)."""
        rows = self._db.execute("SELECT doc_key, schema FROM results WHERE stage = ? AND settings_key = ? "
                                "AND n_rows > 0", (stage, settings_key))  # fmt: skip
        blobs = dict(rows.fetchall())
        seen: dict[bytes, pa.Schema] = {}
        for k in doc_keys:  # in the documents' order, so that a union of schemas is the same in every run
            blob = blobs.get(k)
            if blob is not None and blob not in seen:
                seen[blob] = pa.ipc.read_schema(pa.py_buffer(blob))
        return list(seen.values())

    def tables(self, stage: str, settings_key: str, doc_keys: Iterable[str]) -> Iterator[pa.Table]:
        """The stored non-empty tables of a stage, in the order of ``doc_keys``, one at a time."""
        q = "SELECT data FROM results WHERE stage = ? AND doc_key = ? AND settings_key = ? AND n_rows > 0"
        for k in doc_keys:
            row = self._db.execute(q, (stage, k, settings_key)).fetchone()
            if row is not None:
                yield from_ipc(row[0])
