"""Surface matching: many aliases at once (Aho-Corasick), Latin word boundaries, leftmost-longest, no overlap;
and users' regular expressions, run with a time limit."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import ahocorasick

from policytext.errors import PolicytextError


def _is_latin_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


@dataclass(frozen=True, slots=True)
class Match:
    """A match in the searched string: ``[start, end)``, the key it belongs to and the alias matched."""

    start: int
    end: int
    key: str
    alias: str


class SurfaceMatcher:
    """Find aliases of several keys in a string; each key's hits are non-overlapping, longest alias first.

    An alias that begins (ends) with a Latin letter or digit matches only where the character before
    (after) it is not one, so "ai" does not match in "openai" or "aids". Keys are matched independently:
    a hit of one key never hides a hit of another.
    """

    def __init__(self, aliases: Iterable[tuple[str, str]], exclude: Iterable[tuple[str, str]] = ()) -> None:
        self._auto = ahocorasick.Automaton()
        table: dict[str, list[tuple[str, bool]]] = {}
        for key, alias in aliases:
            if alias:
                table.setdefault(alias, []).append((key, False))
        for key, ex in exclude:
            if ex:
                table.setdefault(ex, []).append((key, True))
        for alias, entries in table.items():
            self._auto.add_word(alias, (alias, tuple(entries)))
        self._empty = not table
        if not self._empty:
            self._auto.make_automaton()

    def find(self, text: str) -> list[Match]:
        """All counted matches in ``text``, sorted by start."""
        if self._empty:
            return []
        by_key: dict[str, list[tuple[int, int, str]]] = {}
        excluded: dict[str, list[tuple[int, int]]] = {}
        n = len(text)
        for end_idx, (alias, entries) in self._auto.iter(text):
            end = end_idx + 1
            start = end - len(alias)
            if _is_latin_alnum(alias[0]) and start > 0 and _is_latin_alnum(text[start - 1]):
                continue
            if _is_latin_alnum(alias[-1]) and end < n and _is_latin_alnum(text[end]):
                continue
            for key, is_exclusion in entries:
                if is_exclusion:
                    excluded.setdefault(key, []).append((start, end))
                else:
                    by_key.setdefault(key, []).append((start, end, alias))
        out: list[Match] = []
        for key, found in by_key.items():
            ex = excluded.get(key, [])
            found.sort(key=lambda m: (m[0], m[0] - m[1]))
            last_end = -1
            for s, e, alias in found:
                if s < last_end:
                    continue
                if any(xs <= s and e <= xe for xs, xe in ex):
                    continue
                out.append(Match(s, e, key, alias))
                last_end = e
        out.sort(key=lambda m: (m.start, m.key))
        return out


class PatternTimeout(PolicytextError):
    """A user regular expression ran past its time limit (catastrophic backtracking)."""


def compile_user_pattern(pattern: str, term: str, ignore_case: bool = False) -> Any:
    """A user's regular expression compiled with the ``regex`` package (which supports a time limit)."""
    import regex

    try:
        return regex.compile(pattern, regex.IGNORECASE if ignore_case else 0)
    except regex.error as e:
        raise PolicytextError(f"bad pattern {term!r}: {e}") from e


def _timeout() -> float:
    from policytext.limits import limits

    return limits().regex_timeout_seconds


def _timed_out(term: str, where: str) -> PatternTimeout:
    return PatternTimeout(f"pattern {term!r} took longer than {_timeout():g} s on {where}: it backtracks "
                          "catastrophically; rewrite it without nested repetition such as (a|aa)+")  # fmt: skip


def pattern_spans(rx: Any, text: str, term: str, where: str) -> list[tuple[int, int, str]]:
    """Non-empty matches ``(start, end, text)`` of compiled user pattern ``rx`` in ``text``, within the time
    limit (data/limits.yaml) for the whole search; PatternTimeout naming the term and ``where`` otherwise."""
    try:
        return [(m.start(), m.end(), m.group()) for m in rx.finditer(text, timeout=_timeout()) if m.end() > m.start()]
    except TimeoutError as e:
        raise _timed_out(term, where) from e


def pattern_fullmatch(rx: Any, text: str, term: str, where: str) -> bool:
    """Whether user pattern ``rx`` matches all of ``text`` (a token), within the time limit."""
    try:
        return rx.fullmatch(text, timeout=_timeout()) is not None
    except TimeoutError as e:
        raise _timed_out(term, where) from e
