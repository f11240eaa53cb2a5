"""Paragraphs with offsets into the original text: the units of ``--unit paragraph``.

A paragraph ends at a line break. Korean sources that lost their line breaks (most of the budget addresses
are one line) glue a paragraph's last sentence to the next one with no space ("…부탁드리고자 합니다.지난 2년"),
while sentences inside a paragraph are separated by a space; in Korean text that glued end is a paragraph
break too. Chinese has no spaces between sentences, so only line breaks count there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_CLOSERS = "”’\"'」』）)》〕】〉"
_KO_GLUED = re.compile(rf"(?<=[\uac00-\ud7a3])[.!?]+[{_CLOSERS}]*(?=[\uac00-\ud7a3“‘])")
_BREAK = re.compile(r"\r?\n")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph: its number in the document and its span ``[start, end)`` in the original text."""

    para_id: int
    start: int
    end: int
    text: str


def split_paragraphs(text: str, lang: str | None) -> list[Paragraph]:
    """Paragraphs of ``text``, trimmed of surrounding white space; empty lines are skipped."""
    cuts = {m.end() for m in _BREAK.finditer(text)}
    if lang == "ko":
        cuts.update(m.end() for m in _KO_GLUED.finditer(text))
    out: list[Paragraph] = []
    prev = 0
    for b in [*sorted(cuts), len(text)]:
        seg = text[prev:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg.rstrip())
        if trail > lead:
            s, e = prev + lead, prev + trail
            out.append(Paragraph(len(out), s, e, text[s:e]))
        prev = b
    return out
