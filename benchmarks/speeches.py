"""Korean scale benchmark on the 8,771 presidential speeches (21.8 million characters).

Usage: python benchmarks/speeches.py [--limit N] [--workers 2]
Measures, in one run: the raw default Korean backend call (Kiwi ``tokenize``) against the policytext
pipeline (normalised view + routing + exact-offset Tokens) on the same texts, single process; the
pipeline on N worker processes (spawn, one analyser per worker); and pattern counting
(``policytext.find_hits`` with ``re:``) against one ``re.finditer`` pass of the same pattern; then
``policytext analyze`` (stages documents and counts: tokens and concept counts) on the whole table on N
workers, cold, and again on the unchanged table (the cached re-run). ``--analyze-only``: just that part.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEECHES = ROOT.parent / "shared" / "corpora" / "ko" / "presidential" / "speeches.parquet"


def _pipeline_chunk(texts: list[str]) -> int:
    from policytext import tokenize

    return sum(len(tokenize(t, "ko")) for t in texts)


def _raw_chunk(texts: list[str]) -> int:
    from policytext.tokenize.registry import get_tokenizer

    tok = get_tokenizer("ko")
    return sum(len(tok.morphemes(t)) for t in texts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=None, help="only the first N speeches")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--analyze-only", action="store_true", help="only the analyze cold / cached runs")
    args = ap.parse_args()
    if args.analyze_only:
        return analyze_runs(args.workers)

    import policytext as pt

    corpus = pt.load_corpus(SPEECHES)
    docs = list(corpus)[: args.limit]
    texts = [d.text for d in docs]
    n_chars = sum(map(len, texts))
    print(f"python {sys.version.split()[0]}; {len(docs):,} speeches, {n_chars:,} characters")

    _raw_chunk(texts[:2])
    t0 = time.perf_counter()
    _raw_chunk(texts)
    t_raw = time.perf_counter() - t0
    _pipeline_chunk(texts[:2])
    t0 = time.perf_counter()
    _pipeline_chunk(texts)
    t_pipe = time.perf_counter() - t0
    print(f"raw Kiwi tokenize, 1 process: {t_raw:8.1f} s  {n_chars / t_raw:>10,.0f} chars/s")
    print(f"policytext pipeline, 1 process: {t_pipe:6.1f} s  {n_chars / t_pipe:>10,.0f} chars/s  "
          f"(pipeline/raw {t_raw / t_pipe:.2f})")  # fmt: skip

    chunks = [texts[i :: args.workers * 8] for i in range(args.workers * 8)]
    t0 = time.perf_counter()
    import multiprocessing as mp

    with ProcessPoolExecutor(args.workers, mp_context=mp.get_context("spawn")) as pool:
        list(pool.map(_pipeline_chunk, chunks))
    t_par = time.perf_counter() - t0
    print(f"policytext pipeline, {args.workers} processes: {t_par:5.1f} s  {n_chars / t_par:>10,.0f} chars/s  "
          f"(speed-up {t_pipe / t_par:.2f}x, worker start included)")  # fmt: skip

    pattern = "인공지능\\w*|4차\\s?산업혁명"
    rx = re.compile(pattern)
    t0 = time.perf_counter()
    n_raw = sum(1 for t in texts for _ in rx.finditer(t))
    t_re = time.perf_counter() - t0
    t0 = time.perf_counter()
    hits = pt.find_hits(docs, [f"re:{pattern}"])
    t_hits = time.perf_counter() - t0
    print(f"pattern {pattern!r}: re.finditer {t_re:.2f} s ({n_raw} matches); policytext find_hits "
          f"{t_hits:.2f} s ({len(hits)} hits, with normalised views, sentences and offsets); "
          f"ratio {t_re / t_hits:.2f}")  # fmt: skip
    analyze_runs(args.workers)


def analyze_runs(workers: int) -> None:
    import tempfile

    from policytext.batch import Settings, analyze

    settings = Settings.of(("documents", "counts"))
    with tempfile.TemporaryDirectory() as tmp:
        times = []
        for label in ("cold", "cached re-run"):
            t0 = time.perf_counter()
            rec = analyze([SPEECHES], tmp, settings=settings, jobs=workers)
            times.append(time.perf_counter() - t0)
            t = rec["timings"]
            print(f"policytext analyze --stages documents,counts -j {workers}, {label}: {times[-1]:6.1f} s "
                  f"({t['documents']} documents, {t['computed']} computed, {len(rec['skipped'])} skipped)", flush=True)
        print(f"cached re-run vs cold: {times[0] / times[1]:.1f}x faster")


if __name__ == "__main__":
    main()
