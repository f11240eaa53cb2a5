"""Word .docx: paragraphs and table rows in document order, one per line, with paragraph offsets."""

from __future__ import annotations

import io
from pathlib import Path

from policytext.readers.base import Block, ReadResult, register, sha256_bytes


@register((".docx",), "docx")
def read_docx(path: Path, data: bytes) -> ReadResult:
    """Read a .docx file with python-docx; table rows become tab-separated lines."""
    import docx
    from docx.table import Table

    document = docx.Document(io.BytesIO(data))
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
    return ReadResult(text="\n".join(parts), path=str(path), sha256=sha256_bytes(data), reader="docx", blocks=blocks)
