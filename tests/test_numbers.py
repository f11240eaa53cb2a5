"""The number normaliser: values, units, modifiers and spans (text/numbers.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policytext.text.numbers import find_quantities, parse_number

CASES = [
    ("1.3万亿元", 1.3e12, "CNY", "point"),
    ("1万3000亿元", 1.3e12, "CNY", "point"),
    ("3,000억 위안", 3e11, "CNY", "point"),
    ("5%左右", 5, "percent", "around"),
    ("5.5% 이내", 5.5, "percent", "at_most"),
    ("控制在3%以内", 3, "percent", "at_most"),
    ("８％左右", 8, "percent", "around"),
    ("一千二百万人", 1.2e7, "persons", "point"),
    ("1200万人以上", 1.2e7, "persons", "at_least"),
    ("2조 5,000억원", 2.5e12, "KRW", "point"),
    ("100억 달러", 1e10, "USD", "point"),
    ("1.3万亿斤以上", 6.5e11, "kg", "at_least"),
    ("2个百分点", 2, "pp", "point"),
    ("10% 내외", 10, "percent", "around"),
    ("33，212万吨", 3.3212e11, "kg", "point"),  # gwr-1980: a full-width comma as thousands separator
    ("７００多万人", 7e6, "persons", "at_least"),  # gwr-1997: 多 inside the number, "more than"
    ("4，900多万吨", 4.9e10, "kg", "at_least"),
]


@pytest.mark.parametrize(("text", "value", "unit", "modifier"), CASES)
def test_quantity_records(text: str, value: float, unit: str, modifier: str) -> None:
    (q,) = find_quantities(text)
    assert q.value == pytest.approx(value)
    assert (q.unit, q.modifier) == (unit, modifier)
    assert q.surface == text[q.start : q.end] == text


@pytest.mark.parametrize(("text", "low", "high"), [("6.5%－7%", 6.5, 7), ("8~8.5%", 8, 8.5), ("8%到9%", 8, 9)])
def test_ranges(text: str, low: float, high: float) -> None:
    (q,) = find_quantities(text)
    assert (q.modifier, q.low, q.high, q.unit) == ("range", low, high, "percent")


def test_spans_in_a_sentence() -> None:
    text = "国内生产总值增长5%左右；城镇新增就业1200万人以上，城镇调查失业率5.5%左右。"
    qs = find_quantities(text)
    assert [q.surface for q in qs] == ["5%左右", "1200万人以上", "5.5%左右"]
    assert all(text[q.start : q.end] == q.surface for q in qs)


@pytest.mark.parametrize("text", ["“十四五”规划", "一带一路", "2020-2025年", "第3次", "2025年3月5日"])
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_comma_lists_are_not_thousands() -> None:
    assert [q.value for q in find_quantities("增长5%，200亿元")] == [5, 2e10]
    # a full-width comma groups thousands only in a well-formed grouping; else it is the Chinese comma
    assert [q.value for q in find_quantities("1978，1979两年共增产粮食4，900多万吨")] == [4.9e10]
    assert [q.surface for q in find_quantities("增加12，3456万人")] == ["3456万人"]


@given(st.integers(min_value=1, max_value=99_999))
def test_korean_eok_with_separators(n: int) -> None:
    assert parse_number(f"{n:,}억") == n * 1e8


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9999))
def test_chinese_chained_magnitudes(a: int, b: int) -> None:
    # a万b亿 = (a*1e4 + b) * 1e8, the reading of 1万3000亿
    assert parse_number(f"{a}万{b}亿") == pytest.approx((a * 1e4 + b) * 1e8)


def test_korean_change_from_a_to_b_is_not_a_range() -> None:
    """'A에서 B로' states a change (budget addresses: 9%에서 8%로, 78조원에서 2006년); 'A에서 B' with A < B
    is a range."""
    from policytext.text.numbers import find_quantities

    two = find_quantities("9%에서 8%로 낮추고")
    assert [(q.surface, q.value, q.modifier) for q in two] == [("9%", 9.0, "point"), ("8%", 8.0, "point")]
    assert [q.surface for q in find_quantities("78조원에서 2006년에는")] == ["78조원"]
    (rng,) = find_quantities("8에서 9퍼센트")
    assert (rng.modifier, rng.low, rng.high) == ("range", 8.0, 9.0)
    (carried,) = find_quantities("3천 내지 4천만달러 수준")
    assert (carried.unit, carried.low, carried.high) == ("USD", 3e7, 4e7)
