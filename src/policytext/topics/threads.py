"""Guard for BLAS threads when a JVM shares the process.

With konlpy's JVM started (Okt, Komoran, ...), OpenBLAS's worker threads crash the process (SIGSEGV seen
here in NMF over sparse TF-IDF, 2026-11-25; OPENBLAS_NUM_THREADS=1 avoids it). Numerical work in the
topic module therefore runs with one BLAS thread when a JVM is up, and with all threads otherwise.
"""

from __future__ import annotations

import contextlib
import sys
from typing import Any


def blas_guard() -> Any:
    """A context limiting BLAS to one thread if a JVM is running in this process, else a no-op."""
    jpype = sys.modules.get("jpype")
    if jpype is not None and jpype.isJVMStarted():
        from threadpoolctl import threadpool_limits

        return threadpool_limits(limits=1, user_api="blas")
    return contextlib.nullcontext()
