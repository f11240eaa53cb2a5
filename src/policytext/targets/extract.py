"""Quantitative targets and outcomes stated in reports: one row per figure, traced to its sentence.

Rule (``rule = "targets-v1"``), per sentence:
1. figures come from the number normaliser (``policytext.text.numbers``); indicator phrases from the
   indicator lexicon. A figure belongs to the nearest indicator phrase before it in the same clause
   (no 。；; between, at most ``WINDOW`` characters, no blocker such as 的/占/比重 between, at most one other
   figure between) whose unit fits the figure's unit; in Korean, failing that, to a phrase right after it
   in the same clause (7% 내외의 경제성장, 100억달러 수출);
2. the kind (target / outcome / forecast) is the kind of the cue word nearest to the figure in its clause
   (in Korean: the predicate after it); with none, a list's kind carried over from the sentence before
   (主要预期目标是：…；…；), then the level-1 section title (回顾 → outcome, 部署/任务 → target), then any
   cue in the sentence, then the indicator's default; else ``unknown``. Cues of two kinds at the same
   distance mark the row ``ambiguous``;
3. the period is an explicit year in the clause (2024年, 1966년) or, in Chinese, earlier in the sentence
   ("2012年，……国内生产总值增长7.8%"), else a period word (今年, 去年, 내년, 금년), else a five-year plan
   named in the clause, section title or sentence (“十四五” → 2021-2025), else by kind: targets refer to the
   document's year in Chinese reports and to its fiscal year in Korean budget addresses (delivered in
   autumn for the next year); outcomes to the year before (zh) or the document's year (ko); multi-year
   averages (年均, 연평균) to the five years before;
4. a sentence that says a figure is not set (不设…目标) gives a row with no value and ``status = not_set``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import pandas as pd

from policytext.corpus import Document
from policytext.errors import PolicytextError
from policytext.targets.figures import find_figures
from policytext.targets.indicators import COMPATIBLE_UNITS, Indicator, cues, load_indicators, phrase_pattern
from policytext.targets.reading import reading_units
from policytext.text.numbers import Quantity, parse_number

RULE = "targets-v3"
WINDOW = {"zh": 16, "ko": 24}
WINDOW_AFTER = {"zh": 8, "ko": 12}
_CLAUSE_END = re.compile(r"[。；;！？!?]")
_CLAUSE_SEP = re.compile(r"[，,、。；;：:！？!?]")
# years in digits (1985年, １９８５年, 1985년) or, in Chinese, in numerals (一九八五年, 一九八○年)
_CN_YEAR_DIGITS = "〇○零一二三四五六七八九"
_ZH_YEAR = rf"(?:19|20|１９|２０)\d\d|(?:一九|二[〇○零])[{_CN_YEAR_DIGITS}]{{2}}"
_YEAR = {
    "zh": re.compile(rf"(?<![\d{_CN_YEAR_DIGITS}])({_ZH_YEAR})年"),
    "ko": re.compile(r"(?<!\d)((?:19|20|１９|２０)\d\d)년"),
}
_DECADE = r"(?P<d>[0-9０-９]0|[一二三四五六七八九]十)"
COLUMNS = [
    "doc_id", "year", "lang", "sent_id", "start", "end", "indicator", "indicator_text", "surface", "value",
    "unit", "modifier", "low", "high", "kind", "kind_cue", "ambiguous", "period", "stat", "status",
    "sentence", "rule",
]  # fmt: skip


def _year_value(s: str) -> int:
    """A year as written (1985, １９８５, 一九八○) as an int."""
    return int("".join(str(_CN_YEAR_DIGITS.index(ch) - 2) if ch in _CN_YEAR_DIGITS[3:] else
                       "0" if ch in _CN_YEAR_DIGITS[:3] else ch for ch in s))  # fmt: skip


def _clause(text: str, pos: int) -> tuple[int, int]:
    """Span of the clause (between ，；。 and similar) around ``pos`` in ``text``."""
    starts = [m.end() for m in _CLAUSE_SEP.finditer(text, 0, pos)]
    m = _CLAUSE_SEP.search(text, pos)
    return (starts[-1] if starts else 0, m.start() if m else len(text))


def _nearest_cue(text: str, lo: int, hi: int, at: int, kinds: dict[str, list[str]]) -> tuple[str, str, bool]:
    """The kind whose cue in ``text[lo:hi]`` is nearest to ``at``; (kind, cue, ambiguous)."""
    best: list[tuple[int, str, str]] = []
    for kind, words in kinds.items():
        for w in words:
            for m in re.finditer(re.escape(w), text[lo:hi]):
                s, e = lo + m.start(), lo + m.end()
                dist = at - e if e <= at else s - at
                best.append((max(dist, 0), kind, w))
    if not best:
        return "", "", False
    best.sort()
    d0 = best[0][0]
    tied = {k for d, k, _ in best if d == d0}
    return best[0][1], best[0][2], len(tied) > 1


def _kind(text: str, lo: int, hi: int, q: Quantity, lang: str, kinds: dict[str, list[str]]) -> tuple[str, str, bool]:
    """Kind of a figure from the cues of its clause ``text[lo:hi]``.

    Korean puts the predicate last: the last cue after the figure (될 것으로 전망, 기록하였습니다) decides,
    else the nearest cue before it. Chinese: the nearest cue on either side.
    """
    if lang == "ko":
        stops = [m.start() for w in cues(lang).get("kind_stops") or ()
                 for m in re.finditer(re.escape(w), text[q.end : hi])]  # fmt: skip
        hi = q.end + min(stops) if stops else hi  # 8.6%의 성장을 이룩한 데 이어 금년에도 …: the first predicate's
        hits = [
            (m.start(), kind, w)
            for kind, words in kinds.items()
            for w in words
            for m in re.finditer(re.escape(w), text[q.end : hi])
        ]
        if hits:
            last = max(h[0] for h in hits)
            tied = {k for pos, k, _ in hits if pos == last}
            k, w = next((k, w) for pos, k, w in sorted(hits, key=lambda h: (-h[0], -len(h[2]))) if pos == last)
            return k, w, len(tied) > 1
        return _nearest_cue(text, lo, q.start, q.start, kinds)
    return _nearest_cue(text, lo, hi, q.start, kinds)


def _section(doc: Document, pos: int) -> tuple[int, str]:
    """Start and title of the level-1 section holding ``pos`` ((0, '') outside any)."""
    for sec in doc.sections():
        if sec.level == 1 and sec.start <= pos < sec.end:
            return sec.start, sec.title
    return 0, ""


def _section_title(doc: Document, pos: int) -> str:
    return _section(doc, pos)[1]


def _title_year(doc: Document, pos: int) -> int | None:
    """The one year the level-1 section title around ``pos`` names (二、1981年国民经济计划的任务), else None."""
    found = {_year_value(m.group(1)) for lang in _YEAR for m in _YEAR[lang].finditer(_section_title(doc, pos))}
    return found.pop() if len(found) == 1 else None


def _section_kind(doc: Document, pos: int, lang: str) -> str:
    """The kind a level-1 section title gives (回顾 → outcome, 部署 → target). A title naming both (“十三五”时期
    发展成就和“十四五”时期主要目标任务) gives the kind of the plan its text last named before ``pos``: one over
    before the document's year → outcome, else target; none named → the first kind of the cue data."""
    c = cues(lang)
    rules: dict[str, list[str]] = c["sections"]
    start, title = _section(doc, pos)
    kinds = [kind for kind, words in rules.items() if title and any(w in title for w in words)]
    if len(kinds) < 2:
        return kinds[0] if kinds else ""
    year = doc.meta.get("year")
    body = doc.text[start:pos]
    body = body[body.find(title) + len(title) :] if title in body else body
    pre = tuple(c.get("base_before") or ())  # 高于“十三五”时期: a comparison names no period
    named = [(m.start(), str(c["plans"][name])) for name in c["plans"]
             for m in re.finditer(_plan_name(name, c), body)
             if not (pre and body[: m.start()].endswith(pre))]  # fmt: skip
    if not named or not isinstance(year, int):
        return kinds[0]
    plan = max(named)[1]
    return "outcome" if int(plan[-4:]) < year else "target"


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def _mask(text: str, words: list[str]) -> str:
    """``text`` with each of ``words`` blanked out (same length, so offsets hold)."""
    for w in words:
        text = text.replace(w, " " * len(w))
    return text


def _plan_name(name: str, c: dict[str, Any]) -> str:
    """The pattern of a five-year plan named in text: quoted (“十四五”) or followed by a plan suffix (十四五时期)."""
    suffixes = "|".join(re.escape(w) for w in c.get("plan_suffixes") or []) or "(?!)"
    return rf"“{name}”|(?<![一二三四五六七八九十]){name}(?:{suffixes})"


def _plans(text: str, c: dict[str, Any]) -> list[str]:
    """The periods of the five-year plans named in ``text`` (“十四五”时期 → 2021-2025), in text order."""
    found = []
    for name in c["plans"]:
        m = re.search(_plan_name(name, c), text)
        if m:
            found.append((m.start(), str(c["plans"][name])))
    return [p for _, p in sorted(found)]


def _plan(texts: list[str], c: dict[str, Any], kind: str, year: object) -> str:
    """The plan period for a figure: from the first of ``texts`` naming a plan; of several plans named, a
    target or forecast takes one not yet over in the document's year, an outcome one already over."""
    first = ""
    for text in texts:
        plans = _plans(text, c)
        if not plans:
            continue
        first = first or plans[0]
        if not isinstance(year, int) or kind not in ("target", "forecast", "outcome"):
            return plans[0]
        fits = [p for p in plans if (int(p[-4:]) >= year) == (kind != "outcome")]
        if fits:
            return fits[0]
    return first


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=4)
def _year_phrase(lang: str) -> re.Pattern[str]:
    """A year with the particles that tie it to the figure after it (2009年的, 1963년의), from the cue data."""
    alt = _alt(cues(lang).get("year_links") or [])
    return re.compile(_YEAR[lang].pattern + (rf"\s?(?:{alt})?" if alt else "") + r"\s?")


@lru_cache(maxsize=4)
def _transparent(lang: str) -> re.Pattern[str]:
    """Text between an indicator phrase and its figure that neither blocks nor counts as distance: year
    and period phrases with their links (从2009年的, 降到去年的) and the cue data's ``transparent`` words."""
    c = cues(lang)
    links = _alt(c.get("year_links") or [])
    periods = _alt([*c["periods"], *(c.get("transparent") or [])])
    link = rf"\s?(?:{links})?" if links else ""
    return re.compile(rf"(?:{_YEAR[lang].pattern}|{periods}){link}\s?")


def _decade_year(m: re.Match[str], offset: int, year: object) -> int:
    """The year a decade phrase names (80년대 초 → 1981): the decade nearest the document's year, plus ``offset``."""
    d = int(parse_number(m.group("d")))
    ref = year if isinstance(year, int) else 2000
    return min((1900 + d, 2000 + d), key=lambda y: abs(y - ref)) + offset


@lru_cache(maxsize=4)
def _comparison(lang: str) -> re.Pattern[str] | None:
    """A period word or year followed in its clause, within 20 characters and before any other, by a comparison
    word of the cue data (금년도예산 9조5천7백81억원에 비하여, 2009년 본예산 대비): the base, not the period."""
    c = cues(lang)
    words = c.get("comparisons")
    if not words:
        return None
    marker = rf"(?:{_alt(list(c['periods']))}|{_YEAR[lang].pattern})"
    # no case or topic particle between (올해의 경제 성장은 당초 목표보다: the base is 당초 목표, not 올해)
    stops = _alt(list(c.get("comparison_stops") or [])) or "(?!)"
    return re.compile(rf"{marker}(?=(?:(?!{marker}|(?:{stops})\s)[^,，.。;；:：!?]){{0,20}}?(?:{_alt(words)}))")


def _mask_bases(text: str, lang: str) -> str:
    """``text`` with the period words that are the base of a comparison blanked (offsets hold)."""
    pat = _comparison(lang)
    if pat is None:
        return text
    for m in pat.finditer(text):
        if not _YEAR[lang].match(m.group()):
            text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
    return text


def _years(clause: str, lang: str, base: bool) -> list[re.Match[str]]:
    """The years named in ``clause`` that are (``base``) or are not the base of a comparison (比1980年,
    与2000年相比: words of the cue data's ``base_before`` / ``base_after``)."""
    c = cues(lang)
    pre, post = tuple(c.get("base_before") or ()), tuple(c.get("base_after") or ())
    out = []
    for m in _YEAR[lang].finditer(clause):
        is_base = bool(pre) and clause[: m.start()].endswith(pre)
        is_base = is_base or (bool(post) and clause[m.end() :].startswith(post))
        is_base = is_base or bool((cmp := _comparison(lang)) and cmp.match(clause, m.start()))
        if is_base == base:
            out.append(m)
    return out


def _base_year(clause: str, at: int, lang: str) -> int | None:
    """The base year of a comparison before ``at`` (比2002年增长65.5% → 2002), or None."""
    found = [m for m in _years(clause, lang, True) if m.start() < at]
    return _year_value(found[-1].group(1)) if found else None


@lru_cache(maxsize=4)
def _year_spans(lang: str) -> re.Pattern[str] | None:
    """Two years joined by a span word of the cue data (1952年到1956年, 1962년부터 1966년까지)."""
    c = cues(lang).get("year_spans")
    if not c:
        return None
    y = _YEAR[lang].pattern
    return re.compile(rf"{y}\s?(?:{_alt(c['between'])})\s?{y}(?:{_alt(c.get('after') or [''])})?")


def _markers(clause: str, at: int, lang: str, year: object) -> list[tuple[int, str]]:
    """Period markers before ``at`` in ``clause`` as (end position, period): years, decade and century phrases,
    and period words (今年, 내년) relative to the document's year."""
    c = cues(lang)
    out = [(m.end(), str(_year_value(m.group(1)))) for m in _years(clause, lang, False) if m.start() < at]
    spans = _year_spans(lang)
    if spans is not None:  # 1952年到1956年五年间: the span, not its last year
        for m in spans.finditer(clause):
            if m.start() < at:
                out = [o for o in out if o[0] != m.end()]
                out.append((m.end(), f"{_year_value(m.group(1))}-{_year_value(m.group(2))}"))
    for w, off in (c.get("decades") or {}).items():
        out += [(m.end(), str(_decade_year(m, off, year))) for m in re.finditer(_DECADE + re.escape(w), clause)
                if m.start() < at]  # fmt: skip
    if isinstance(year, int):
        for w in c.get("century_end") or []:
            out += [(m.end(), str((year - 1) // 100 * 100 + 100)) for m in re.finditer(re.escape(w), clause)
                    if m.start() < at]  # fmt: skip
        offsets: dict[str, int] = c["periods"]
        # a longer word wins at the same place (내년도 over 내년): it ends later
        out += [(m.end(), str(year + offsets[w])) for w in offsets for m in re.finditer(re.escape(w), clause)
                if m.start() < at]  # fmt: skip
    return out


def _period(kind: str, clause: str, at: int, doc: Document, lang: str, avg: int, at_doc: int) -> str:
    """The year or period a figure at ``at`` in ``clause`` (at ``at_doc`` in the document) refers to (rule 3 of
    the module docstring)."""
    year = doc.meta.get("year")
    before = _markers(clause, at, lang, year)
    if before:
        p = max(before, key=lambda b: b[0])[1]  # the marker nearest before the figure
        if avg and "-" not in p:
            return f"{int(p) - avg + 1}-{p}"  # 1987年…平均每年增长11.1%: the five years up to 1987
        return p
    years = _years(clause, lang, False)
    if years:
        return str(_year_value(years[0].group(1)))
    if not isinstance(year, int):
        return ""
    if avg:
        return f"{year - avg}-{year - 1}"
    title_year = _title_year(doc, at_doc)  # a review's title (2016年工作回顾) says what the kind says already
    if title_year is not None and title_year > year:
        return str(title_year)  # under 二、1981年国民经济计划的任务和主要指标 (a report of 1980): 1981
    if kind == "target":
        if lang == "ko":
            fy = doc.meta.get("fiscal_year")
            return str(int(fy)) if fy not in (None, "") and not pd.isna(fy) else str(year + 1)
        return str(year)
    if kind == "outcome":
        return str(year - 1) if lang == "zh" else str(year)
    return str(year)


def _kind_by_period(kind: str, cue: str, period: str, year: object, lang: str, read: str) -> tuple[str, str]:
    """The kind corrected by the period: no target for a period over before the report (Chinese reports),
    no outcome for one that ends after it; an unknown kind (or one read outside the figure's clause)
    follows the period (before: outcome, after: target), else stays ``read``."""
    if not isinstance(year, int) or not re.fullmatch(r"\d{4}(?:-\d{4})?", period or ""):
        return read, cue
    first, last = int(period[:4]), int(period[-4:])
    if (kind == "target" and lang == "zh" and last < year) or (kind == "unknown" and last < year):
        return "outcome", f"{cue}; period before the report".lstrip("; ")
    if (kind == "unknown" and first > year) or (kind == "outcome" and last > year):
        return "target", f"{cue}; period after the report".lstrip("; ")
    return read, cue


def _sector_figure(text: str, q: Quantity, ph: str, ind: Indicator, c: dict[str, Any]) -> bool:
    """Whether a headline figure (budget size or growth) read through a generic phrase (규모, 증가한) belongs to
    a sector or to revenue: a word of the cue data's ``sectors`` (복지, 일자리, R&D, 총수입) in its clause."""
    rule = c.get("sector_budgets") or {}
    if ind.id not in rule.get("indicators", ()) or any(w in ph for w in rule.get("headline", ())):
        return False
    lo, hi = _clause(text, q.start)[0], _clause(text, q.end)[1]
    return any(w in text[lo:hi] for w in rule.get("sectors", ()))


def _named_target(text: str, q: Quantity, ph: str, c: dict[str, Any]) -> str:
    """The word naming a figure as a target right before it (계획된 7%, 목표 2억 5천만달러, 계획 성장률 7%) or
    right after it (18억달러의 목표를, 4억7천만불의 수출목표를), from the cue data's ``named_target``; else ''."""
    words = c.get("named_target") or {}
    before = text[max(0, q.start - 16) : q.start].replace(ph, "").rstrip()
    for w in words.get("before", ()):
        if before.endswith(w):
            return str(w)
    after = text[q.end : q.end + 16].replace(ph, "").lstrip()
    for w in words.get("after", ()):
        if after.startswith(w):
            return str(w)
    return ""


_FLIP = {"at_most": "at_least", "at_least": "at_most"}


def _signed(v: float | None, sign: int) -> float | None:
    return None if v is None else sign * v


def _sign(text: str, q: Quantity, ps: int, ch: int, ind: Indicator, c: dict[str, Any]) -> int:
    """−1 for a figure stated as negative: a minus word just before it (마이너스 5.8%), or, for a balance
    indicator (``balances`` of the cue data: 경상수지), a deficit word (적자) between its phrase and the end of
    its clause, unless a surplus word (흑자) stands nearer the figure; else 1."""
    before = text[max(0, q.start - 6) : q.start].rstrip()
    if any(before.endswith(w) for w in c.get("minus") or ()):
        return -1
    if ind.id not in (c.get("balances") or ()):
        return 1
    deficit, surplus = c.get("deficit") or (), c.get("surplus") or ()
    lo, hi = min(ps, q.start), ch

    def dist(words: tuple[str, ...] | list[str]) -> int:
        found = [abs(lo + m.start() - q.start) for w in words for m in re.finditer(re.escape(w), text[lo:hi])]
        return min(found, default=10**6)

    d, s_ = dist(deficit), dist(surplus)
    return -1 if d < s_ else 1


def _fits(ind: Indicator, q: Quantity) -> bool:
    return q.unit in COMPATIBLE_UNITS.get(ind.unit, {ind.unit})


def _owner(ph: str, q: Quantity, text: str, owner: dict[str, list[str]], indicators: dict[str, Indicator],
           lang: str) -> Indicator | None:  # fmt: skip
    """The indicator of phrase ``ph`` that figure ``q`` measures: its unit fits, its context words are in the
    sentence, and it is no sector's figure read through a generic phrase (R&D 예산은 … 증가율이 높은 10.5%)."""
    for iid in owner[ph]:
        ind = indicators[iid]
        if _fits(ind, q) and ind.applies(text, lang) and not _sector_figure(text, q, ph, ind, cues(lang)):
            return ind
    return None


Attached = tuple[int, int, str, Indicator]


def _attach(
    text: str,
    q: Quantity,
    qi: int,
    quantities: list[Quantity],
    phrases: list[tuple[int, int, str]],
    owner: dict[str, list[str]],
    indicators: dict[str, Indicator],
    lang: str,
    c: dict[str, Any],
    prev: tuple[Quantity, Attached] | None,
) -> Attached | None:
    """The indicator phrase a figure belongs to: a year list's (``prev``), else the nearest before it, else
    one just after it (7% 내외의 경제성장; in Chinese only across a link word: 8%左右的国内生产总值增长目标)."""
    years = _year_phrase(lang)
    lead = next((m for m in years.finditer(text, max(0, q.start - 12), q.start) if m.end() == q.start), None)
    if lead is not None and prev is not None:
        pq, found = prev  # a year list (1963년의 9.3%, 1964년의 8.9%): the item takes the list's indicator
        gap = text[pq.end : lead.start()]
        if (len(gap) <= WINDOW[lang] and not _CLAUSE_END.search(gap) and _fits(found[3], q)
                and not any(pq.end <= ps < q.start for ps, _, _ in phrases)):  # fmt: skip
            return found
    window = 2 * WINDOW[lang] if lead is not None else WINDOW[lang]
    first = tuple(c.get("after_first") or ())
    if first and text[q.end : q.end + 2].lstrip().startswith(first):  # 8.6%의 성장: the noun after 의 is measured
        for ps, pe, ph in phrases:
            if q.end < ps <= q.end + WINDOW_AFTER[lang] and not _CLAUSE_SEP.search(text[q.end : ps]):
                ind = _owner(ph, q, text, owner, indicators, lang)
                if ind is not None and not any(q.end <= o.start < ps for o in quantities):
                    return ps, pe, ph, ind
    before = [p for p in phrases if p[1] <= q.start]
    for ps, pe, ph in reversed(before):
        # 占国内生产总值的比重从2009年的2.8%: years and period words are no blockers and no distance; nor is
        # one figure of another unit (国内生产总值达到67700多亿元，比上年增长9.7%: the level before the rate)
        between = _transparent(lang).sub("", text[pe : q.start])
        for o in quantities[:qi]:
            if o.start >= pe and o.unit != q.unit:
                between = between.replace(o.surface, "", 1)
        if len(between) > window:
            break
        if any(b in text[max(0, ps - 2) : ps] for b in c["pre_blockers"]):
            continue  # 占国内生产总值比例 4%: a share of GDP, not GDP
        if _CLAUSE_END.search(between) or any(b in between for b in c["blockers"]):
            break
        if sum(1 for o in quantities[:qi] if o.start >= pe) > 1:
            break
        ind = _owner(ph, q, text, owner, indicators, lang)
        if ind is not None:
            return ps, pe, ph, ind
    links = c.get("after_links")
    if text[: q.start].rstrip().endswith(tuple(c.get("changes") or ("\0",))):
        return None  # 需要增加六十亿斤粮食: an increase, not the indicator's figure
    after = [p for p in phrases if p[0] >= q.end and p[0] - q.end <= WINDOW_AFTER[lang]]
    for ps, pe, ph in after:
        between = text[q.end : ps]
        if _CLAUSE_SEP.search(between) or any(o.start >= q.end and o.start < ps for o in quantities):
            break
        if links is not None and between.strip() and between.strip() not in links:
            break
        if ph in (c.get("before_only") or ()):
            break  # 투융자 2,370억원 등 합계: an item before a sum word, not the sum
        predicate = ph in (c.get("predicates") or ())  # 28.5%가 늘어나고: the figure is the predicate's subject
        if not predicate and between.strip().startswith(tuple(c.get("after_stops") or ())):
            break  # 6억원으로 합계: a case particle ends the figure's phrase, it does not modify the next word
        ind = _owner(ph, q, text, owner, indicators, lang)
        if ind is not None:
            return ps, pe, ph, ind
    return None


def _doc_rows(doc: Document, indicators: dict[str, Indicator]) -> list[dict[str, Any]]:
    lang = doc.lang
    if lang not in WINDOW:
        raise PolicytextError(f"{doc.id}: no target rules for language {lang!r} (zh, ko); pass --lang")
    pat, owner = phrase_pattern(indicators, lang)
    c = cues(lang)
    rows: list[dict[str, Any]] = []
    prev_kind = ""
    for sent in reading_units(doc):  # a phrase or sentence cut by a line break is read whole
        text, span, original = sent.text, sent.span, doc.text[sent.start : sent.end]
        inherited, prev_kind = prev_kind, ""
        cue_text = _mask_bases(_mask(text, c["neutral"]), lang)
        phrases = [(m.start(), m.end(), m.group()) for m in pat.finditer(text)]
        if not phrases:
            if text.rstrip()[-1:] in "；;":
                prev_kind = inherited  # a list item with no figure (国际收支基本平衡；) keeps the list going
            elif text.rstrip()[-1:] in "：:":
                prev_kind = _nearest_cue(cue_text, 0, len(text), len(text), c["kinds"])[0]
            continue
        quantities = find_figures(text, c)
        base = dict(doc_id=doc.id, year=doc.meta.get("year"), lang=lang, sent_id=sent.sent_id, rule=RULE)
        used: set[int] = set()
        prev: tuple[Quantity, Attached] | None = None
        for qi, q in enumerate(quantities):
            found = _attach(text, q, qi, quantities, phrases, owner, indicators, lang, c, prev)
            if (found is None and prev is not None and prev[0].unit == q.unit and _named_target(text, q, "", c)
                    and not any(b in text[prev[0].end : q.start] for b in c["blockers"])):  # fmt: skip
                found = prev[1]  # 수출은 … 2,500억불을 돌파한 데 이어 … 금년도 목표치인 2,850억불: the topic's target
            if found is None:
                continue
            prev = (q, found)
            ps, pe, ph, ind = found
            used.add(ps)
            cl, ch = _clause(text, q.start)[0], _clause(text, q.end)[1]  # 2,500억불: its comma ends no clause
            lo = min(cl, ps)
            # the clause's own cue; then a list's kind carried from the sentence before; then the section
            # (回顾 / 部署) it sits in; then any cue in the sentence; then the indicator's default
            kind, cue, amb = _kind(cue_text, lo, ch, q, lang, c["kinds"])
            said = kind  # the predicate's kind: what a target exceeded is said to be (초과 달성할 것으로 전망)
            named = _named_target(text, q, ph, c)
            if named:  # 계획된 7%를 훨씬 초과하여: the figure is the target itself, whatever the predicate says
                kind, cue, amb = "target", named, False
            weak = not kind  # a kind read beyond the figure's own clause yields to an explicit period
            if not kind and inherited:
                kind, cue = inherited, "previous sentence"
            section = _section_kind(doc, sent.start, lang)
            if not kind:
                kind, cue = section, "section" if section else ""
            if not kind:  # any cue earlier in the sentence (a cue after the figure belongs to a later clause)
                kind, cue, amb = _nearest_cue(cue_text, 0, q.start if lang == "zh" else len(text), q.start, c["kinds"])
            if ind.default_kind and (not kind or cue in (c.get("tense") or ())):
                kind, cue, weak = ind.default_kind, "indicator default", False
            if not kind:
                kind, cue = "unknown", ""
            clause = text[lo:ch]
            # a multi-year average or sum spans the years a span word names (近三年累计), else five
            # the figure's own clause from the figure before it: an average named earlier belongs to that one
            own = text[max([cl, *(o.end for o in quantities[:qi] if o.end <= q.start)]) : ch]
            multiple = q.surface.endswith(tuple(c.get("multiples") or ()))
            avg_or_sum = multiple or any(w in own for w in c["annual_avg"] + c["cumulative"])
            spans = [n for w, n in (c.get("spans") or {}).items() if w in text[: q.start]]
            avg = any(w in own for w in c["annual_avg"])
            # 累计 in the clause, or a multiple (增长1.7倍): a sum or rise over several years
            cumulative = multiple or any(w in clause for w in c["cumulative"])
            year = doc.meta.get("year")
            plan = _plan([clause, _section_title(doc, sent.start), text], c, kind, year)
            masked = cue_text[lo:ch]  # comparisons (比上年) blanked: they name the base, not the period
            # no year in the clause: a marker earlier in the sentence; in Korean, whose long sentences run
            # through many clauses, only a period word (올해의 경제 성장은 …, 수출 125억불), not a year
            before = cue_text[: q.start] if lang == "zh" else _YEAR[lang].sub(_blank, cue_text[: q.start])
            scope = masked if _years(masked, lang, False) else before
            at = q.start - lo if scope is masked else q.start
            n_avg = (max(spans) if spans else 5) if avg_or_sum else 0
            period = plan or _period(kind, scope, at, doc, lang, n_avg, sent.start)
            since = _base_year(text[lo:ch] if scope is masked else text[: q.start], at, lang)
            if since is not None and period.isdigit() and int(period) - since > 1:
                period, cumulative = f"{since + 1}-{period}", True  # 比2002年增长65.5%: the rise over 2003-2007
            kind, cue = _kind_by_period("unknown" if weak else kind, cue, period, year, lang, kind)
            review = section == "outcome" and lang == "zh" and isinstance(year, int) and period == str(year)
            if kind == "target" and review and isinstance(year, int):
                period = str(year - 1)  # a target cited in the review (低于13%左右的预期目标): last year's
            stat = "annual_avg" if avg else "cumulative" if cumulative else "value"
            start, end = span(q.start, q.end)
            after = text[q.end : min(ch, q.end + 12)]
            modifier = q.modifier
            sign = _sign(text, q, ps, ch, ind, c)
            if sign < 0 and modifier in _FLIP:
                modifier = _FLIP[modifier]  # 적자 7억불 이내: at most 7 of deficit, at least −7 of balance
            passes = tuple(c.get("passes") or ())
            passed = any(w in after for w in passes) or text[max(0, q.start - 4) : q.start].endswith(passes)
            if modifier == "point" and passes and passed:
                modifier = "at_least"  # 2,500억불을 돌파, 跃上1.4万亿斤: the figure is passed
            # a target exceeded (목표 18억달러를 초과 달성): the target, and an at-least outcome or forecast
            exceeded = any(w in after for w in c.get("exceeded") or ())
            rest = text[q.end : ch]
            met = c.get("met") or {}
            if named and any(w in rest for w in met.get("words", ())) and (
                    said == "forecast" or any(w in rest for w in met.get("expected", ()))):  # fmt: skip
                exceeded, said = True, "forecast"  # 목표를 무난히 달성할: the target, and at least it, forecast
            readings = [("target", "exceeded", modifier), (said if said in ("outcome", "forecast") else "outcome",
                        cue, "at_least")] if exceeded and modifier == "point" else [(kind, cue, modifier)]  # fmt: skip
            for r_kind, r_cue, r_mod in readings:
                rows.append(
                    {
                        **base,
                        "start": start, "end": end,
                        "indicator": ind.id, "indicator_text": ph, "surface": doc.text[start:end],
                        "value": sign * q.value,
                        "unit": q.unit, "modifier": r_mod, "low": _signed(q.low, sign), "high": _signed(q.high, sign),
                        "kind": r_kind, "kind_cue": r_cue, "ambiguous": amb or r_kind == "unknown",
                        "period": period, "stat": stat,
                        "status": "found", "sentence": original,
                    }
                )  # fmt: skip
        if c["not_set"] and any(w in text for w in c["not_set"]):
            for ps, pe, ph in phrases:
                if ps in used:
                    continue
                ind = indicators[owner[ph][0]]
                start, end = span(ps, pe)
                plan = _plan([text, _section_title(doc, sent.start)], c, "target", doc.meta.get("year"))
                rows.append(
                    {
                        **base,
                        "start": start, "end": end, "indicator": ind.id,
                        "indicator_text": ph, "surface": "", "value": None, "unit": ind.unit, "modifier": None,
                        "low": None, "high": None, "kind": "target", "kind_cue": "not_set", "ambiguous": False,
                        "period": plan or _period("target", text, ps, doc, lang, 0, sent.start), "stat": "value",
                        "status": "not_set", "sentence": original,
                    }
                )  # fmt: skip
                used.add(ps)
        # a list of targets runs over sentences ending in ；: the kind carries along the list
        last = text.rstrip()[-1:]
        mine = rows[-1]["kind"] if rows and rows[-1]["sent_id"] == sent.sent_id else ""
        mine = "" if mine == "unknown" else mine
        if last in "；;":
            prev_kind = mine or inherited
        elif last in "：:":
            prev_kind = mine or _nearest_cue(cue_text, 0, len(text), len(text), c["kinds"])[0]
    return rows


def extract_targets(
    docs: Iterable[Document], indicators: dict[str, Indicator] | None = None, *, indicator: str | None = None
) -> pd.DataFrame:
    """Every target, outcome and forecast figure for the lexicon's indicators, one row per figure."""
    inds = indicators or load_indicators()
    rows: list[dict[str, Any]] = []
    for doc in docs:
        rows.extend(_doc_rows(doc, inds))
    df = pd.DataFrame(rows, columns=COLUMNS)
    if indicator is not None:  # after extraction: the other indicators' rows carry a list's kind along
        df = df[df["indicator"] == indicator].reset_index(drop=True)
    df["year"] = df["year"].astype("Int64")
    return df
