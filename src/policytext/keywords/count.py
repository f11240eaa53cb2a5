"""Term and concept counts with their rule, computed from hits that point into the original text.

Rules:
- ``surface``: literal matches in the normalised view (width- and case-folded, zero-width characters
  removed, CJK line breaks joined; Traditional→Simplified with ``t2s``); Latin aliases only at Latin word
  boundaries; per term, non-overlapping, longest alias first.
- ``token``: matches of the term's token sequence in the document's token sequence (same tokenizer, same
  settings), so 智能 does not match inside the token 人工智能; with ``lemma`` Korean tokens match by lemma.
- ``concept``: surface matching of every alias of a lexicon concept, each concept counted on its own
  (a hit of one concept never hides a hit of another), exclusions applied.
Every count is the number of hit rows: ``count`` and ``kwic`` are built from the same ``find_hits`` table.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from policytext.corpus import Document
from policytext.errors import PolicytextError
from policytext.grouping import group_frame, group_key, parse_by, sort_key
from policytext.keywords.lexicon import Lexicon
from policytext.keywords.match import SurfaceMatcher, compile_user_pattern, pattern_fullmatch, pattern_spans
from policytext.text.normalize import NormalizeOptions, normalize
from policytext.text.scripts import detect_language
from policytext.text.sections import section_path
from policytext.tokenize.registry import tokenize_text

RULES = ("surface", "token", "concept")
HIT_COLUMNS = [
    "doc_id", "year", "lang", "sent_id", "start", "end", "term_or_concept", "matched", "surface", "section",
    "rule", "lexicon_version", "settings",
]  # fmt: skip
COUNT_COLUMNS = [
    "term_or_concept", "rule", "count", "n_chars", "rate_per_10k", "doc_freq", "n_docs",
    "lexicon_version", "settings",
]  # fmt: skip


@dataclass(frozen=True)
class Query:
    """What is counted under one name: a term with its aliases (``a|b``) or a lexicon concept."""

    key: str
    aliases: tuple[str, ...]
    exclude: tuple[str, ...] = ()
    pattern: str | None = None  # a regular expression, matched in the same normalised view


def wildcard_to_regex(term: str) -> str:
    """``인공지능*`` → 인공지능 followed by any word characters; ``?`` is one word character."""
    return "".join(r"\w*" if c == "*" else r"\w" if c == "?" else re.escape(c) for c in term)


def parse_terms(terms: Iterable[str]) -> list[Query]:
    """Queries from command-line terms.

    ``人工智能|AI`` counts either spelling under one name; ``re:智能(制造|终端)`` is a regular expression;
    a term with ``*`` or ``?`` is a wildcard (``인공지능*``: 인공지능 and any word characters after it).
    """
    out: list[Query] = []
    for term in terms:
        term = term.strip()
        if term.startswith("re:") or "*" in term or "?" in term:
            pattern = term[3:] if term.startswith("re:") else wildcard_to_regex(term)
            compiled = compile_user_pattern(pattern, term)
            if compiled.match(""):
                raise PolicytextError(f"pattern {term!r} matches the empty string")
            out.append(Query(term, (), pattern=pattern))
            continue
        aliases = tuple(a.strip() for a in term.split("|") if a.strip())
        if not aliases:
            raise PolicytextError(f"empty term {term!r}")
        out.append(Query(term, aliases))
    return out


def lexicon_queries(lexicon: Lexicon) -> list[Query]:
    """One query per concept of the lexicon."""
    return [Query(c.id, tuple(c.all_aliases()), c.exclude) for c in lexicon.concepts]


@dataclass(frozen=True)
class Settings:
    """Everything that changes which hits a rule finds."""

    rule: str = "surface"
    t2s: bool = False
    lemma: bool = False
    ko_backend: str | None = None
    hmm: bool = True
    hanja: bool = False

    def normalize_options(self, lang: str | None = None) -> NormalizeOptions:
        """The view to match in; Hanja readings and old-spelling folding apply to Korean documents only."""
        korean = self.hanja and lang == "ko"
        return NormalizeOptions(casefold=True, t2s=self.t2s, hanja=korean, old_spelling=korean)

    def describe(self) -> str:
        """A JSON string stored with every hit and count."""
        d: dict[str, Any] = {"normalize": self.normalize_options().key()}
        if self.hanja:
            d["korean"] = "hanja→hangul reading, 읍니다→습니다, a Hanja gloss repeating the word before it not counted"
        if self.rule == "token":
            from policytext.tokenize.registry import DEFAULT_KOREAN_BACKEND

            d.update(zh="jieba", hmm=self.hmm, ko=self.ko_backend or DEFAULT_KOREAN_BACKEND, lemma=self.lemma)
        else:
            d.update(match="leftmost-longest, non-overlapping per term, Latin word boundaries")
        return json.dumps(d, ensure_ascii=False, sort_keys=True)


_GLOSS = re.compile(r"(?<=[\uac00-\ud7a3])[(（]([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)[)）]")


def hanja_gloss_spans(text: str) -> list[tuple[int, int]]:
    """Spans of Hanja glosses that repeat the Hangul word before them: 경제(經濟), 복구(復舊).

    Counted in the Hanja-reading view, such a gloss would count the same mention twice; hits inside it
    are dropped when ``hanja`` is on.
    """
    spans = []
    for m in _GLOSS.finditer(text):
        reading = normalize(m.group(1), NormalizeOptions(hanja=True)).text
        before = text[max(0, m.start() - len(reading)) : m.start()]
        if before == reading:
            spans.append((m.start(1), m.end(1)))
    return spans


def _surface_hits(doc: Document, queries: Sequence[Query], settings: Settings) -> list[tuple[int, int, str, str]]:
    opts = settings.normalize_options(doc.lang)
    glosses = hanja_gloss_spans(doc.text) if opts.hanja else []
    matcher = _matcher(tuple(queries), opts)
    view = doc.view(opts)
    out = []
    for m in matcher.find(view.text):
        s, e = view.to_original(m.start, m.end)
        if glosses and any(gs <= s and e <= ge for gs, ge in glosses):
            continue
        out.append((s, e, m.key, m.alias))
    for q in queries:
        if q.pattern is not None:
            for ps, pe, group in pattern_spans(_compiled(q.pattern, opts.casefold), view.text, q.key, doc.id):
                s, e = view.to_original(ps, pe)
                out.append((s, e, q.key, group))
    out.sort(key=lambda h: (h[0], h[2]))
    return out


@lru_cache(maxsize=32)
def _matcher(queries: tuple[Query, ...], opts: NormalizeOptions) -> SurfaceMatcher:
    """One automaton per query set and view options, built once, not once per document."""
    return SurfaceMatcher(
        [(q.key, normalize(a, opts).text) for q in queries for a in q.aliases],
        [(q.key, normalize(x, opts).text) for q in queries for x in q.exclude],
    )


@lru_cache(maxsize=4096)
def _alias_keys(alias: str, lang: str, settings: Settings, opts: NormalizeOptions) -> tuple[str, ...]:
    """The token keys of an alias under the token rule (tokenized once per settings)."""
    tokens = tokenize_text(alias, lang, ko_backend=settings.ko_backend, hmm=settings.hmm, pos=False,
                           normalize_options=opts)  # fmt: skip
    return tuple(_key(t, settings) for t in tokens if _keep(t, settings))


def _key(tok: Any, settings: Settings) -> str:
    return str(tok.lemma if settings.lemma and tok.lang == "ko" else tok.norm).lower()


def _keep(tok: Any, settings: Settings) -> bool:
    """Lemma mode sets Korean endings aside (했다 → 하다 + 다): they are not part of a match."""
    return not (settings.lemma and tok.lang == "ko" and tok.morphs and tok.morphs[0][1].startswith("E"))


@lru_cache(maxsize=256)
def _compiled(pattern: str, ignore_case: bool) -> Any:
    return compile_user_pattern(pattern, pattern, ignore_case)


def _token_hits(doc: Document, queries: Sequence[Query], settings: Settings) -> list[tuple[int, int, str, str]]:
    opts = settings.normalize_options(doc.lang)
    tokens = doc.tokens(ko_backend=settings.ko_backend, hmm=settings.hmm, pos=False, normalize_options=opts)
    tokens = [t for t in tokens if _keep(t, settings)]
    keys = [_key(t, settings) for t in tokens]
    index: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        index.setdefault(k, []).append(i)
    out = []
    for q in queries:
        found: list[tuple[int, int, str]] = []
        if q.pattern is not None:
            rx = _compiled(q.pattern, True)
            found.extend((i, i + 1, k) for i, k in enumerate(keys) if pattern_fullmatch(rx, k, q.key, doc.id))
        for alias in q.aliases:
            lang = detect_language(alias) or doc.lang
            seq = list(_alias_keys(alias, lang if lang in ("zh", "ko") else (doc.lang or "zh"), settings, opts))
            if not seq:
                continue
            for i in index.get(seq[0], []):
                if keys[i : i + len(seq)] == seq:
                    found.append((i, i + len(seq), alias))
        found.sort(key=lambda f: (f[0], f[0] - f[1]))
        last = -1
        for i, j, alias in found:
            if i >= last:
                out.append((tokens[i].start, tokens[j - 1].end, q.key, alias))
                last = j
    return out


def find_hits(
    docs: Iterable[Document],
    terms: Iterable[str] | None = None,
    *,
    lexicon: Lexicon | None = None,
    rule: str = "surface",
    t2s: bool = False,
    lemma: bool = False,
    ko_backend: str | None = None,
    hmm: bool = True,
    hanja: bool = False,
    section: str | None = None,
) -> pd.DataFrame:
    """One row per counted mention: document, year, sentence, offsets, what was matched and under which rule.

    With ``section`` (a label such as ``tasks``, a heading text, or ``re:...``) only mentions inside the
    sections whose heading matches are kept; ``section`` in each row is the innermost heading.
    """
    queries, settings, lex_version = _plan(terms, lexicon, rule, t2s, lemma, ko_backend, hmm, hanja)
    described = settings.describe()
    if section:
        described = described[:-1] + f', "section": {json.dumps(section, ensure_ascii=False)}}}'
    rows: list[tuple[Any, ...]] = []
    for doc in docs:
        spans = doc.section_spans(section) if section else None
        if spans == []:
            continue
        found = (_token_hits if settings.rule == "token" else _surface_hits)(doc, queries, settings)
        if not found:
            continue
        sections = doc.sections()
        for s, e, key, alias in found:
            if spans is not None and not any(a <= s and e <= b for a, b in spans):
                continue
            sentence = doc.sentence_at(s)
            sent_id = sentence.sent_id if sentence else None
            path = section_path(sections, s)
            rows.append((doc.id, doc.year, doc.lang, sent_id, s, e, key, alias, doc.text[s:e],
                         path[-1].title if path else None, rule, lex_version, described))  # fmt: skip
    df = pd.DataFrame(rows, columns=HIT_COLUMNS)
    for col in ("year", "sent_id", "start", "end"):
        df[col] = df[col].astype("Int64")
    return df


def _plan(
    terms: Iterable[str] | None, lexicon: Lexicon | None, rule: str, t2s: bool, lemma: bool,
    ko_backend: str | None, hmm: bool, hanja: bool = False,
) -> tuple[list[Query], Settings, str | None]:  # fmt: skip
    if rule not in RULES:
        raise PolicytextError(f"unknown counting rule {rule!r}; choose one of {', '.join(RULES)}")
    term_list = list(terms or [])
    if rule == "concept" or lexicon is not None:
        if lexicon is None:
            from policytext.keywords.lexicon import load_lexicon

            lexicon = load_lexicon()
        if term_list:
            lexicon = lexicon.subset(term_list)
        return (
            lexicon_queries(lexicon),
            Settings("concept", t2s, lemma, ko_backend, hmm, hanja),
            (f"{lexicon.name}@{lexicon.version}#{lexicon.sha256}"),
        )
    if not term_list:
        raise PolicytextError("no terms given (or use a concept lexicon)")
    return parse_terms(term_list), Settings(rule, t2s, lemma, ko_backend, hmm, hanja), None


def count(
    docs: Sequence[Document],
    terms: Iterable[str] | None = None,
    *,
    by: Sequence[str] = ("year",),
    lexicon: Lexicon | None = None,
    rule: str = "surface",
    t2s: bool = False,
    lemma: bool = False,
    ko_backend: str | None = None,
    hmm: bool = True,
    hanja: bool = False,
    section: str | None = None,
    hits: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Counts per group and term/concept: count, n_chars, rate per 10,000 characters, doc_freq, n_docs.

    The group columns come first, named after ``by`` (``grouping``); every group and every term appear (zero
    counts included); documents with no value form the group "unknown". Pass ``hits`` (from ``find_hits``
    with the same arguments) to reuse them. With ``section``, ``n_chars`` and ``n_docs`` cover only the
    matching sections (and the documents that have one), so rates are per 10,000 characters of them.
    """
    docs = list(docs)
    term_list = list(terms or [])
    by = parse_by(by, default=())
    queries, settings, lex_version = _plan(term_list, lexicon, rule, t2s, lemma, ko_backend, hmm, hanja)
    if hits is None:
        hits = find_hits(docs, term_list, lexicon=lexicon, rule=rule, t2s=t2s, lemma=lemma,
                         ko_backend=ko_backend, hmm=hmm, hanja=hanja, section=section)  # fmt: skip
    group_of = {d.id: group_key(d.id, d.meta | {"lang": d.lang}, by) for d in docs}
    order = {d.id: i for i, d in enumerate(docs)}
    n_chars: dict[tuple[Any, ...], int] = {}
    n_docs: dict[tuple[Any, ...], int] = {}
    for d in docs:
        g = group_of[d.id]
        if section:
            spans = d.section_spans(section)
            n_chars.setdefault(g, 0)
            n_docs.setdefault(g, 0)
            if not spans:
                continue
            size = sum(b - a for a, b in spans)
        else:
            size = len(d.text)
        n_chars[g] = n_chars.get(g, 0) + size
        n_docs[g] = n_docs.get(g, 0) + 1
    counts: dict[tuple[tuple[Any, ...], str], int] = {}
    doc_sets: dict[tuple[tuple[Any, ...], str], set[str]] = {}
    for doc_id, key in zip(hits["doc_id"], hits["term_or_concept"], strict=True):
        k = (group_of[doc_id], key)
        counts[k] = counts.get(k, 0) + 1
        doc_sets.setdefault(k, set()).add(doc_id)
    described = settings.describe()
    if section:
        described = described[:-1] + f', "section": {json.dumps(section, ensure_ascii=False)}}}'
    keys: list[tuple[Any, ...]] = []
    rows = []
    for g in sorted(n_chars, key=lambda k: sort_key(k, by, order)):
        for q in queries:
            c = counts.get((g, q.key), 0)
            keys.append(g)
            rows.append((q.key, settings.rule, c, n_chars[g], c / n_chars[g] * 10_000 if n_chars[g] else 0.0,
                         len(doc_sets.get((g, q.key), ())), n_docs[g], lex_version, described))  # fmt: skip
    values = pd.DataFrame(rows, columns=COUNT_COLUMNS)
    values["rate_per_10k"] = values["rate_per_10k"].round(4)
    return pd.concat([group_frame(keys, by), values], axis=1)
