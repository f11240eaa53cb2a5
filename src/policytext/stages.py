"""The analyses as stages: a frozen config per analysis and one pure function ``documents → DataFrame``.

Every command and ``analyze`` run an analysis through its config here, so a table from ``policytext count
-o`` and the ``counts`` table of ``analyze`` come from the same call. A config's ``fingerprint`` covers its
fields, the policytext version and source hash, the content hash of every data file, user file and model it reads, the
libraries it runs and the tokenizers' own ``settings()``: it is ``analyze``'s cache key and it fills the
``settings`` column of every row, so any number traces to exactly what produced it. ``reads()`` is checked
against the files a stage really opens (tests/test_contract.py).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

import pandas as pd

from policytext.corpus import Document
from policytext.errors import PolicytextError
from policytext.schema import conform

log = logging.getLogger(__name__)

#: data files every stage reads through the document (text decoding)
_BASE = ("encoding_hints.yaml", "limits.yaml")
_TOKENS = ("tagsets.yaml", "policy_terms.csv")


def _data(*names: str) -> list[Path]:
    from policytext.resources import data_path

    return [data_path(*n.split("/")) for n in names]


def _model_files(name: str) -> list[Path]:
    from policytext.resources import models_dir

    d = models_dir() / name
    return sorted(p for p in d.rglob("*") if p.is_file()) if d.is_dir() else [d]


@lru_cache(maxsize=4096)
def _hash_at(path: str, mtime_ns: int, size: int) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()[:16]


def file_hash(path: Path) -> str:
    """A file's content hash, computed once per process while its size and time stamp are unchanged."""
    try:
        st = path.stat()
    except OSError:
        return "absent"
    return _hash_at(str(path), st.st_mtime_ns, st.st_size)


def _label(path: Path) -> str:
    """A path as it appears in a fingerprint record: relative to the package data or models when inside."""
    from policytext.resources import data_path, models_dir

    for root, name in ((data_path(), "data"), (models_dir(), "models")):
        try:
            return f"{name}/{path.resolve().relative_to(root.resolve()).as_posix()}"
        except ValueError:
            continue
    return str(path)


@lru_cache(maxsize=1)
def code_version() -> str:
    """The policytext version and a hash of its source files: a code change (an editable install, a patch)
    recomputes every cached result even when the version number stays the same."""
    from policytext import __version__

    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for f in sorted(root.rglob("*.py")):
        h.update(f.relative_to(root).as_posix().encode())
        h.update(f.read_bytes())
    return f"{__version__}+{h.hexdigest()[:12]}"


def _libraries(names: Sequence[str]) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for lib in names:
        try:
            out[lib] = version(lib)
        except PackageNotFoundError:
            out[lib] = "absent"
    return out


@dataclass(frozen=True)
class StageConfig:
    """Base of every analysis config: its name, whether it can run document by document, what it reads."""

    name: ClassVar[str] = ""
    libraries: ClassVar[tuple[str, ...]] = ()
    languages: ClassVar[tuple[str, ...] | None] = None  # the languages it has a pipeline for; None: any

    def skips(self, doc_id: str, lang: str | None) -> str | None:
        """Why this stage leaves out a document in ``lang`` (a message naming it), or None when it runs on it."""
        if self.languages is None or lang in self.languages:
            return None
        return (f"{doc_id}: no {self.name} pipeline for language {lang!r} ({', '.join(self.languages)}); "
                f"{self.name} skipped for this document, its other analyses kept")  # fmt: skip

    @property
    def per_document(self) -> bool:
        """True when the table of a corpus is the tables of its documents, one after the other."""
        return True

    def reads(self) -> list[Path]:
        """Every data file, user file and model file the analysis reads."""
        return _data(*_BASE)

    def tokenizers(self) -> list[dict[str, Any]]:
        """The tokenizer settings (``Tokenizer.settings()``) the analysis runs with."""
        return []

    def compute(self, docs: Sequence[Document]) -> pd.DataFrame:
        """The analysis itself (no I/O but reading its data files)."""
        raise NotImplementedError

    def run(self, docs: Sequence[Document]) -> pd.DataFrame:
        """The analysis's table in the common schema, every row's ``settings`` carrying the fingerprint."""
        df = conform(self.compute(list(docs)))
        return with_fingerprint(df, fingerprint(self).key)


@dataclass(frozen=True)
class Fingerprint:
    """A config's cache key and the record it was computed from."""

    key: str
    record: dict[str, Any]


def fingerprint(config: StageConfig) -> Fingerprint:
    """The fingerprint of ``config``: its fields, versions, tokenizer settings and every file it reads.

    Computed once per process for a config and the content hashes of its files (``file_hash``, itself
    cached by time stamp and size): ``run`` asks for it once per document.
    """
    paths = config.reads()
    files = tuple((str(p), file_hash(p)) for p in paths)
    key: Any = (config, files)
    try:
        hit = _FINGERPRINTS.get(key)
    except TypeError:  # a config holding an unhashable value: computed every time
        hit, key = None, None
    if hit is None:
        hit = _fingerprint(config, paths, [h for _, h in files])
        if key is not None:
            _FINGERPRINTS[key] = hit
    return hit


_FINGERPRINTS: dict[Any, Fingerprint] = {}


def _fingerprint(config: StageConfig, paths: list[Path], hashes: list[str]) -> Fingerprint:
    record = {
        "stage": config.name,
        "config": asdict(config),
        "policytext": code_version(),
        "files": {_label(p): h for p, h in zip(paths, hashes, strict=True)},
        "tokenizers": config.tokenizers(),
        "libraries": _libraries(config.libraries),
    }
    raw = json.dumps(record, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8")
    return Fingerprint(f"{config.name}:{hashlib.sha256(raw).hexdigest()[:16]}", record)


def with_fingerprint(df: pd.DataFrame, key: str) -> pd.DataFrame:
    """``settings`` as a JSON object holding ``fingerprint`` (merged into an existing settings description)."""
    if "settings" in df.columns and len(df):
        df["settings"] = [json.dumps({"fingerprint": key, **json.loads(s)}, ensure_ascii=False, sort_keys=True)
                          if isinstance(s, str) and s.startswith("{") else json.dumps({"fingerprint": key})
                          for s in df["settings"]]  # fmt: skip
    else:
        df["settings"] = json.dumps({"fingerprint": key})
    return df


def _zh_tokenizer(hmm: bool = True, pos: bool = False) -> dict[str, Any]:
    from policytext.tokenize.registry import get_tokenizer

    return dict(get_tokenizer("zh", hmm=hmm, pos=pos).settings())


def _ko_tokenizer(backend: str | None) -> dict[str, Any]:
    from policytext.tokenize.registry import get_tokenizer

    return dict(get_tokenizer("ko", backend).settings())


@dataclass(frozen=True)
class Documents(StageConfig):
    """One row per document: the ``corpus info`` columns, every other metadata field, and with ``tokens``
    the number of tokens and paragraphs."""

    name: ClassVar[str] = "documents"
    tokens: bool = False
    ko_backend: str | None = None

    def reads(self) -> list[Path]:
        return super().reads() + (_data(*_TOKENS) if self.tokens else [])

    def tokenizers(self) -> list[dict[str, Any]]:
        return [_zh_tokenizer(), _ko_tokenizer(self.ko_backend)] if self.tokens else []

    def compute(self, docs: Sequence[Document]) -> pd.DataFrame:
        from policytext.corpus import INFO_COLUMNS

        rows = []
        for doc in docs:
            info = doc.info()
            for k, v in doc.meta.items():
                if k not in info and k not in ("lang", "script") and not k.startswith("_"):
                    info[k] = json.dumps(v, ensure_ascii=False, default=str) if isinstance(v, dict | list) else v
            if self.tokens:
                info.update(n_tokens=len(doc.tokens(ko_backend=self.ko_backend, pos=False)),
                            n_paragraphs=len(doc.paragraphs()))  # fmt: skip
            rows.append(info)
        df = pd.DataFrame(rows, columns=None if rows else list(INFO_COLUMNS))
        for col in df.columns:
            if df[col].dtype == object and col not in ("doc_id", "lang"):
                df[col] = df[col].map(lambda v: v if v is None or isinstance(v, str) else str(v))
        return df


@dataclass(frozen=True)
class _Matching(StageConfig):
    """What a mention is: terms (``a|b``, ``re:``, wildcards) or a concept lexicon, under a counting rule."""

    terms: tuple[str, ...] = ()
    concepts: str | None = None  # 'default' (the bundled lexicon) or a YAML path
    rule: str = "surface"
    t2s: bool = False
    hanja: bool = False
    lemma: bool = False
    ko_backend: str | None = None
    hmm: bool = True
    section: str | None = None

    def __post_init__(self) -> None:
        if self.concepts is None and not self.terms:
            raise PolicytextError("no terms given (or use a concept lexicon: --concepts default)")
        if self.concepts is not None and self.rule not in ("concept", "surface"):
            raise PolicytextError(f"--rule {self.rule} with --concepts: a lexicon is counted under the concept rule")
        if self.concepts is not None:
            object.__setattr__(self, "rule", "concept")  # one spelling of one rule: one fingerprint
        object.__setattr__(self, "terms", tuple(self.terms))

    def reads(self) -> list[Path]:
        files = [*super().reads(), *_data("sections.yaml")]
        if self.concepts == "default":
            from policytext.keywords.lexicon import BUNDLED

            files += _data(BUNDLED, "policy_terms.csv")
        elif self.concepts is not None:
            files.append(Path(self.concepts))
        if self.rule == "token":
            files += _data(*_TOKENS)
        return files

    def tokenizers(self) -> list[dict[str, Any]]:
        return [_zh_tokenizer(self.hmm), _ko_tokenizer(self.ko_backend)] if self.rule == "token" else []

    @property
    def rule_used(self) -> str:
        return "concept" if self.concepts is not None else self.rule

    def hits(self, docs: Sequence[Document]) -> pd.DataFrame:
        from policytext.keywords.count import find_hits

        return find_hits(docs, list(self.terms), lexicon=self._lexicon(), rule=self.rule_used, t2s=self.t2s,
                         lemma=self.lemma, ko_backend=self.ko_backend, hmm=self.hmm, hanja=self.hanja,
                         section=self.section)  # fmt: skip

    def _lexicon(self) -> Any:
        if self.concepts is None:
            return None
        path = None if self.concepts == "default" else Path(self.concepts)
        if path is not None and not path.is_file():
            raise PolicytextError(f"{path}: concept lexicon not found")
        stamp = (path.stat().st_mtime_ns, path.stat().st_size) if path else (0, 0)
        return _load_lexicon(str(path) if path else None, *stamp)


@lru_cache(maxsize=8)
def _load_lexicon(path: str | None, mtime_ns: int, size: int) -> Any:
    """A concept lexicon, loaded once per process while its file is unchanged (its matcher is cached with it)."""
    from policytext.keywords.lexicon import load_lexicon

    return load_lexicon(path)


@dataclass(frozen=True)
class Hits(_Matching):
    """Every counted mention: document, year, sentence, offsets, what matched, section, rule."""

    name: ClassVar[str] = "hits"

    def compute(self, docs: Sequence[Document]) -> pd.DataFrame:
        return self.hits(docs)


@dataclass(frozen=True)
class Kwic(_Matching):
    """Every counted mention with ``window`` characters of context either side (the rows of ``hits``)."""

    name: ClassVar[str] = "kwic"
    window: int = 30

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.window < 0:
            raise PolicytextError(f"--window {self.window}: a window is a number of characters, 0 or more")

    def compute(self, docs: Sequence[Document]) -> pd.DataFrame:
        from policytext.keywords.kwic import kwic

        return kwic(docs, self.hits(docs), self.window)


@dataclass(frozen=True)
class Counts(_Matching):
    """Counts per group (``by``) and term or concept: count, n_chars, rate per 10k characters, doc_freq."""

    name: ClassVar[str] = "counts"
    by: tuple[str, ...] = ("year",)

    @property
    def per_document(self) -> bool:
        return "doc_id" in self.by

    def compute(self, docs: Sequence[Document]) -> pd.DataFrame:
        from policytext.keywords.count import count

        return count(docs, list(self.terms), by=self.by, lexicon=self._lexicon(), rule=self.rule_used, t2s=self.t2s,
                     lemma=self.lemma, ko_backend=self.ko_backend, hmm=self.hmm, hanja=self.hanja,
                     section=self.section, hits=self.hits(docs))  # fmt: skip


@dataclass(frozen=True)
class Keywords(StageConfig):
    """Top keywords per group (``by``, per document by default) under raw frequency, TF-IDF and TextRank."""

    name: ClassVar[str] = "keywords"
    by: tuple[str, ...] = ("doc_id",)
    top: int = 20
    methods: tuple[str, ...] = ("freq", "tfidf", "textrank")
    ko_backend: str | None = None

    def __post_init__(self) -> None:
        from policytext.keywords.extract import METHODS

        bad = [m for m in self.methods if m not in METHODS]
        if bad:
            raise PolicytextError(f"unknown keyword method {', '.join(bad)}: use {', '.join(METHODS)}")
        if self.top < 1:
            raise PolicytextError(f"--top {self.top}: give 1 or more")

    @property
    def per_document(self) -> bool:
        return "doc_id" in self.by and "tfidf" not in self.methods  # TF-IDF weighs terms across the groups

    def reads(self) -> list[Path]:
        return super().reads() + _data(*_TOKENS, "stopwords/zh.txt", "stopwords/ko.txt")

    def tokenizers(self) -> list[dict[str, Any]]:
        return [_zh_tokenizer(pos=True), _ko_tokenizer(self.ko_backend)]

    def compute(self, docs: Sequence[Document]) -> pd.DataFrame:
        from policytext.keywords.extract import keywords

        return keywords(docs, by=self.by, top=self.top, methods=self.methods)


@dataclass(frozen=True)
class Collocations(StageConfig):
    """Words within ``window`` content words of a term: co-occurrence frequency, PMI, log-likelihood."""

    name: ClassVar[str] = "collocations"
    term: str = ""
    window: int = 5
    by: tuple[str, ...] = ()
    min_freq: int = 2
    top: int = 20

    def __post_init__(self) -> None:
        if not self.term:
            raise PolicytextError("collocations need a node term")
        if self.window < 1:
            raise PolicytextError(f"--window {self.window}: give 1 or more content words")

    @property
    def per_document(self) -> bool:
        return "doc_id" in self.by

    def reads(self) -> list[Path]:
        return super().reads() + _data(*_TOKENS, "sections.yaml", "stopwords/zh.txt", "stopwords/ko.txt")

    def tokenizers(self) -> list[dict[str, Any]]:
        return [_zh_tokenizer(pos=True), _ko_tokenizer(None)]

    def compute(self, docs: Sequence[Document]) -> pd.DataFrame:
        from policytext.keywords.collocations import collocations

        return collocations(docs, self.term, window=self.window, by=self.by, min_freq=self.min_freq, top=self.top)


@dataclass(frozen=True)
class Entities(StageConfig):
    """Entity mentions (trained NER + gazetteer + rules, or rules only) with offsets, ids and sentences."""

    name: ClassVar[str] = "entities"
    libraries: ClassVar[tuple[str, ...]] = ("spacy",)
    languages: ClassVar[tuple[str, ...] | None] = ("zh", "ko")
    model: bool = True
    labels: tuple[str, ...] = ()

    def reads(self) -> list[Path]:
        files = super().reads() + _data(*_TOKENS, "entities/canonical.csv", "entities/labels.yaml", "numbers.yaml",
                                        "entities/ko_not_names.csv", "entities/zh_surnames.txt",
                                        "entities/zh_org_heads.txt", "entities/ko_org_heads.txt")  # fmt: skip
        if self.model:
            files += _model_files("ner-zh") + _model_files("ner-ko")
        return files

    def tokenizers(self) -> list[dict[str, Any]]:
        return [_zh_tokenizer(), _ko_tokenizer(None)]

    def compute(self, docs: Sequence[Document]) -> pd.DataFrame:
        from policytext.entities import entities

        kept = []
        for d in docs:
            reason = self.skips(d.id, d.lang)
            if reason:
                log.warning("%s", reason)
            else:
                kept.append(d)
        df = entities(kept, model=self.model)
        if self.labels:
            df = df[df["label"].isin([x.upper() for x in self.labels])].reset_index(drop=True)
        return df


@dataclass(frozen=True)
class Topics(StageConfig):
    """The policy area of every sentence, paragraph or section, with its probability and runner-up."""

    name: ClassVar[str] = "topics"
    libraries: ClassVar[tuple[str, ...]] = ("scikit-learn", "skops")
    unit: str = "sentence"
    model_dir: str | None = None
    section: str | None = None

    def __post_init__(self) -> None:
        if self.unit not in ("sentence", "paragraph", "section"):
            raise PolicytextError(f"--unit {self.unit!r}: use sentence, paragraph or section")

    def reads(self) -> list[Path]:
        files = super().reads() + _data(*_TOKENS, "sections.yaml", "topics/policy_areas.yaml", "topics/model_types.txt")
        if self.model_dir:
            d = Path(self.model_dir)
            return files + (sorted(p for p in d.rglob("*") if p.is_file()) if d.is_dir() else [d])
        return files + _model_files("topics-zh") + _model_files("topics-ko")

    def tokenizers(self) -> list[dict[str, Any]]:
        return [_zh_tokenizer(), _ko_tokenizer(None)]

    def compute(self, docs: Sequence[Document]) -> pd.DataFrame:
        from policytext.topics import classify

        docs = [d for d in docs if d.lang in ("zh", "ko")] if self.model_dir is None else list(docs)
        assigned = classify(docs, self.unit, self.model_dir)
        if self.section and len(assigned):
            spans = {d.id: d.section_spans(self.section) for d in docs}
            rows = zip(assigned["doc_id"], assigned["start"], assigned["end"], strict=True)
            keep = [any(s <= int(a) and int(b) <= e for s, e in spans[str(d)]) for d, a, b in rows]
            assigned = assigned[keep].reset_index(drop=True)
        return assigned


@dataclass(frozen=True)
class Targets(StageConfig):
    """Every target, outcome and forecast figure a document states for the indicator lexicon."""

    name: ClassVar[str] = "targets"
    indicators: str | None = None  # a YAML path; None = the bundled lexicon
    indicator: str | None = None

    def reads(self) -> list[Path]:
        files = super().reads() + _data("targets/cues.yaml", "numbers.yaml", "sections.yaml")
        return files + ([Path(self.indicators)] if self.indicators else _data("targets/indicators.yaml"))

    def compute(self, docs: Sequence[Document]) -> pd.DataFrame:
        from policytext.targets import extract_targets, load_indicators

        inds = load_indicators(self.indicators)
        if self.indicator is not None and self.indicator not in inds:
            raise PolicytextError(f"unknown indicator {self.indicator!r}; known: {', '.join(inds)}")
        return extract_targets(docs, inds, indicator=self.indicator)


REGISTRY: dict[str, type[StageConfig]] = {
    c.name: c for c in (Documents, Hits, Kwic, Counts, Keywords, Collocations, Entities, Topics, Targets)
}
#: the stages ``analyze`` runs by default, with their default configs there
ANALYZE_DEFAULT = ("documents", "counts", "keywords", "entities", "topics")


def config_fields(name: str) -> list[str]:
    """The fields of a stage's config (what a user can set)."""
    return [f.name for f in fields(REGISTRY[name])]


def make(name: str, **options: Any) -> StageConfig:
    """A stage config by name from options (unknown options are an error naming the stage's fields)."""
    if name not in REGISTRY:
        raise PolicytextError(f"unknown stage {name!r}: use {', '.join(REGISTRY)}")
    known = set(config_fields(name))
    bad = [k for k in options if k not in known]
    if bad:
        raise PolicytextError(f"stage {name} has no option {', '.join(bad)} (options: {', '.join(sorted(known))})")
    return REGISTRY[name](**options)


def for_analyze(names: Sequence[str], options: dict[str, Any]) -> list[StageConfig]:
    """The configs ``analyze`` runs: per-document versions of the stages, each taking the options it has.

    Counts, keywords and collocations are grouped by document (so the table of a corpus is its documents'
    tables); documents count tokens; counts, hits and kwic count the bundled concept lexicon unless terms or
    ``concepts`` are given.
    """
    out: list[StageConfig] = []
    for name in names:
        if name not in REGISTRY:
            raise PolicytextError(f"unknown stage {name!r}: use {', '.join(REGISTRY)}")
        known = set(config_fields(name))
        opts = {k: v for k, v in options.items() if k in known and v is not None}
        if name == "documents":
            opts.setdefault("tokens", True)
        if name in ("counts", "hits", "kwic") and not opts.get("terms"):
            opts.setdefault("concepts", "default")
        if name in ("counts", "keywords", "collocations"):
            opts["by"] = ("doc_id",)
        if name == "keywords":
            opts.setdefault("methods", ("freq",))
        cfg = REGISTRY[name](**opts)
        if not cfg.per_document:
            raise PolicytextError(f"stage {name} with these options depends on the whole corpus (e.g. TF-IDF): "
                                  f"run `policytext {name}` instead")  # fmt: skip
        out.append(cfg)
    return out

