"""Read an ``analyze`` results folder for the HTML report: every table in one shape (``doc_id``, nullable ``year``,
``lang``), a missing table as ``None`` ("not in this run"), and the passages behind each count.

All reading of results lives here, so the report follows the tables' schema in one place. It accepts both the
documents table's ``id`` and the newer ``doc_id``, and counts' ``concept`` or ``term_or_concept``.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from policytext.corpus import Document, load_corpus, load_document
from policytext.errors import PolicytextError

TABLES = ("documents", "counts", "hits", "kwic", "keywords", "entities", "topics", "targets")
_RENAMES = {"id": "doc_id", "concept": "term_or_concept"}


def optional_int(value: Any) -> int | None:
    """An int, or None for a missing value (None, NaN, pd.NA)."""
    return None if value is None or pd.isna(value) else int(value)


def _read_table(path: Path) -> pd.DataFrame:
    """One stage table (Parquet, else CSV) in the common shape; a clear error naming a bad file."""
    try:
        df = pd.read_parquet(path) if path.suffix == ".parquet" else pd.read_csv(path)
    except Exception as e:  # pyarrow and pandas raise many kinds; name the file either way
        raise PolicytextError(f"{path}: cannot read this results table ({e})") from e
    df = df.rename(columns={k: v for k, v in _RENAMES.items() if k in df.columns and v not in df.columns})
    if len(df.columns) and "doc_id" not in df.columns:
        raise PolicytextError(f"{path}: no doc_id (or id) column; columns are {', '.join(map(str, df.columns))}")
    if "year" in df.columns:
        df["year"] = pd.to_numeric(df["year"], errors="coerce").astype("Int64")
    if "doc_id" in df.columns:
        df["doc_id"] = df["doc_id"].astype(str)
    return df


@dataclass
class Results:
    """The tables and ``run.json`` of one ``policytext analyze`` output folder."""

    folder: Path
    run: dict[str, Any]
    tables: dict[str, pd.DataFrame | None] = field(default_factory=dict)

    def table(self, name: str) -> pd.DataFrame | None:
        """A stage's table, or ``None`` when this run did not produce it."""
        return self.tables.get(name)

    @cached_property
    def documents(self) -> pd.DataFrame:
        """The documents table with ``lang`` and ``kind`` (doctype) filled, in run order."""
        docs = self.table("documents")
        if docs is None or docs.empty:
            raise PolicytextError(f"{self.folder}: no documents table; run `policytext analyze` with the "
                                  "documents stage")  # fmt: skip
        docs = docs.copy()
        if "kind" not in docs.columns:
            docs["kind"] = docs["doctype"] if "doctype" in docs.columns else None
        if "lang" not in docs.columns:
            docs["lang"] = None
        return docs.reset_index(drop=True)

    def _sources(self) -> dict[str, tuple[str, str]]:
        """doc_id -> (file, sha256) from run.json's inputs, the documents table filling gaps."""
        inputs = self.run.get("inputs", [])
        out = {str(i["doc_id"]): (str(i.get("source", "")), str(i.get("sha256", ""))) for i in inputs}
        if "file" in self.documents.columns:
            for d, f in zip(self.documents["doc_id"], self.documents["file"], strict=True):
                out.setdefault(str(d), (str(f), ""))
        return out

    @cached_property
    def texts(self) -> dict[str, Document]:
        """Every document of the run read again from its file or table (checked against run.json's sha256), so
        offsets in the tables can be shown as passages."""
        from policytext.readers.table import TABLE_SUFFIXES

        sources = self._sources()
        docs: dict[str, Document] = {}
        tables: dict[str, dict[str, Document]] = {}
        for row in self.documents.itertuples(index=False):
            doc_id = str(row.doc_id)
            path, sha = sources.get(doc_id, ("", ""))
            if not path or not Path(path).is_file():
                raise PolicytextError(f"{self.folder}: document {doc_id}: its file {path or '(none)'} is not "
                                      "there any more, so its passages cannot be shown")  # fmt: skip
            if Path(path).suffix.lower() in TABLE_SUFFIXES:  # a row of a table corpus: sha256 is of its text
                if path not in tables:
                    tables[path] = {d.id: d for d in load_corpus(path)}
                doc = tables[path].get(doc_id)
                if doc is None:
                    raise PolicytextError(f"{path}: no row with id {doc_id} any more; run analyze again")
                actual = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
            else:
                doc = load_document(path, doc_id=doc_id, meta={"year": optional_int(row.year), "lang": row.lang})
                actual = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            if sha and actual != sha:
                raise PolicytextError(f"{path}: changed since the run (sha256 differs from run.json), so the offsets "
                                      f"of {doc_id} would point at the wrong text; run analyze again")
            docs[doc_id] = doc
        return docs

    @cached_property
    def hits(self) -> pd.DataFrame | None:
        """One row per counted mention (doc_id, year, lang, start, end, term_or_concept, section): the run's
        ``kwic`` or ``hits`` table, else found again in the documents under the run's lexicon."""
        for name in ("kwic", "hits"):
            t = self.table(name)
            if t is not None:
                return t
        if self.table("counts") is None:
            return None
        from policytext.keywords.count import find_hits
        from policytext.keywords.lexicon import load_lexicon

        lexicon = load_lexicon(self.run.get("settings", {}).get("lexicon"))
        hits = find_hits(list(self.texts.values()), lexicon=lexicon, rule="concept")
        return hits

    @cached_property
    def concept_labels(self) -> dict[str, dict[str, str]]:
        """Concept id -> its labels per language (zh, ko, en) from the run's lexicon."""
        from policytext.keywords.lexicon import load_lexicon

        lexicon = load_lexicon(self.run.get("settings", {}).get("lexicon"))
        return {c.id: dict(c.labels) for c in lexicon.concepts}


def load_results(folder: str | Path) -> Results:
    """Read ``run.json`` and every stage table present in ``folder``."""
    root = Path(folder)
    if not root.is_dir():
        raise PolicytextError(f"{root}: not a folder; pass the -o folder of `policytext analyze`")
    run_path = root / "run.json"
    try:
        run = json.loads(run_path.read_text("utf-8")) if run_path.is_file() else {}
    except json.JSONDecodeError as e:
        raise PolicytextError(f"{run_path}: not valid JSON ({e})") from e
    tables: dict[str, pd.DataFrame | None] = {}
    for name in TABLES:
        path = next((p for p in (root / f"{name}.parquet", root / f"{name}.csv") if p.is_file()), None)
        tables[name] = _read_table(path) if path is not None else None
    if tables["documents"] is None:
        raise PolicytextError(f"{root}: no documents.parquet or documents.csv; is this an analyze output folder?")
    return Results(root, run, tables)
