"""A result store on disk: one SQLite file holding each (stage, document key, settings key)'s table.

A second run on an unchanged corpus reads its results from here; a changed setting (lexicon, model,
backend, policytext version) changes the settings key of the stages it affects, and only those are
recomputed. Tables are stored as Arrow IPC streams (no pickles), each with its Arrow
schema beside it so that the tables of a whole run can be given one schema without reading them. Only the
driver process writes (workers send their tables back), one transaction per document, so an interrupted
run keeps every document it had finished and no half entry.

Every stored table and document record carries a SHA-256 checksum, verified when the cache is read: an
entry that does not match (a flipped bit, a damaged file) is treated as missing, so it is recomputed, and a
warning is recorded in ``Cache.warnings``. SQLite and file-system errors name the file and the way out.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa

from policytext.errors import PolicytextError

log = logging.getLogger(__name__)


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
    n_rows INTEGER NOT NULL, schema BLOB NOT NULL, data BLOB NOT NULL, checksum TEXT,
    PRIMARY KEY (stage, doc_key, settings_key)
);
CREATE TABLE IF NOT EXISTS documents (
    doc_key TEXT NOT NULL, settings_key TEXT NOT NULL, info TEXT NOT NULL, checksum TEXT,
    PRIMARY KEY (doc_key, settings_key)
);
"""


def checksum(*blobs: bytes) -> str:
    """Hex SHA-256 over the blobs of one entry (each length-prefixed, so boundaries count)."""
    h = hashlib.sha256()
    for b in blobs:
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


def _way_out(path: Path, e: BaseException) -> PolicytextError:
    return PolicytextError(f"{path}: cannot use the result cache ({type(e).__name__}: {e}); run with --no-cache, "
                           "or choose another -o folder (or delete this file to rebuild the cache)")  # fmt: skip


class Cache:
    """Results and document records in ``<root>/results.sqlite``."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.path = self.root / "results.sqlite"
        self.warnings: list[str] = []
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=60)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a killed process loses no commit
            self._db.executescript(_SCHEMA)
            for table in ("results", "documents"):
                cols = {r[1] for r in self._db.execute(f"PRAGMA table_info({table})")}
                if "checksum" not in cols:  # a cache written before checksums: its entries count as missing
                    self._db.execute(f"ALTER TABLE {table} ADD COLUMN checksum TEXT")
        except (OSError, sqlite3.Error) as e:
            raise _way_out(self.path, e) from e

    def _warn(self, message: str) -> None:
        self.warnings.append(message)  # the run record lists them (and `analyze` prints them)
        log.info("%s", message)

    def _bad_entry(self, what: str, stored: str | None) -> None:
        why = "has no checksum (an older cache)" if stored is None else "does not match its checksum"
        self._warn(f"{self.path}: cached {what} {why}: treated as missing and recomputed")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def present(self, keys: dict[str, str]) -> dict[str, set[str]]:
        """For each stage, the document keys whose result under that stage's settings key is stored and
        matches its checksum (entries that do not are warned about and left out, so they are recomputed)."""
        out: dict[str, set[str]] = {s: set() for s in keys}
        try:
            for stage, skey in keys.items():
                rows = self._db.execute("SELECT doc_key, schema, data, checksum FROM results WHERE stage = ? AND "
                                        "settings_key = ?", (stage, skey))  # fmt: skip
                for doc_key, schema, data, stored in rows:
                    if stored is not None and checksum(schema, data) == stored:
                        out[stage].add(doc_key)
                    else:
                        self._bad_entry(f"{stage} table of document {doc_key}", stored)
        except sqlite3.Error as e:
            raise _way_out(self.path, e) from e
        return out

    def documents(self, settings_key: str) -> dict[str, dict[str, Any]]:
        """Every stored document record (id, source, sha256, metadata) under ``settings_key`` that matches its
        checksum, by key."""
        out: dict[str, dict[str, Any]] = {}
        try:
            rows = self._db.execute("SELECT doc_key, info, checksum FROM documents WHERE settings_key = ?",
                                    (settings_key,))  # fmt: skip
            for k, v, stored in rows:
                if stored is not None and checksum(v.encode("utf-8")) == stored:
                    out[k] = json.loads(v)
                else:
                    self._bad_entry(f"record of document {k}", stored)
        except sqlite3.Error as e:
            raise _way_out(self.path, e) from e
        return out

    def put_document(self, doc_key: str, settings_key: str, info: dict[str, Any],
                     tables: dict[str, tuple[str, bytes, bytes, int]]) -> None:  # fmt: skip
        """Store one document's record and its stage tables ``{stage: (settings_key, schema, data, n_rows)}``
        in one transaction."""
        text = json.dumps(info, ensure_ascii=False, default=str)
        try:
            with self._db:
                self._db.execute("INSERT OR REPLACE INTO documents (doc_key, settings_key, info, checksum) "
                                 "VALUES (?, ?, ?, ?)",
                                 (doc_key, settings_key, text, checksum(text.encode("utf-8"))))  # fmt: skip
                self._db.executemany(
                    "INSERT OR REPLACE INTO results (stage, doc_key, settings_key, n_rows, schema, data, checksum) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(stage, doc_key, skey, n, schema, data, checksum(schema, data))
                     for stage, (skey, schema, data, n) in tables.items()],
                )  # fmt: skip
        except sqlite3.Error as e:
            raise _way_out(self.path, e) from e

    def schemas(self, stage: str, settings_key: str, doc_keys: Iterable[str]) -> list[pa.Schema]:
        """The distinct non-empty schemas of a stage's tables for these documents, in their order (read without
        the data)."""
        try:
            rows = self._db.execute("SELECT doc_key, schema FROM results WHERE stage = ? AND settings_key = ? "
                                    "AND n_rows > 0", (stage, settings_key))  # fmt: skip
            blobs = dict(rows.fetchall())
        except sqlite3.Error as e:
            raise _way_out(self.path, e) from e
        seen: dict[bytes, pa.Schema] = {}
        for k in doc_keys:  # in the documents' order, so that a union of schemas is the same in every run
            blob = blobs.get(k)
            if blob is not None and blob not in seen:
                seen[blob] = pa.ipc.read_schema(pa.py_buffer(blob))
        return list(seen.values())

    def tables(self, stage: str, settings_key: str, doc_keys: Iterable[str]) -> Iterator[pa.Table]:
        """The stored non-empty tables of a stage, in the order of ``doc_keys``, one at a time; each verified
        against its checksum again (a mismatch now is an error naming the file, not a silent wrong table)."""
        q = ("SELECT schema, data, checksum FROM results WHERE stage = ? AND doc_key = ? AND settings_key = ? "
             "AND n_rows > 0")  # fmt: skip
        for k in doc_keys:
            try:
                row = self._db.execute(q, (stage, k, settings_key)).fetchone()
            except sqlite3.Error as e:
                raise _way_out(self.path, e) from e
            if row is None:
                continue
            if row[2] is None or checksum(row[0], row[1]) != row[2]:
                raise _way_out(self.path, ValueError(f"the {stage} table of document {k} changed while in use"))
            yield from_ipc(row[1])
