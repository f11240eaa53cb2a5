"""One run at a time per output folder: an exclusive lock on ``<out>/.policytext.lock`` holding the pid.

The lock is an OS file lock (``fcntl.flock``), so it goes away with its process, even after SIGKILL: there
is never a stale lock to delete by hand. Where ``fcntl`` does not exist (Windows) no lock is taken.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType
from typing import IO

from policytext.errors import PolicytextError

LOCK_NAME = ".policytext.lock"


class OutputLock:
    """Exclusive use of an output folder by this process; a clear error naming the holder's pid otherwise."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOCK_NAME
        self._file: IO[str] | None = None

    def acquire(self) -> OutputLock:
        """Take the lock or raise PolicytextError (folder in use, or not writable)."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            return self
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            f = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held open for the lock's lifetime
        except OSError as e:
            raise PolicytextError(f"{self.folder}: cannot write to the output folder ({e.strerror or e}); "
                                  "choose another -o") from e  # fmt: skip
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            f.seek(0)
            holder = f.read().strip() or "unknown"
            f.close()
            raise PolicytextError(f"{self.folder} is in use by another policytext run (pid {holder}); wait for it "
                                  "to finish or choose another -o") from e  # fmt: skip
        f.seek(0)
        f.truncate()
        f.write(f"{os.getpid()}\n")
        f.flush()
        self._file = f
        return self

    def release(self) -> None:
        """Give the lock up (closing the file releases it)."""
        if self._file is not None:
            self._file.close()
            self._file = None

    def __enter__(self) -> OutputLock:
        return self.acquire()

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None) -> None:
        self.release()
