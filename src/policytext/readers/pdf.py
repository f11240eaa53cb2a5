"""PDF: the text layer of each page (pypdf), pages separated by a blank line, page offsets kept."""

from __future__ import annotations

import io
from pathlib import Path

from policytext.errors import ReaderError
from policytext.readers.base import Block, ReadResult, register, sha256_bytes


@register((".pdf",), "pdf")
def read_pdf(path: Path, data: bytes) -> ReadResult:
    """Read a PDF's text layer; a scanned PDF without one is an error, not an empty document."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        raise ReaderError(path, "encrypted PDF: decrypt it first")
    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for number, page in enumerate(reader.pages, 1):
        text = page.extract_text() or ""
        blocks.append(Block("page", number, pos, pos + len(text)))
        parts.append(text)
        pos += len(text) + 2
    if not "".join(parts).strip():
        raise ReaderError(path, f"PDF has no text layer ({len(blocks)} pages; scanned images need OCR first)")
    return ReadResult(text="\n\n".join(parts), path=str(path), sha256=sha256_bytes(data), reader="pdf", blocks=blocks)
