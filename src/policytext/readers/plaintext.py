"""Plain text and Markdown: decode with the detected encoding, drop a leading BOM, change nothing else.

Detection order: a BOM (UTF-8, UTF-16, UTF-32); UTF-16 without BOM recognised by its zero bytes; strict
UTF-8; then the legacy CJK encodings GB18030 and CP949 (a superset of EUC-KR), the one whose text is rich
in its language's most frequent characters winning; charset-normalizer as the last resort. A file with
NUL bytes or many control characters that is not UTF-16/32 is reported as binary.

Invalid bytes never make a file disappear. A file in which some lines are valid UTF-8 (with non-ASCII
text) and others are not is decoded line by line: UTF-8 lines as UTF-8; a line that is mostly UTF-8 (under
one in four of its non-ASCII bytes invalid) as UTF-8 with U+FFFD for each invalid byte; any other line in
the legacy encoding (GB18030 or CP949) that suits the file, else with U+FFFD. A file that nothing decodes
cleanly is decoded with U+FFFD replacements. Each case is a note giving the byte offsets.
"""

from __future__ import annotations

import codecs
from functools import lru_cache
from pathlib import Path

from policytext.errors import ReaderError
from policytext.readers.base import ReadResult, register, sha256_bytes
from policytext.resources import data_yaml

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)


@lru_cache(maxsize=1)
def _hints() -> dict[str, frozenset[str]]:
    raw = data_yaml("encoding_hints.yaml")
    return {k: frozenset(v) for k, v in raw.items()}


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\t\n\r\f\v") or c == "\x7f")
    return bad > max(2, len(sample) // 200)


def _plausible(ch: str) -> bool:
    o = ord(ch)
    return (
        0x20 <= o < 0x7F
        or ch in "\t\n\r"
        or 0xAC00 <= o <= 0xD7A3
        or 0x4E00 <= o <= 0x9FFF
        or 0x3000 <= o <= 0x303F
        or 0xFF00 <= o <= 0xFFEF
        or 0x2000 <= o <= 0x206F
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """utf-16-le or utf-16-be when one of them decodes to plausible CJK/ASCII text, else None."""
    if len(data) % 2:
        return None
    best: tuple[float, str] | None = None
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)[:8000]
        except UnicodeDecodeError:
            continue
        score = sum(map(_plausible, text)) / max(1, len(text))
        if best is None or score > best[0]:
            best = (score, enc)
    return best[1] if best and best[0] > 0.9 else None


def _score(text: str, lang: str) -> float:
    frequent = _hints()[lang]
    cjk = [c for c in text[:50000] if ord(c) > 0x2E80]
    if not cjk:
        return 0.0
    return sum(1 for c in cjk if c in frequent) / len(cjk)


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Decoded text (leading BOM removed) and the name of the encoding used."""
    text, encoding, _ = decode_report(data, path)
    return text, encoding


def _invalid_offsets(data: bytes, encoding: str) -> list[int]:
    """Byte offsets where ``data`` is not valid ``encoding``."""
    out: list[int] = []
    dec = codecs.getincrementaldecoder(encoding)("strict")
    pos = 0
    while pos < len(data):
        try:
            dec.decode(data[pos:], final=True)
            break
        except UnicodeDecodeError as e:
            out.append(pos + e.start)
            pos += e.end
            dec.reset()
    return out


def _offsets_note(offsets: list[int], what: str) -> str:
    shown = ", ".join(f"{o:,}" for o in offsets[:5]) + (" ..." if len(offsets) > 5 else "")
    return f"{len(offsets)} {what} replaced with U+FFFD (byte offsets {shown})"


def _mostly_utf8(line: bytes) -> bool:
    non_ascii = sum(1 for b in line if b >= 0x80)
    return non_ascii > 0 and len(_invalid_offsets(line, "utf-8")) * 4 < non_ascii


def _legacy_for(lines: list[bytes]) -> str:
    sample = b"".join(lines)
    scored = [(_score(sample.decode(enc, "replace"), lang), enc) for enc, lang in (("gb18030", "zh"), ("cp949", "ko"))]
    return max(scored)[1]


def _decode_lines(data: bytes) -> tuple[str, str, list[str]]:
    """Line-by-line decoding of a file mixing UTF-8 with another encoding or invalid bytes (see module doc)."""
    lines = data.splitlines(keepends=True)
    bad = [i for i, line in enumerate(lines) if _invalid_offsets(line, "utf-8")]
    legacy = _legacy_for([lines[i] for i in bad if not _mostly_utf8(lines[i])] or [lines[i] for i in bad])
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    out: list[str] = []
    replaced: list[int] = []
    legacy_lines: list[int] = []
    bad_set = set(bad)
    for i, line in enumerate(lines):
        if i not in bad_set:
            out.append(line.decode("utf-8"))
            continue
        if not _mostly_utf8(line):
            try:
                out.append(line.decode(legacy))
                legacy_lines.append(i + 1)
                continue
            except UnicodeDecodeError:
                pass
        enc = "utf-8" if _mostly_utf8(line) else legacy
        replaced.extend(starts[i] + o for o in _invalid_offsets(line, enc))
        out.append(line.decode(enc, "replace"))
    notes = []
    if legacy_lines:
        shown = ", ".join(map(str, legacy_lines[:5])) + (" ..." if len(legacy_lines) > 5 else "")
        notes.append(f"mixed encodings: {len(legacy_lines)} lines decoded as {legacy}, the rest as UTF-8 "
                     f"(lines {shown})")  # fmt: skip
    if replaced:
        notes.append(_offsets_note(replaced, "invalid bytes"))
    name = "utf-8" + (f"+{legacy}" if legacy_lines else "") + ("+replaced" if replaced else "")
    return "".join(out), name, notes


def _has_utf8_line(data: bytes) -> bool:
    """True when some line with non-ASCII bytes is valid UTF-8 (so the file is at least partly UTF-8)."""
    for line in data.splitlines():
        if any(b >= 0x80 for b in line):
            try:
                line.decode("utf-8")
                return True
            except UnicodeDecodeError:
                continue
    return False


def decode_report(data: bytes, path: Path) -> tuple[str, str, list[str]]:
    """Decoded text (leading BOM removed), the encoding used, and notes on invalid bytes or mixed encodings."""
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as e:
                raise ReaderError(path, f"starts with a {name} byte-order mark but is not valid {name}: {e}") from e
            return text, name + ("-sig" if name == "utf-8" else ""), []  # the codec drops the BOM itself
    if b"\x00" in data:
        enc = _utf16_without_bom(data)
        if enc is None:
            raise ReaderError(path, "binary file (contains NUL bytes), not text")
        try:
            return data.decode(enc), enc, []
        except UnicodeDecodeError as e:
            raise ReaderError(path, f"binary file (looks like {enc} but does not decode: {e})") from e
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError:
        pass
    if _has_utf8_line(data) or _mostly_utf8(data[:1_000_000]):
        return _decode_lines(data)
    candidates: list[tuple[float, str, str]] = []
    for enc, lang in (("gb18030", "zh"), ("cp949", "ko")):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        candidates.append((_score(text, lang), enc, text))
    if candidates:
        best = max(candidates)
        if best[0] > 0.05 or len(candidates) == 1:
            return best[2], best[1], []
    from charset_normalizer import from_bytes

    guess = from_bytes(data).best()
    if guess is None or guess.encoding is None:
        return _decode_lines(data)
    return str(guess), str(guess.encoding), []


@register((".txt", ".md", ".text", ".markdown"), "text")
def read_text(path: Path, data: bytes) -> ReadResult:
    """Read a .txt or .md file; the encoding used is reported in the result."""
    text, encoding, notes = decode_report(data, path)
    if _looks_binary(text):
        raise ReaderError(path, "binary file (control characters), not text")
    return ReadResult(text=text, path=str(path), sha256=sha256_bytes(data), reader="text", encoding=encoding,
                      notes=notes)  # fmt: skip
