"""Listing the input files of a corpus folder by a stated policy, naming everything it leaves out.

Policy: folders starting with "." and manifest/README/LICENSE files are not documents. Only regular files
are read: FIFOs, sockets and devices are skipped without being opened. A symbolic link to a file is followed
when its target lies inside the corpus folder; a link out of the folder, a dangling link and a link loop are
skipped and named. Linked folders are not descended (named as skipped), so a listing cannot loop.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from policytext.readers.files import not_regular_reason

IGNORED = re.compile(r"^(manifest\.(csv|toml)|SOURCES\.md|README(\..*)?|LICENSE(\..*)?|\..*)$", re.IGNORECASE)

OnSkip = Callable[[str, str], None]


def _link_reason(path: Path, root: Path) -> str | None:
    """Why the symbolic link ``path`` is not followed, or None when its target is a file inside ``root``."""
    try:
        target = Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        return f"dangling symbolic link (to {os.readlink(path)!r}, which does not exist)"
    except (OSError, RuntimeError):
        return "symbolic link loop: not followed"
    try:
        target.relative_to(Path(os.path.realpath(root)))
    except ValueError:
        return f"symbolic link to {target}, outside the corpus folder: not followed"
    return None


def entry_reason(path: Path, root: Path) -> str | None:
    """Why ``path`` (found in corpus folder ``root``) is not read, or None when it is a file to read."""
    if path.is_symlink():
        reason = _link_reason(path, root)
        if reason:
            return reason
    try:
        return not_regular_reason(os.stat(path).st_mode)
    except OSError as e:
        return f"cannot inspect: {e.strerror or e}"


def walk(root: Path, on_skip: OnSkip) -> Iterator[Path]:
    """Files to read under folder ``root``, sorted, by the module's policy; ``on_skip(path, reason)`` for the rest."""

    def onerror(e: OSError) -> None:
        on_skip(str(e.filename or root), f"cannot list folder: {e.strerror or e}")

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        keep = []
        for d in sorted(dirnames):
            if d.startswith("."):
                continue
            if os.path.islink(os.path.join(dirpath, d)):
                on_skip(os.path.join(dirpath, d), "symbolic link to a folder: not followed")
                continue
            keep.append(d)
        dirnames[:] = keep
        for name in sorted(filenames):
            if IGNORED.match(name):
                continue
            f = Path(dirpath) / name
            reason = entry_reason(f, root)
            if reason:
                on_skip(str(f), reason)
            else:
                yield f


def iter_inputs(paths: Sequence[Path], on_skip: OnSkip) -> Iterator[tuple[Path, Path]]:
    """(file, root) pairs: a folder yields its files (recursively), a file yields itself if it is readable."""
    for p in paths:
        if p.is_dir():
            yield from ((f, p) for f in walk(p, on_skip))
            continue
        try:
            reason = not_regular_reason(os.stat(p).st_mode)
        except OSError as e:
            reason = f"cannot inspect: {e.strerror or e}"
        if reason:
            on_skip(str(p), reason)
        else:
            yield p, p.parent
