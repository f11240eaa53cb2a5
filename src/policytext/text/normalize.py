"""Normalised views of a text whose every character maps back to an offset in the original.

Only one-to-one replacements and deletions are made, so a view is the original with some characters
swapped (width, case, Traditional→Simplified) and some removed (zero-width characters, line breaks inside
CJK words). ``NormalizedView.to_original`` maps any span of the view back to the original text.
"""

from __future__ import annotations

import bisect
import re
import sys
import unicodedata
from array import array
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A single line break (optionally with CR) between two Han characters: a word broken across lines. Not
# before a numbered heading (一、 二、 ... 十二、 or 第...), which starts a new paragraph. The regex finds
# the line break and what follows it (scanning for a literal is fast); ``_cjk_breaks`` checks what precedes.
_BREAK_BEFORE_HAN = re.compile(rf"\n(?![一二三四五六七八九十]+、|第[一二三四五六七八九十百]+[章节部分条])(?=[{_HAN}])")
_HAN_CHAR = re.compile(f"[{_HAN}]")
_NEEDS_DELETE = re.compile(f"[{_ZERO_WIDTH}]")
_WIDTH_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
# Halfwidth Hangul letters (U+FFA0-FFDC) to Hangul compatibility jamo, character for character.
_HALFWIDTH_HANGUL = ((0xFFA1, 0xFFBE, 0x3131), (0xFFC2, 0xFFC7, 0x314F), (0xFFCA, 0xFFCF, 0x3155),
                     (0xFFD2, 0xFFD7, 0x315B), (0xFFDA, 0xFFDC, 0x3161))  # fmt: skip
_WIDTH_TABLE |= {cp: base + cp - lo for lo, hi, base in _HALFWIDTH_HANGUL for cp in range(lo, hi + 1)}
_WIDTH_CHARS = re.compile("[" + "".join(sorted(map(chr, _WIDTH_TABLE))) + "]")
_WIDTH_LO = 0xFF00


def _width_lut() -> np.ndarray[Any, Any]:
    """_WIDTH_TABLE as an array over U+FF00..U+FFFF (identity where it has no entry); U+3000 is apart."""
    lut = np.arange(_WIDTH_LO, 0x10000, dtype=np.uint32)
    for cp, to in _WIDTH_TABLE.items():
        if cp >= _WIDTH_LO:
            lut[cp - _WIDTH_LO] = to
        elif cp != 0x3000:
            raise AssertionError(f"width table entry U+{cp:04X} outside U+FF00..U+FFFF")
    return lut


_WIDTH_LUT = _width_lut()
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

    __slots__ = ("_changed", "_segments", "_starts", "options", "original", "text")

    def __init__(self, original: str, text: str, starts: np.ndarray[Any, Any] | None, options: NormalizeOptions):
        self.original = original
        self.text = text
        # None means identity; an array('q') indexes to plain ints much faster than a numpy array does
        self._starts: array[int] | None = None if starts is None else array("q", starts.astype(np.int64).tobytes())
        self.options = options
        self._segments: tuple[list[int], list[int]] | None = None
        self._changed: list[int] | None = None

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

    def cursor(self, start: int = 0) -> ViewCursor:
        """A cursor mapping consecutive spans of the view from ``start`` on (see :class:`ViewCursor`)."""
        if self._segments is None:
            self._segments = self._shift_segments()
        if self._changed is None:
            self._changed = self._changed_positions()
        return ViewCursor(self, self._segments, self._changed, start)

    def _shift_segments(self) -> tuple[list[int], list[int]]:
        """Stretches that map to the original by a constant shift (a new one after each deletion):
        ``(begins, shifts)``, position ``i`` in ``[begins[k], begins[k + 1])`` coming from ``i + shifts[k]``."""
        if self._starts is None or not self._starts:
            return [0], [0]
        starts = np.frombuffer(self._starts, dtype=np.int64)
        begins = np.flatnonzero(np.diff(starts) != 1) + 1
        return [0, *begins.tolist()], [int(starts[0]), *(starts[begins] - begins).tolist()]

    def _changed_positions(self) -> list[int]:
        """View positions whose character differs from the original one it comes from, then sys.maxsize."""
        if self._starts is None and self.text == self.original:
            return [sys.maxsize]
        view = _code_points(self.text)
        orig = _code_points(self.original)
        if self._starts is not None:
            orig = orig[np.frombuffer(self._starts, dtype=np.int64)]
        return [*np.flatnonzero(orig != view).tolist(), sys.maxsize]


class ViewCursor:
    """Maps consecutive spans of a view (each starting where the last ended) to the original, cheaply.

    A span ``[vs, ve)`` with ``ve <= limit`` needs no call: it comes from ``[vs + shift, ve + shift)``
    and copies it verbatim (``view.text[vs:ve] == view.original[vs + shift:ve + shift]``). Any other span
    (over a changed character, or across a deletion) is mapped by ``advance``, which moves ``shift`` and
    ``limit`` on. Spans must not be empty. Lets a tokenizer map tokens by addition and use a token's
    normalised form as its surface.
    """

    __slots__ = ("_begins", "_changed", "_i", "_next_begin", "_shifts", "_view", "limit", "shift")

    def __init__(self, view: NormalizedView, segments: tuple[list[int], list[int]], changed: list[int], start: int):
        self._view = view
        self._begins, self._shifts = segments
        self._changed = changed
        self._i = 0
        self._enter(start)
        self._set_limit(start)

    def _enter(self, pos: int) -> None:
        """Take the shift of the segment that ``pos`` is in."""
        k = bisect.bisect_right(self._begins, pos) - 1
        self.shift = self._shifts[k]
        self._next_begin = self._begins[k + 1] if k + 1 < len(self._begins) else sys.maxsize

    def _set_limit(self, pos: int) -> None:
        """Limit: the next changed character from ``pos`` on, or the next segment, whichever is first."""
        self._i = i = bisect.bisect_left(self._changed, pos, self._i)
        changed = self._changed[i]
        self.limit = changed if changed < self._next_begin else self._next_begin

    def advance(self, vs: int, ve: int) -> tuple[int, int]:
        """The original span of ``[vs, ve)`` (which starts where the last span ended); the cursor moves to ``ve``."""
        if ve <= self._next_begin:
            span = (vs + self.shift, ve + self.shift)
        else:
            span = self._view.to_original(vs, ve)
            self._enter(ve)
        self._set_limit(ve)
        return span


def _code_points(text: str) -> np.ndarray[Any, Any]:
    """The code points of ``text`` as an array (one element per character, lone surrogates included)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _cjk_breaks(source: str) -> list[tuple[int, int]]:
    """The spans ``join_lines`` deletes, in order: a line break (with any spaces or tabs before it, and a CR
    right before it) between a Han character and one that does not start a numbered heading."""
    spans: list[tuple[int, int]] = []
    for m in _BREAK_BEFORE_HAN.finditer(source):
        start = m.start()
        if start and source[start - 1] == "\r":
            start -= 1
        while start and source[start - 1] in " \t":
            start -= 1
        if start and _HAN_CHAR.match(source, start - 1):
            spans.append((start, m.end()))
    return spans


def _hanja_reading(text: str) -> str:
    """Hangul reading of the Hanja in ``text`` (initial-sound rule applied: 勞動 → 노동), by the hanja package."""
    import hanja

    # CJK compatibility ideographs (復 U+F966, 率 U+F961 in old speeches) to their unified characters
    # (canonical singletons: one character each), which are the ones the hanja package can read
    text = _COMPAT_IDEOGRAPH.sub(lambda m: unicodedata.normalize("NFC", m.group()), text)
    return str(hanja.translate(text, "substitution"))


_COMPAT_IDEOGRAPH = re.compile("[\uf900-\ufaff]")


def _fold_width(text: str) -> str:
    """``text.translate(_WIDTH_TABLE)``, vectorised: str.translate looks up every character in the dict."""
    if not _WIDTH_CHARS.search(text):
        return text
    codes = _code_points(text).copy()
    high = codes >= _WIDTH_LO
    high &= codes <= 0xFFFF
    codes[high] = _WIDTH_LUT[codes[high] - _WIDTH_LO]
    codes[codes == 0x3000] = _WIDTH_TABLE[0x3000]
    return codes.tobytes().decode("utf-32-le", "surrogatepass")


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
        swapped = _fold_width(swapped)
    if opts.casefold:
        swapped = _convert_same_length(swapped, str.lower)
    if opts.t2s:
        swapped = _convert_same_length(swapped, t2s_converter().convert)
    if opts.hanja and _HAN_CHAR.search(swapped):
        swapped = _convert_same_length(swapped, _hanja_reading)
    if opts.old_spelling:
        swapped = _OLD_SPELLING.sub("습", swapped)
    deletions: list[tuple[int, int]] = []
    has_zero_width = _NEEDS_DELETE.search(text) is not None
    if opts.zero_width and has_zero_width:
        deletions.extend((m.start(), m.end()) for m in _NEEDS_DELETE.finditer(text))
    if opts.join_lines and "\n" in text:
        source = _NEEDS_DELETE.sub(" ", text) if opts.zero_width and has_zero_width else text
        deletions.extend(_cjk_breaks(source.replace("\u3000", " ")))
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
