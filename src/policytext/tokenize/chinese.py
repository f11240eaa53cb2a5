"""Chinese tokenizer: jieba in precise mode (HMM on or off, POS via posseg) with the policy dictionary."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from policytext.errors import PolicytextError
from policytext.resources import data_path
from policytext.tokenize.base import RawToken
from policytext.tokenize.dictionary import POLICY_TERMS, read_policy_terms
from policytext.tokenize.tagsets import to_upos


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
    """jieba precise mode with its own dictionary instance (never jieba's global one)."""

    lang = "zh"
    tagset = "jieba"

    def __init__(
        self, hmm: bool = True, pos: bool = True, user_dicts: Sequence[str | Path] = (), policy_dict: bool = True
    ) -> None:
        self.name = "jieba"
        self.hmm = hmm
        self.pos = pos
        self.policy_dict = policy_dict
        self.user_dicts = tuple(Path(p) for p in user_dicts)
        for p in self.user_dicts:
            if not p.is_file():
                raise PolicytextError(f"{p}: user dictionary not found")
        self._tok: Any = None
        self._pos_tok: Any = None

    def _dict_files(self) -> list[Path]:
        return ([data_path(POLICY_TERMS)] if self.policy_dict else []) + list(self.user_dicts)

    def settings(self) -> dict[str, object]:
        """Backend, version, options and a hash of the dictionaries in use."""
        import jieba

        h = hashlib.sha256()
        for p in self._dict_files():
            h.update(p.read_bytes())
        return {
            "backend": "jieba",
            "version": jieba.__version__,
            "hmm": self.hmm,
            "pos": self.pos,
            "dict_sha256": h.hexdigest()[:16],
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

    def words(self, text: str) -> list[str]:
        """The raw backend call (``lcut``), used as the benchmark baseline."""
        return list(self._load().lcut(text, HMM=self.hmm))

    def raw_tokens(self, text: str) -> list[RawToken]:
        """jieba tokens of ``text`` with offsets; white space yields no token."""
        tok = self._load()
        out: list[RawToken] = []
        pos = 0
        if self.pos:
            pairs = [(p.word, p.flag) for p in self._pos_tok.cut(text, HMM=self.hmm)]
        else:
            pairs = [(w, "") for w in tok.cut(text, HMM=self.hmm)]
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


@lru_cache(maxsize=65536)
def _upos(tag: str, word: str) -> str:
    if not tag:
        if word.isdigit():
            return "NUM"
        return "PUNCT" if all(not c.isalnum() for c in word) else "X"
    if tag == "x" and any(c.isalnum() for c in word):
        return "X"
    return to_upos("jieba", tag)
