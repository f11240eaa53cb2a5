"""One number normaliser for Chinese and Korean text: figures with units and modifiers, with offsets.

``find_quantities`` finds expressions such as 1.3万亿元, 1万3000亿元, 3,000억 위안, 5%左右, 5.5% 이내,
"6.5%－7%", 控制在3%以内, ８％ (full width) and 一千二百万人, and returns one ``Quantity`` record each:
``value, unit, modifier, low, high`` plus the span in the text. Entities and targets both use it.

Rules, in order of application:
- numbers are Arabic digits (half or full width, with thousands separators) or Chinese numerals; Chinese
  numerals only count when a magnitude or unit follows them (so 十四五 or 一带一路 are not numbers);
- magnitudes 万/亿/万亿 and 만/억/조 (and 千/百/천/백 after a number) chain: in 1万3000亿 the larger unit
  multiplies everything before it (1.3e12), in 2조 5,000억 the pieces add (2.5e12);
- units: % / ％ / 퍼센트 → percent; 个百分点 / %p / %포인트 → pp (percentage points); 元/위안 → CNY; 원 →
  KRW; 美元/달러/불 → USD; 人/명 → persons; 吨/톤 → kg (×1000), 斤 → kg (×0.5), 公斤/킬로그램 → kg;
- modifiers come from the words around the figure, never from the number: 左右/内外/내외/정도/가량/안팎/约/
  약/大约 → around; 以上/이상/超过/逾/넘는 → at_least; 以内/以下/이내/이하/不超过/控制在…以内 → at_most;
  A~B, A－B, A到B, A至B, A내지 B, A에서 B → range (value = low); but A에서 B로, or A에서 B with A ≥ B, is a
  change from A to B: two figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policytext.resources import data_yaml

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％～－", "0123456789.,%~-")
_CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}
_SMALL = {"十": 10, "百": 100, "千": 1000, "천": 1000, "백": 100}
_BIG = {"万": 1e4, "만": 1e4, "亿": 1e8, "억": 1e8, "조": 1e12, "兆": 1e12}

# thousands: "," in any number; the full-width "，" only in a well-formed grouping (33，212万吨), since it is
# also the Chinese comma (增长5%，200亿元)
_DIGITS = r"(?:[0-9０-９]{1,3}(?:，[0-9０-９]{3}(?![0-9０-９]))+|[0-9０-９]+(?:,[0-9０-９]{3})*)(?:[.．][0-9０-９]+)?"
CN_NUM = r"[零〇一二两三四五六七八九十百千]+"
"""A run of Chinese numeral characters (shared with the targets reader of written-out figures)."""
_MAG = r"(?:万亿|[万亿兆千百만억조천백])"
_DATA = data_yaml("numbers.yaml")
# a word between a number and its magnitude or unit (７００多万人, 4，900多万吨) is a modifier of the figure
_INNER_WORDS: dict[str, str] = _DATA["modifiers"].get("inner") or {}
# a word right after a percent that makes it a band from N to N + step (0%대, 9%대: "in the N percent range")
_BANDS: dict[str, float] = {k: float(v) for k, v in (_DATA["modifiers"].get("bands") or {}).items()}
_BAND_STOPS: list[str] = _DATA["modifiers"].get("band_stops") or []
_BAND = re.compile(
    "(?:" + "|".join(re.escape(w) for w in _BANDS) + ")"
    + ("(?!" + "|".join(re.escape(w) for w in _BAND_STOPS) + ")" if _BAND_STOPS else "")
) if _BANDS else None  # fmt: skip
_INNER = ("(?:" + "|".join(re.escape(w) for w in _INNER_WORDS) + ")?") if _INNER_WORDS else ""
# an amount: a number with optional magnitude, possibly chained (1万3000亿, 2조 5,000억, 1亿2千万)
_AMOUNT = (rf"(?:(?:{_DIGITS}|{CN_NUM}){_INNER}\s?{_MAG}+(?:\s?(?:{_DIGITS}|{CN_NUM}){_INNER}\s?{_MAG}+)*"
           rf"|{_DIGITS}{_INNER})")
_UNITS: dict[str, tuple[str, float]] = {k: (v[0], float(v[1])) for k, v in _DATA["units"].items()}
_BEFORE: dict[str, str] = _DATA["modifiers"]["before"]
_AFTER: dict[str, str] = _DATA["modifiers"]["after"]


def _alternation(words: list[str]) -> str:
    return "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"


_UNIT = _alternation(list(_UNITS))
_PRE = _alternation(list(_BEFORE))
_POST = _alternation(list(_AFTER))
_RANGE_SEP = r"(?:\s?[~～〜\-－—–]\s?|到|至|\s?(?:내지|乃至)\s?|에서\s?)"

_QUANTITY = re.compile(
    rf"(?P<pre>{_PRE}\s?)?"
    rf"(?P<a>{_AMOUNT})\s?(?P<ua>{_UNIT})?"
    rf"(?:(?P<sep>{_RANGE_SEP})(?P<b>{_AMOUNT})\s?(?P<ub>{_UNIT})?)?"
    rf"(?:\s?(?P<post>{_POST}))?"
)

_POST_AT = re.compile(rf"\s?({_POST})")


def modifier_after(text: str, pos: int) -> tuple[str, int] | None:
    """The modifier a word at ``pos`` gives the figure ending there (以内 → at_most) and the word's end, or None;
    for figures read outside this module (百分之十以内)."""
    m = _POST_AT.match(text, pos)
    return (_AFTER[m.group(1)], m.end()) if m else None


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure found in text: normalised value, unit, modifier, bounds, and its span ``[start, end)``."""

    start: int
    end: int
    surface: str
    value: float
    unit: str | None
    modifier: str  # point | around | at_least | at_most | range
    low: float | None = None
    high: float | None = None

    def as_dict(self) -> dict[str, object]:
        """The record ``{value, unit, modifier, low, high}`` plus span and surface."""
        return {
            "start": self.start, "end": self.end, "surface": self.surface, "value": self.value,
            "unit": self.unit, "modifier": self.modifier, "low": self.low, "high": self.high,
        }


def _plain(s: str) -> float:
    """Digits (any width, with separators) or a Chinese numeral without big units, as a float."""
    s = s.translate(_FULLWIDTH).replace(",", "").replace("，", "").strip()
    if not s:
        return 0.0
    if re.fullmatch(r"[0-9.]+", s):
        return float(s)
    if not any(ch in _SMALL for ch in s):
        # positional digits: 二〇二五 → 2025
        if all(ch in _CN_DIGITS for ch in s):
            return float("".join(str(_CN_DIGITS[ch]) for ch in s))
        raise ValueError(f"not a number: {s!r}")
    total = 0.0
    current: float | None = None
    i = 0
    while i < len(s):
        m = re.match(r"[0-9.]+", s[i:])
        if m:
            current = float(m.group())
            i += m.end()
            continue
        ch = s[i]
        if ch in _CN_DIGITS:
            current = float(_CN_DIGITS[ch]) if ch not in "零〇" else current
        elif ch in _SMALL:
            total += (current if current is not None else 1) * _SMALL[ch]
            current = None
        elif not ch.isspace():
            raise ValueError(f"not a number: {s!r}")
        i += 1
    return total + (current or 0)


def parse_number(s: str) -> float:
    """Value of a number with magnitudes: '1.3万亿' → 1.3e12, '2조 5,000억' → 2.5e12, '一千二百万' → 1.2e7."""
    s = s.translate(_FULLWIDTH).replace(" ", "").replace("万亿", "兆")
    for w in _INNER_WORDS:  # 700多万 is read as 700万; the modifier is the caller's
        s = s.replace(w, "")
    bigs = [(i, ch) for i, ch in enumerate(s) if ch in _BIG]
    if not bigs:
        return _plain(s)
    top = max(_BIG[ch] for _, ch in bigs)
    cut = max(i for i, ch in bigs if _BIG[ch] == top)
    left = s[:cut]
    return (parse_number(left) if left else 1.0) * top + (parse_number(s[cut + 1 :]) if s[cut + 1 :] else 0.0)


def _unit(u: str | None) -> tuple[str | None, float]:
    if not u:
        return None, 1.0
    return _UNITS.get(u) or _UNITS[u.translate(_FULLWIDTH)]


def find_quantities(text: str) -> list[Quantity]:
    """Every figure in ``text`` with a unit, a magnitude or a modifier, left to right (bare integers skipped)."""
    out: list[Quantity] = []
    for m in _QUANTITY.finditer(text):
        a, b = m.group("a"), m.group("b")
        ua, ub = m.group("ua"), m.group("ub")
        pre, post = (m.group("pre") or "").strip(), m.group("post")
        is_cn = re.fullmatch(rf"{CN_NUM}", a) is not None
        has_mag = re.search(_MAG, a) is not None
        if b is not None and not (ua or ub) and not re.search(_MAG, b):
            b = None  # "2020-2025" without a unit: years or codes, not a range of amounts
        if b is None and not (ua or has_mag or post or pre):
            continue
        if is_cn and not (ua or has_mag):
            continue
        try:
            va = parse_number(a)
            vb = parse_number(b) if b is not None else None
        except ValueError:
            continue
        unit_name, scale = _unit(ub if b is not None and ub else ua)
        if ua and b is not None and ub is None:
            unit_name, scale = _unit(ua)
        end = m.end() if b is not None else m.end("ua") if ua else m.end("a")
        modifier = "point"
        if post:
            end = m.end("post")
            modifier = _AFTER.get(post, "point")
        inner = next((w for w in _INNER_WORDS if w in a), None)
        if inner and not post:
            modifier = _INNER_WORDS[inner]  # ７００多万人: more than 7 million
        if pre and not post:
            modifier = _BEFORE.get(pre, modifier)  # a word after the figure wins: 控制在3.5%左右 is around
        start = m.start("pre") if pre else m.start("a")
        if vb is not None:
            # the first figure takes the second's large magnitude when it has none (1-2万亿, 3천 내지 4천만)
            big = re.search(r"(?:万亿|[万亿兆만억조])+$", b.replace(" ", "")) if b is not None else None
            if big and not re.search(r"[万亿兆만억조]", a):
                va = parse_number(a + big.group())
            if "에서" in (m.group("sep") or "") and (va >= vb or re.match(r"\s?으?로", text[m.end() :])):
                # "A에서 B로" is a change from A to B, not a range: two figures
                ua_name, ua_scale = _unit(ua or ub)
                a_end = m.end("ua") if ua else m.end("a")
                out.append(Quantity(start, a_end, text[start:a_end], va * ua_scale, ua_name, "point"))
                if ub or re.search(_MAG, b or ""):  # a bare number after 에서 is a year or a count: skipped
                    b_end, b_start = (m.end("ub") if ub else m.end("b")), m.start("b")
                    out.append(Quantity(b_start, b_end, text[b_start:b_end], vb * scale, unit_name, "point"))
                continue
            low, high = va * scale, vb * scale
            out.append(Quantity(start, end, text[start:end], low, unit_name, "range", low, high))
            continue
        band = _BAND.match(text, end) if _BAND is not None and unit_name == "percent" and not post else None
        if band is not None:  # 0%대 → a range 0 to 1
            low = va * scale
            out.append(Quantity(start, band.end(), text[start : band.end()], low, unit_name, "range", low,
                                low + _BANDS[band.group()]))  # fmt: skip
            continue
        out.append(Quantity(start, end, text[start:end], va * scale, unit_name, modifier))
    return out
