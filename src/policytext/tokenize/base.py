"""The one Token type every backend returns, and the protocol a tokenizer follows."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True, slots=True)
class Token:
    """A token with exact character offsets: ``text[start:end] == surface`` always.

    ``tag`` is the backend's own part-of-speech tag, ``upos`` the coarse Universal POS tag mapped from it
    (so rules never depend on the backend). Korean morphemes that are not substrings of the text (했 →
    하/XSV + 었/EP) are listed in ``morphs`` and share the span they came from; ``lemma`` is the
    dictionary form (하다). ``norm`` is the token in the normalised view (width-folded, line breaks
    inside words removed, optionally Simplified).
    """

    surface: str
    start: int
    end: int
    tag: str
    upos: str
    lemma: str
    norm: str
    lang: str
    morphs: tuple[tuple[str, str], ...] = field(default=())

    def as_dict(self) -> dict[str, object]:
        """Plain-dict form for tables and JSON."""
        return {
            "start": self.start,
            "end": self.end,
            "surface": self.surface,
            "norm": self.norm,
            "tag": self.tag,
            "upos": self.upos,
            "lemma": self.lemma,
            "lang": self.lang,
            "morphs": "+".join(f"{f}/{t}" for f, t in self.morphs),
        }


@dataclass(frozen=True, slots=True)
class RawToken:
    """What a backend yields for a stretch of (normalised) text, offsets relative to that stretch."""

    start: int
    end: int
    tag: str
    lemma: str
    morphs: tuple[tuple[str, str], ...] = ()


class Tokenizer(Protocol):
    """A backend: splits one stretch of text of its language into RawTokens covering exact offsets."""

    name: str
    lang: str

    def settings(self) -> dict[str, object]:
        """Everything that changes its output (backend, version, options, dictionary hash)."""
        ...

    def raw_tokens(self, text: str) -> list[RawToken]:
        """Tokens of ``text`` with offsets into ``text``; white space produces no token."""
        ...
