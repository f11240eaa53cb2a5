"""spaCy languages for NER: Chinese by characters, Korean with a tokenizer wrapping policytext's Korean backend.

``spacy.blank("ko")`` needs mecab-ko, which cannot be installed here, so Korean uses
``policytext.KoreanTokenizer.v1`` (registered in spaCy's registry when this module is imported): the
tokens are policytext's Kiwi morphemes, split where the text splits them, so every token is an exact
substring and a Doc's text is the input text. Chinese uses ``policytext.ChineseTokenizer.v1``: one token
per character (about 13% of People's Daily entity spans do not align with jieba words, none with
characters), with the jieba word around each character as its NORM feature.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import spacy
from spacy.attrs import IDX, IS_SPACE, NORM
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

if TYPE_CHECKING:
    from policytext.corpus import Document
    from policytext.tokenize.base import Token


def non_overlapping(spans: list[Any]) -> list[Any]:
    """spaCy spans sorted by start, dropping any that overlaps an earlier one (the longer wins at a tie)."""
    out: list[Any] = []
    last = -1
    for s in sorted(spans, key=lambda s: (s.start, -len(s))):
        if s.start >= last:
            out.append(s)
            last = s.end
    return out


def doc_from_spans(vocab: Vocab, text: str, spans: list[tuple[int, int]]) -> Doc:
    """A Doc whose tokens are ``spans`` of ``text`` (sorted, non-overlapping); gaps become white-space tokens."""
    words: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for s, e in spans:
        if s < pos or e <= s:
            continue
        gap = text[pos:s]
        if gap:
            if gap == " " and words:
                spaces[-1] = True
            elif gap.isspace():
                words.append(gap)
                spaces.append(False)
            else:  # characters the analyser skipped: keep them as tokens, the text must survive whole
                words.append(gap)
                spaces.append(False)
        words.append(text[s:e])
        spaces.append(False)
        pos = e
    tail = text[pos:]
    if tail:
        if tail == " " and words:
            spaces[-1] = True
        else:
            words.append(tail)
            spaces.append(False)
    return Doc(vocab, words=words, spaces=spaces)


def set_char_norms(doc: Doc, norm_at: dict[int, int]) -> None:
    """Give every non-space character token the NORM hash of the word around it (``norm_at``: character
    offset → string hash), in one array write instead of a Token object per character."""
    arr: Any = doc.to_array([IDX, IS_SPACE, NORM])
    for row in arr:
        h = norm_at.get(int(row[0]))
        if h is not None and not row[1]:
            row[2] = h
    doc.from_array([NORM], arr[:, 2:3])


class _Stateless:
    """Serialisation no-ops: these tokenizers keep no state of their own (their config rebuilds them)."""

    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, _bytes_data: bytes, **kwargs: Any) -> Any:
        return self

    def to_disk(self, _path: Any, **kwargs: Any) -> None:
        return None

    def from_disk(self, _path: Any, **kwargs: Any) -> Any:
        return self


class ChineseCharTokenizer(_Stateless):
    """spaCy tokenizer for Chinese: one token per character (white space kept as space tokens), each
    token's NORM set to the jieba word it belongs to (policy dictionary included), so the NER sees both the
    character and the word around it while every entity boundary stays reachable."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        from policytext.tokenize import tokenize_text

        return self.from_tokens(text, tokenize_text(text, "zh", pos=False))

    def document_tokens(self, document: Document) -> list[Token]:
        """The document's shared tokens with this tokenizer's settings (jieba words, POS off)."""
        return document.tokens(pos=False)

    def from_tokens(self, text: str, words: Sequence[Token], base: int = 0) -> Doc:
        """The Doc of ``text`` from its jieba ``words``, whose offsets are ``base`` + offsets into ``text``."""
        from policytext.entities.filters import inner_bounds

        spans = [(i, i + 1) for i, ch in enumerate(text) if not ch.isspace()]
        doc = doc_from_spans(self.vocab, text, spans)
        word_at: dict[int, int] = {}
        strings = self.vocab.strings
        bounds: set[int] = set()
        for t in words:
            start, end = t.start - base, t.end - base
            bounds.update((start, end))
            if end - start >= 3:
                bounds.update(start + b for b in inner_bounds(text[start:end]))
            key = strings.add(t.surface)
            for i in range(start, end):
                word_at[i] = key
        doc.user_data["word_bounds"] = sorted(bounds)  # for the whole-word check of entity spans (a list: DocBin-safe)
        set_char_norms(doc, word_at)
        return doc


@registry.tokenizers("policytext.ChineseTokenizer.v1")  # type: ignore[untyped-decorator]
def create_chinese_tokenizer() -> Any:
    """The factory named in Chinese pipeline configs."""

    def make(nlp: Any) -> ChineseCharTokenizer:
        return ChineseCharTokenizer(nlp.vocab)

    return make


class KoreanTokenizer(_Stateless):
    """spaCy tokenizer for Korean: policytext's tokens (Kiwi by default), exact offsets."""

    def __init__(self, vocab: Vocab, backend: str | None = None, tag_norm: bool = False) -> None:
        self.vocab = vocab
        self.backend = backend
        self.tag_norm = tag_norm

    def __call__(self, text: str) -> Doc:
        from policytext.tokenize import tokenize_text

        return self.from_tokens(text, tokenize_text(text, "ko", ko_backend=self.backend, pos=self.tag_norm))

    def document_tokens(self, document: Document) -> list[Token]:
        """The document's shared tokens with this tokenizer's settings (backend, tags when ``tag_norm``)."""
        return document.tokens(ko_backend=self.backend, pos=self.tag_norm)

    def from_tokens(self, text: str, toks: Sequence[Token], base: int = 0) -> Doc:
        """The Doc of ``text`` from its tokens ``toks``, whose offsets are ``base`` + offsets into ``text``."""
        spans = sorted({(t.start - base, t.end - base) for t in toks})
        doc = doc_from_spans(self.vocab, text, spans)
        if self.tag_norm:  # NORM = surface/tag, so the NER sees the analyser's NNP/NNG decision
            tag_at = {t.start - base: t.tag for t in toks}
            for tok in doc:
                tag = tag_at.get(tok.idx)
                if tag and not tok.is_space:
                    tok.norm_ = f"{tok.text}/{tag}"
        return doc


@registry.tokenizers("policytext.KoreanTokenizer.v1")  # type: ignore[untyped-decorator]
def create_korean_tokenizer(backend: str | None = None, tag_norm: bool = False) -> Any:
    """The factory named in Korean pipeline configs (``tag_norm``: morpheme tag in each token's NORM)."""

    def make(nlp: Any) -> KoreanTokenizer:
        return KoreanTokenizer(nlp.vocab, backend, tag_norm)

    return make


class KoreanCharTokenizer(_Stateless):
    """spaCy tokenizer for Korean by characters: one token per character, its NORM the Kiwi morpheme around
    it with its tag (``정부/NNG``), so entity spans that cross morpheme boundaries stay reachable (as Chinese)."""

    def __init__(self, vocab: Vocab, backend: str | None = None) -> None:
        self.vocab = vocab
        self.backend = backend

    def __call__(self, text: str) -> Doc:
        from policytext.tokenize import tokenize_text

        spans = [(i, i + 1) for i, ch in enumerate(text) if not ch.isspace()]
        doc = doc_from_spans(self.vocab, text, spans)
        strings = self.vocab.strings
        morph_at: dict[int, int] = {}
        bounds: set[int] = set()
        for t in tokenize_text(text, "ko", ko_backend=self.backend, pos=True):
            key = strings.add(f"{t.surface}/{t.tag}")
            bounds.update((t.start, t.end))
            for i in range(t.start, t.end):
                morph_at[i] = key
        doc.user_data["morph_bounds"] = sorted(bounds)  # for the whole-morpheme check of rule spans (DocBin-safe)
        set_char_norms(doc, morph_at)
        return doc


@registry.tokenizers("policytext.KoreanCharTokenizer.v1")  # type: ignore[untyped-decorator]
def create_korean_char_tokenizer(backend: str | None = None) -> Any:
    """The factory named in Korean character-level pipeline configs."""

    def make(nlp: Any) -> KoreanCharTokenizer:
        return KoreanCharTokenizer(nlp.vocab, backend)

    return make


def blank(lang: str, tag_norm: bool = False, chars: bool = False) -> Any:
    """An empty spaCy pipeline for ``lang`` ('zh' by characters, 'ko' with the Kiwi-backed tokenizer, by
    characters with ``chars``)."""
    if lang == "zh":
        return spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "policytext.ChineseTokenizer.v1"}}})
    if lang == "ko" and chars:
        return spacy.blank("ko", config={"nlp": {"tokenizer": {"@tokenizers": "policytext.KoreanCharTokenizer.v1"}}})
    if lang == "ko":
        tok = {"@tokenizers": "policytext.KoreanTokenizer.v1", "tag_norm": tag_norm}
        return spacy.blank("ko", config={"nlp": {"tokenizer": tok}})
    from policytext.errors import PolicytextError

    raise PolicytextError(f"no entity pipeline for language {lang!r} (zh, ko)")
