"""The reader registry and the result every reader returns."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from policytext.errors import ReaderError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Block:
    """A page or paragraph of the source: ``text[start:end]`` came from ``kind`` number ``number``."""

    kind: str
    number: int
    start: int
    end: int


@dataclass(slots=True)
class ReadResult:
    """Plain text of a file and where it came from."""

    text: str
    path: str
    sha256: str
    reader: str
    encoding: str | None = None
    blocks: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


ReaderFn = Callable[[Path, bytes], ReadResult]
_READERS: dict[str, tuple[str, ReaderFn]] = {}


def register(suffixes: tuple[str, ...], name: str) -> Callable[[ReaderFn], ReaderFn]:
    """Decorator: register a reader function for file suffixes (lower case, with the dot)."""

    def deco(fn: ReaderFn) -> ReaderFn:
        for s in suffixes:
            _READERS[s] = (name, fn)
        return fn

    return deco


def _ensure_loaded() -> None:
    if not _READERS:
        from policytext.readers import docx, html, hwpx, pdf, plaintext  # noqa: F401


def supported_suffixes() -> list[str]:
    """File suffixes a reader is registered for."""
    _ensure_loaded()
    return sorted(_READERS)


def reader_for(path: Path) -> tuple[str, ReaderFn] | None:
    """The (name, function) registered for ``path``'s suffix, or None."""
    _ensure_loaded()
    return _READERS.get(path.suffix.lower())


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def read_file(path: str | Path, *, max_chars: int | None = None) -> ReadResult:
    """Read one file with the reader for its suffix; raises ReaderError naming the file and the problem.

    Only regular files are opened; a file larger than the byte limit, or whose text is longer than
    ``max_chars`` (default: data/limits.yaml, or $POLICYTEXT_MAX_CHARS), is refused before or after reading.
    """
    from policytext.limits import limits
    from policytext.readers.files import read_bounded

    p = Path(path)
    if p.is_dir():
        raise ReaderError(p, "is a folder; this reads one file (give a file, or use a command that takes a corpus)")
    found = reader_for(p)
    if found is None:
        raise ReaderError(
            p, f"unsupported file type {p.suffix or '(no suffix)'!r}; supported: {', '.join(supported_suffixes())}"
        )
    name, fn = found
    lim = limits(max_chars)
    if name in ("text", "html"):  # markup beyond this is no policy document, and its parse tree would be huge
        data = read_bounded(p, lim.max_text_file_bytes, f" (4 bytes per character x --max-chars {lim.max_chars:,})")
    else:
        data = read_bounded(p, lim.max_file_bytes)
    if not data.strip():
        raise ReaderError(p, "empty file")
    try:
        result = fn(p, data)
    except ReaderError:
        raise
    except ImportError as e:  # a missing optional package is an install problem, not a corrupt file
        raise ReaderError(p, f"the {name} reader cannot run here: {e} (reinstall policytext or pip install the "
                             f"package named)") from e  # fmt: skip
    except MemoryError as e:
        raise ReaderError(p, f"out of memory while reading this {name} file") from e
    except Exception as e:  # a library's own exception for a corrupt file
        raise ReaderError(p, f"not a readable {name} file ({type(e).__name__}: {e})") from e
    if not result.text.strip():
        raise ReaderError(p, f"no text found ({name} reader)")
    if len(result.text) > lim.max_chars:
        raise ReaderError(p, f"text too long: {len(result.text):,} characters, the limit is {lim.max_chars:,} "
                             "(raise it with --max-chars)")  # fmt: skip
    for note in result.notes:
        log.warning("%s: %s", p, note)
    return result
