"""Tokenizer throughput on whole real reports: raw backend calls vs the policytext pipeline, in one run.

Usage: python benchmarks/tokenize_throughput.py [--repeat 5] [--korean kiwi,mecab] [--profile]
Chinese text: the 2024 and 2025 Government Work Reports; Korean text: the budget addresses 2000-2009.
Single process. The pipeline adds normalisation, script routing, offset mapping and Token objects.
Chinese rows give chars/s of the pipeline and its speed relative to raw ``jieba.lcut`` and raw ``rjieba.cut``
(same text, same dictionary, best of --repeat); Korean rows raw backend call / pipeline (aim >= 0.9).
--profile prints cProfile's top lines of the Chinese pipeline on the rjieba engine (POS on).
"""

from __future__ import annotations

import argparse
import cProfile
import platform
import pstats
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"


def best_time(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def jvm_start_seconds() -> float:
    code = "import time; t=time.perf_counter(); from konlpy.tag import Okt; Okt(); print(time.perf_counter()-t)"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(r.stdout.strip())


def chinese(zh: str, repeat: int) -> None:
    from policytext import tokenize
    from policytext.tokenize.chinese import JiebaTokenizer

    py = JiebaTokenizer(pos=False, engine="jieba")
    rs = JiebaTokenizer(pos=False, engine="rjieba")
    py_pos = JiebaTokenizer(pos=True, engine="jieba")
    py.words("预热")
    rs.words("预热")
    t_lcut = best_time(lambda: py.words(zh), repeat)
    t_rs = best_time(lambda: rs.rust.cut(zh, True), repeat)
    t_posseg = best_time(lambda: [(p.word, p.flag) for p in py_pos.pos_tokenizer.cut(zh)], repeat)
    n = len(zh)
    print(f"raw jieba.lcut {n / t_lcut:,.0f} chars/s; raw rjieba.cut {n / t_rs:,.0f} chars/s "
          f"({t_lcut / t_rs:.1f}x jieba.lcut); raw jieba posseg {n / t_posseg:,.0f} chars/s")  # fmt: skip
    print(f"{'pipeline':<26}{'chars/s':>12}{'vs jieba.lcut':>15}{'vs rjieba.cut':>15}{'vs jieba posseg':>17}")
    for engine in ("rjieba", "jieba"):
        for pos in (False, True):
            tokenize("预热", "zh", pos=pos, zh_engine=engine)
            t = best_time(lambda e=engine, p=pos: tokenize(zh, "zh", pos=p, zh_engine=e), repeat)  # type: ignore[misc]
            name = f"zh {engine} pos={'on' if pos else 'off'}"
            print(f"{name:<26}{n / t:>12,.0f}{t_lcut / t:>15.2f}{t_rs / t:>15.2f}{t_posseg / t:>17.2f}")


def korean(ko: str, backends: list[str], repeat: int) -> None:
    from policytext import tokenize
    from policytext.tokenize.registry import get_tokenizer

    print(f"{'backend':<26}{'raw chars/s':>12}{'pipeline chars/s':>18}{'pipeline/raw':>14}")
    lines = [line for line in ko.split("\n") if line.strip()]
    for backend in backends:
        ktok = get_tokenizer("ko", backend)
        ktok.morphemes("준비")
        t_raw = best_time(lambda k=ktok: [k.morphemes(line) for line in lines], repeat)  # type: ignore[misc]
        t_pipe = best_time(lambda b=backend: tokenize(ko, "ko", ko_backend=b), repeat)  # type: ignore[misc]
        print(f"{'ko ' + backend:<26}{len(ko) / t_raw:>12,.0f}{len(ko) / t_pipe:>18,.0f}{t_raw / t_pipe:>14.2f}")


def profile(zh: str) -> None:
    from policytext import tokenize

    prof = cProfile.Profile()
    prof.enable()
    for _ in range(5):
        tokenize(zh, "zh", pos=True, zh_engine="rjieba")
    prof.disable()
    pstats.Stats(prof).sort_stats("tottime").print_stats(10)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--korean", default="kiwi,mecab", help="Korean backends (okt,komoran,hannanum,kkma need Java).")
    ap.add_argument("--profile", action="store_true")
    args = ap.parse_args()

    zh = "\n".join((SHARED / "zh" / "gwr" / f"{y}.txt").read_text(encoding="utf-8") for y in (2024, 2025))
    ko_files = sorted((SHARED / "ko" / "presidential" / "budget-addresses").glob("200*.txt"))
    ko = "\n".join(p.read_text(encoding="utf-8") for p in ko_files)
    print(
        f"machine: {platform.machine()} {platform.processor() or ''} python {sys.version.split()[0]}; "
        f"zh text {len(zh):,} chars; ko text {len(ko):,} chars ({len(ko_files)} budget addresses)"
    )
    chinese(zh, args.repeat)
    korean(ko, [b for b in args.korean.split(",") if b], args.repeat)
    if any(b in ("okt", "komoran", "hannanum", "kkma") for b in args.korean.split(",")):
        print(f"JVM start (konlpy Okt() in a fresh process): {jvm_start_seconds():.2f} s")
    if args.profile:
        profile(zh)


if __name__ == "__main__":
    main()
