"""Opening input files safely: regular files only, never a FIFO, device or socket, and never more bytes
than a limit (so a named pipe cannot hang a run and a huge file cannot exhaust memory)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from policytext.errors import ReaderError

_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
)


def kind_of(mode: int) -> str | None:
    """None for a regular file, else what it is ("a FIFO (named pipe)", "a socket", ...)."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def not_regular_reason(mode: int) -> str | None:
    """The skip reason for a path whose (followed) mode is ``mode``; None for a regular file."""
    kind = kind_of(mode)
    return None if kind is None else f"not a regular file ({kind}); not opened"


def read_bounded(path: Path, max_bytes: int, hint: str = "") -> bytes:
    """The bytes of regular file ``path``; ReaderError naming it when it is not regular or is larger than
    ``max_bytes`` (checked on the open descriptor before reading, and while reading)."""
    try:
        reason = not_regular_reason(os.stat(path).st_mode)
    except OSError as e:
        raise ReaderError(path, f"cannot read file: {e.strerror or e}") from e
    if reason:
        raise ReaderError(path, reason)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as e:
        raise ReaderError(path, f"cannot read file: {e.strerror or e}") from e
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        reason = not_regular_reason(st.st_mode)  # replaced between the check and the open
        if reason:
            raise ReaderError(path, reason)
        if st.st_size > max_bytes:
            raise ReaderError(path, f"file too large: {st.st_size:,} bytes, the limit is {max_bytes:,}{hint}")
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ReaderError(path, f"file too large: more than {max_bytes:,} bytes (it grew while being read)")
    return data
