"""HTML: the main text of the page (trafilatura), without menus, headers and footers."""

from __future__ import annotations

from pathlib import Path

from policytext.errors import ReaderError
from policytext.readers.base import ReadResult, register, sha256_bytes
from policytext.readers.plaintext import decode


@register((".html", ".htm", ".xhtml"), "html")
def read_html(path: Path, data: bytes) -> ReadResult:
    """Extract the main text with trafilatura (recall-oriented, tables kept); paragraphs one per line."""
    import trafilatura

    markup, encoding = decode(data, path)
    text = trafilatura.extract(
        markup, include_comments=False, include_tables=True, favor_recall=True, output_format="txt"
    )
    notes: list[str] = []
    if not text:
        from lxml import html as lxml_html

        tree = lxml_html.fromstring(markup)
        for bad in tree.xpath("//script|//style|//nav|//header|//footer|//noscript"):
            bad.drop_tree()
        text = "\n".join(line.strip() for line in tree.text_content().splitlines() if line.strip())
        notes.append("trafilatura found no main text; used all visible text")
    if not text or not text.strip():
        raise ReaderError(path, "HTML page has no text")
    return ReadResult(
        text=text, path=str(path), sha256=sha256_bytes(data), reader="html", encoding=encoding, notes=notes
    )
