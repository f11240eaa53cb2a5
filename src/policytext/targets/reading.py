"""The units ``policytext targets`` reads: sentences, with text that line breaks cut put back together.

A sentence is read through the normalised view's line joins (a word broken across lines, zero-width
characters dropped). A sentence that ends without closing punctuation (。！？；：.) and is followed, after
nothing but white space and zero-width characters, by one that does not start a numbered heading is read
together with it when the gap is one line break or holds zero-width characters (not a blank line): sources
converted from HTML cut sentences at inline markup (国内生产总值达到74.4⏎​⏎万亿元, 广义货币M⏎2⏎增长11.3%).
Every character of a unit keeps its offset in the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policytext.corpus import Document
from policytext.targets.indicators import cues
from policytext.text.normalize import NormalizeOptions, normalize

_JOIN = NormalizeOptions(width=False, zero_width=True, join_lines=True)
_CLOSED = re.compile(r"[。！？；：!?;:.][”’\"'」』）)》]*\s*$")
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_GAP = re.compile(rf"[\s{_ZERO_WIDTH}]*")
_ORDINALS = "|".join(re.escape(w) for w in cues("zh").get("heading_ordinals") or []) or "(?!)"
_HEADING = re.compile(
    rf"\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[）)]|第[一二三四五六七八九十百]+(?:{_ORDINALS}))"
)


def _cut(gap: str) -> bool:
    """Whether ``gap`` between two sentences is a cut inside one: one line break, or white space holding a
    zero-width character (markup left behind); a blank line alone is a paragraph break (예산내용⏎⏎⏎정부는)."""
    if _GAP.fullmatch(gap) is None:
        return False
    return gap.count("\n") <= 1 or any(ch in gap for ch in _ZERO_WIDTH)


@dataclass(frozen=True)
class Unit:
    """Text read as one sentence: its first sentence's id, its original span, the joined text, offsets."""

    sent_id: int
    start: int
    end: int
    text: str
    offsets: tuple[int, ...]  # original offset of each character of ``text``

    def span(self, s: int, e: int) -> tuple[int, int]:
        """The original span of ``text[s:e]``."""
        if e <= s:
            o = self.offsets[s] if s < len(self.offsets) else self.end
            return o, o
        return self.offsets[s], self.offsets[e - 1] + 1


def reading_units(doc: Document) -> list[Unit]:
    """The document's sentences as reading units (module docstring), in order."""
    units: list[Unit] = []
    group: list[tuple[int, int, int, str, list[int]]] = []  # sent_id, start, end, text, offsets

    def flush() -> None:
        if group:
            units.append(Unit(group[0][0], group[0][1], group[-1][2], "".join(g[3] for g in group),
                              tuple(o for g in group for o in g[4])))  # fmt: skip
            group.clear()

    for sent in doc.sentences():
        view = normalize(sent.text, _JOIN)
        offsets = [sent.start + view.orig_offset(i) for i in range(len(view.text))]
        if group:
            prev_end = group[-1][2]
            joinable = (
                not _CLOSED.search(group[-1][3])
                and _cut(doc.text[prev_end : sent.start])
                and not _HEADING.match(sent.text)
                and not _HEADING.match(group[0][3])
            )
            if not joinable:
                flush()
        group.append((sent.sent_id, sent.start, sent.end, view.text, offsets))
    flush()
    return units
