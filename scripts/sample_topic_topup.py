"""Draw the #20 top-up pool: 360 Korean paragraphs that mention words of the rare areas, written atomically.

Same units, loaders and columns as ``scripts/sample_topic_units.py`` (its functions are reused): paragraphs of
30-1,500 characters of the budget addresses and of speeches.parquet (New Year, Assembly and other policy
speeches), 1960-2022, none already in /work/topics-pool/ko-units.csv or annotations/topics/ko-paragraphs.csv
(by unit id or by text). For each area of ``scripts/topup_words.yaml`` in turn, ``n`` paragraphs whose text hits
one of its words are drawn within decade strata (equal quota per decade, surplus of small decades passed on;
presidents interleaved inside a decade), at most 6 per document in the whole pool. All units are ``part`` =
``topup`` and ``overlap`` = True (both readers label all). The area each unit was drawn for goes to
``<output>-drawn.csv`` beside the pool, kept out of it so readers label blind.
Seed: 2020 (``--seed``). Run: ``python scripts/sample_topic_topup.py -o /work/topics-pool/ko-topup.csv``.
Round 2 (``--round 2``): the word file's ``round2`` section (tight phrases, decade weights, its own per-document
cap), also excluding round 1's pool; ``part`` = ``topup2``. Run:
``python scripts/sample_topic_topup.py --round 2 -o /work/topics-pool/ko-topup2.csv``.
Round 3 (``--round 3``): new phrases, ``focus`` (a phrase twice or in the first sentence), excluding every earlier
pool (annotations/topics/pools/*.csv); ``part`` = ``topup3``. Run:
``python scripts/sample_topic_topup.py --round 3 -o /work/topics-pool/ko-topup3.csv``.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample_topic_units import LABELLED, candidates, load_kinds

WORDS = Path(__file__).resolve().parent / "topup_words.yaml"
MAIN_POOL = Path("/work/topics-pool/ko-units.csv")
ROUND1_POOL = Path("/work/topics-pool/ko-topup.csv")
POOLS_DIR = Path(__file__).resolve().parent.parent / "annotations" / "topics" / "pools"
SENT_END = re.compile(r"(?<=[.?!])\s")
KINDS = ["budget", "new_year", "assembly", "policy_speech"]
LAST_YEAR, PER_DOC = 2022, 6
COLS = ["unit_id", "doc_id", "kind", "year", "president", "para_id", "start", "end", "text", "part", "overlap"]


def load_round(path: Path, round_: int = 1) -> dict[str, Any]:
    """The word-file section of a round: top level for round 1, ``round<N>`` otherwise (error names file and key)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    section = data if round_ == 1 else data.get(f"round{round_}")
    if not isinstance(section, dict):
        raise ValueError(f"{path}: no section 'round{round_}'")
    return section


def load_words(path: Path, round_: int = 1) -> dict[str, tuple[int, re.Pattern[str]]]:
    """Each area's draw size and one regex of its words (a space in a word matches any whitespace or none)."""
    out: dict[str, tuple[int, re.Pattern[str]]] = {}
    for area, spec in load_round(path, round_).get("areas", {}).items():
        if not isinstance(spec, dict) or not isinstance(spec.get("n"), int) or not spec.get("words"):
            raise ValueError(f"{path}: area {area!r} needs an integer 'n' and a non-empty 'words' list")
        alts = [r"\s*".join(map(re.escape, str(w).split())) for w in spec["words"]]
        out[area] = (spec["n"], re.compile("|".join(alts)))
    return out


def focused(text: str, pattern: re.Pattern[str]) -> bool:
    """True when the pattern occurs at least twice in the paragraph or within its first sentence."""
    return len(pattern.findall(text)) >= 2 or bool(pattern.search(SENT_END.split(text.strip(), maxsplit=1)[0]))


def interleave(rows: list[dict[str, Any]], rng: random.Random) -> list[dict[str, Any]]:
    """Rows shuffled within each president, then taken round-robin over presidents (in random order)."""
    by_pres: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_pres[str(r["president"])].append(r)
    lists = [by_pres[p] for p in sorted(by_pres)]
    rng.shuffle(lists)
    for lst in lists:
        rng.shuffle(lst)
    out: list[dict[str, Any]] = []
    while any(lists):
        for lst in lists:
            if lst:
                out.append(lst.pop())
    return out


def draw(
    cands: list[dict[str, Any]],
    n: int,
    rng: random.Random,
    per_doc: Counter[str],
    cap: int = PER_DOC,
    weights: dict[int, float] | None = None,
) -> list[dict[str, Any]]:
    """``n`` units within decade strata (quotas by decade weight, equal by default; surplus passed on), at most
    ``cap`` per document."""
    strata: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for c in cands:
        strata[c["decade"]].append(c)
    queues = {dec: interleave(rows, rng) for dec, rows in strata.items()}
    chosen: list[dict[str, Any]] = []
    open_ = sorted(queues)
    while len(chosen) < n and open_:
        total, remaining = sum((weights or {}).get(dec, 1.0) for dec in open_), n - len(chosen)
        for dec in list(open_):
            quota = max(1, int(remaining * (weights or {}).get(dec, 1.0) / total))
            took = 0
            q = queues[dec]
            while q and took < quota and len(chosen) < n:
                c = q.pop(0)
                if per_doc[c["doc_id"]] >= cap:
                    continue
                per_doc[c["doc_id"]] += 1
                chosen.append(c)
                took += 1
            if not q:
                open_.remove(dec)
    return chosen


def main() -> None:
    """Build the top-up pool and write it atomically (temp file, then rename)."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-o", "--output", type=Path, default=Path("/work/topics-pool/ko-topup.csv"))
    ap.add_argument("--seed", type=int, default=2020)
    ap.add_argument("--round", dest="round_", type=int, choices=[1, 2, 3], default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    section = load_round(WORDS, args.round_)
    words = load_words(WORDS, args.round_)
    cap = int(section.get("per_doc", PER_DOC))
    weights = {int(k): float(v) for k, v in (section.get("decade_weights") or {}).items()}
    used = [pd.read_csv(MAIN_POOL)] + ([pd.read_csv(ROUND1_POOL)] if args.round_ >= 2 else [])
    if args.round_ >= 3:
        own = f"ko-topup{args.round_}"  # this round's own pool, once copied there, must not exclude itself
        used += [pd.read_csv(p) for p in sorted(POOLS_DIR.glob("*.csv")) if not p.stem.startswith(own)]
    used_ids = {u for df in used for u in df["unit_id"]}
    texts = [*pd.read_csv(LABELLED)["text"], *(t for df in used if "text" in df for t in df["text"])]
    seen = {re.sub(r"\s+", "", str(t)) for t in texts}
    kinds = load_kinds()
    cands: list[dict[str, Any]] = []
    for kind in KINDS:
        docs = sorted(kinds[kind], key=lambda d: d.id)
        cands += [c for c in candidates(docs, kind, seen) if c["year"] <= LAST_YEAR and c["unit_id"] not in used_ids]
    per_doc: Counter[str] = Counter()
    taken: set[str] = set()
    chosen: list[dict[str, Any]] = []
    for area, (n, pattern) in words.items():
        hits = [c for c in cands if c["unit_id"] not in taken and pattern.search(c["text"])]
        if section.get("focus"):
            hits = [c for c in hits if focused(c["text"], pattern)]
        got = draw(hits, n, rng, per_doc, cap, weights or None)
        for c in got:
            c["drawn"] = area
            taken.add(c["unit_id"])
        print(f"{area}: {len(hits)} candidate paragraphs, drew {len(got)}")
        chosen += got
    pool = pd.DataFrame(chosen).sample(frac=1, random_state=args.seed).reset_index(drop=True)
    pool["part"], pool["overlap"] = ("topup" if args.round_ == 1 else f"topup{args.round_}"), True
    args.output.parent.mkdir(parents=True, exist_ok=True)
    pool[["unit_id", "drawn"]].to_csv(args.output.with_name(args.output.stem + "-drawn.csv"), index=False)
    tmp = args.output.with_name(args.output.name + ".tmp")
    pool[COLS].to_csv(tmp, index=False)
    os.replace(tmp, args.output)
    print(f"wrote {args.output}: {len(pool)} units from {pool['doc_id'].nunique()} documents")
    print(pool.groupby(["decade", "kind"]).size().unstack(fill_value=0))
    print(pool.groupby("president").size().sort_values(ascending=False).to_string())


if __name__ == "__main__":
    main()
