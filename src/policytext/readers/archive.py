"""Zip-based formats (.docx, .hwpx): members size-checked before and while decompressing, and XML made
safe to parse (no DTD, no entity expansion), so a zip or XML bomb is refused instead of exhausting memory."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from policytext.errors import ReaderError
from policytext.limits import Limits, limits

_DOCTYPE = re.compile(rb"<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>", re.DOTALL)
_ENTITY_REF = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)")
_CHUNK = 1 << 20


def open_archive(path: Path, data: bytes, what: str, lim: Limits | None = None) -> zipfile.ZipFile:
    """The zip archive in ``data`` after checking its declared sizes against the limits (before any member
    is decompressed)."""
    lim = lim or limits()
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as e:
        raise ReaderError(path, f"not a valid {what} file (not a zip archive)") from e
    infos = zf.infolist()
    if len(infos) > lim.max_archive_members:
        raise ReaderError(path, f"{what} archive has {len(infos):,} members, the limit is {lim.max_archive_members:,}")
    total = sum(i.file_size for i in infos)
    if total > lim.max_archive_bytes:
        raise ReaderError(path, f"{what} archive would decompress to {total:,} bytes, the limit is "
                                f"{lim.max_archive_bytes:,} (a zip bomb or an unusually large file)")  # fmt: skip
    for i in infos:
        if i.filename.endswith((".xml", ".rels")) and i.file_size > lim.max_xml_member_bytes:
            raise ReaderError(path, f"{what} member {i.filename} would decompress to {i.file_size:,} bytes, the "
                                    f"limit is {lim.max_xml_member_bytes:,}")  # fmt: skip
    return zf


def read_member(path: Path, zf: zipfile.ZipFile, name: str, lim: Limits | None = None) -> bytes:
    """One member's bytes, decompressed in chunks and stopped as soon as it passes the XML member limit
    (the declared size can lie)."""
    lim = lim or limits()
    out = bytearray()
    with zf.open(name) as f:
        while chunk := f.read(_CHUNK):
            out += chunk
            if len(out) > lim.max_xml_member_bytes:
                raise ReaderError(path, f"member {name} decompresses to more than {lim.max_xml_member_bytes:,} "
                                        "bytes (its declared size is wrong): refused")  # fmt: skip
    return bytes(out)


def check_members(path: Path, zf: zipfile.ZipFile, lim: Limits | None = None) -> None:
    """Decompress every member in chunks (discarding the bytes) to prove the archive stays within the limits
    before a library that reads it whole (python-docx) gets it."""
    lim = lim or limits()
    total = 0
    for info in zf.infolist():
        size = 0
        with zf.open(info) as f:
            while chunk := f.read(_CHUNK):
                size += len(chunk)
                total += len(chunk)
                if info.filename.endswith((".xml", ".rels")) and size > lim.max_xml_member_bytes:
                    raise ReaderError(path, f"member {info.filename} decompresses to more than "
                                            f"{lim.max_xml_member_bytes:,} bytes: refused")  # fmt: skip
                if total > lim.max_archive_bytes:
                    raise ReaderError(path, f"archive decompresses to more than {lim.max_archive_bytes:,} bytes: "
                                            "refused")  # fmt: skip


def defuse_xml(raw: bytes) -> tuple[bytes, bool]:
    """``raw`` without a DOCTYPE (so no entity can be declared) and with references to undeclared entities
    turned into literal text (``&x;`` -> ``&amp;x;``); True when anything was changed.

    OOXML and OWPML never carry a DTD, so a DOCTYPE here is hostile or broken; keeping the references as
    text means the rest of the run's text is not lost.
    """
    if b"<!DOCTYPE" not in raw:
        return raw, False
    cleaned = _DOCTYPE.sub(b"", raw, count=1)
    return _ENTITY_REF.sub(b"&amp;", cleaned), True


DEFUSED_NOTE = "XML with a DOCTYPE/entity declarations: declarations ignored, entity references kept as literal text"
