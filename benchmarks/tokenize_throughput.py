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


def best_times(fns: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Best time of each function, run in turn within every round (a busy machine slows them alike)."""
    best = dict.fromkeys(fns, float("inf"))
    for _ in range(repeat):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t0)
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
    fns: dict[str, Callable[[], object]] = {
        "lcut": lambda: py.words(zh),
        "rjieba": lambda: rs.rust.cut(zh, True),
        "posseg": lambda: [(p.word, p.flag) for p in py_pos.pos_tokenizer.cut(zh)],
    }
    for engine in ("rjieba", "jieba"):
        for pos in (False, True):
            tokenize("预热", "zh", pos=pos, zh_engine=engine)
            fns[f"zh {engine} pos={'on' if pos else 'off'}"] = lambda e=engine, p=pos: tokenize(  # type: ignore[misc]
                zh, "zh", pos=p, zh_engine=e
            )
    t = best_times(fns, repeat)
    n = len(zh)
    print(f"raw jieba.lcut {n / t['lcut']:,.0f} chars/s; raw rjieba.cut {n / t['rjieba']:,.0f} chars/s "
          f"({t['lcut'] / t['rjieba']:.1f}x jieba.lcut); raw jieba posseg {n / t['posseg']:,.0f} chars/s")  # fmt: skip
    print(f"{'pipeline':<26}{'chars/s':>12}{'vs jieba.lcut':>15}{'vs rjieba.cut':>15}{'vs jieba posseg':>17}")
    for name, tp in t.items():
        if name.startswith("zh "):
            ratios = f"{t['lcut'] / tp:>15.2f}{t['rjieba'] / tp:>15.2f}{t['posseg'] / tp:>17.2f}"
            print(f"{name:<26}{n / tp:>12,.0f}{ratios}")


def korean(ko: str, backends: list[str], repeat: int) -> None:
    from policytext import tokenize
    from policytext.tokenize.registry import get_tokenizer

    print(f"{'backend':<26}{'raw chars/s':>12}{'pipeline chars/s':>18}{'pipeline/raw':>14}")
    lines = [line for line in ko.split("\n") if line.strip()]
    for backend in backends:
        ktok = get_tokenizer("ko", backend)
        ktok.morphemes("준비")
        t = best_times(
            {
                "raw": lambda k=ktok: [k.morphemes(line) for line in lines],  # type: ignore[misc]
                "pipe": lambda b=backend: tokenize(ko, "ko", ko_backend=b),  # type: ignore[misc]
            },
            repeat,
        )
        t_raw, t_pipe = t["raw"], t["pipe"]
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
