"""Tokenizer throughput on whole real reports: raw backend call vs the policytext pipeline, and JVM start.

Usage: python benchmarks/tokenize_throughput.py [--repeat 3]
Chinese text: the 2024 and 2025 Government Work Reports; Korean text: the budget addresses 2000-2009.
Single process. The pipeline adds normalisation, script routing, offset mapping and Token objects.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"


def best_time(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--korean", default="kiwi,okt,komoran,hannanum,kkma")
    args = ap.parse_args()

    from policytext import tokenize
    from policytext.tokenize.registry import get_tokenizer

    zh = "\n".join((SHARED / "zh" / "gwr" / f"{y}.txt").read_text(encoding="utf-8") for y in (2024, 2025))
    ko_files = sorted((SHARED / "ko" / "presidential" / "budget-addresses").glob("200*.txt"))
    ko = "\n".join(p.read_text(encoding="utf-8") for p in ko_files)
    print(
        f"machine: {sys.platform}, python {sys.version.split()[0]}; zh text {len(zh):,} chars; "
        f"ko text {len(ko):,} chars ({len(ko_files)} budget addresses)"
    )
    print(f"{'backend':<22}{'raw chars/s':>14}{'pipeline chars/s':>18}{'pipeline/raw':>14}")
    for pos in (False, True):
        tok = get_tokenizer("zh", pos=pos)
        tok.words("预热")
        if pos:

            def raw(tok=tok) -> object:  # type: ignore[no-untyped-def]
                return [(p.word, p.flag) for p in tok.pos_tokenizer.cut(zh)]
        else:

            def raw(tok=tok) -> object:  # type: ignore[no-untyped-def]
                return tok.words(zh)

        t_raw = best_time(raw, args.repeat)
        t_pipe = best_time(lambda pos=pos: tokenize(zh, "zh", pos=pos), args.repeat)  # type: ignore[misc]
        name = "jieba" + (" +posseg" if pos else " lcut")
        print(f"{name:<22}{len(zh) / t_raw:>14,.0f}{len(zh) / t_pipe:>18,.0f}{t_raw / t_pipe:>14.2f}")
    for backend in args.korean.split(","):
        ktok = get_tokenizer("ko", backend)
        ktok.morphemes("준비")
        lines = [line for line in ko.split("\n") if line.strip()]
        t_raw = best_time(lambda k=ktok, lines=lines: [k.morphemes(line) for line in lines], args.repeat)  # type: ignore[misc]
        t_pipe = best_time(lambda b=backend: tokenize(ko, "ko", ko_backend=b), args.repeat)  # type: ignore[misc]
        print(f"{backend:<22}{len(ko) / t_raw:>14,.0f}{len(ko) / t_pipe:>18,.0f}{t_raw / t_pipe:>14.2f}")
    print(f"JVM start (konlpy Okt() in a fresh process): {jvm_start_seconds():.2f} s")


if __name__ == "__main__":
    main()
