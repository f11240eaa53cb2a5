"""Worker processes end with their driver: a pool worker that finds its parent gone exits at once.

Without this a worker blocked on its task queue outlives a driver killed with SIGKILL, holding its memory.
Workers also ignore SIGINT: Ctrl-C is the driver's to handle (it stops the pool and says what was kept).
"""

from __future__ import annotations

import os
import signal
import threading
import time

POLL_SECONDS = 0.5


def _watch(parent: int) -> None:
    while True:
        time.sleep(POLL_SECONDS)
        if os.getppid() != parent:
            os._exit(70)  # the driver is gone: nothing will read our results


def init_worker(parent: int) -> None:
    """Pool initializer: ignore SIGINT and start a daemon thread that exits when ``parent`` (the driver) dies."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch, args=(parent,), name="policytext-parent-watch", daemon=True).start()
