"""Figures for ``policytext targets``: the number normaliser's, plus the percent wordings it does not read.

Beside ``policytext.text.numbers.find_quantities`` this reads, from the cue data (``data/targets/cues.yaml``):
percent words before a number (百分之七点九 = 7.9%, 百分之八至九 = 8–9%) and multiples after one (增长1.7倍 =
170%: a cumulative rise in percent, as annotations/targets/GUIDELINES.md records it).
"""

from __future__ import annotations

import re
from typing import Any

from policytext.text.numbers import CN_NUM, Quantity, find_quantities, modifier_after, parse_number

_NUM = rf"(?:[0-9０-９]+(?:[.．][0-9０-９]+)?|{CN_NUM}(?:点{CN_NUM})?)"
# narrower than the normaliser's range separators (no spaces, dashes, 내지 or 에서): 百分之八至九
_RANGE = r"(?:至|到|~|～|－|-)"


def _value(s: str) -> float:
    """A number in Arabic digits or Chinese numerals, with 点 as the decimal point (七点九 → 7.9), which
    ``parse_number`` does not read: the whole part and each decimal digit are read by it."""
    whole, _, frac = s.partition("点")
    v = parse_number(whole)
    if frac:
        digits = "".join(str(int(parse_number(ch))) for ch in frac)
        v += float(f"0.{digits}")
    return v


def _percent_words(text: str, words: list[str]) -> list[Quantity]:
    """百分之X (and 百分之X至Y, 百分之X至百分之Y) as percent figures, with a modifier word after (百分之十以内)."""
    if not words:
        return []
    lead = "(?:" + "|".join(re.escape(w) for w in words) + ")"
    pat = re.compile(rf"{lead}(?P<a>{_NUM})(?:{_RANGE}(?:{lead})?(?P<b>{_NUM}))?")
    out = []
    for m in pat.finditer(text):
        try:
            a = _value(m.group("a"))
            b = _value(m.group("b")) if m.group("b") else None
        except ValueError:
            continue
        if b is None:
            mod = modifier_after(text, m.end())  # 百分之十以内
            end = mod[1] if mod else m.end()
            out.append(Quantity(m.start(), end, text[m.start() : end], a, "percent", mod[0] if mod else "point"))
        else:
            out.append(Quantity(m.start(), m.end(), m.group(), a, "percent", "range", a, b))
    return out


def _multiples(text: str, multiples: dict[str, float]) -> list[Quantity]:
    """X倍 after a growth word as a percent rise: 1.7倍 → 170 (the factor comes from the data file)."""
    out = []
    for word, factor in multiples.items():
        for m in re.finditer(rf"(?P<a>{_NUM}){re.escape(word)}", text):
            try:
                v = _value(m.group("a"))
            except ValueError:
                continue
            out.append(Quantity(m.start(), m.end(), m.group(), v * float(factor), "percent", "point"))
    return out


def find_figures(text: str, cue: dict[str, Any]) -> list[Quantity]:
    """Every figure in ``text``, left to right: the normaliser's and those of the cue data's extra wordings."""
    found = find_quantities(text)
    extra = _percent_words(text, cue.get("percent_words") or []) + _multiples(text, cue.get("multiples") or {})
    for q in extra:
        if not any(o.start < q.end and q.start < o.end for o in found):
            found.append(q)
    return sorted(found, key=lambda q: q.start)
