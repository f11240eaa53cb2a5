"""Word .docx: paragraphs and table rows in document order, one per line, with paragraph offsets."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from policytext.readers.archive import DEFUSED_NOTE, check_members, defuse_xml, open_archive, read_member
from policytext.readers.base import Block, ReadResult, register, sha256_bytes


def _defused(path: Path, data: bytes) -> tuple[bytes, list[str]]:
    """``data`` checked against the archive limits; rebuilt with defused XML parts if any has a DOCTYPE."""
    zf = open_archive(path, data, "docx")
    check_members(path, zf)
    fixed: dict[str, bytes] = {}
    for info in zf.infolist():
        if info.filename.endswith((".xml", ".rels")):
            raw = read_member(path, zf, info.filename)
            clean, changed = defuse_xml(raw)
            if changed:
                fixed[info.filename] = clean
    if not fixed:
        return data, []
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in zf.infolist():
            out.writestr(info.filename, fixed.get(info.filename) or zf.read(info))
    return buf.getvalue(), [f"{DEFUSED_NOTE} ({', '.join(sorted(fixed))})"]


@register((".docx",), "docx")
def read_docx(path: Path, data: bytes) -> ReadResult:
    """Read a .docx file with python-docx; table rows become tab-separated lines."""
    import docx
    from docx.table import Table

    safe, notes = _defused(path, data)
    document = docx.Document(io.BytesIO(safe))
    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    number = 0
    for item in document.iter_inner_content():
        lines = (
            ["\t".join(c.text.strip() for c in row.cells) for row in item.rows]
            if isinstance(item, Table)
            else [item.text]
        )
        for line in lines:
            number += 1
            blocks.append(Block("paragraph", number, pos, pos + len(line)))
            parts.append(line)
            pos += len(line) + 1
    return ReadResult(text="\n".join(parts), path=str(path), sha256=sha256_bytes(data), reader="docx", blocks=blocks,
                      notes=notes)  # fmt: skip
