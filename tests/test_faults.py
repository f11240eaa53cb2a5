"""Faults during `analyze` (issue #15): a corrupted or old cache entry, a damaged results.sqlite, an output
folder that cannot be written or is in use, and SIGINT/SIGKILL of the driver or a worker. Each ends with a
clear message (no traceback) or with results identical to an undisturbed run."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest

from policytext.engine.cache import Cache, checksum
from policytext.engine.lock import OutputLock
from policytext.errors import PolicytextError
from tests.hostile import cli, flat

STAGES = "documents,counts"
N_DOCS = 16


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, gwr_dir: Path) -> Path:
    """The 16 most recent Government Work Reports (a run takes a few seconds: long enough to interrupt)."""
    d = tmp_path_factory.mktemp("faults") / "gwr"
    d.mkdir()
    for f in sorted(gwr_dir.glob("*.txt"))[-N_DOCS:]:
        (d / f.name).write_bytes(f.read_bytes())
    return d


@pytest.fixture(scope="module")
def reference(corpus: Path) -> pd.DataFrame:
    """counts.parquet of an undisturbed, uncached run."""
    out = corpus.parent / "reference"
    r = cli("analyze", str(corpus), "-o", str(out), "--stages", STAGES, "-j", "1", "--no-cache")
    assert r.exit_code == 0, r.output
    return pd.read_parquet(out / "counts.parquet")


def _counts(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / "counts.parquet")


def _run(corpus: Path, out: Path, *extra: str) -> tuple[int, str]:
    r = cli("analyze", str(corpus), "-o", str(out), "--stages", STAGES, "-j", "1", *extra)
    return r.exit_code, flat(r.output)


def _driver(corpus: Path, out: Path, jobs: int = 2) -> subprocess.Popen[str]:
    code = "from policytext.cli import main; main()"
    return subprocess.Popen([sys.executable, "-c", code, "analyze", str(corpus), "-o", str(out), "--stages", STAGES,
                             "-j", str(jobs)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip


def _workers(driver: subprocess.Popen[str], n: int, timeout: float = 60) -> list[psutil.Process]:
    """The driver's pool workers once ``n`` of them run (the spawn start method's tracker excluded)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        kids = [p for p in psutil.Process(driver.pid).children()
                if "resource_tracker" not in " ".join(p.cmdline())]  # fmt: skip
        if len(kids) >= n:
            time.sleep(0.5)  # let them start (a worker imports for seconds: it is still busy when signalled)
            return kids
        time.sleep(0.2)
    raise AssertionError("pool workers did not start")


def test_flipped_bit_in_a_cached_table_is_recomputed_with_a_warning(corpus: Path, reference: pd.DataFrame,
                                                                    tmp_path: Path) -> None:  # fmt: skip
    out = tmp_path / "out"
    assert _run(corpus, out)[0] == 0
    db = sqlite3.connect(out / ".cache" / "results.sqlite")
    key, data = db.execute("SELECT doc_key, data FROM results WHERE stage = 'counts' AND n_rows > 0").fetchone()
    flipped = bytearray(data)
    flipped[len(flipped) // 2] ^= 0x10
    db.execute("UPDATE results SET data = ? WHERE stage = 'counts' AND doc_key = ?", (bytes(flipped), key))
    db.commit()
    db.close()
    code, output = _run(corpus, out)
    assert code == 0 and "does not match its checksum" in output and "recomputed" in output
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert any(key in w for w in run["cache_warnings"]) and run["timings"]["computed"] == 1
    pd.testing.assert_frame_equal(_counts(out), reference)


def test_entry_without_checksum_counts_as_missing(corpus: Path, reference: pd.DataFrame, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert _run(corpus, out)[0] == 0
    db = sqlite3.connect(out / ".cache" / "results.sqlite")
    db.execute("UPDATE documents SET checksum = NULL WHERE rowid = 1")
    db.commit()
    db.close()
    code, output = _run(corpus, out)
    assert code == 0 and "has no checksum" in output
    pd.testing.assert_frame_equal(_counts(out), reference)


def test_truncated_results_sqlite_names_the_file_and_the_way_out(corpus: Path, reference: pd.DataFrame,
                                                                 tmp_path: Path) -> None:  # fmt: skip
    out = tmp_path / "out"
    db = out / ".cache" / "results.sqlite"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"SQLite format 3\x00" + b"\x00" * 37)  # a header and nothing after it
    code, output = _run(corpus, out)
    assert code == 2 and f"{db}: cannot use the result cache" in output and "--no-cache" in output
    code, output = _run(corpus, out, "--no-cache")
    assert code == 0
    pd.testing.assert_frame_equal(_counts(out), reference)


def test_cache_checksum_covers_schema_and_data() -> None:
    assert checksum(b"ab", b"c") != checksum(b"a", b"bc")  # boundaries count


def test_garbage_cache_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "results.sqlite").write_bytes(b"not a database at all" * 100)
    with pytest.raises(PolicytextError, match=r"results\.sqlite: cannot use the result cache .*--no-cache"):
        Cache(tmp_path)


def test_output_path_that_is_a_file(corpus: Path, tmp_path: Path) -> None:
    f = tmp_path / "taken"
    f.write_text("x", encoding="utf-8")
    for out in (f, f / "sub"):
        code, output = _run(corpus, out)
        assert code == 2 and str(f) in output and "-o" in output, output


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_output_folder(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "ro"
    out.mkdir()
    out.chmod(0o555)
    try:
        code, output = _run(corpus, out)
    finally:
        out.chmod(0o755)
    assert code == 2 and str(out) in output and "another -o" in output


def test_second_run_on_a_locked_folder_is_refused_naming_the_holder(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "busy"
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time\nfrom policytext.engine.lock import OutputLock\n"
                               f"lock = OutputLock({str(out)!r}).acquire(); print('held', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        code, output = _run(corpus, out)
        assert code == 2 and f"{out} is in use by another policytext run (pid {holder.pid})" in output
        assert not (out / "run.json").exists()
    finally:
        holder.kill()
        holder.wait()
    assert _run(corpus, out)[0] == 0  # the lock went with its process: no stale lock


def test_two_concurrent_runs_one_refused_one_complete(corpus: Path, reference: pd.DataFrame, tmp_path: Path) -> None:
    out = tmp_path / "both"
    first = _driver(corpus, out, jobs=1)
    time.sleep(1.5)
    code, output = _run(corpus, out)
    _, stderr = first.communicate(timeout=300)
    assert "Traceback" not in stderr
    if code == 2:  # the usual case: the second run found the first one working
        assert "in use by another policytext run" in output and first.returncode == 0
    else:  # the first had already finished: then both completed
        assert code == 0 and first.returncode == 0
    pd.testing.assert_frame_equal(_counts(out), reference)


def test_lock_is_reentrant_after_release(tmp_path: Path) -> None:
    with OutputLock(tmp_path), pytest.raises(PolicytextError, match=rf"pid {os.getpid()}"):
        OutputLock(tmp_path).acquire()
    OutputLock(tmp_path).acquire().release()


def test_workers_exit_when_the_driver_is_killed(corpus: Path, tmp_path: Path) -> None:
    driver = _driver(corpus, tmp_path / "out")
    workers = _workers(driver, 2)
    driver.send_signal(signal.SIGKILL)
    driver.wait()
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive, [p.pid for p in alive]


def test_killed_worker_ends_with_a_message_and_a_rerun_resumes(corpus: Path, reference: pd.DataFrame,
                                                               tmp_path: Path) -> None:  # fmt: skip
    out = tmp_path / "out"
    driver = _driver(corpus, out)
    workers = _workers(driver, 2)
    with contextlib.suppress(psutil.NoSuchProcess):  # a run that already finished is checked as finished
        workers[0].send_signal(signal.SIGKILL)
    _, stderr = driver.communicate(timeout=120)
    assert "Traceback" not in stderr
    if driver.returncode != 0:  # the worker died holding a document
        said = flat(stderr)
        assert driver.returncode == 2 and "a worker process died" in said and "run the same command" in said
    code, _ = _run(corpus, out)
    assert code == 0
    pd.testing.assert_frame_equal(_counts(out), reference)


def test_sigint_of_the_driver_says_what_was_kept_and_a_rerun_resumes(corpus: Path, reference: pd.DataFrame,
                                                                     tmp_path: Path) -> None:  # fmt: skip
    out = tmp_path / "out"
    driver = _driver(corpus, out)
    workers = _workers(driver, 2)
    driver.send_signal(signal.SIGINT)
    _, stderr = driver.communicate(timeout=120)
    assert "Traceback" not in stderr
    if driver.returncode != 0:  # interrupted before it finished
        assert driver.returncode == 130 and "interrupted" in stderr and "resume" in stderr
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive
    code, _ = _run(corpus, out)
    assert code == 0
    pd.testing.assert_frame_equal(_counts(out), reference)
