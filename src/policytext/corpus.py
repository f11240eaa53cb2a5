"""Documents and corpora: text as decoded, metadata, provenance, and lazily computed views.

``Document.text`` is the file decoded with its detected encoding, a leading BOM removed and nothing else
changed. Every offset policytext reports is a Python string index into it, end-exclusive.
"""

from __future__ import annotations

import bisect
import logging
import os
import re
import weakref
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policytext.errors import PolicytextError, ReaderError
from policytext.listing import OnSkip
from policytext.listing import iter_inputs as list_inputs
from policytext.manifest import MANIFEST_NAMES, Manifest, read_manifest
from policytext.readers import Block, read_file
from policytext.readers.base import sha256_bytes
from policytext.readers.table import TABLE_SUFFIXES, iter_table
from policytext.text.normalize import NormalizedView, NormalizeOptions, normalize
from policytext.text.paragraphs import Paragraph, split_paragraphs
from policytext.text.scripts import detect_language, han_variant
from policytext.text.sections import Section, find_sections, section_label_pattern
from policytext.text.sentences import Sentence, split_sentences
from policytext.tokenize.base import Token

log = logging.getLogger(__name__)

CORE_FIELDS = ("year", "country", "doctype", "lang", "title", "source_url")
INFO_COLUMNS = ("doc_id", "lang", "script", "year", "country", "doctype", "chars", "sentences", "file", "encoding",
                "reader")  # fmt: skip
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


@dataclass(frozen=True)
class Provenance:
    """Where a document came from: file, hash, reader, encoding, pages or paragraphs."""

    path: str
    sha256: str
    reader: str
    encoding: str | None = None
    blocks: tuple[Block, ...] = ()
    notes: tuple[str, ...] = ()
    row: int | None = None  # for a document that is a row of a table file


@dataclass
class Document:
    """One document: its text, metadata (year, country, doctype, lang, ...) and provenance."""

    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    provenance: Provenance | None = None
    _views: dict[NormalizeOptions, NormalizedView] = field(default_factory=dict, repr=False, compare=False)
    _sentences: list[Sentence] | None = field(default=None, repr=False, compare=False)
    _sections: list[Section] | None = field(default=None, repr=False, compare=False)
    _sentence_starts: list[int] = field(default_factory=list, repr=False, compare=False)
    _tokens: dict[tuple[Any, ...], list[Token]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def lang(self) -> str | None:
        """Language code ('zh', 'ko', ...) from metadata, else detected from the text."""
        lang = self.meta.get("lang")
        if not lang:
            lang = detect_language(self.text)
            self.meta["lang"] = lang
        return lang

    @property
    def year(self) -> int | None:
        """Year from metadata, or None when unknown."""
        y = self.meta.get("year")
        return int(y) if y is not None else None

    def view(self, options: NormalizeOptions | None = None) -> NormalizedView:
        """The normalised view of the text under ``options`` (cached)."""
        opts = options or NormalizeOptions()
        if opts not in self._views:
            self._views[opts] = normalize(self.text, opts)
        return self._views[opts]

    def sentences(self) -> list[Sentence]:
        """Sentences with offsets into ``text`` (rules in ``policytext.text.sentences``)."""
        if self._sentences is None:
            self._sentences = split_sentences(self.text, self.lang, self.view())
            self._sentence_starts = [s.start for s in self._sentences]
        return self._sentences

    def paragraphs(self) -> list[Paragraph]:
        """Paragraphs with offsets into ``text`` (rules in ``policytext.text.paragraphs``)."""
        return split_paragraphs(self.text, self.lang)

    def sections(self) -> list[Section]:
        """Numbered sections (heading, level, span) found by the markers in ``data/sections.yaml``."""
        if self._sections is None:
            self._sections = find_sections(self.text, self.lang)
        return self._sections

    def section_spans(self, label: str) -> list[tuple[int, int]]:
        """Spans of the sections whose title matches ``label`` (``tasks``, ``review``, text or ``re:...``)."""
        rx = section_label_pattern(label)
        return [(s.start, s.end) for s in self.sections() if rx.search(s.title)]

    def sentence_at(self, offset: int) -> Sentence | None:
        """The sentence containing character ``offset``, or None (white space between sentences)."""
        sents = self.sentences()
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and sents[i].start <= offset < sents[i].end:
            return sents[i]
        return None

    def tokens(
        self,
        *,
        ko_backend: str | None = None,
        hmm: bool = True,
        pos: bool = True,
        normalize_options: NormalizeOptions | None = None,
        zh_engine: str | None = None,
    ) -> list[Token]:
        """Tokens of the whole document; ``text[t.start:t.end] == t.surface`` for every token.

        Tokenized once per setting: the stages run on one document (counts, keywords, topics) share the list,
        which is kept for the most recently tokenized documents only (``_TOKEN_CACHE_DOCS``), so a command
        over a large corpus does not hold every document's tokens.
        """
        from policytext.tokenize.registry import pos_matters, tokenize_view

        pos = pos or not pos_matters(self.lang)  # one tokenization of a Korean document for either setting
        key = (ko_backend, hmm, pos, normalize_options or NormalizeOptions(), zh_engine)
        cached = self._tokens.get(key)
        if cached is None:
            cached = tokenize_view(self.view(normalize_options), self.lang, ko_backend=ko_backend, hmm=hmm, pos=pos,
                                   zh_engine=zh_engine)  # fmt: skip
            self._tokens[key] = cached
            _remember(self, key)
        return cached

    @property
    def script(self) -> str | None:
        """For Chinese text: 'Hant' (Traditional) or 'Hans' (Simplified), detected; else None."""
        if "script" not in self.meta:
            self.meta["script"] = han_variant(self.text) if self.lang == "zh" else None
        value = self.meta["script"]
        return str(value) if value else None

    def info(self) -> dict[str, Any]:
        """One row for ``corpus info``."""
        prov = self.provenance
        return {
            "doc_id": self.id,
            "lang": self.lang,
            "script": self.script,
            "year": self.year,
            "country": self.meta.get("country"),
            "doctype": self.meta.get("doctype"),
            "chars": len(self.text),
            "sentences": len(self.sentences()),
            "file": prov.path if prov else None,
            "encoding": prov.encoding if prov else None,
            "reader": prov.reader if prov else None,
        }


_TOKEN_CACHE_DOCS = 8
_RECENT: deque[tuple[weakref.ref[Document], tuple[Any, ...]]] = deque()


def _remember(doc: Document, key: tuple[Any, ...]) -> None:
    """Keep the token lists of the last few (document, setting) pairs; drop the oldest beyond that."""
    _RECENT.append((weakref.ref(doc), key))
    while len(_RECENT) > _TOKEN_CACHE_DOCS:
        ref, old = _RECENT.popleft()
        d = ref()
        if d is not None:
            d._tokens.pop(old, None)


@dataclass(frozen=True)
class Skipped:
    """A file that was not loaded, and why."""

    path: str
    reason: str


@dataclass
class Corpus:
    """An ordered collection of documents plus the files that could not be loaded."""

    documents: list[Document]
    skipped: list[Skipped] = field(default_factory=list)
    root: str | None = None

    def __iter__(self) -> Iterator[Document]:
        return iter(self.documents)

    def __len__(self) -> int:
        return len(self.documents)

    def __getitem__(self, key: int | str) -> Document:
        if isinstance(key, int):
            return self.documents[key]
        for d in self.documents:
            if d.id == key:
                return d
        raise KeyError(key)

    def metadata(self) -> Any:
        """A pandas DataFrame of every document's metadata (one row per document: ``doc_id``, ``lang``, fields)."""
        import pandas as pd

        rows = [{**d.meta, "doc_id": d.id, "lang": d.lang} for d in self.documents]
        df = pd.DataFrame(rows)
        if "year" in df:
            df["year"] = df["year"].astype("Int64")
        return df

    def filter(self, where: str | None = None, since: int | None = None, until: int | None = None) -> Corpus:
        """Documents whose metadata satisfy ``where`` (a pandas query, e.g. ``kind == '신년사'``) and whose
        year lies in [since, until]; with a year bound, documents of unknown year are left out (and said so).
        The rule is ``policytext.selection.Selection``, the same in every command and in ``analyze``.
        """
        from policytext.selection import Selection

        sel = Selection(where, since, until)
        if not sel or not self.documents:
            return Corpus(list(self.documents), list(self.skipped), self.root)
        if since is not None or until is not None:
            unknown = sum(1 for d in self.documents if d.year is None)
            if unknown:
                log.warning("%d documents of unknown year left out by --since/--until", unknown)
        keep = sel.mask(self.metadata()).tolist()
        return Corpus([d for d, k in zip(self.documents, keep, strict=True) if k], list(self.skipped), self.root)

    def info(self) -> Any:
        """A pandas DataFrame, one row per document: doc_id, lang, year, country, doctype, chars, sentences, file."""
        import pandas as pd

        df = pd.DataFrame([d.info() for d in self.documents], columns=list(INFO_COLUMNS))
        df["year"] = df["year"].astype("Int64")
        return df


def check_year_range(since: int | None, until: int | None) -> None:
    """Raise PolicytextError when ``since`` is after ``until`` (the selection would be empty by mistake)."""
    if since is not None and until is not None and since > until:
        raise PolicytextError(f"--since {since} is after --until {until}: no year can match; swap them")


def _parse_year(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


def _log_skip(path: str, reason: str) -> None:
    log.warning("skipped %s: %s", path, reason)


def manifests_for(root: Path, on_skip: OnSkip | None = None) -> dict[Path, Manifest]:
    """The manifests under ``root`` by folder; their bad rows go to ``on_skip(row, problem)`` (default: logged)."""
    found: dict[Path, Manifest] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in MANIFEST_NAMES:
            if name in filenames:
                man = read_manifest(Path(dirpath) / name)
                for where, problem in man.problems:
                    (on_skip or _log_skip)(where, problem)
                found[Path(dirpath).resolve()] = man
                break
    return found


def nearest_manifest(path: Path, manifests: dict[Path, Manifest]) -> Manifest | None:
    """The manifest of the nearest folder above ``path`` that has one."""
    for parent in path.resolve().parents:
        if parent in manifests:
            return manifests[parent]
    return None


def name_metadata(path: Path, pattern: str | re.Pattern[str] | None) -> dict[str, Any]:
    """Metadata from a file name by a regular expression with named groups (``(?P<province>...)``)."""
    if pattern is None:
        return {}
    rx = re.compile(pattern) if isinstance(pattern, str) else pattern
    m = rx.search(path.stem)
    return {k: v for k, v in m.groupdict().items() if v is not None} if m else {}


def load_document(
    path: str | Path,
    *,
    doc_id: str | None = None,
    meta: dict[str, Any] | None = None,
    manifest: Manifest | None = None,
    lang: str | None = None,
    name_pattern: str | re.Pattern[str] | None = None,
    max_chars: int | None = None,
) -> Document:
    """Read one file into a Document; raises ReaderError naming the file on bad input (``max_chars``: the
    longest text accepted, default policytext.limits)."""
    p = Path(path)
    result = read_file(p, max_chars=max_chars)
    row: dict[str, Any] = {}
    if manifest is not None:
        row = dict(manifest.match(p, result.sha256) or {})
    m: dict[str, Any] = {k: v for k, v in row.items() if k not in ("file", "path", "sha256", "chars", "id")}
    if "language" in m:
        m["lang"] = m.pop("language")
    for k, v in list(m.items()):
        if isinstance(v, str) and not v.strip():
            m[k] = None
    from_name = name_metadata(p, name_pattern)
    for k, v in from_name.items():
        if m.get(k) is None:
            m[k] = v
    year = _parse_year(m.get("year"))
    if year is None and "year" not in row:
        ym = _YEAR.search(p.name)
        year = int(ym.group(1)) if ym else None
    m["year"] = year
    for k in CORE_FIELDS:
        m.setdefault(k, None)
    if meta:
        m.update(meta)
        if "year" in meta:
            m["year"] = _parse_year(meta["year"])
    if lang:
        m["lang"] = lang
    if not m.get("lang"):
        m["lang"] = detect_language(result.text)
    ident = doc_id or (str(row["id"]) if row.get("id") else p.name)
    prov = Provenance(
        result.path, result.sha256, result.reader, result.encoding, tuple(result.blocks), tuple(result.notes)
    )
    return Document(ident, result.text, m, prov)


def table_documents(path: Path, *, lang: str | None = None, meta: dict[str, Any] | None = None,
                    text_col: str | None = None, id_col: str | None = None, year_col: str | None = None,
                    max_chars: int | None = None) -> Iterator[Document | Skipped]:  # fmt: skip
    """Documents from the rows of a table file; rows without text come out as Skipped."""
    import hashlib

    from policytext.limits import limits

    max_chars = limits(max_chars).max_chars
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    file_sha = h.hexdigest()
    for row in iter_table(path, text_col=text_col, id_col=id_col, year_col=year_col):
        if row.problem and row.row < 0:
            yield Skipped(f"{path} {row.doc_id}", row.problem)
            continue
        if row.problem:
            yield Skipped(f"{path}#{row.row}", f"row {row.row} ({row.doc_id}): {row.problem}; row skipped")
            continue
        if row.text is None or not row.text.strip():
            yield Skipped(f"{path}#{row.row}", f"row {row.row} ({row.doc_id}): empty text")
            continue
        if len(row.text) > max_chars:
            yield Skipped(f"{path}#{row.row}", f"row {row.row} ({row.doc_id}): text too long: {len(row.text):,} "
                                               f"characters, the limit is {max_chars:,} (--max-chars)")  # fmt: skip
            continue
        m: dict[str, Any] = {k: None for k in CORE_FIELDS}
        m.update({k: v for k, v in row.meta.items() if k != "id"})
        if "language" in m:
            m["lang"] = m.pop("language")
        if meta:
            m.update(meta)
            if "year" in meta:
                m["year"] = _parse_year(meta["year"])
        m["lang"] = lang or m.get("lang") or detect_language(row.text)
        prov = Provenance(str(path), file_sha, f"table:{path.suffix.lower().lstrip('.')}", None, row=row.row)
        yield Document(row.doc_id, row.text, m, prov)


@dataclass(frozen=True)
class Source:
    """A file to read as one document: its path, the corpus root it was listed under, and its manifest."""

    path: Path
    root: Path
    manifest: Manifest | None = None

    def relative_id(self) -> str:
        """The document id when no manifest row names it: the path relative to the corpus root."""
        p, root = self.path, self.root
        try:
            return p.resolve().relative_to(root.resolve()).as_posix() if p != root else p.name
        except ValueError:
            return p.name


def duplicate_id_message(doc_id: str, first: str) -> str:
    """The one wording of a duplicate-id skip, in every command and in ``analyze``."""
    return f"duplicate document id {doc_id!r} (also {first})"


def iter_sources(
    paths: Sequence[Path], *, manifest: Manifest | None = None, lang: str | None = None,
    meta: dict[str, Any] | None = None, table: dict[str, Any] | None = None, max_chars: int | None = None,
) -> Iterator[Source | Document | Skipped]:  # fmt: skip
    """The corpus in input order, lazily: a ``Source`` per document file (not read), a ``Document`` per table
    row, a ``Skipped`` per entry not read (special files, links out of the folder, bad manifest rows,
    unreadable tables, empty or bad rows). The one listing ``load_corpus`` and ``analyze`` use."""
    pending: list[Skipped] = []

    def note(where: str, reason: str) -> None:
        pending.append(Skipped(where, reason))

    for where, problem in manifest.problems if manifest else ():
        note(where, problem)
    manifests: dict[Path, Manifest] = {}
    for p in paths:
        if p.is_dir():
            manifests.update(manifests_for(p, note))
    for f, root in list_inputs(list(paths), note):
        yield from pending
        pending.clear()
        if f.suffix.lower() in TABLE_SUFFIXES:
            try:
                yield from table_documents(f, lang=lang, meta=meta, max_chars=max_chars, **(table or {}))
            except ReaderError as e:
                yield Skipped(e.path, e.problem)
            continue
        yield Source(f, root, manifest or nearest_manifest(f, manifests))
    yield from pending


def load_source(source: Source, *, lang: str | None = None, meta: dict[str, Any] | None = None,
                name_pattern: str | None = None, max_chars: int | None = None) -> Document:  # fmt: skip
    """Read a listed file into its Document, with the id its manifest row gives or its path in the corpus."""
    man = source.manifest
    doc = load_document(source.path, meta=meta, manifest=man, lang=lang, name_pattern=name_pattern,
                        max_chars=max_chars)  # fmt: skip
    if man is None or man.match(source.path, doc.provenance.sha256 if doc.provenance else "") is None:
        doc.id = source.relative_id()
    return doc


def load_corpus(
    paths: str | Path | Iterable[str | Path] | None = None,
    *,
    lang: str | None = None,
    meta: dict[str, Any] | None = None,
    manifest: str | Path | None = None,
    strict: bool = False,
    text_col: str | None = None,
    id_col: str | None = None,
    year_col: str | None = None,
    name_pattern: str | None = None,
    max_chars: int | None = None,
) -> Corpus:
    """Load documents from folders and files (the bundled corpus when ``paths`` is None).

    Metadata comes from a manifest beside the documents (or ``manifest``), else from the file name (a
    four-digit year) and the detected language; ``meta`` and ``lang`` override both. A table file (.parquet,
    .csv, .tsv, .jsonl, .xlsx) gives one document per row (``text_col``, ``id_col``, ``year_col``; see
    ``policytext.readers.table``). ``name_pattern`` is a regular expression whose named groups, matched
    in each file name, become metadata where a manifest gives none. Files and rows that cannot be read
    are listed in ``Corpus.skipped`` with the reason (or raise, with ``strict=True``); so are files and rows
    whose text is longer than ``max_chars`` (default: data/limits.yaml, or $POLICYTEXT_MAX_CHARS).
    """
    if paths is None:
        from policytext.resources import bundled_corpora

        paths = bundled_corpora()
    plist = [Path(paths)] if isinstance(paths, str | Path) else [Path(p) for p in paths]
    for p in plist:
        if not p.exists():
            raise PolicytextError(f"{p}: no such file or folder")
    explicit = read_manifest(manifest) if manifest else None
    if name_pattern is not None:
        try:
            re.compile(name_pattern)
        except re.error as e:
            raise PolicytextError(f"--name-pattern {name_pattern!r}: {e}") from e
    docs: list[Document] = []
    skipped: list[Skipped] = []
    seen: dict[str, str] = {}

    def skip(error: ReaderError) -> None:
        if strict:
            raise error
        log.warning("skipped %s", error)
        skipped.append(Skipped(error.path, error.problem))

    table = {"text_col": text_col, "id_col": id_col, "year_col": year_col}
    for item in iter_sources(plist, manifest=explicit, lang=lang, meta=meta, table=table, max_chars=max_chars):
        if isinstance(item, Skipped):
            skip(ReaderError(item.path, item.reason))
            continue
        if isinstance(item, Source):
            try:
                doc = load_source(item, lang=lang, meta=meta, name_pattern=name_pattern, max_chars=max_chars)
            except ReaderError as e:
                skip(e)
                continue
        else:
            doc = item
        source = doc.provenance.path if doc.provenance else doc.id
        if doc.id in seen:
            skip(ReaderError(source, duplicate_id_message(doc.id, seen[doc.id])))
            continue
        seen[doc.id] = str(source)
        docs.append(doc)
    root_str = str(plist[0]) if len(plist) == 1 else None
    return Corpus(docs, skipped, root_str)


def document_from_text(
    text: str, doc_id: str = "text", *, lang: str | None = None, meta: dict[str, Any] | None = None
) -> Document:
    """A Document from a string (e.g. standard input); provenance records its hash."""
    m: dict[str, Any] = {k: None for k in CORE_FIELDS}
    m.update(meta or {})
    m["lang"] = lang or m.get("lang") or detect_language(text)
    prov = Provenance("<text>", sha256_bytes(text.encode("utf-8")), "text", "utf-8")
    return Document(doc_id, text, m, prov)
