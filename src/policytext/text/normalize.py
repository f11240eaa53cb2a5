"""Normalised views of a text whose every character maps back to an offset in the original.

Only one-to-one replacements and deletions are made, so a view is the original with some characters
swapped (width, case, Traditional→Simplified) and some removed (zero-width characters, line breaks inside
CJK words). ``NormalizedView.to_original`` maps any span of the view back to the original text.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A single line break (optionally with CR) between two Han characters: a word broken across lines. Not
# before a numbered heading (一、 二、 ... 十二、 or 第...), which starts a new paragraph.
_CJK_BREAK = re.compile(
    rf"(?<=[{_HAN}])[ \t]*\r?\n(?![一二三四五六七八九十]+、|第[一二三四五六七八九十百]+[章节部分条])(?=[{_HAN}])"
)
_NEEDS_DELETE = re.compile(f"[{_ZERO_WIDTH}]")
_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
# Halfwidth Hangul letters (U+FFA0-FFDC) to Hangul compatibility jamo, character for character.
_HALFWIDTH_HANGUL = ((0xFFA1, 0xFFBE, 0x3131), (0xFFC2, 0xFFC7, 0x314F), (0xFFCA, 0xFFCF, 0x3155),
                     (0xFFD2, 0xFFD7, 0x315B), (0xFFDA, 0xFFDC, 0x3161))  # fmt: skip
_WIDTH_TABLE |= {cp: base + cp - lo for lo, hi, base in _HALFWIDTH_HANGUL for cp in range(lo, hi + 1)}
# Pre-1989 spelling of the formal ending: 하였읍니다 → 하였습니다, 있읍니까 → 있습니까 (one syllable each).
_OLD_SPELLING = re.compile("읍(?=니[다까])")


@dataclass(frozen=True, slots=True)
class NormalizeOptions:
    """Which normalisations to apply; the defaults are those used for sentence splitting and counting."""

    width: bool = True
    zero_width: bool = True
    join_lines: bool = True
    t2s: bool = False
    casefold: bool = False
    hanja: bool = False  # Hanja → Hangul reading (經濟 → 경제), for Korean text
    old_spelling: bool = False  # 읍니다 → 습니다

    def key(self) -> str:
        """A short stable string naming these options (for rules, caches and exports)."""
        names = ("width", "zero_width", "join_lines", "t2s", "casefold", "hanja", "old_spelling")
        on = [name for name in names if getattr(self, name)]
        return "+".join(on) or "none"


class NormalizedView:
    """A normalised text plus, for each of its characters, the offset of its source in the original."""

    __slots__ = ("_starts", "options", "original", "text")

    def __init__(self, original: str, text: str, starts: np.ndarray[Any, Any] | None, options: NormalizeOptions):
        self.original = original
        self.text = text
        # None means identity; an array('q') indexes to plain ints much faster than a numpy array does
        self._starts: array[int] | None = None if starts is None else array("q", starts.astype(np.int64).tobytes())
        self.options = options

    def orig_offset(self, i: int) -> int:
        """Original offset of view position ``i`` (``len(view)`` maps to ``len(original)``)."""
        if self._starts is None:
            return i
        if i >= len(self.text):
            return len(self.original)
        return int(self._starts[i])

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the view span ``[start, end)`` to the original span that produced it."""
        if self._starts is None:
            return start, end
        if end <= start:
            o = self.orig_offset(start)
            return o, o
        return int(self._starts[start]), int(self._starts[end - 1]) + 1


_HAN_CHAR = re.compile(f"[{_HAN}]")


def _hanja_reading(text: str) -> str:
    """Hangul reading of the Hanja in ``text`` (initial-sound rule applied: 勞動 → 노동), by the hanja package."""
    import hanja

    return str(hanja.translate(text, "substitution"))


@lru_cache(maxsize=1)
def t2s_converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def _convert_same_length(text: str, convert: Any) -> str:
    """Apply a converter but keep one character per character: lines that change length go char by char."""
    out = convert(text)
    if len(out) == len(text):
        return str(out)
    lines = text.split("\n")
    fixed: list[str] = []
    for line in lines:
        conv = convert(line)
        if len(conv) != len(line):
            conv = "".join(c if len(c := convert(ch)) == 1 else ch for ch in line)
        fixed.append(conv)
    return "\n".join(fixed)


def normalize(text: str, options: NormalizeOptions | None = None) -> NormalizedView:
    """Build the normalised view of ``text`` under ``options`` (default: width, zero-width, line joins)."""
    opts = options or NormalizeOptions()
    swapped = text
    if opts.width:
        swapped = swapped.translate(_WIDTH_TABLE)
    if opts.casefold:
        swapped = _convert_same_length(swapped, str.lower)
    if opts.t2s:
        swapped = _convert_same_length(swapped, t2s_converter().convert)
    if opts.hanja and _HAN_CHAR.search(swapped):
        swapped = _convert_same_length(swapped, _hanja_reading)
    if opts.old_spelling:
        swapped = _OLD_SPELLING.sub("습", swapped)
    deletions: list[tuple[int, int]] = []
    if opts.zero_width and _NEEDS_DELETE.search(text):
        deletions.extend((m.start(), m.end()) for m in _NEEDS_DELETE.finditer(text))
    if opts.join_lines:
        source = text if not opts.zero_width else _NEEDS_DELETE.sub(" ", text)
        deletions.extend((m.start(), m.end()) for m in _CJK_BREAK.finditer(source.replace("\u3000", " ")))
    if not deletions:
        return NormalizedView(text, swapped, None, opts)
    keep = np.ones(len(text), dtype=bool)
    for s, e in deletions:
        keep[s:e] = False
    starts = np.flatnonzero(keep).astype(np.int64)
    parts: list[str] = []
    prev = 0
    for s, e in sorted(deletions):
        if s > prev:
            parts.append(swapped[prev:s])
        prev = max(prev, e)
    parts.append(swapped[prev:])
    return NormalizedView(text, "".join(parts), starts, opts)
