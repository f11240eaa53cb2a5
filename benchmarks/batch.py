"""Batch engine benchmark: scaling, Dask vs local, cached re-run vs cold, concept counting, peak memory.

    python benchmarks/batch.py [--mb 20] [--stages documents,counts]

Builds a corpus of about ``--mb`` megabytes by repeating the bundled Government Work Reports and Korean
budget addresses under new ids (a manifest gives each copy its id and year), then, in the same run:
1. one worker vs two spawned workers vs a 2-worker Dask LocalCluster (cache off): wall time and ratios;
2. a cold run with the cache on, then the same run again: the cached re-run ratio;
3. concept counting with the whole bundled lexicon (policytext.find_hits) vs one ``str.count`` pass per
   alias over the same texts;
4. peak resident memory of the driver and of the largest worker (ru_maxrss), against the corpus size.
"""

from __future__ import annotations

import argparse
import csv
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_corpus(target: Path, mb: float) -> tuple[int, int]:
    """Copies of the bundled reports under new ids until the folder holds ``mb`` megabytes."""
    sources = sorted((ROOT / "corpora" / "gwr").glob("*.txt")) + sorted((ROOT / "corpora" / "ko-budget").glob("*.txt"))
    target.mkdir(parents=True)
    rows, size, i = [], 0, 0
    while size < mb * 1e6:
        src = sources[i % len(sources)]
        name = f"copy{i // len(sources):03d}-{src.parent.name}-{src.name}"
        shutil.copy(src, target / name)
        year = src.stem[:4] if src.stem[:4].isdigit() else ""
        rows.append({"id": f"bench-{i:06d}", "file": name, "year": year})
        size += src.stat().st_size
        i += 1
    with (target / "manifest.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["id", "file", "year"])
        w.writeheader()
        w.writerows(rows)
    return i, size


def timed(label: str, func):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    out = func()
    dt = time.perf_counter() - t0
    print(f"{label:<46} {dt:8.1f} s", flush=True)
    return dt, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=20)
    ap.add_argument("--stages", default="documents,counts")
    ap.add_argument("--memory-only", action="store_true",
                    help="only one 2-worker run (cache off) and peak memory: for the 1 GB run")
    args = ap.parse_args()
    from policytext.batch import Settings, analyze

    settings = Settings.of(tuple(args.stages.split(",")))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        n, size = build_corpus(corpus, args.mb)
        print(f"corpus: {n} documents, {size / 1e6:.1f} MB; stages: {args.stages}", flush=True)
        if args.memory_only:
            dt, rec = timed("2 spawned workers, cache off", lambda: analyze([corpus], Path(tmp) / "om",
                                                                              settings=settings, jobs=2, cache=False))
            me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"{rec['timings']['documents']} documents in {dt:.0f} s; peak RSS: driver {me:.0f} MB, "
                  f"largest worker {kids:.0f} MB, corpus {size / 1e6:.0f} MB", flush=True)
            return
        one, _ = timed("1 process, cache off", lambda: analyze([corpus], Path(tmp) / "o1", settings=settings,
                                                                 cache=False))  # fmt: skip
        two, _ = timed("2 spawned workers, cache off", lambda: analyze([corpus], Path(tmp) / "o2", settings=settings,
                                                                         jobs=2, cache=False))  # fmt: skip
        dask, _ = timed("Dask LocalCluster, 2 workers, cache off", lambda: analyze(
            [corpus], Path(tmp) / "o3", settings=settings, jobs=2, engine="dask", cache=False))  # fmt: skip
        cold, _ = timed("cold run, 2 workers, cache on", lambda: analyze([corpus], Path(tmp) / "o4", settings=settings,
                                                                          jobs=2))  # fmt: skip
        warm, _ = timed("cached re-run, same settings", lambda: analyze([corpus], Path(tmp) / "o4", settings=settings,
                                                                         jobs=2))  # fmt: skip
        print(f"scaling 2 workers vs 1: {one / two:.2f}x; Dask vs local pool: {two / dask:.2f}x; "
              f"cached re-run vs cold: {cold / warm:.1f}x faster", flush=True)

        import policytext as pt
        from policytext.keywords.lexicon import load_lexicon

        docs = list(pt.load_corpus(ROOT / "corpora"))
        texts = [d.text for d in docs]
        lex = load_lexicon()
        aliases = sorted({a for c in lex.concepts for a in c.all_aliases()})
        base, total = timed(f"str.count, {len(aliases)} aliases, bundled corpora", lambda: sum(
            t.count(a) for t in texts for a in aliases))  # fmt: skip
        ours, hits = timed("policytext find_hits, concept rule", lambda: pt.find_hits(docs, lexicon=lex,
                                                                                   rule="concept"))  # fmt: skip
        print(f"concept counting: {ours / base:.2f}x the time of one str.count pass per alias "
              f"({len(hits)} hits; str.count counts overlapping aliases too: {total})", flush=True)
        me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"peak RSS: driver {me:.0f} MB, largest worker {kids:.0f} MB, corpus {size / 1e6:.1f} MB", flush=True)


if __name__ == "__main__":
    sys.exit(main())
