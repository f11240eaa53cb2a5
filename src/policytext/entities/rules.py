"""Rule layer of the entity pipeline: MONEY/PERCENT/QUANTITY/DATE with normalised values, and gazetteers.

Numbers come from the one normaliser (``policytext.text.numbers``): a figure in CNY/KRW/USD is MONEY
(3,000억 위안 → 300000000000 CNY), in percent or percentage points PERCENT (5%左右 → 5, around), any other
figure with a unit or magnitude QUANTITY (1200万人 → 12000000 persons). Dates: 2025年3月5日, 2025年3月,
3月5日 and 2025년 3월 6일, 3월 6일 → ISO dates, the year taken from the document when the text omits it.
Gazetteer: the canonical entity table (``data/entities/canonical.csv``: PERSON, ORG, GPE, LOC, POLICY with
zh/ko/en names) plus the fixed names of the policy-term table (its ``named`` rows: jieba tag nz → POLICY,
nt → ORG; the other rows are vocabulary, not names), matched on the surface
(Aho-Corasick, longest first), each hit carrying its canonical id.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from policytext.keywords.match import SurfaceMatcher
from policytext.resources import data_path
from policytext.text.numbers import find_quantities
from policytext.tokenize.dictionary import read_policy_terms

_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9])"
_ZH_DATE = re.compile(r"(?:(?P<y>(?:1[89]|20)\d\d)\s?年\s?)?(?P<m>1[0-2]|0?[1-9])\s?月(?:\s?" + _DAY + r"\s?[日号])?")
_ZH_YEAR = re.compile(r"(?<![\d.])(?P<y>(?:1[89]|20)\d\d)\s?年(?!\s?(?:1[0-2]|0?[1-9])\s?月)(?!代|度|间|均|的)")
_KO_DATE = re.compile(r"(?:(?P<y>(?:1[89]|20)\d\d)\s?년\s?)?(?P<m>1[0-2]|0?[1-9])\s?월(?:\s?" + _DAY + r"\s?일)?")
_KO_YEAR = re.compile(r"(?<![\d.])(?P<y>(?:1[89]|20)\d\d)\s?년(?!\s?(?:1[0-2]|0?[1-9])\s?월)(?!대)")


@dataclass(frozen=True, slots=True)
class RuleSpan:
    """A span found by a rule: ``[start, end)``, label, normalised form, canonical id, and which rule."""

    start: int
    end: int
    label: str
    norm: str
    entity_id: str
    source: str
    value: Any = None


def _num(v: float | None) -> str:
    """A value as written in a normalised form: integers in full (1300000000000), others to 10 digits."""
    if v is None:
        return ""
    return str(int(v)) if float(v).is_integer() else f"{v:.10g}"


def numeric_spans(text: str) -> list[RuleSpan]:
    """MONEY, PERCENT and QUANTITY spans with normalised values."""
    out = []
    for q in find_quantities(text):
        if q.unit in ("CNY", "KRW", "USD"):
            label = "MONEY"
        elif q.unit in ("percent", "pp"):
            label = "PERCENT"
        else:
            label = "QUANTITY"
        if q.modifier == "range":
            norm = f"{_num(q.low)}-{_num(q.high)}"
        else:
            prefix = {"around": "~", "at_least": "≥", "at_most": "≤"}.get(q.modifier, "")
            norm = f"{prefix}{_num(q.value)}"
        unit = {"percent": "%", "pp": "pp"}.get(q.unit or "", q.unit or "")
        out.append(RuleSpan(q.start, q.end, label, f"{norm} {unit}".strip(), "", "rule:number", q.as_dict()))
    return out


def date_spans(text: str, lang: str, doc_year: int | None) -> list[RuleSpan]:
    """DATE spans normalised to ISO (YYYY, YYYY-MM or YYYY-MM-DD); a missing year comes from the document."""
    full, year_only = (_KO_DATE, _KO_YEAR) if lang == "ko" else (_ZH_DATE, _ZH_YEAR)
    out = []
    for m in full.finditer(text):
        y = int(m.group("y")) if m.group("y") else doc_year
        mo = int(m.group("m"))
        d = m.group("d")
        if m.group("y") is None and d is None:
            continue  # a bare "3月" is too often a duration or a list item to tag
        if y is None:
            norm = f"XXXX-{mo:02d}" + (f"-{int(d):02d}" if d else "")
        else:
            norm = f"{y:04d}-{mo:02d}" + (f"-{int(d):02d}" if d else "")
        out.append(RuleSpan(m.start(), m.end(), "DATE", norm, "", "rule:date"))
    for m in year_only.finditer(text):
        out.append(RuleSpan(m.start(), m.end(), "DATE", m.group("y"), "", "rule:date"))
    return out


@lru_cache(maxsize=1)
def canonical() -> dict[str, dict[str, str]]:
    """The canonical entity table (``data/entities/canonical.csv``): id → row (label, zh, ko, en, aliases)."""
    path = data_path("entities", "canonical.csv")
    with path.open(encoding="utf-8", newline="") as f:
        return {r["id"]: r for r in csv.DictReader(line for line in f if not line.startswith("#"))}


@lru_cache(maxsize=2)
def gazetteer_matcher() -> tuple[SurfaceMatcher, dict[str, tuple[str, str]]]:
    """One matcher over every alias: key = alias → (label, entity id)."""
    owner: dict[str, tuple[str, str]] = {}
    for r in canonical().values():
        names = [r.get("zh"), r.get("ko"), r.get("en")]
        for col in ("aliases_zh", "aliases_ko", "aliases_en"):
            names += (r.get(col) or "").split("|")
        for n in names:
            n = (n or "").strip()
            if len(n) >= 2 and n not in owner:
                owner[n] = (r["label"], r["id"])
    for term in read_policy_terms():
        if term.get("named") != "yes":
            continue  # vocabulary (宏观调控, 价格改革, 芯片, 人工智能): terms, not names (the table's `named` column)
        label = "ORG" if term.get("pos") == "nt" else "POLICY"  # nt: institutions (世界贸易组织, 国家实验室)
        eid = f"{label.lower()}:{term.get('concept') or term['zh']}"
        for n in [term["zh"], *(term.get("ko") or "").split("|")]:
            n = n.strip()
            if len(n) >= 2 and n not in owner and not n.isascii():
                owner[n] = (label, eid)
    # one key for all aliases: the matcher then returns leftmost-longest non-overlapping hits across them
    return SurfaceMatcher(("gaz", alias) for alias in owner), owner


_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _inside_word(text: str, start: int, end: int, alias: str) -> bool:
    """A hit that is part of a longer word: a Korean name must start a word (평양 in 태평양, 한은 in 위한은
    are not names; particles may follow), and a Chinese body ending in 部 is not one when 门 follows
    (教育部门 = education departments, not 教育部)."""
    if _HANGUL.match(alias) and start > 0 and _HANGUL.match(text[start - 1]):
        return True
    return alias.endswith("部") and text[end : end + 1] == "门"


def gazetteer_spans(text: str) -> list[RuleSpan]:
    """Gazetteer hits, longest first, no overlaps, each with its label and canonical id."""
    matcher, owner = gazetteer_matcher()
    out = []
    for m in matcher.find(text):
        if _inside_word(text, m.start, m.end, m.alias):
            continue
        label, eid = owner[m.alias]
        out.append(RuleSpan(m.start, m.end, label, m.alias, eid, "rule:gazetteer"))
    return out


def rule_spans(text: str, lang: str, doc_year: int | None = None) -> list[RuleSpan]:
    """All rule spans of ``text``, overlapping ones resolved: numbers and dates, then gazetteer, longest first."""
    cands = numeric_spans(text) + date_spans(text, lang, doc_year) + gazetteer_spans(text)
    return resolve(cands)


_PRIORITY = {"rule:number": 0, "rule:date": 1, "rule:gazetteer": 2, "model": 3}


def _by_length(x: RuleSpan) -> tuple[Any, ...]:
    return (-(x.end - x.start), _PRIORITY.get(x.source, 9), x.start, x.label)


def resolve(spans: list[RuleSpan], key: Callable[[RuleSpan], Any] = _by_length) -> list[RuleSpan]:
    """The one overlap resolver of character spans: in ``key`` order (default: longer span first, then source
    priority, then earlier start) each span is kept unless it overlaps one already kept; sorted by start."""
    chosen: list[RuleSpan] = []
    taken: list[tuple[int, int]] = []
    for s in sorted(spans, key=key):
        if any(s.start < e and b < s.end for b, e in taken):
            continue
        chosen.append(s)
        taken.append((s.start, s.end))
    return sorted(chosen, key=lambda x: x.start)
