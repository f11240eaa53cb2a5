"""``analyze`` with every default stage against raw tokenization of the same documents, in one process and run.

    python benchmarks/analyze.py [--limit N] [--jobs 1,2] [--profile 25] [--keep DIR]

On the bundled corpora (141 documents; ``--limit N`` takes N of them spread over both corpora), in turn:
1. raw tokenization: ``rjieba.cut`` (HMM on) of every Chinese document, the default Korean backend's raw call
   (Kiwi ``tokenize``) line by line of every Korean one;
2. ``analyze --no-cache -j 1`` with the default stages (documents, counts, keywords, entities, topics): wall
   time, its ratio to (1) (the aim of #17: 6x or less), each stage's seconds and characters per second
   (from run.json) and the peak resident memory of the process;
3. the same with ``-j 2`` (spawned workers): wall time, ratio, the largest worker's peak memory.
Each also prints its CPU seconds (user + system, workers included) and their ratio to raw tokenization's:
on a machine shared with other jobs the wall-time ratio moves with their load, the CPU ratio much less.
``--profile N``: run (2) under cProfile and print its top N lines by own time and by cumulative time.
``--keep DIR``: write the ``-j 1`` tables to DIR (to compare tables before and after a change with
``scripts/compare_tables.py``).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import platform
import pstats
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def pick(docs: list[Any], limit: int | None) -> list[Any]:
    """``limit`` documents spread evenly over the corpus (both languages), or all of them."""
    if not limit or limit >= len(docs):
        return docs
    step = len(docs) / limit
    return [docs[int(i * step)] for i in range(limit)]


def copy_corpus(docs: list[Any], root: Path, target: Path) -> None:
    """The chosen documents' files under ``target`` with their paths relative to the corpus root kept."""
    for d in docs:
        src = Path(d.provenance.path)
        dst = target / src.resolve().relative_to(root.resolve())
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, dst)


def cpu_seconds() -> float:
    """CPU seconds (user + system) of this process and its finished children: on a machine shared with other
    jobs, CPU time moves far less than wall time."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def raw_tokenize(docs: list[Any]) -> tuple[float, float]:
    """Wall and CPU seconds to cut every document with the raw tokenizers (jieba-rs for Chinese, Kiwi for
    Korean)."""
    import rjieba

    from policytext.tokenize.registry import get_tokenizer

    ko = get_tokenizer("ko")
    rjieba.cut("预热", True)
    ko.morphemes("준비")  # type: ignore[attr-defined]
    t0, c0 = time.perf_counter(), cpu_seconds()
    for d in docs:
        if d.lang == "zh":
            rjieba.cut(d.text, True)
        else:
            for line in d.text.split("\n"):
                if line.strip():
                    ko.morphemes(line)  # type: ignore[attr-defined]
    return time.perf_counter() - t0, cpu_seconds() - c0


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="N documents spread over the bundled corpora")
    ap.add_argument("--jobs", default="1,2", help="worker counts to run analyze with (1 first)")
    ap.add_argument("--profile", type=int, default=0, help="cProfile the -j 1 run; print its top N lines")
    ap.add_argument("--keep", type=Path, default=None, help="write the -j 1 tables to this folder")
    args = ap.parse_args()

    import policytext as pt
    from policytext.batch import analyze
    from policytext.resources import bundled_corpora

    root = bundled_corpora()
    docs = pick(list(pt.load_corpus(root)), args.limit)
    zh = sum(len(d.text) for d in docs if d.lang == "zh")
    ko = sum(len(d.text) for d in docs if d.lang == "ko")
    chars = zh + ko
    print(f"machine: {platform.machine()} {os.cpu_count()} cores, python {sys.version.split()[0]}; "
          f"{len(docs)} documents, {zh:,} Chinese + {ko:,} Korean characters", flush=True)  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        copy_corpus(docs, root, corpus)
        raw, raw_cpu = raw_tokenize(docs)
        print(f"raw tokenization (rjieba.cut + Kiwi): {raw:.1f} s, {chars / raw:,.0f} chars/s; "
              f"CPU {raw_cpu:.1f} s", flush=True)  # fmt: skip
        for jobs in (int(j) for j in args.jobs.split(",")):
            out = args.keep if (args.keep and jobs == 1) else Path(tmp) / f"out{jobs}"
            prof = cProfile.Profile() if (args.profile and jobs == 1) else None
            t0, c0 = time.perf_counter(), cpu_seconds()
            if prof is not None:
                prof.enable()
            rec = analyze([corpus], out, jobs=jobs, cache=False)
            if prof is not None:
                prof.disable()
            wall, cpu = time.perf_counter() - t0, cpu_seconds() - c0
            mem = peak_mb(resource.RUSAGE_SELF) if jobs == 1 else peak_mb(resource.RUSAGE_CHILDREN)
            who = "process" if jobs == 1 else "largest worker"
            print(f"analyze --no-cache -j {jobs}: {wall:.1f} s = {wall / raw:.1f}x raw tokenization; "
                  f"{rec['timings']['documents']} documents; peak RSS ({who}) {mem:,.0f} MB", flush=True)  # fmt: skip
            print(f"  CPU seconds (all processes): {cpu:.1f} = {cpu / raw_cpu:.1f}x raw tokenization's CPU", flush=True)
            if jobs == 1:
                print(f"  {'stage':<12}{'seconds':>9}{'chars/s':>12}")
                for stage, sec in rec["timings"]["stage_seconds"].items():
                    print(f"  {stage:<12}{sec:>9.1f}{chars / max(sec, 1e-9):>12,.0f}")
            if prof is not None:
                for key in ("tottime", "cumulative"):
                    pstats.Stats(prof).sort_stats(key).print_stats(args.profile)


if __name__ == "__main__":
    sys.exit(main())
