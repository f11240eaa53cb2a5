from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from policytext import NormalizeOptions, normalize

_ALPHABET = st.sampled_from(list("政府工作报告經濟發展인공지능을ＡＩAI１２12 \u3000\u200b\n\r，。!?abc"))


def test_line_break_inside_word_is_joined_and_maps_back() -> None:
    text = "向大会报告政府工作报\n告，请予审议。\n\n现在"
    v = normalize(text)
    assert "政府工作报告" in v.text
    i = v.text.index("政府工作报告")
    s, e = v.to_original(i, i + len("政府工作报告"))
    assert text[s:e] == "政府工作报\n告"
    assert "\n\n现在" in v.text  # a paragraph break is kept


def test_width_zero_width_and_ideographic_space() -> None:
    text = "\u3000\u3000ＡＩ\u200b赋能１２３"
    v = normalize(text)
    assert v.text == "  AI赋能123"
    s, e = v.to_original(2, 4)
    assert text[s:e] == "ＡＩ"
    s, e = v.to_original(4, 6)
    assert text[s:e] == "赋能"


def test_traditional_to_simplified_keeps_offsets() -> None:
    text = "經濟發展與國務院報告"
    v = normalize(text, NormalizeOptions(t2s=True))
    assert v.text == "经济发展与国务院报告"
    assert v.to_original(0, 2) == (0, 2)


def test_real_1954_report_t2s_same_length(gwr_dir) -> None:  # type: ignore[no-untyped-def]
    text = (gwr_dir / "1954.txt").read_text(encoding="utf-8")
    v = normalize(text, NormalizeOptions(t2s=True))
    assert "经济" in v.text and "經濟" in text
    i = v.text.index("经济")
    s, e = v.to_original(i, i + 2)
    assert text[s:e] == "經濟"


@given(st.text(_ALPHABET, max_size=60), st.booleans(), st.booleans())
def test_every_view_char_maps_to_its_source(text: str, t2s: bool, casefold: bool) -> None:
    v = normalize(text, NormalizeOptions(t2s=t2s, casefold=casefold))
    assert len(v.text) <= len(text)
    prev = -1
    for i, ch in enumerate(v.text):
        s, e = v.to_original(i, i + 1)
        assert e == s + 1 and s > prev  # one original char per view char, in order
        prev = s
        src = text[s]
        assert ch == src or normalize(src, NormalizeOptions(t2s=t2s, casefold=casefold)).text == ch
    deleted = len(text) - len(v.text)
    assert all(c in "\u200b\n\r \u3000" for c in _removed(text, v)) and deleted >= 0


def _removed(text: str, v) -> str:  # type: ignore[no-untyped-def]
    kept = {v.to_original(i, i + 1)[0] for i in range(len(v.text))}
    return "".join(c for i, c in enumerate(text) if i not in kept)
