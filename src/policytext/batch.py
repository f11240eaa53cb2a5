"""One command over a whole corpus: every analysis, per document, parallel, cached and resumable.

``analyze(paths, out_dir)`` lists the input files (it does not read them), sends each document to a worker
(``policytext.engine``: in process, spawned processes, or Dask), where it is read, analysed stage by
stage (documents, counts, keywords, entities, topics) and each stage's result cached under
``out_dir/.cache`` keyed by (document hash, stage, settings). Interrupt it and run it again: finished
documents come from the cache; the tables are assembled in input order, so they are the same as an
uninterrupted run's. Tables are written as Parquet and CSV, with ``run.json``: inputs and their sha256,
tool and model versions, settings, timings, and every skipped file or row with its reason.
"""

from __future__ import annotations

import hashlib
import json
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
    _table_documents,
    load_document,
)
from policytext.engine import Cache, Failure, run
from policytext.engine.cache import digest
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


@dataclass(frozen=True)
class Job:
    """One unit of work: a file to read (with its manifest) or a document already read (a table row)."""

    index: int
    settings: Settings
    cache_dir: str | None
    keys: dict[str, str]
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
    return digest("file", _file_hash(p), rel, _file_hash(Path(job.manifest)) if job.manifest else None)


@dataclass
class Outcome:
    """What a worker sends back: the document's id and key, a table per stage, and per-stage timings."""

    doc_id: str
    doc_key: str
    source: str
    sha256: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    cached: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


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


def stage_keys(settings: Settings) -> dict[str, str]:
    """The settings key of each stage: only what that stage depends on."""
    v = _versions(settings)
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


def analyze_job(job: Job) -> Outcome:
    """Worker side: read the document, then run (or fetch from the cache) every stage."""
    if job.document is not None:
        doc = job.document
        source = doc.provenance.path if doc.provenance else doc.id
        sha = hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
    else:
        from policytext.manifest import read_manifest

        assert job.path is not None and job.root is not None
        p, root = Path(job.path), Path(job.root)
        man = read_manifest(job.manifest) if job.manifest else None
        doc = load_document(p, manifest=man)
        if man is None or man.match(p, doc.provenance.sha256 if doc.provenance else "") is None:
            doc.id = p.resolve().relative_to(root.resolve()).as_posix() if p != root else p.name
        source, sha = str(p), doc.provenance.sha256 if doc.provenance else ""
    doc_key = job.doc_key or job_key(job)
    out = Outcome(doc.id, doc_key, source, sha)
    cache = Cache(job.cache_dir) if job.cache_dir else None
    if cache:
        cache.put("_doc", doc_key, job.keys["documents"], pd.DataFrame([{"doc_id": doc.id, "source": source,
                                                                         "sha256": sha}]))  # fmt: skip
    keys = job.keys
    for stage in job.settings.stages:
        t0 = time.perf_counter()
        df = cache.get(stage, doc_key, keys[stage]) if cache else None
        if df is not None:
            out.cached.append(stage)
        else:
            df = _compute(stage, doc, job.settings)
            if cache:
                cache.put(stage, doc_key, keys[stage], df)
        out.tables[stage] = df
        out.seconds[stage] = time.perf_counter() - t0
    return out


def plan(paths: Sequence[Path], settings: Settings, cache_dir: str | None, keys: dict[str, str],
         skipped: list[dict[str, str]]) -> Iterator[Job]:  # fmt: skip
    """Jobs for every input, lazily: files are listed, not read; table rows are read one at a time."""
    manifests = {}
    for p in paths:
        if not p.exists():
            raise PolicytextError(f"{p}: no such file or folder")
        if p.is_dir():
            manifests.update(_manifests_for(p))
    i = 0
    for f, root in _iter_inputs(list(paths)):
        if f.suffix.lower() in TABLE_SUFFIXES:
            try:
                for item in _table_documents(f, lang=None, meta=None, text_col=None, id_col=None, year_col=None):
                    if isinstance(item, Document):
                        yield Job(i, settings, cache_dir, keys, document=item)
                        i += 1
                    else:
                        skipped.append({"path": item.path, "reason": item.reason})
            except ReaderError as e:
                skipped.append({"path": str(e.path), "reason": e.problem})
            continue
        man = _nearest_manifest(f, manifests)
        yield Job(i, settings, cache_dir, keys, path=str(f), root=str(root),
                  manifest=str(man.path) if man is not None else None)  # fmt: skip
        i += 1


def analyze(
    paths: Sequence[str | Path] | None,
    out_dir: str | Path,
    *,
    settings: Settings | None = None,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    cache: bool = True,
    progress: Any = None,
) -> dict[str, Any]:
    """Run every stage over every document; write tables and ``run.json`` to ``out_dir``; return the run record."""
    from policytext.resources import bundled_corpora

    settings = settings or Settings()
    bad = [s for s in settings.stages if s not in STAGES]
    if bad:
        raise PolicytextError(f"unknown stage(s) {', '.join(bad)}: use {', '.join(STAGES)}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    cache_dir = str(out / ".cache") if cache else None
    inputs = [Path(p) for p in paths] if paths else [bundled_corpora()]
    skipped: list[dict[str, str]] = []
    t0 = time.time()
    results: dict[int, Outcome] = {}
    sources: dict[int, str] = {}

    keys = stage_keys(settings)

    store = Cache(cache_dir) if cache_dir else None
    dispatched: list[int] = []

    def from_cache(job: Job) -> Outcome | None:
        """The whole outcome from the cache, read in this process: no worker is started for it."""
        if store is None:
            return None
        ident = store.get("_doc", job.doc_key, keys["documents"])
        if ident is None:
            return None
        tables = {}
        for stage in settings.stages:
            df = store.get(stage, job.doc_key, keys[stage])
            if df is None:
                return None
            tables[stage] = df
        row = ident.iloc[0]
        return Outcome(str(row["doc_id"]), job.doc_key, str(row["source"]), str(row["sha256"]), tables,
                       list(settings.stages), dict.fromkeys(settings.stages, 0.0))  # fmt: skip

    def jobs_iter() -> Iterator[Job]:
        for job in plan(inputs, settings, cache_dir, keys, skipped):
            sources[job.index] = job.path or (job.document.id if job.document else "")
            try:
                job = replace(job, doc_key=job_key(job))
            except OSError as e:
                skipped.append({"path": sources[job.index], "reason": f"cannot read: {e}"})
                continue
            done = from_cache(job)
            if done is not None:
                results[job.index] = done
                if progress is not None:
                    progress(done, settings.stages)
                continue
            dispatched.append(job.index)  # the engine numbers only what it was given
            yield job

    for n, res in run(analyze_job, jobs_iter(), jobs=jobs, engine=engine, scheduler=scheduler):
        i = dispatched[n]
        if isinstance(res, Failure):
            skipped.append({"path": sources.get(i, str(i)), "reason": res.error})
        else:
            results[i] = res
        if progress is not None:
            progress(res, settings.stages)
    order = sorted(results)
    tables: dict[str, pd.DataFrame] = {}
    for stage in settings.stages:
        frames = [results[i].tables[stage] for i in order if not results[i].tables[stage].empty]
        tables[stage] = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        for ext in ("parquet", "csv"):
            _write(tables[stage], out / f"{stage}.{ext}", stage)
    inputs_rec = [
        {"doc_id": r.doc_id, "source": r.source, "sha256": r.sha256, "cached_stages": r.cached}
        for r in (results[i] for i in order)
    ]
    seconds = {s: round(sum(results[i].seconds.get(s, 0.0) for i in order), 2) for s in settings.stages}
    computed = sum(1 for i in order if len(results[i].cached) < len(settings.stages))
    record = {
        "inputs": inputs_rec,
        "skipped": skipped,
        "settings": asdict(settings) | {"jobs": jobs, "engine": engine, "scheduler": scheduler, "cache": cache},
        "versions": asdict(_versions(settings)) | _library_versions(),
        "stage_keys": keys,
        "timings": {
            "wall_seconds": round(time.time() - t0, 2),
            "stage_seconds": seconds,
            "documents": len(order),
            "computed": computed,
        },
        "tables": {s: len(t) for s, t in tables.items()},
    }
    (out / "run.json").write_text(json.dumps(record, ensure_ascii=False, indent=2, default=str) + "\n", "utf-8")
    return record


def _write(df: pd.DataFrame, path: Path, kind: str) -> None:
    from policytext.export import write_table

    clean = df.copy()
    for col in clean.columns:
        if clean[col].dtype == object:
            clean[col] = clean[col].map(lambda v: v if v is None or isinstance(v, str) else str(v))
    write_table(clean, path, kind=kind)


def _library_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for lib in ("jieba", "kiwipiepy", "konlpy", "spacy", "scikit-learn", "pandas", "dask", "distributed"):
        try:
            out[lib] = version(lib)
        except PackageNotFoundError:
            out[lib] = "absent"
    return out
