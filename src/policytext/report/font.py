"""A subset of the packaged Noto Sans CJK holding only the CJK and Hangul characters a page uses, as WOFF, so the
report renders Chinese and Korean on a machine without CJK fonts and stays small."""

from __future__ import annotations

import io
from collections.abc import Iterable

from policytext.report.plots import packaged_cjk_font_path

_FACE = "Noto Sans CJK SC"  # every face of the collection has the same Han and Hangul coverage
FIRST_WIDE = 0x2E80  # CJK radicals onward: Han, kana, Hangul, CJK punctuation, full-width forms


def wide_characters(texts: Iterable[str]) -> str:
    """The distinct characters at or above U+2E80 in ``texts``, sorted (Latin is left to the system font)."""
    seen: set[str] = set()
    for text in texts:
        seen.update(text)
    return "".join(sorted(c for c in seen if ord(c) >= FIRST_WIDE))


def cjk_subset_woff(chars: str) -> bytes:
    """WOFF bytes of the packaged Noto Sans CJK reduced to ``chars`` (empty bytes when ``chars`` is empty)."""
    if not chars:
        return b""
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    collection = TTCollection(str(packaged_cjk_font_path()), lazy=True)
    font = next(f for f in collection.fonts if f["name"].getDebugName(1) == _FACE)
    options = subset.Options()
    options.flavor = "woff"
    options.hinting = False
    options.layout_features = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    font.flavor = "woff"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
