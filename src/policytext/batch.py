"""One command over a whole corpus: every analysis, per document, parallel, cached and resumable.

``analyze(paths, out_dir)`` lists the input files (it does not read them) and sends each document to a
worker (``policytext.engine``: in process, spawned processes, or Dask), where it is read and analysed
stage by stage (documents, counts, keywords, entities, topics). The worker sends the tables back; the
driver stores them at once in ``out_dir/.cache/results.sqlite`` keyed by (document hash, stage, settings)
and keeps nothing but a line per document, so memory stays bounded however large the corpus. Interrupt it
and run it again: finished documents come from the cache. At the end each stage's table is streamed from
the store in input order to Parquet and CSV, so it is the same as an uninterrupted run's, with
``run.json``: inputs and their sha256, tool and model versions, settings, timings, every skipped file or
row with its reason, what the filters left out and which near-duplicates ``dedupe`` dropped.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import shutil
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from policytext.corpus import (
    Document,
    _iter_inputs,
    _manifests_for,
    _nearest_manifest,
    _relative_id,
    _table_documents,
    load_document,
)
from policytext.engine import Cache, Failure, run
from policytext.engine.cache import digest, to_ipc
from policytext.engine.lock import OutputLock
from policytext.errors import PolicytextError, ReaderError
from policytext.readers.table import TABLE_SUFFIXES

STAGES = ("documents", "counts", "keywords", "entities", "topics")


@dataclass(frozen=True)
class Settings:
    """What the analyses depend on; each stage's cache key is derived from the parts it uses."""

    stages: tuple[str, ...] = STAGES
    ko_backend: str | None = None
    lexicon: str | None = None  # None = the bundled concept lexicon
    topic_unit: str = "sentence"
    ner_model: bool = True
    keywords_top: int = 20
    dedupe: bool = False  # keep the first of each group of near-duplicate documents (Jaccard ≥ 0.8)


@dataclass(frozen=True)
class Selection:
    """Which documents to analyse: a pandas query over their metadata and a year range (as ``Corpus.filter``)."""

    where: str | None = None
    since: int | None = None
    until: int | None = None

    def __bool__(self) -> bool:
        return bool(self.where) or self.since is not None or self.until is not None

    def accepts(self, doc_id: str, meta: dict[str, Any], lang: str) -> bool:
        year = meta.get("year")
        if self.since is not None or self.until is not None:
            if year is None or pd.isna(year):
                return False
            y = int(year)
            if (self.since is not None and y < self.since) or (self.until is not None and y > self.until):
                return False
        if not self.where:
            return True
        frame = pd.DataFrame([{"id": doc_id, **meta, "lang": lang}])
        if "year" in frame:
            frame["year"] = frame["year"].astype("Int64")
        try:
            return len(frame.query(self.where, engine="python")) == 1
        except Exception as e:
            raise SelectionError(f"--where {self.where!r}: {type(e).__name__}: {e} (columns of {doc_id}: "
                                 f"{', '.join(map(str, frame.columns))})") from e  # fmt: skip


class SelectionError(PolicytextError):
    """A filter that cannot be evaluated: the run stops (every document would fail the same way)."""


@dataclass(frozen=True)
class Job:
    """One unit of work: a file to read (with its manifest) or a document already read (a table row),
    and the stages still to compute for it."""

    index: int
    settings: Settings
    stages: tuple[str, ...]
    selection: Selection = Selection()
    path: str | None = None
    root: str | None = None
    manifest: str | None = None
    document: Document | None = None
    doc_key: str = ""


def job_key(job: Job) -> str:
    """The document's cache key, computed without decoding it: for a file, its bytes' hash, its path in
    the corpus and its manifest's hash (everything its id and metadata come from); for a table row, the
    hash of its text, its id and metadata."""
    if job.document is not None:
        d = job.document
        return digest(hashlib.sha256(d.text.encode("utf-8")).hexdigest(), d.id,
                      {k: v for k, v in d.meta.items() if k != "lang"})  # fmt: skip
    assert job.path is not None and job.root is not None
    p, root = Path(job.path), Path(job.root)
    rel = p.resolve().relative_to(root.resolve()).as_posix() if p != root else p.name
    return digest("file", _file_hash(p), rel, _manifest_hash(job.manifest) if job.manifest else None)


def _stamp(path: str) -> tuple[str, int, int]:
    st = Path(path).stat()
    return path, st.st_mtime_ns, st.st_size


def _manifest_hash(path: str) -> str:
    return _manifest_hash_at(*_stamp(path))


@lru_cache(maxsize=8)
def _manifest_hash_at(path: str, mtime_ns: int, size: int) -> str:
    """A manifest's hash, computed once per process while the file is unchanged (it is shared by every
    document of its folder)."""
    return _file_hash(Path(path))


@lru_cache(maxsize=8)
def _manifest_at(path: str, mtime_ns: int, size: int) -> Any:
    """A manifest parsed once per worker process while the file is unchanged."""
    from policytext.manifest import read_manifest

    return read_manifest(path)


@dataclass
class Outcome:
    """What a worker sends back: the document's record, each computed stage's table as Arrow IPC bytes
    ``{stage: (schema, data, n_rows)}``, the stages that came from the cache, and per-stage timings."""

    doc_id: str
    doc_key: str
    source: str
    sha256: str
    meta: dict[str, Any] = field(default_factory=dict)
    lang: str = ""
    tables: dict[str, tuple[bytes, bytes, int]] = field(default_factory=dict)
    cached: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    excluded: bool = False

    def record(self) -> dict[str, Any]:
        """What the store keeps about the document (everything but its tables)."""
        return {"doc_id": self.doc_id, "source": self.source, "sha256": self.sha256, "meta": self.meta,
                "lang": self.lang}  # fmt: skip


def _file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass(frozen=True)
class _Versions:
    policytext: str
    lexicon: str
    ner: str
    topics: str
    gazetteer: str


def _versions(settings: Settings) -> _Versions:
    from policytext import __version__
    from policytext.keywords.lexicon import load_lexicon
    from policytext.resources import data_path, models_dir

    lex = load_lexicon(settings.lexicon)

    def tree_hash(p: Path) -> str:
        if not p.exists():
            return "absent"
        h = hashlib.sha256()
        for f in sorted(x for x in p.rglob("*") if x.is_file()):
            h.update(f.name.encode())
            h.update(str(f.stat().st_size).encode())
            h.update(_file_hash(f).encode())
        return h.hexdigest()[:16]

    return _Versions(
        policytext=__version__,
        lexicon=f"{lex.name}@{lex.version}:{lex.sha256[:12]}",
        ner=tree_hash(models_dir() / "ner-zh") + tree_hash(models_dir() / "ner-ko") if settings.ner_model else "rules",
        topics=tree_hash(models_dir() / "topics-zh") + tree_hash(models_dir() / "topics-ko"),
        gazetteer=_file_hash(data_path("entities", "canonical.csv"))[:16],
    )


def stage_keys(settings: Settings, v: _Versions | None = None) -> dict[str, str]:
    """The settings key of each stage: only what that stage depends on."""
    v = v or _versions(settings)
    return {
        "documents": digest(v.policytext, settings.ko_backend),
        "counts": digest(v.policytext, v.lexicon),
        "keywords": digest(v.policytext, settings.ko_backend, settings.keywords_top),
        "entities": digest(v.policytext, v.ner, v.gazetteer),
        "topics": digest(v.policytext, v.topics, settings.topic_unit),
    }


@lru_cache(maxsize=4)
def _lexicon(path: str | None) -> Any:
    """The concept lexicon, loaded once per worker process (its matcher is cached with it)."""
    from policytext.keywords.lexicon import load_lexicon

    return load_lexicon(path)


def _compute(stage: str, doc: Document, settings: Settings) -> pd.DataFrame:
    if stage == "documents":
        toks = doc.tokens(ko_backend=settings.ko_backend, pos=False)  # counts only: no POS tagging needed
        info = doc.info()
        info.update(n_tokens=len(toks), n_paragraphs=len(doc.paragraphs()))
        return pd.DataFrame([{k: (json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v)
                              for k, v in info.items()}])  # fmt: skip
    if stage == "counts":
        from policytext.keywords.count import find_hits

        lex = _lexicon(settings.lexicon)
        hits = find_hits([doc], lexicon=lex, rule="concept")
        counts = hits.groupby("term_or_concept").size() if len(hits) else pd.Series(dtype=int)
        return pd.DataFrame({
            "doc_id": doc.id, "year": doc.meta.get("year"), "lang": doc.lang, "concept": counts.index.astype(str),
            "count": counts.to_numpy(), "n_chars": len(doc.text), "rule": "concept",
            "lexicon_version": f"{lex.name}@{lex.version}",
        })  # fmt: skip
    if stage == "keywords":
        from policytext.keywords.extract import keywords

        kw = keywords([doc], by=("id",), top=settings.keywords_top, methods=("freq",))
        return kw.rename(columns={"group": "doc_id"}).assign(year=doc.meta.get("year"))
    if stage == "entities":
        from policytext.entities import entities

        return entities([doc], model=settings.ner_model).drop(columns=["sentence"])
    if stage == "topics":
        from policytext.topics import classify

        if doc.lang not in ("zh", "ko"):
            return pd.DataFrame()
        return classify([doc], settings.topic_unit).drop(columns=["text"])
    raise PolicytextError(f"unknown stage {stage!r}: use {', '.join(STAGES)}")


MINHASH = "_minhash"  # a hidden stage: the document's MinHash signature, for --dedupe


def _compute_any(stage: str, doc: Document) -> pd.DataFrame:
    if stage == MINHASH:
        from policytext.dedupe import minhash

        return pd.DataFrame({"doc_id": doc.id, "minhash": [minhash(doc.view().text).tolist()]})
    raise PolicytextError(f"unknown stage {stage!r}: use {', '.join(STAGES)}")


def _encode(df: pd.DataFrame) -> tuple[bytes, bytes, int]:
    """A stage table as (Arrow schema, Arrow IPC data, rows); object columns hold strings or nulls only."""
    import pyarrow as pa

    clean = df.copy()
    for col in clean.columns:
        if clean[col].dtype == object and col != "minhash":
            clean[col] = clean[col].map(lambda v: v if v is None or isinstance(v, str) else str(v))
    table = pa.Table.from_pandas(clean, preserve_index=False)
    return bytes(table.schema.serialize().to_pybytes()), to_ipc(table), table.num_rows


def read_document(job: Job) -> tuple[Document, str, str]:
    """The job's document with its corpus id, its source and its sha256 (for a file: of its bytes)."""
    if job.document is not None:
        doc = job.document
        source = doc.provenance.path if doc.provenance else doc.id
        return doc, str(source), hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    assert job.path is not None and job.root is not None
    p, root = Path(job.path), Path(job.root)
    man = _manifest_at(*_stamp(job.manifest)) if job.manifest else None
    doc = load_document(p, manifest=man)
    if man is None or man.match(p, doc.provenance.sha256 if doc.provenance else "") is None:
        doc.id = _relative_id(p, root)
    return doc, str(p), doc.provenance.sha256 if doc.provenance else ""


def analyze_job(job: Job) -> Outcome:
    """Worker side: read the document; unless the selection leaves it out, compute the job's stages."""
    doc, source, sha = read_document(job)
    meta = {k: v for k, v in doc.meta.items() if k != "lang"}
    out = Outcome(doc.id, job.doc_key or job_key(job), source, sha, json.loads(json.dumps(meta, default=str)),
                  doc.lang or "")  # fmt: skip
    if job.selection and not job.selection.accepts(doc.id, meta, doc.lang or ""):
        out.excluded = True
        return out
    for stage in job.stages:
        t0 = time.perf_counter()
        df = _compute(stage, doc, job.settings) if stage in STAGES else _compute_any(stage, doc)
        out.tables[stage] = _encode(df)
        out.seconds[stage] = time.perf_counter() - t0
    return out


def plan(paths: Sequence[Path], settings: Settings, skipped: list[dict[str, str]]) -> Iterator[Job]:
    """Jobs for every input, lazily: files are listed, not read; table rows are read one at a time."""
    manifests = {}
    for p in paths:
        if not p.exists():
            raise PolicytextError(f"{p}: no such file or folder")
        if p.is_dir():
            manifests.update(_manifests_for(p, lambda path, reason: skipped.append({"path": path, "reason": reason})))
    i = 0
    for f, root in _iter_inputs(list(paths), lambda path, reason: skipped.append({"path": path, "reason": reason})):
        if f.suffix.lower() in TABLE_SUFFIXES:
            try:
                for item in _table_documents(f, lang=None, meta=None, text_col=None, id_col=None, year_col=None):
                    if isinstance(item, Document):
                        yield Job(i, settings, settings.stages, document=item)
                        i += 1
                    else:
                        skipped.append({"path": item.path, "reason": item.reason})
            except ReaderError as e:
                skipped.append({"path": str(e.path), "reason": e.problem})
            continue
        man = _nearest_manifest(f, manifests)
        yield Job(i, settings, settings.stages, path=str(f), root=str(root),
                  manifest=str(man.path) if man is not None else None)  # fmt: skip
        i += 1


@dataclass(slots=True)
class _Done:
    """The driver's line about one finished document (its tables are in the store, not here)."""

    doc_key: str
    doc_id: str
    source: str
    sha256: str
    cached: tuple[str, ...]


def analyze(
    paths: Sequence[str | Path] | None,
    out_dir: str | Path,
    *,
    settings: Settings | None = None,
    selection: Selection | None = None,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    cache: bool = True,
    progress: Any = None,
) -> dict[str, Any]:
    """Run every stage over every selected document; write tables and ``run.json`` to ``out_dir``; return
    the run record."""
    from policytext.resources import bundled_corpora

    settings = settings or Settings()
    selection = selection or Selection()
    bad = [s for s in settings.stages if s not in STAGES]
    if bad:
        raise PolicytextError(f"unknown stage(s) {', '.join(bad)}: use {', '.join(STAGES)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    store_dir = out / ".cache" if cache else out / f".spool-{time.time_ns()}"
    inputs = [Path(p) for p in paths] if paths else [bundled_corpora()]
    versions = _versions(settings)
    keys = stage_keys(settings, versions)
    work = settings.stages + ((MINHASH,) if settings.dedupe else ())
    work_keys = {s: keys[s] for s in settings.stages} | ({MINHASH: digest(keys["documents"], "minhash-v1")}
                                                          if settings.dedupe else {})  # fmt: skip
    ident = digest("ident", keys["documents"])
    t0 = time.time()
    skipped: list[dict[str, str]] = []
    excluded: list[str] = []
    done: dict[int, _Done] = {}
    seconds = dict.fromkeys(settings.stages, 0.0)
    sources: dict[int, str] = {}  # of the documents in flight only
    dispatched: dict[int, int] = {}  # the engine's numbering -> input index, in flight only
    numbering = itertools.count()
    lock = OutputLock(out).acquire()  # one run per output folder (#15)
    store = Cache(store_dir)
    try:
        known = store.documents(ident)
        present = store.present(work_keys)

        def finish(index: int, res: Outcome, stored: bool = False) -> None:
            if not stored:
                store.put_document(res.doc_key, ident, res.record(),
                                   {s: (work_keys[s], *t) for s, t in res.tables.items()})  # fmt: skip
            if res.excluded:
                excluded.append(res.doc_id)
            else:
                done[index] = _Done(res.doc_key, res.doc_id, res.source, res.sha256,
                                    tuple(s for s in settings.stages if s in res.cached))  # fmt: skip
                for s, sec in res.seconds.items():
                    if s in seconds:
                        seconds[s] += sec
            if progress is not None and not res.excluded:
                progress(res, settings.stages)

        def jobs_iter() -> Iterator[Job]:
            for job in plan(inputs, settings, skipped):
                try:
                    job = replace(job, doc_key=job_key(job), selection=selection)
                except OSError as e:
                    skipped.append({"path": job.path or "", "reason": f"cannot read: {e}"})
                    continue
                rec = known.get(job.doc_key)
                if rec is None and job.document is not None:
                    d = job.document
                    rec = {"doc_id": d.id, "source": d.provenance.path if d.provenance else d.id, "sha256": "",
                           "meta": {k: v for k, v in d.meta.items() if k != "lang"}, "lang": d.lang or ""}  # fmt: skip
                if rec is not None and selection and not selection.accepts(rec["doc_id"], rec["meta"], rec["lang"]):
                    excluded.append(rec["doc_id"])
                    continue
                missing = tuple(s for s in work if job.doc_key not in present[s])
                if not missing and job.doc_key in known:
                    r = known[job.doc_key]
                    finish(job.index, Outcome(r["doc_id"], job.doc_key, r["source"], r["sha256"], r["meta"],
                                              r["lang"], {}, list(settings.stages)), stored=True)  # fmt: skip
                    continue
                dispatched[next(numbering)] = job.index
                sources[job.index] = job.path or (job.document.id if job.document else "")
                yield replace(job, stages=missing, selection=selection if rec is None else Selection())

        for n, res in run(analyze_job, jobs_iter(), jobs=jobs, engine=engine, scheduler=scheduler):
            i = dispatched.pop(n)
            source = sources.pop(i, str(i))
            if isinstance(res, Failure):
                if res.error.startswith("SelectionError"):
                    raise PolicytextError(res.error.partition(": ")[2])
                skipped.append({"path": source, "reason": res.error})
                continue
            res.cached = [s for s in settings.stages if s not in res.tables]
            finish(i, res)
        order = sorted(done)
        dropped = _dedupe(inputs, settings, store, work_keys, [done[i] for i in order]) if settings.dedupe else []
        gone = {d["doc_id"] for d in dropped}
        order = [i for i in order if done[i].doc_id not in gone]
        doc_keys = [done[i].doc_key for i in order]
        sizes = {stage: _assemble(store, stage, keys[stage], doc_keys, out) for stage in settings.stages}
    finally:
        store.close()
        lock.release()
        if not cache:
            shutil.rmtree(store_dir, ignore_errors=True)
    if dropped:
        _write_frame(pd.DataFrame(dropped), out / "dropped_duplicates.csv", "dropped_duplicates")
    inputs_rec = [{"doc_id": done[i].doc_id, "source": done[i].source, "sha256": done[i].sha256,
                   "cached_stages": list(done[i].cached)} for i in order]  # fmt: skip
    computed = sum(1 for i in order if len(done[i].cached) < len(settings.stages))
    record = {
        "inputs": inputs_rec,
        "skipped": skipped,
        "cache_warnings": store.warnings,
        "excluded_by_filter": {"selection": asdict(selection), "count": len(excluded), "doc_ids": excluded},
        "dropped_duplicates": dropped,
        "settings": asdict(settings) | {"jobs": jobs, "engine": engine, "scheduler": scheduler, "cache": cache},
        "versions": asdict(versions) | _library_versions(),
        "stage_keys": keys,
        "timings": {
            "wall_seconds": round(time.time() - t0, 2),
            "stage_seconds": {s: round(v, 2) for s, v in seconds.items()},
            "documents": len(order),
            "computed": computed,
        },
        "tables": sizes,
    }
    (out / "run.json").write_text(json.dumps(record, ensure_ascii=False, indent=2, default=str) + "\n", "utf-8")
    return record


def _dedupe(inputs: Sequence[Path], settings: Settings, store: Any, work_keys: dict[str, str],
            docs: list[_Done]) -> list[dict[str, Any]]:  # fmt: skip
    """The documents to drop as near-duplicates of an earlier one (Jaccard ≥ 0.8 of 5-character shingles,
    as ``corpus dupes``): LSH candidates from the stored signatures, exact similarity from the texts of
    the candidates only (read again), the first document of each group in input order kept."""
    import numpy as np

    from policytext.dedupe import candidate_pairs, group_of, jaccard, shingles

    keys = [d.doc_key for d in docs]
    sigs = [np.asarray(t.column("minhash")[0].as_py(), dtype=np.uint64)
            for t in store.tables(MINHASH, work_keys[MINHASH], keys)]  # fmt: skip
    if len(sigs) != len(docs):
        raise PolicytextError(f"--dedupe: {len(docs) - len(sigs)} documents have no stored signature; "
                              "run again with --no-cache")  # fmt: skip
    if not sigs:
        return []
    cand = candidate_pairs(np.stack(sigs))
    wanted = {keys[i] for pair in cand for i in pair}
    sets: dict[str, Any] = {}
    for job in plan(inputs, settings, []):
        if not wanted - set(sets):
            break
        k = job_key(job)
        if k in wanted and k not in sets:
            doc, _, _ = read_document(job)
            sets[k] = shingles(doc.view().text)
    pairs = [(i, j, jaccard(sets[keys[i]], sets[keys[j]])) for i, j in cand if keys[i] in sets and keys[j] in sets]
    pairs = [(i, j, s) for i, j, s in pairs if s >= 0.8]
    root = group_of(len(docs), [(i, j) for i, j, _ in pairs])
    best: dict[int, float] = {}
    for i, j, s in pairs:
        for x in (i, j):
            if root[x] != x:  # not the first of its group: dropped, with its highest similarity
                best[x] = max(best.get(x, 0.0), s)
    return [{"doc_id": docs[x].doc_id, "kept": docs[root[x]].doc_id, "similarity": round(best[x], 4)}
            for x in sorted(best)]  # fmt: skip


def _assemble(store: Any, stage: str, settings_key: str, doc_keys: list[str], out: Path) -> int:
    """Stream a stage's stored tables, in input order, into ``<stage>.parquet`` and ``<stage>.csv`` under one
    schema (the union of the documents' schemas, types promoted); returns the number of rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from policytext.cells import for_spreadsheet
    from policytext.export import CSV_LINE_END, versions

    schemas = store.schemas(stage, settings_key, doc_keys)
    pq_path, csv_path = out / f"{stage}.parquet", out / f"{stage}.csv"
    info = {"kind": stage, **versions()}
    csv_path.with_name(csv_path.name + ".meta.json").write_text(json.dumps(info, indent=2) + "\n", "utf-8")
    if not schemas:
        pd.DataFrame().to_parquet(pq_path, index=False)
        csv_path.write_text("\n", "utf-8")
        return 0
    plain = [s.remove_metadata() for s in schemas]
    schema = pa.unify_schemas(plain, promote_options="permissive")
    pandas_meta = next((s.metadata for s in schemas if s.names == schema.names and s.metadata), None)
    meta = dict(pandas_meta or {}) | {b"policytext": json.dumps(info).encode("utf-8")}
    schema = schema.with_metadata(meta)
    n = 0
    with pq.ParquetWriter(pq_path, schema) as writer, csv_path.open("w", encoding="utf-8", newline="") as f:
        batch: list[pa.Table] = []
        rows = 0

        def flush() -> None:
            nonlocal rows
            if not batch:
                return
            table = pa.concat_tables(batch)
            writer.write_table(table)
            for_spreadsheet(table.to_pandas()).to_csv(f, index=False, header=f.tell() == 0, lineterminator=CSV_LINE_END)
            batch.clear()
            rows = 0

        for t in store.tables(stage, settings_key, doc_keys):
            batch.append(_conform(t, schema))
            rows += t.num_rows
            n += t.num_rows
            if rows >= 100_000:
                flush()
        flush()
    return n


def _conform(table: Any, schema: Any) -> Any:
    """``table`` with exactly ``schema``'s columns, in order and types (absent columns null)."""
    import pyarrow as pa

    if table.schema.equals(schema, check_metadata=False):
        return table.replace_schema_metadata(schema.metadata)
    cols = [table.column(f.name).cast(f.type) if f.name in table.column_names else pa.nulls(table.num_rows, f.type)
            for f in schema]  # fmt: skip
    return pa.Table.from_arrays(cols, schema=schema)


def _write_frame(df: pd.DataFrame, path: Path, kind: str) -> None:
    from policytext.export import write_table

    write_table(df, path, kind=kind)


def _library_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for lib in ("jieba", "kiwipiepy", "konlpy", "spacy", "scikit-learn", "pandas", "dask", "distributed"):
        try:
            out[lib] = version(lib)
        except PackageNotFoundError:
            out[lib] = "absent"
    return out
