"""Chinese tokenizer: jieba in precise mode (HMM on or off, POS via posseg) with the policy dictionary.

Two engines give the same tokens: Python jieba (the reference) and jieba-rs through rjieba (see jieba_rs.py).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from policytext.errors import BackendUnavailable, PolicytextError
from policytext.resources import data_path, files_sha256
from policytext.text.normalize import NormalizedView
from policytext.tokenize.base import RawToken, Token, TokenSlots, make_token
from policytext.tokenize.dictionary import POLICY_TERMS, read_policy_terms
from policytext.tokenize.jieba_rs import RJiebaEngine, engine_version
from policytext.tokenize.tagsets import to_upos

_CACHE_MAX = 100_000  # distinct words whose tag and UPOS are kept (~12 MB) before the cache starts again
_PAIRS: dict[tuple[str, str], tuple[str, str]] = {}
CHINESE_ENGINES = ("rjieba", "jieba")  # jieba-rs through rjieba; Python jieba, the reference


def _user_dict_entries(path: Path) -> Iterable[tuple[str, int | None, str | None]]:
    """Entries of a user dictionary: jieba's format (word [freq] [tag]) or a CSV with a ``zh`` column."""
    if path.suffix.lower() == ".csv":
        for row in read_policy_terms(path):
            word = (row.get("zh") or row.get("word") or "").strip()
            if word:
                yield word, None, (row.get("pos") or "nz").strip() or "nz"
        return
    with path.open(encoding="utf-8-sig") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            word = parts[0]
            freq: int | None = None
            tag: str | None = None
            for extra in parts[1:3]:
                if extra.isdigit():
                    freq = int(extra)
                elif tag is None:
                    tag = extra
                else:
                    raise PolicytextError(f"{path}:{lineno}: expected 'word [freq] [tag]', got {line!r}")
            yield word, freq, tag


class JiebaTokenizer:
    """jieba precise mode with its own dictionary instance (never jieba's global one), on either engine."""

    lang = "zh"
    tagset = "jieba"

    def __init__(
        self,
        hmm: bool = True,
        pos: bool = True,
        user_dicts: Sequence[str | Path] = (),
        policy_dict: bool = True,
        engine: str = "jieba",
    ) -> None:
        if engine not in CHINESE_ENGINES:
            raise BackendUnavailable(f"unknown Chinese engine {engine!r}; choose one of {', '.join(CHINESE_ENGINES)}")
        self.name = "jieba"
        self.engine = engine
        self.hmm = hmm
        self.pos = pos
        self.policy_dict = policy_dict
        self.user_dicts = tuple(Path(p) for p in user_dicts)
        for p in self.user_dicts:
            if not p.is_file():
                raise PolicytextError(f"{p}: user dictionary not found")
        self._tok: Any = None
        self._pos_tok: Any = None
        self._rs: RJiebaEngine | None = None
        # tag and UPOS of a (word, jieba flag), or of a word when POS is off, that is its own surface
        # (() for white space)
        self._tag_cache: dict[Any, tuple[str, ...]] = {}

    def _dict_files(self) -> list[Path]:
        return ([data_path(POLICY_TERMS)] if self.policy_dict else []) + list(self.user_dicts)

    def settings(self) -> dict[str, object]:
        """Backend, engine, versions, options and a hash of the dictionaries in use."""
        import jieba

        return {
            "backend": "jieba",
            "version": jieba.__version__,
            "engine": self.engine,
            **({"engine_version": engine_version()} if self.engine == "rjieba" else {}),
            "hmm": self.hmm,
            "pos": self.pos,
            "dict_sha256": files_sha256(self._dict_files())[:16],
        }

    def _load(self) -> Any:
        if self._tok is None:
            import jieba
            import jieba.posseg

            jieba.setLogLevel(logging.WARNING)
            tok = jieba.Tokenizer()
            tok.initialize()
            for p in self._dict_files():
                for word, freq, tag in _user_dict_entries(p):
                    tok.add_word(word, freq, tag)
            self._tok = tok
            self._pos_tok = jieba.posseg.POSTokenizer(tok)
        return self._tok

    @property
    def pos_tokenizer(self) -> Any:
        """jieba's POSTokenizer over this instance's dictionary (for jieba.analyse and benchmarks)."""
        self._load()
        return self._pos_tok

    def _rjieba(self) -> RJiebaEngine:
        if self._rs is None:
            stamps = []
            for p in self._dict_files():
                st = p.stat()
                stamps.append((str(p), st.st_mtime_ns, st.st_size))
            self._rs = _shared_engine(tuple(stamps))
        return self._rs

    @property
    def rust(self) -> Any:
        """The ``rjieba.Jieba`` instance of the rjieba engine (its raw ``cut`` is a benchmark baseline)."""
        return self._rjieba().rust

    def words(self, text: str) -> list[str]:
        """The engine's raw call (``lcut`` or ``rjieba.cut``), used as the benchmark baseline."""
        if self.engine == "rjieba":
            return self._rjieba().cut(text, self.hmm)
        return list(self._load().lcut(text, HMM=self.hmm))

    def cut(self, text: str) -> tuple[list[str], list[str] | None]:
        """Words of ``text`` and, when POS is on, their posseg flags (the same from either engine)."""
        if self.engine == "rjieba":
            if self.pos:
                return self._rjieba().tag(text, self.hmm)
            return self._rjieba().cut(text, self.hmm), None
        if self.pos:
            pairs = list(self.pos_tokenizer.cut(text, HMM=self.hmm))
            return [p.word for p in pairs], [p.flag for p in pairs]
        return self._load().lcut(text, HMM=self.hmm), None

    def add_tokens(self, out: list[Token], view: NormalizedView, start: int, end: int) -> None:
        """Append to ``out`` the Tokens of ``view.text[start:end]``, offsets and surfaces in ``view.original``.

        The Tokens that mapping ``raw_tokens`` through the view gives, built straight from jieba's words
        (``lcut``) with no intermediate objects. A word the view copies verbatim from the original (see
        ``NormalizedView.cursor``) is its own surface, at its running position plus a shift, with tag and
        UPOS looked up once per distinct word; the others (over a width-folded character, across a deleted
        line break) are mapped by the cursor.
        """
        piece = view.text[start:end]
        words, flags = self.cut(piece)
        if not all(words) or "".join(words) != piece:
            # Not a partition of the piece into words (jieba gives none such): one by one as raw_tokens
            # does, which raises on a word out of place.
            for rt in self._raw_from_pairs(piece, zip(words, flags or [""] * len(words), strict=True)):
                s, e = view.to_original(start + rt.start, start + rt.end)
                surface = view.original[s:e]
                out.append(make_token(surface, s, e, rt.tag, _upos(rt.tag, surface), rt.lemma,
                                      view.text[start + rt.start : start + rt.end], "zh", ()))  # fmt: skip
            return
        text = view.original
        cursor = view.cursor(start)
        shift = cursor.shift
        limit = cursor.limit
        append = out.append
        # Each word's view span [vs, ve) from running sums, and its (tag, UPOS), are looked up at C speed;
        # the loop fills Tokens' slots inline (see TokenSlots): a call to make_token per word adds ~2%.
        ends = list(itertools.accumulate(map(len, words), initial=start))
        for w, tag_upos, vs, ve in zip(words, self._tags_upos(words, flags), ends, ends[1:], strict=False):
            if ve <= limit:  # copied verbatim: the surface is the word itself
                if tag_upos:
                    t = TokenSlots()
                    t.surface = t.lemma = t.norm = w
                    t.start = vs + shift
                    t.end = ve + shift
                    t.tag, t.upos = tag_upos
                    t.lang = "zh"
                    t.morphs = ()
                    t.__class__ = Token  # type: ignore[assignment]
                    append(t)  # type: ignore[arg-type]
                continue
            s, e = cursor.advance(vs, ve)
            shift = cursor.shift
            limit = cursor.limit
            if not w.isspace():
                surface = text[s:e]
                tag = tag_upos[0] if tag_upos else ""
                append(make_token(surface, s, e, tag, _upos(tag, surface), w, w, "zh", ()))

    def _tags_upos(self, words: list[str], flags: list[str] | None) -> list[tuple[str, ...]]:
        """(tag, UPOS) of each word as its own surface (() for white space), one computation per distinct
        (word, flag): the cache holds up to 100,000 of them."""
        cache = self._tag_cache
        if len(cache) > _CACHE_MAX:
            cache.clear()
        keys: list[Any] = list(zip(words, flags, strict=True)) if flags is not None else words
        values: list[Any] = list(map(cache.get, keys))
        if None in values:
            for key in set(keys).difference(cache):
                w, flag = key if flags is not None else (key, "")
                tag = flag or ("m" if w.isdigit() else "")
                cache[key] = () if w.isspace() else _tag_upos(tag, w)
            values = list(map(cache.__getitem__, keys))
        return values

    def raw_tokens(self, text: str) -> list[RawToken]:
        """jieba tokens of ``text`` with offsets; white space yields no token."""
        words, flags = self.cut(text)
        return self._raw_from_pairs(text, zip(words, flags or [""] * len(words), strict=True))

    @staticmethod
    def _raw_from_pairs(text: str, pairs: Iterable[tuple[str, str]]) -> list[RawToken]:
        out: list[RawToken] = []
        pos = 0
        for word, flag in pairs:
            start = pos
            pos += len(word)
            if word.isspace():
                continue
            if text[start:pos] != word:
                raise PolicytextError(f"jieba returned {word!r} at {start}, not a substring of the input")
            tag = flag or ("m" if word.isdigit() else "")
            out.append(RawToken(start, pos, tag, word))
        if pos != len(text):
            raise PolicytextError("jieba output does not cover its input")
        return out

    def upos(self, tag: str, word: str) -> str:
        """UPOS for a jieba tag (numbers and punctuation recognised when POS is off)."""
        return _upos(tag, word)


def _tag_upos(tag: str, word: str) -> tuple[str, str]:
    """``(tag, UPOS)`` of a word, one shared tuple per distinct pair (the word caches hold many)."""
    pair = (tag, _upos(tag, word))
    return _PAIRS.setdefault(pair, pair)


@lru_cache(maxsize=65536)
def _upos(tag: str, word: str) -> str:
    if not tag:
        if word.isdigit():
            return "NUM"
        return "PUNCT" if all(not c.isalnum() for c in word) else "X"
    if tag == "x" and any(c.isalnum() for c in word):
        return "X"
    return to_upos("jieba", tag)


@lru_cache(maxsize=4)
def _shared_engine(stamps: tuple[tuple[str, int, int], ...]) -> RJiebaEngine:
    """One jieba-rs engine per process and set of dictionary files (unchanged): the tokenizers of every
    POS and HMM setting share it (HMM is an argument of each call; POS picks ``cut`` or ``tag``), so jieba's
    349,000-word dictionary is loaded once, not once per setting."""
    return RJiebaEngine(w for path, _, _ in stamps for w in _user_dict_entries(Path(path)))
