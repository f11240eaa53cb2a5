"""Report structure: sections opened by numbered headings (一、 / （一） ; Ⅰ. ▣ / 1. ■ / 가. □), nested by level.

Markers and named labels (``tasks``, ``review``) live in ``data/sections.yaml``. A section runs from its
heading to the next heading of the same or a higher level (or the end of the text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from policytext.resources import data_yaml


@dataclass(frozen=True, slots=True)
class Section:
    """A section: number, level, heading title, span ``[start, end)`` in the original text, parent number."""

    sec_id: int
    level: int
    title: str
    start: int
    end: int
    parent: int | None


def _config() -> dict[str, Any]:
    data: dict[str, Any] = data_yaml("sections.yaml")
    return data


@lru_cache(maxsize=4)
def _markers(lang: str) -> list[tuple[int, re.Pattern[str]]]:
    return [(int(m["level"]), re.compile(m["pattern"])) for m in _config()["markers"].get(lang, [])]


def section_label_pattern(label: str) -> re.Pattern[str]:
    """The title pattern for a named label (``tasks``), or ``re:...``/plain text given by the user."""
    labels: dict[str, list[str]] = _config()["labels"]
    if label in labels:
        return re.compile("|".join(f"(?:{p})" for p in labels[label]))
    if label.startswith("re:"):
        return re.compile(label[3:])
    return re.compile(re.escape(label))


def find_sections(text: str, lang: str | None) -> list[Section]:
    """The sections of ``text`` in document order (empty when no heading is found)."""
    markers = _markers(lang or "zh")
    heads: list[tuple[int, int, str]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            for level, rx in markers:
                if rx.match(line):
                    title = stripped.split("。")[0][:80]
                    heads.append((pos + len(line) - len(line.lstrip()), level, title))
                    break
        pos += len(line)
    out: list[Section] = []
    stack: list[Section] = []
    for i, (start, level, title) in enumerate(heads):
        end = len(text)
        for later_start, later_level, _ in heads[i + 1 :]:
            if later_level <= level:
                end = later_start
                break
        while stack and stack[-1].level >= level:
            stack.pop()
        sec = Section(i, level, title, start, end, stack[-1].sec_id if stack else None)
        out.append(sec)
        stack.append(sec)
    return out


def section_path(sections: list[Section], offset: int) -> list[Section]:
    """The sections containing ``offset``, outermost first."""
    return [s for s in sections if s.start <= offset < s.end]
