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

from policytext.corpus import Document, Skipped, Source, duplicate_id_message, iter_sources, load_source
from policytext.engine import Cache, Failure, run
from policytext.engine.cache import digest, to_ipc
from policytext.engine.lock import OutputLock
from policytext.errors import PolicytextError
from policytext.selection import Selection, SelectionError
from policytext.stages import ANALYZE_DEFAULT, StageConfig, code_version, file_hash, fingerprint, for_analyze

STAGES = ANALYZE_DEFAULT


@dataclass(frozen=True)
class Settings:
    """The stage configs to run (``policytext.stages.for_analyze``) and whether to drop near-duplicates."""

    stages: tuple[StageConfig, ...] = ()
    dedupe: bool = False  # keep the first of each group of near-duplicate documents (Jaccard ≥ 0.8)

    @classmethod
    def of(cls, names: Sequence[str] = ANALYZE_DEFAULT, dedupe: bool = False, **options: Any) -> Settings:
        """Settings from stage names and the analysis options the commands take (terms, concepts, rule, ...)."""
        return cls(tuple(for_analyze(names, options)), dedupe)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.configs())

    def configs(self) -> tuple[StageConfig, ...]:
        return self.stages or tuple(for_analyze(ANALYZE_DEFAULT, {}))


@dataclass(frozen=True)
class Job:
    """One unit of work: a file to read (with its manifest) or a document already read (a table row),
    and the stage configs still to compute for it."""

    index: int
    stages: tuple[StageConfig, ...]
    selection: Selection = field(default_factory=Selection)
    path: str | None = None
    root: str | None = None
    manifest: str | None = None
    document: Document | None = None
    doc_key: str = ""
    minhash: bool = False


def job_key(job: Job) -> str:
    """The document's cache key, computed without decoding it: for a file, its bytes' hash, its path in
    the corpus and its manifest's hash (everything its id and metadata come from); for a table row, the
    hash of its text, its id and metadata."""
    if job.document is not None:
        d = job.document
        return digest(hashlib.sha256(d.text.encode("utf-8")).hexdigest(), d.id,
                      {k: v for k, v in d.meta.items() if k != "lang"})  # fmt: skip
    assert job.path is not None and job.root is not None
    rel = Source(Path(job.path), Path(job.root)).relative_id()
    return digest("file", _file_hash(Path(job.path)), rel, _manifest_hash(job.manifest) if job.manifest else None)


def _stamp(path: str) -> tuple[str, int, int]:
    st = Path(path).stat()
    return path, st.st_mtime_ns, st.st_size


def _manifest_hash(path: str) -> str:
    return file_hash(Path(path))


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


def stage_keys(settings: Settings) -> dict[str, str]:
    """The cache key of each stage: its config's fingerprint (fields, versions, files, tokenizers)."""
    return {c.name: fingerprint(c).key for c in settings.configs()}


def _ident_key() -> str:
    """The key of the stored document records (id, metadata): what reading a file depends on."""
    from policytext.resources import data_path

    return digest("ident", code_version(), file_hash(data_path("encoding_hints.yaml")),
                  file_hash(data_path("limits.yaml")))  # fmt: skip


MINHASH = "_minhash"  # a hidden stage: the document's MinHash signature, for --dedupe


def _minhash(doc: Document) -> pd.DataFrame:
    from policytext.dedupe import minhash

    return pd.DataFrame({"doc_id": doc.id, "minhash": [minhash(doc.view().text).tolist()]})


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
    man = _manifest_at(*_stamp(job.manifest)) if job.manifest else None
    doc = load_source(Source(Path(job.path), Path(job.root), man))
    return doc, job.path, doc.provenance.sha256 if doc.provenance else ""


def analyze_job(job: Job) -> Outcome:
    """Worker side: read the document; unless the selection leaves it out, compute the job's stages."""
    doc, source, sha = read_document(job)
    meta = {k: v for k, v in doc.meta.items() if k != "lang"}
    out = Outcome(doc.id, job.doc_key or job_key(job), source, sha, json.loads(json.dumps(meta, default=str)),
                  doc.lang or "")  # fmt: skip
    if job.selection and not job.selection.accepts(doc.id, meta, doc.lang or ""):
        out.excluded = True
        return out
    for config in job.stages:
        t0 = time.perf_counter()
        out.tables[config.name] = _encode(config.run([doc]))
        out.seconds[config.name] = time.perf_counter() - t0
    if job.minhash:
        out.tables[MINHASH] = _encode(_minhash(doc))
    return out


def plan(paths: Sequence[Path], settings: Settings, skipped: list[dict[str, str]]) -> Iterator[Job]:
    """Jobs for every input, lazily, from the corpus listing ``load_corpus`` uses: files are listed, not
    read; table rows are read one at a time."""
    for p in paths:
        if not p.exists():
            raise PolicytextError(f"{p}: no such file or folder")
    configs = settings.configs()
    for i, item in enumerate(iter_sources(list(paths))):
        if isinstance(item, Skipped):
            skipped.append({"path": item.path, "reason": item.reason})
        elif isinstance(item, Source):
            yield Job(i, configs, path=str(item.path), root=str(item.root), minhash=settings.dedupe,
                      manifest=str(item.manifest.path) if item.manifest is not None else None)  # fmt: skip
        else:
            yield Job(i, configs, document=item, minhash=settings.dedupe)


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
    configs = settings.configs()
    names = tuple(c.name for c in configs)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    store_dir = out / ".cache" if cache else out / f".spool-{time.time_ns()}"
    inputs = [Path(p) for p in paths] if paths else [bundled_corpora()]
    prints = {c.name: fingerprint(c) for c in configs}
    keys = {name: f.key for name, f in prints.items()}
    ident = _ident_key()
    work = names + ((MINHASH,) if settings.dedupe else ())
    work_keys = dict(keys) | ({MINHASH: digest(ident, "minhash-v1")} if settings.dedupe else {})
    t0 = time.time()
    skipped: list[dict[str, str]] = []
    stage_skipped: list[dict[str, str]] = []
    excluded: list[str] = []
    fields: set[str] = set()  # every metadata field seen, to check that --where names one
    done: dict[int, _Done] = {}
    seconds = dict.fromkeys(names, 0.0)
    sources: dict[int, str] = {}  # of the documents in flight only
    dispatched: dict[int, int] = {}  # the engine's numbering -> input index, in flight only
    numbering = itertools.count()
    lock = OutputLock(out).acquire()  # one run per output folder (#15)
    try:
        store = Cache(store_dir)
    except BaseException:
        lock.release()
        raise
    try:
        known = store.documents(ident)
        present = store.present(work_keys)

        def finish(index: int, res: Outcome, stored: bool = False) -> None:
            if not stored:
                store.put_document(res.doc_key, ident, res.record(),
                                   {s: (work_keys[s], *t) for s, t in res.tables.items()})  # fmt: skip
            fields.update(res.meta)
            if res.excluded:
                excluded.append(res.doc_id)
            else:
                for c in configs:  # a stage with no pipeline for the document's language: its table is empty
                    reason = c.skips(res.doc_id, res.lang or None)
                    if reason:
                        stage_skipped.append({"doc_id": res.doc_id, "stage": c.name, "reason": reason})
                done[index] = _Done(res.doc_key, res.doc_id, res.source, res.sha256,
                                    tuple(s for s in names if s in res.cached))  # fmt: skip
                for s, sec in res.seconds.items():
                    if s in seconds:
                        seconds[s] += sec
            if progress is not None and not res.excluded:
                progress(res, names)

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
                if rec is not None:
                    fields.update(rec["meta"])
                if rec is not None and selection and not selection.accepts(rec["doc_id"], rec["meta"], rec["lang"]):
                    excluded.append(rec["doc_id"])
                    continue
                missing = tuple(s for s in work if job.doc_key not in present[s])
                if not missing and job.doc_key in known:
                    r = known[job.doc_key]
                    finish(job.index, Outcome(r["doc_id"], job.doc_key, r["source"], r["sha256"], r["meta"],
                                              r["lang"], {}, list(names)), stored=True)  # fmt: skip
                    continue
                dispatched[next(numbering)] = job.index
                sources[job.index] = job.path or (job.document.id if job.document else "")
                yield replace(job, stages=tuple(c for c in configs if c.name in missing), minhash=MINHASH in missing,
                              selection=selection if rec is None else Selection())  # fmt: skip

        for n, res in run(analyze_job, jobs_iter(), jobs=jobs, engine=engine, scheduler=scheduler):
            i = dispatched.pop(n)
            source = sources.pop(i, str(i))
            if isinstance(res, Failure):
                if res.error.startswith(SelectionError.__name__):
                    raise PolicytextError(res.error.partition(": ")[2])
                skipped.append({"path": source, "reason": res.error})
                continue
            res.cached = [s for s in names if s not in res.tables]
            finish(i, res)
        selection.check_fields(fields)
        order = _unique_ids(sorted(done), done, skipped)
        dropped = _dedupe(inputs, settings, store, work_keys, [done[i] for i in order]) if settings.dedupe else []
        gone = {d["doc_id"] for d in dropped}
        order = [i for i in order if done[i].doc_id not in gone]
        doc_keys = [done[i].doc_key for i in order]
        sizes = {c.name: _assemble(store, c.name, keys[c.name], doc_keys, out, prints[c.name].record)
                 for c in configs}  # fmt: skip
    finally:
        store.close()
        lock.release()
        if not cache:
            shutil.rmtree(store_dir, ignore_errors=True)
    if dropped:
        _write_frame(pd.DataFrame(dropped), out / "dropped_duplicates.csv", "dropped_duplicates")
    inputs_rec = [{"doc_id": done[i].doc_id, "source": done[i].source, "sha256": done[i].sha256,
                   "cached_stages": list(done[i].cached)} for i in order]  # fmt: skip
    computed = sum(1 for i in order if len(done[i].cached) < len(names))
    record = {
        "inputs": inputs_rec,
        "skipped": skipped,
        "stage_skipped": stage_skipped,
        "cache_warnings": store.warnings,
        "excluded_by_filter": {"selection": asdict(selection), "count": len(excluded), "doc_ids": excluded},
        "dropped_duplicates": dropped,
        "settings": {"stages": {c.name: asdict(c) for c in configs}, "dedupe": settings.dedupe, "jobs": jobs,
                     "engine": engine, "scheduler": scheduler, "cache": cache},
        "versions": {"policytext": _policytext_version()} | _library_versions(),
        "stage_keys": keys,
        "fingerprints": {name: f.record for name, f in prints.items()},
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


def _unique_ids(order: list[int], done: dict[int, _Done], skipped: list[dict[str, str]]) -> list[int]:
    """Input order without the later documents of a duplicate id, each skipped as ``load_corpus`` skips it."""
    seen: dict[str, str] = {}
    keep = []
    for i in order:
        d = done[i]
        if d.doc_id in seen:
            skipped.append({"path": d.source, "reason": duplicate_id_message(d.doc_id, seen[d.doc_id])})
            continue
        seen[d.doc_id] = d.source
        keep.append(i)
    return keep


def _policytext_version() -> str:
    from policytext import __version__

    return __version__


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


def _assemble(store: Any, stage: str, settings_key: str, doc_keys: list[str], out: Path,
              fingerprint_record: dict[str, Any]) -> int:  # fmt: skip
    """Stream a stage's stored tables, in input order, into ``<stage>.parquet`` and ``<stage>.csv`` under one
    schema (the union of the documents' schemas, types promoted); returns the number of rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from policytext.cells import for_spreadsheet
    from policytext.export import CSV_LINE_END, versions

    schemas = store.schemas(stage, settings_key, doc_keys)
    pq_path, csv_path = out / f"{stage}.parquet", out / f"{stage}.csv"
    info = {"kind": stage, **versions(), "fingerprint": {"key": settings_key, **fingerprint_record}}
    csv_path.with_name(csv_path.name + ".meta.json").write_text(json.dumps(info, indent=2, default=str) + "\n", "utf-8")
    if not schemas:
        pd.DataFrame().to_parquet(pq_path, index=False)
        csv_path.write_text("\n", "utf-8")
        return 0
    plain = [s.remove_metadata() for s in schemas]
    schema = pa.unify_schemas(plain, promote_options="permissive")
    pandas_meta = next((s.metadata for s in schemas if s.names == schema.names and s.metadata), None)
    meta = dict(pandas_meta or {}) | {b"policytext": json.dumps(info, default=str).encode("utf-8")}
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
