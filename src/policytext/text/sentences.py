"""Rule-based sentence splitting for Chinese and Korean report text, with offsets into the original.

Rules (applied to the normalised view, so a word broken across lines does not end a sentence):
- a line break always ends a sentence (report paragraphs, headings, bullets);
- 。 ！ ？ ! ? end a sentence, and so does ；/; in Chinese; closing quotes and brackets after them stay
  with the sentence they close;
- '.' ends a sentence when it follows Hangul, Han or a closing quote and is followed by white space or the
  end of the text (다. 요. 음.), except for a numbering label at the start of a line ("1.", "가.", "(3).");
  in Korean also when Hangul follows it directly ("합니다.지난"): sources that lost their line breaks glue
  one paragraph's last sentence to the next.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from policytext.text.normalize import NormalizedView, normalize

_CLOSERS = "”’\"'」』）)》〕】〉"
_HANGUL_HAN = r"\uac00-\ud7a3\u3400-\u4dbf\u4e00-\u9fff"
_ZH_END = re.compile(rf"[。!?;]+[{_CLOSERS}]*|…+[{_CLOSERS}]+|\n")
_KO_END = re.compile(
    rf"[。!?]+[{_CLOSERS}]*|(?<=[{_HANGUL_HAN}{_CLOSERS}])\.+[{_CLOSERS}]*(?=\s|$|[\uac00-\ud7a3“‘])|\n"
)
_LABEL = re.compile(r"^\s*[(（]?[0-9A-Za-z\uac00-\ud7a3ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]{1,2}[)）]?\.$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: its number in the document and its span ``[start, end)`` in the original text."""

    sent_id: int
    start: int
    end: int
    text: str


def _boundaries(view: str, lang: str | None) -> Iterator[int]:
    pattern = _KO_END if lang == "ko" else _ZH_END
    line_start = 0
    for m in pattern.finditer(view):
        if m.group() == "\n":
            yield m.end()
            line_start = m.end()
            continue
        if m.group().startswith(".") and _LABEL.match(view[line_start : m.end()]):
            continue
        yield m.end()
    yield len(view)


def split_sentences(text: str, lang: str | None, view: NormalizedView | None = None) -> list[Sentence]:
    """Sentences of ``text`` (language 'zh', 'ko' or None), trimmed of surrounding white space."""
    v = view if view is not None else normalize(text)
    out: list[Sentence] = []
    prev = 0
    for b in _boundaries(v.text, lang):
        seg = v.text[prev:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg.rstrip())
        if trail > lead:
            s, e = v.to_original(prev + lead, prev + trail)
            out.append(Sentence(len(out), s, e, text[s:e]))
        prev = b
    return out
