"""The one Token type every backend returns, and the protocol a tokenizer follows."""

from __future__ import annotations

from collections.abc import Callable
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


class TokenSlots:
    """Token's slots without its frozen ``__setattr__``: an instance whose nine fields are all set becomes
    a Token by ``__class__`` assignment (allowed between classes of identical slot layout), and is then an
    ordinary Token: same type, equality, hash and pickling, frozen from then on.

    A frozen dataclass sets each field through ``object.__setattr__``, about 1.2 µs a token, as much as a
    tenth of jieba's own time; this way takes about 0.25 µs. Tokenizer loops fill one inline (no call),
    else use ``make_token``.
    """

    __slots__ = Token.__slots__
    surface: str
    start: int
    end: int
    tag: str
    upos: str
    lemma: str
    norm: str
    lang: str
    morphs: tuple[tuple[str, str], ...]


class _TokenBuilder(TokenSlots):
    """``_TokenBuilder(surface, start, end, tag, upos, lemma, norm, lang, morphs)`` is a Token."""

    __slots__ = ()

    def __init__(
        self,
        surface: str,
        start: int,
        end: int,
        tag: str,
        upos: str,
        lemma: str,
        norm: str,
        lang: str,
        morphs: tuple[tuple[str, str], ...],
    ) -> None:
        self.surface = surface
        self.start = start
        self.end = end
        self.tag = tag
        self.upos = upos
        self.lemma = lemma
        self.norm = norm
        self.lang = lang
        self.morphs = morphs
        self.__class__ = Token  # type: ignore[assignment]


def _check_token_slots() -> None:
    """Fail at import, not with wrong tokens, should this interpreter build Tokens from slots differently."""
    args = ("s", 1, 2, "t", "u", "l", "n", "g", (("f", "x"),))
    blank = TokenSlots()
    for name, value in zip(Token.__slots__, args, strict=True):
        setattr(blank, name, value)
    blank.__class__ = Token  # type: ignore[assignment]
    built: tuple[object, ...] = (blank, _TokenBuilder(*args))
    for token in built:
        fields = tuple(getattr(token, name) for name in Token.__slots__)
        if type(token) is not Token or token != Token(*args) or fields != args:
            raise AssertionError(f"a Token built from its slots differs from Token(...): {token!r}")


_check_token_slots()

make_token: Callable[[str, int, int, str, str, str, str, str, tuple[tuple[str, str], ...]], Token]
make_token = _TokenBuilder  # type: ignore[assignment]
"""``make_token(surface, start, end, tag, upos, lemma, norm, lang, morphs)``: a Token, built fast."""


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
