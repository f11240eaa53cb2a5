"""Korean Hangul HWPX (OWPML, a zip of XML): paragraph text of each section in order.

The older binary .hwp format (HWP 5, OLE) has no maintained pure-Python reader; it gets a clear error.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from policytext.errors import ReaderError
from policytext.limits import limits
from policytext.readers.archive import DEFUSED_NOTE, defuse_xml, open_archive, read_member
from policytext.readers.base import Block, ReadResult, register, sha256_bytes

_HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"
_SECTION = re.compile(r"^Contents/section(\d+)\.xml$")


def _paragraph_text(p: etree._Element) -> str:
    out: list[str] = []
    for t in p.iterfind(f"{{{_HP}}}run/{{{_HP}}}t"):
        out.append(t.text or "")
        for child in t:
            local = etree.QName(child).localname
            out.append("\t" if local == "tab" else "\n" if local == "lineBreak" else "")
            out.append(child.tail or "")
    return "".join(out)


@register((".hwpx",), "hwpx")
def read_hwpx(path: Path, data: bytes) -> ReadResult:
    """Read every paragraph (table cells included, in document order) of an .hwpx file."""
    zf = open_archive(path, data, "HWPX")
    sections = sorted((int(m.group(1)), n) for n in zf.namelist() if (m := _SECTION.match(n)))
    if not sections:
        raise ReaderError(path, "not a valid HWPX file (no Contents/section*.xml)")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    parts: list[str] = []
    blocks: list[Block] = []
    notes: list[str] = []
    pos = 0
    total = 0
    for _, name in sections:
        raw = read_member(path, zf, name)
        total += len(raw)
        if total > limits().max_archive_bytes:
            raise ReaderError(path, f"HWPX sections decompress to more than {limits().max_archive_bytes:,} bytes")
        raw, changed = defuse_xml(raw)
        if changed:
            notes.append(f"{DEFUSED_NOTE} ({name})")
        root = etree.fromstring(raw, parser)
        for p in root.iter(f"{{{_HP}}}p"):
            line = _paragraph_text(p)
            blocks.append(Block("paragraph", len(blocks) + 1, pos, pos + len(line)))
            parts.append(line)
            pos += len(line) + 1
    return ReadResult(text="\n".join(parts), path=str(path), sha256=sha256_bytes(data), reader="hwpx", blocks=blocks,
                      notes=notes)  # fmt: skip


@register((".hwp",), "hwp")
def read_hwp(path: Path, data: bytes) -> ReadResult:
    """Binary HWP 5 is not supported: say so and how to convert."""
    raise ReaderError(
        path, "binary .hwp (HWP 5) is not supported; save it as .hwpx or .pdf in Hangul and read that instead"
    )
