"""Draw the pool of 2,000 new Korean paragraphs for topic labelling (#20), written atomically to one CSV.

Units are policytext paragraphs (``policytext.topics.taxonomy.units(doc, "paragraph")``) of documents loaded
with ``policytext.load_corpus``, so ``doc_id``/``start``/``end`` match what ``topics train`` re-reads. Kinds:
budget addresses (not the 8 already in annotations/topics/ko-paragraphs.csv), New Year speeches, National
Assembly speeches and other policy speeches from speeches.parquet, and North Korean New Year addresses.
About 70% of each kind is drawn at random within decade strata (equal quota per decade, the surplus of
small decades passed on), about 30% enriches rare areas: paragraphs of a random subset of the kind's
documents are scored with the shipped Korean topic model and those predicted as a rare area are drawn
round-robin over the rare areas (how each unit was drawn: ko-units-drawn.csv beside the pool, kept out of
it so readers label blind). Years 1960-2022; paragraphs of 30-1,500 characters, at most 25 per document,
no text twice. Parts a/b take whole documents, alternating so each kind is split evenly; 280 units per
part are marked ``overlap`` (random, stratified by kind).
Seed: 20 (``--seed``). Run: ``python scripts/sample_topic_units.py -o /work/topics-pool/ko-units.csv``.
"""

from __future__ import annotations

import argparse
import os
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

import policytext as pt
from policytext.corpus import Document
from policytext.topics import classify
from policytext.topics.taxonomy import units

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "ko"
BUDGET = SHARED / "presidential" / "budget-addresses"
SPEECHES = SHARED / "presidential" / "speeches.parquet"
NK = SHARED / "nk-new-year"
LABELLED = Path(__file__).resolve().parents[1] / "annotations" / "topics" / "ko-paragraphs.csv"

TARGETS = {"budget": 600, "new_year": 400, "assembly": 250, "policy_speech": 450, "nk_new_year": 300}
RARE = ["green", "agriculture", "health", "regional_urban", "science", "reform", "digital", "finance_risk",
        "demand", "industry", "opening", "governance"]  # fmt: skip
RANDOM_SHARE = 0.7
MIN_CHARS, MAX_CHARS, PER_DOC = 30, 1500, 25
OVERLAP_PER_PART = 280
FIRST_YEAR = 1960  # decades 1960s-2020s
SCORE_CHARS = 350_000  # characters of each kind's documents scored by the model for enrichment
NON_POLICY = re.compile(r"조사|추도|애도|조의|조전|弔|영결|위로|축전|축하 메시지|생일")
ASSEMBLY = re.compile(r"(?<!전)국회")


def speech_kind(row: Any, budget_ids: set[str]) -> str | None:
    """The pool kind of one row of speeches.parquet, or None when it is left out."""
    title = str(row.title or "")
    if row.id in budget_ids or pd.isna(row.year):
        return None
    if "신년" in title or row.kind == "신년사":
        return "new_year"
    if row.kind == "국회연설" or ASSEMBLY.search(title):
        return "assembly"
    if NON_POLICY.search(title):
        return None
    return "policy_speech"


def candidates(docs: Iterable[Document], kind: str, seen: set[str]) -> list[dict[str, Any]]:
    """Every paragraph of 30-1,500 characters of ``docs`` whose text is not already used."""
    rows = []
    for doc in docs:
        for pid, s, e in units(doc, "paragraph"):
            text = doc.text[s:e]
            year = int(doc.meta["year"])
            key = re.sub(r"\s+", "", text)
            if year < FIRST_YEAR or not MIN_CHARS <= e - s <= MAX_CHARS or key in seen:
                continue
            seen.add(key)
            rows.append({"unit_id": f"{doc.id}:{pid}", "doc_id": doc.id, "kind": kind, "year": year,
                         "president": doc.meta.get("president") or "", "para_id": pid, "start": s, "end": e,
                         "text": text, "decade": year // 10 * 10})  # fmt: skip
    return rows


def draw_random(cands: list[dict[str, Any]], n: int, rng: random.Random, per_doc: Counter[str]) -> list[dict[str, Any]]:
    """``n`` units drawn at random within decade strata: equal quotas, surplus of small decades passed on."""
    strata: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for c in cands:
        strata[c["decade"]].append(c)
    for rows in strata.values():
        rng.shuffle(rows)
    chosen: list[dict[str, Any]] = []
    left = n
    open_ = sorted(strata)
    while left > 0 and open_:
        quota = max(1, left // len(open_))
        for dec in list(open_):
            took = 0
            while strata[dec] and took < quota and left > 0:
                c = strata[dec].pop()
                if per_doc[c["doc_id"]] >= PER_DOC:
                    continue
                per_doc[c["doc_id"]] += 1
                chosen.append(c)
                took += 1
                left -= 1
            if not strata[dec]:
                open_.remove(dec)
    return chosen


def draw_enriched(
    cands: list[dict[str, Any]],
    docs: dict[str, Document],
    n: int,
    rng: random.Random,
    per_doc: Counter[str],
    taken: set[str],
) -> list[dict[str, Any]]:
    """``n`` units the shipped model predicts as rare areas, round-robin over the areas (random within each)."""
    ids = sorted({c["doc_id"] for c in cands})
    rng.shuffle(ids)
    scored, chars = [], 0
    for i in ids:
        if chars >= SCORE_CHARS:
            break
        scored.append(docs[i])
        chars += len(docs[i].text)
    pred = classify(scored, "paragraph")
    area = {f"{r.doc_id}:{r.unit_id}": r.area for r in pred.itertuples()}
    by_area: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for c in cands:
        a = area.get(c["unit_id"])
        if a in RARE and c["unit_id"] not in taken:
            by_area[a].append(c)
    for rows in by_area.values():
        rng.shuffle(rows)
    chosen: list[dict[str, Any]] = []
    while len(chosen) < n and any(by_area.values()):
        for a in RARE:
            while by_area[a] and len(chosen) < n:
                c = by_area[a].pop()
                if per_doc[c["doc_id"]] < PER_DOC:
                    per_doc[c["doc_id"]] += 1
                    chosen.append(c)
                    break
    return chosen


def load_kinds() -> dict[str, list[Document]]:
    """Documents of each kind, loaded with policytext's own loaders."""
    labelled = set(pd.read_csv(LABELLED)["doc_id"])
    kinds: dict[str, list[Document]] = defaultdict(list)
    budget = [d for d in pt.load_corpus(BUDGET) if d.id not in labelled and d.meta.get("year")]
    kinds["budget"] = budget
    budget_ids = {d.id for d in pt.load_corpus(BUDGET)}
    table = pd.read_parquet(SPEECHES, columns=["id", "year", "kind", "title"])
    kind_of = {r.id: speech_kind(r, budget_ids) for r in table.itertuples()}
    for d in pt.load_corpus(SPEECHES):
        k = kind_of.get(d.id)
        if k and d.lang == "ko":
            kinds[k].append(d)
    kinds["nk_new_year"] = [d for d in pt.load_corpus(NK) if d.meta.get("year")]
    return kinds


def assign_parts(pool: pd.DataFrame, rng: random.Random) -> pd.DataFrame:
    """Parts a/b by whole document (each to the part with fewer units of its kind so far).

    Then 280 overlap units per part, stratified by kind."""
    part: dict[str, str] = {}
    for _kind, sub in pool.groupby("kind", sort=False):
        size = sub.groupby("doc_id", sort=False).size()
        filled = {"a": 0, "b": 0}
        for i, (doc, n) in enumerate(size.items()):
            p = "ab"[i % 2] if filled["a"] == filled["b"] else min(filled, key=lambda k: filled[k])
            part[str(doc)] = p
            filled[p] += int(n)
    pool["part"] = pool["doc_id"].map(part)
    pool["overlap"] = False
    for p in "ab":
        sub = pool[pool["part"] == p]
        shares = sub["kind"].value_counts() / len(sub) * OVERLAP_PER_PART
        quota = shares.astype(int)
        for k in (shares - quota).sort_values(ascending=False).index[: OVERLAP_PER_PART - int(quota.sum())]:
            quota[k] += 1
        for k, q in quota.items():
            idx = list(sub.index[sub["kind"] == k])
            pool.loc[rng.sample(idx, int(q)), "overlap"] = True
    return pool


def main() -> None:
    """Build the pool and write it atomically (temp file, then rename)."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-o", "--output", type=Path, default=Path("/work/topics-pool/ko-units.csv"))
    ap.add_argument("--seed", type=int, default=20)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    kinds = load_kinds()
    seen = {re.sub(r"\s+", "", t) for t in pd.read_csv(LABELLED)["text"]}
    chosen: list[dict[str, Any]] = []
    for kind, target in TARGETS.items():
        docs = sorted(kinds[kind], key=lambda d: d.id)
        cands = candidates(docs, kind, seen)
        per_doc: Counter[str] = Counter()
        n_random = round(target * RANDOM_SHARE)
        rand = draw_random(cands, n_random, rng, per_doc)
        for c in rand:
            c["drawn"] = "random"
        rich = draw_enriched(
            cands, {d.id: d for d in docs}, target - len(rand), rng, per_doc, {c["unit_id"] for c in rand}
        )
        for c in rich:
            c["drawn"] = "rare_area"
        print(
            f"{kind}: {len(docs)} documents, {len(cands)} candidate paragraphs, "
            f"{len(rand)} random + {len(rich)} rare-area"
        )
        chosen += rand + rich
    pool = (
        pd.DataFrame(chosen)
        .sort_values(
            ["kind", "year", "doc_id", "para_id"], key=lambda s: s.map(list(TARGETS).index) if s.name == "kind" else s
        )
        .reset_index(drop=True)
    )
    pool = assign_parts(pool, rng)
    cols = ["unit_id", "doc_id", "kind", "year", "president", "para_id", "start", "end", "text", "part", "overlap"]
    args.output.parent.mkdir(parents=True, exist_ok=True)
    drawn = args.output.with_name(args.output.stem + "-drawn.csv")  # kept apart so readers label blind
    pool[["unit_id", "drawn"]].to_csv(drawn, index=False)
    tmp = args.output.with_name(args.output.name + ".tmp")
    pool[cols].to_csv(tmp, index=False)
    os.replace(tmp, args.output)
    print(f"wrote {args.output}: {len(pool)} units")
    print(pool.groupby(["kind", "part"]).size().unstack(fill_value=0))
    print(pool.assign(decade=pool["year"] // 10 * 10).groupby(["decade", "kind"]).size().unstack(fill_value=0))
    print(pool.groupby(["part", "overlap"]).size())


if __name__ == "__main__":
    main()
