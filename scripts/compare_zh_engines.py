"""Compare the two Chinese engines token by token on all real Chinese reports; print one line per setting.

Usage: python scripts/compare_zh_engines.py [--hmm-off]
Documents: the 52 Government Work Reports and the 27 provincial 2025 reports in ../shared/corpora/zh.
Every Token field is compared (surface, offsets, tag, UPOS, lemma, norm); the dump's sha256 is printed per engine.
"""

from __future__ import annotations

import argparse
import hashlib
import time
from pathlib import Path

from policytext.corpus import load_document
from policytext.tokenize.registry import tokenize_view

ROOT = Path(__file__).resolve().parents[1]
ZH = ROOT.parent / "shared" / "corpora" / "zh"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--hmm-off", action="store_true", help="Also compare with jieba's HMM off.")
    args = ap.parse_args()
    files = sorted((ZH / "gwr").glob("*.txt")) + sorted((ZH / "provincial-2025").glob("*.docx"))
    docs = [load_document(p) for p in files]
    print(f"{len(docs)} documents, {sum(len(d.text) for d in docs):,} characters")
    for hmm in (True, False) if args.hmm_off else (True,):
        for pos in (True, False):
            digests = {e: hashlib.sha256() for e in ("jieba", "rjieba")}
            seconds = dict.fromkeys(digests, 0.0)
            differ: list[str] = []
            n = 0
            for doc in docs:
                view = doc.view()
                out = {}
                for engine in digests:
                    t0 = time.perf_counter()
                    out[engine] = tokenize_view(view, doc.lang, hmm=hmm, pos=pos, zh_engine=engine)
                    seconds[engine] += time.perf_counter() - t0
                    for t in out[engine]:
                        digests[engine].update(repr(t).encode())
                if out["jieba"] != out["rjieba"]:
                    differ.append(doc.id)
                n += len(out["jieba"])
            print(
                f"hmm={'on' if hmm else 'off'} pos={'on' if pos else 'off'}: {n:,} tokens, "
                f"{len(differ)} documents differ {differ[:5]}; sha256 jieba {digests['jieba'].hexdigest()[:16]} "
                f"rjieba {digests['rjieba'].hexdigest()[:16]}; seconds jieba {seconds['jieba']:.1f} "
                f"rjieba {seconds['rjieba']:.1f}"
            )


if __name__ == "__main__":
    main()
