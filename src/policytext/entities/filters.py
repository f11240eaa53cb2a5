"""Precision filters of the entity layer: whole words, names that look like names, spaced names.

Chinese: a gazetteer, alias or model span must start and end on a word boundary of its sentence (中 in
中医药, 奥 in 奥运会, 严守耕 across 严守|耕地 are not entities): the jieba words the character tokenizer already
computed for the NORM feature (``Doc.user_data["word_bounds"]``), plus, inside a word of three or more
characters, the boundaries of its dictionary sub-words (台湾|同胞 inside 台湾同胞), looked up once per word.
A model ORG must end like an organisation or be tagged as a name by jieba, a model PERSON start with a
surname or hold a jieba person name, unless the gazetteer knows it; policy vocabulary is never either.
Korean: a span must be whole nominal morphemes; a model PERSON or ORG made only of common nouns (Kiwi NNG),
or listed in ``data/entities/ko_not_names.csv``, is dropped. A line of two or three Han characters split
by layout spaces and starting with a surname (李　强) is one PERSON.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache

from spacy.tokens import Doc

from policytext.entities.rules import RuleSpan
from policytext.errors import PolicytextError
from policytext.resources import data_path

NOT_NAMES = ("entities", "ko_not_names.csv")
SURNAMES = ("entities", "zh_surnames.txt")
ORG_HEADS = ("entities", "zh_org_heads.txt")
KO_ORG_HEADS = ("entities", "ko_org_heads.txt")
_NOUNISH = ("N", "S", "XSN", "XPN")  # nouns, numerals, symbols/foreign words, noun suffixes and prefixes
_HAN = r"[\u4e00-\u9fff]"
_SPACED = re.compile(rf"(?m)^[ \u3000\t]*({_HAN}{{1,2}})[ \u3000]+({_HAN})(?:[ \u3000]+({_HAN}))?[ \u3000\t]*$")


@lru_cache(maxsize=1)
def not_names() -> dict[str, frozenset[str]]:
    """Korean words that are never the listed labels: word → labels (``ko_not_names.csv``)."""
    path = data_path(*NOT_NAMES)
    out: dict[str, frozenset[str]] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.DictReader(line for line in f if not line.startswith("#")), start=1):
            word, labels = (row.get("word") or "").strip(), (row.get("not") or "").strip()
            if not word or not labels or not set(labels.split("|")) <= {"PERSON", "ORG"}:
                raise PolicytextError(f"{path}: data row {i}: need a word and not = PERSON and/or ORG, got {row}")
            out[word] = frozenset(labels.split("|"))
    return out


def _word_list(parts: tuple[str, str]) -> frozenset[str]:
    path = data_path(*parts)
    text = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#"))
    return frozenset(text.split())


@lru_cache(maxsize=1)
def org_heads() -> tuple[frozenset[str], frozenset[str]]:
    """Endings of Chinese organisation names, and common words with such an ending (``!格局``) that are not
    (``zh_org_heads.txt``)."""
    words = _word_list(ORG_HEADS)
    return frozenset(w for w in words if not w.startswith("!")), frozenset(w[1:] for w in words if w[0] == "!")


_NOT_NAME_TAGS = frozenset({"v", "vn", "vd", "a", "ad", "an", "d", "i", "l"})  # verbs, adjectives, idioms
_NAME_TAGS = frozenset({"nt", "nz", "j", "ns", "nrt", "eng"})


def _tags(text: str) -> tuple[list[str], list[str]]:
    from policytext.tokenize.registry import get_tokenizer

    words, flags = get_tokenizer("zh", pos=True).cut(text)
    return words, list(flags or [])


def _org_like(name: str) -> bool:
    """A Chinese model ORG: not ending in a common word (格局), and ending in an organisation head or, by jieba's
    tags, free of verbs and adjectives with a name as its last word (英特尔, 法航)."""
    heads, common = org_heads()
    if any(name.endswith(w) for w in common):
        return False
    if any(name.endswith(h) for h in heads):
        return True
    _, flags = _tags(name)
    return bool(flags) and not _NOT_NAME_TAGS.intersection(flags) and flags[-1] in _NAME_TAGS


def _person_like(name: str) -> bool:
    """A Chinese model PERSON starts with a surname or holds a word jieba tags as a person's name (克林顿)."""
    if name[:1] in surnames() or name[:2] in surnames():
        return True
    _, flags = _tags(name)
    return any(f.startswith("nr") for f in flags)


def _name_like(s: RuleSpan) -> bool:
    """A Chinese model span: PERSON and ORG must look like names and not be policy vocabulary; others pass."""
    if s.label not in ("ORG", "PERSON"):
        return True
    if s.norm in vocabulary():
        return False
    return _org_like(s.norm) if s.label == "ORG" else _person_like(s.norm)


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """Policy-term rows that are vocabulary (``named = no``), zh and ko: never a PERSON or ORG from the model."""
    from policytext.tokenize.dictionary import read_policy_terms

    out: set[str] = set()
    for row in read_policy_terms():
        if row.get("named") != "yes":
            out.update(n.strip() for n in [row["zh"], *(row.get("ko") or "").split("|")] if n.strip())
    return frozenset(out)


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Chinese surnames that may start a name written with layout spaces (``zh_surnames.txt``)."""
    return _word_list(SURNAMES)


@lru_cache(maxsize=65536)
def inner_bounds(word: str) -> tuple[int, ...]:
    """Offsets inside a long jieba word where its dictionary sub-words meet, as jieba's search mode finds them,
    keeping the first of overlapping ones (台湾同胞 → 台湾|同胞, 中国特色社会主义 → 中国|特色|社会|主义,
    中医药 → 中医|药): a policy term joined into one word does not hide the names inside it."""
    from policytext.tokenize.registry import get_tokenizer

    tok = get_tokenizer("zh", pos=False)
    if getattr(tok, "engine", "") == "rjieba":
        pieces = tok.rust.tokenize(word, "search", False)
    else:
        pieces = tok.pos_tokenizer.tokenizer.tokenize(word, mode="search", HMM=False)
    out: set[int] = set()
    end = 0
    for _w, a, b in sorted(pieces, key=lambda p: (p[1], -p[2])):
        if a >= end and b - a < len(word):
            out.update((a, b))
            end = b
    return tuple(sorted(x for x in out if 0 < x < len(word)))


def text_bounds(text: str) -> list[int]:
    """Word boundaries of ``text``: jieba words and, inside words of three or more characters, their sub-words."""
    from policytext.tokenize import tokenize_text

    bounds: set[int] = set()
    for t in tokenize_text(text, "zh", pos=False):
        bounds.update((t.start, t.end))
        if t.end - t.start >= 3:
            bounds.update(t.start + b for b in inner_bounds(text[t.start : t.end]))
    return sorted(bounds)


def word_bounds(doc: Doc) -> frozenset[int]:
    """Character offsets where a word of ``doc`` starts or ends (set by the Chinese tokenizer)."""
    bounds = doc.user_data.get("word_bounds")
    if bounds is None:
        bounds = text_bounds(doc.text)
        doc.user_data["word_bounds"] = bounds
    return frozenset(bounds)


def whole_zh_words(spans: list[RuleSpan], doc: Doc) -> list[RuleSpan]:
    """Name spans (gazetteer, alias, model) that start and end on word boundaries; a model ORG or PERSON that is
    not a gazetteer name must look like one (``_org_like``, ``_person_like``) and not be policy vocabulary.
    A one-character GPE abbreviation may end or start inside a word when another one fills the rest of it
    (中美 → 中, 美: GUIDELINES zh-A)."""
    bounds = word_bounds(doc)
    spans = [s for s in spans if s.source != "model" or s.entity_id or _name_like(s)]
    short = {(s.start, s.end) for s in spans if s.label in ("GPE", "LOC") and s.end - s.start == 1}
    starts = {a for a, _ in short}
    ends = {b for _, b in short}
    out = []
    for s in spans:
        if s.source in ("rule:number", "rule:date", "rule:name"):
            out.append(s)
            continue
        left = s.start in bounds or ((s.start, s.end) in short and s.start in ends)
        right = s.end in bounds or ((s.start, s.end) in short and s.end in starts)
        if left and right:
            out.append(s)
    return out


def whole_nouns(doc: Doc, start: int, end: int, edges_only: bool = False) -> bool:
    """A Korean span must be whole morphemes, all nominal: 환경부 in 환경+부터, 과학기술부 in 과학+기술+부문 and
    이란 as the particle in 정권이란 are not names. Tags come from the tokenizer's NORM (``surface/TAG``)
    when it carries them; otherwise only the boundaries are checked. ``edges_only``: a genitive 의 may stand
    inside (a model span: 국민의 정부), not at an edge."""
    span = doc.char_span(start, end, alignment_mode="strict")
    if span is None:
        return False
    bounds = doc.user_data.get("morph_bounds")  # set by KoreanCharTokenizer: rule spans stay whole morphemes
    if bounds is not None and not edges_only and not (start in bounds and end in bounds):
        return False
    toks = [tok for tok in span if not tok.is_space]
    for i, tok in enumerate(toks):
        _, sep, tag = tok.norm_.rpartition("/")
        inner_genitive = edges_only and 0 < i < len(toks) - 1 and tag == "JKG"
        if sep and tag and not tag.startswith(_NOUNISH) and not inner_genitive:
            return False
    return True


@lru_cache(maxsize=1)
def ko_org_heads() -> frozenset[str]:
    """Last morphemes of Korean organisation names (``ko_org_heads.txt``)."""
    return _word_list(KO_ORG_HEADS)


def _common_nouns_only(doc: Doc, start: int, end: int, label: str) -> bool:
    """True when every morpheme of the span is a common noun (NNG), or a noun suffix/prefix/particle beside
    one; an ORG that ends in an organisation head after two more characters (공화국정부, 인민군; not 정부) is not
    counted."""
    span = doc.char_span(start, end, alignment_mode="strict")
    if span is None:
        return False
    tags = [tok.norm_.rpartition("/")[2] for tok in span if not tok.is_space]
    common = bool(tags) and "NNG" in tags and all(t in ("NNG", "XSN", "XPN", "JKG") for t in tags)
    if common and label == "ORG":
        text = span.text
        return not any(text.endswith(h) and len(text) - len(h) >= 2 for h in ko_org_heads())
    return common


def korean_filter(spans: list[RuleSpan], doc: Doc) -> list[RuleSpan]:
    """Korean gazetteer, alias and model spans: whole nominal morphemes; a model PERSON or ORG (not a gazetteer
    name) never made only of common nouns; no listed common word as a model PERSON or ORG."""
    listed = not_names()
    out = []
    for s in spans:
        if s.source in ("rule:number", "rule:date"):
            out.append(s)
            continue
        if not whole_nouns(doc, s.start, s.end, edges_only=s.source == "model"):
            continue
        if s.source == "model":
            if s.label in listed.get(s.norm, frozenset()) or (s.label in ("PERSON", "ORG") and s.norm in vocabulary()):
                continue
            if s.label in ("PERSON", "ORG") and not s.entity_id and _common_nouns_only(doc, s.start, s.end, s.label):
                continue
        out.append(s)
    return out


def spaced_names(text: str) -> list[RuleSpan]:
    """PERSON spans for names on their own line split by layout spaces (李　强, 王　毅, 欧阳　明): offsets into
    ``text``, norm = the name without the spaces."""
    names = surnames()
    out = []
    for m in _SPACED.finditer(text):
        chars = [g for g in m.groups() if g]
        name = "".join(chars)
        if len(name) not in (2, 3) or chars[0] not in names:
            continue
        start, end = m.start(1), m.end(m.lastindex or 1)
        out.append(RuleSpan(start, end, "PERSON", name, "", "rule:name"))
    return out
