"""Choose tokenizers by name and run them over mixed text, mapping every token back to the original."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from policytext.errors import BackendUnavailable
from policytext.text.normalize import NormalizedView, NormalizeOptions, normalize
from policytext.text.scripts import detect_language, language_runs
from policytext.tokenize.base import Token, make_token
from policytext.tokenize.chinese import CHINESE_ENGINES, JiebaTokenizer
from policytext.tokenize.korean import KONLPY_BACKENDS, KiwiTokenizer, KonlpyTokenizer, MecabTokenizer

KOREAN_BACKENDS = ("kiwi", "mecab", *KONLPY_BACKENDS)
DEFAULT_KOREAN_BACKEND = "kiwi"  # chosen by accuracy on UD Korean KAIST and speed: see README
DEFAULT_CHINESE_ENGINE = "rjieba"  # jieba-rs: jieba's tokens and tags (identity-tested), ~10x faster: see README


@lru_cache(maxsize=32)
def _cached(lang: str, backend: str, hmm: bool, pos: bool, user_dicts: tuple[str, ...], zh_engine: str) -> Any:
    if lang == "ko":
        if backend == "kiwi":
            return KiwiTokenizer(user_dicts)
        if backend == "mecab":
            return MecabTokenizer(user_dicts)
        return KonlpyTokenizer(backend, user_dicts)
    return JiebaTokenizer(hmm=hmm, pos=pos, user_dicts=user_dicts, engine=zh_engine)


def get_tokenizer(
    lang: str,
    backend: str | None = None,
    *,
    hmm: bool = True,
    pos: bool = True,
    user_dicts: Sequence[str | Path] = (),
    zh_engine: str | None = None,
) -> Any:
    """The tokenizer for ``lang`` ('zh' or 'ko'), created once per process and settings.

    ``zh_engine`` picks the Chinese engine (``rjieba`` or ``jieba``; None for the default); Korean ignores it.
    """
    if lang == "ko":
        name = backend or DEFAULT_KOREAN_BACKEND
        if name not in KOREAN_BACKENDS:
            raise BackendUnavailable(f"unknown Korean backend {name!r}; choose one of {', '.join(KOREAN_BACKENDS)}")
    else:
        name = "jieba"
        if backend not in (None, "jieba"):
            raise BackendUnavailable(f"unknown Chinese backend {backend!r}; the Chinese backend is 'jieba'")
    engine = zh_engine or DEFAULT_CHINESE_ENGINE
    if engine not in CHINESE_ENGINES:
        raise BackendUnavailable(f"unknown Chinese engine {engine!r}; choose one of {', '.join(CHINESE_ENGINES)}")
    if lang == "ko":
        engine = ""
    return _cached("ko" if lang == "ko" else "zh", name, hmm, pos, tuple(str(p) for p in user_dicts), engine)


_MAX_PIECE = 100_000


def pos_matters(lang: str | None) -> bool:
    """Whether the ``pos`` setting changes the tokens of a text whose primary language is ``lang``: not for
    Korean (its backend always tags, and ``tokenize_view`` cuts its Han islands without POS)."""
    return lang != "ko"


def _pieces(text: str, primary: str) -> Iterator[tuple[int, int, str]]:
    """Runs of one language, each handed to its tokenizer in one call (split at line breaks past 100,000
    characters, so memory stays bounded on very long documents)."""
    for run in language_runs(text, primary):
        start = run.start
        while run.end - start > _MAX_PIECE:
            cut = text.rfind("\n", start, start + _MAX_PIECE)
            cut = cut + 1 if cut > start else start + _MAX_PIECE
            yield start, cut, run.lang
            start = cut
        yield start, run.end, run.lang


def tokenize_view(
    view: NormalizedView,
    lang: str | None = None,
    *,
    ko_backend: str | None = None,
    hmm: bool = True,
    pos: bool = True,
    zh_user_dicts: Sequence[str | Path] = (),
    ko_user_dicts: Sequence[str | Path] = (),
    zh_engine: str | None = None,
) -> list[Token]:
    """Tokens of a normalised view, with offsets and surfaces in its original text."""
    text = view.original
    primary = lang or detect_language(text) or "zh"
    out: list[Token] = []
    vt = view.text
    for start, end, run_lang in _pieces(vt, primary):
        piece = vt[start:end]
        if not piece.strip():
            continue
        if run_lang != "ko":
            # Han islands in Korean text (Hanja words, Chinese names) are segmented without jieba's POS HMM,
            # which is two orders of magnitude slower on Hanja and guesses their tags anyway.
            island = primary == "ko"
            zh_tok: JiebaTokenizer = get_tokenizer(
                "zh", hmm=hmm, pos=pos and not island, user_dicts=zh_user_dicts, zh_engine=zh_engine
            )
            zh_tok.add_tokens(out, view, start, end)
            continue
        tok = get_tokenizer("ko", ko_backend, user_dicts=ko_user_dicts)
        for rt in tok.raw_tokens(piece):
            s, e = view.to_original(start + rt.start, start + rt.end)
            surface = text[s:e]
            out.append(make_token(surface, s, e, rt.tag, tok.upos(rt.tag, surface), rt.lemma,
                                  vt[start + rt.start : start + rt.end], tok.lang, rt.morphs))  # fmt: skip
    return out


def tokenize_text(
    text: str,
    lang: str | None = None,
    *,
    ko_backend: str | None = None,
    hmm: bool = True,
    pos: bool = True,
    normalize_options: NormalizeOptions | None = None,
    zh_user_dicts: Sequence[str | Path] = (),
    ko_user_dicts: Sequence[str | Path] = (),
    zh_engine: str | None = None,
) -> list[Token]:
    """Tokenize ``text`` (language detected when not given); Han islands in Korean go to jieba and vice versa."""
    view = normalize(text, normalize_options)
    return tokenize_view(
        view,
        lang,
        ko_backend=ko_backend,
        hmm=hmm,
        pos=pos,
        zh_user_dicts=zh_user_dicts,
        ko_user_dicts=ko_user_dicts,
        zh_engine=zh_engine,
    )
