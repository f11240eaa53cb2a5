"""Counts, rates, changes, first and last appearances and co-occurrences of a claim's terms, per reading."""

from __future__ import annotations

import itertools
from collections import Counter
from decimal import Decimal
from typing import Any

import pandas as pd

from policytext.claims.common import (
    KindResult,
    Outcome,
    evidence_text,
    hanja_view,
    missing,
    per_year,
    reading_hits,
    target_years,
    with_context,
)
from policytext.claims.corpora import describe, distinct, in_years, years_of
from policytext.claims.rules import rules
from policytext.claims.schema import Claim, Reading
from policytext.corpus import Document
from policytext.keywords.count import find_hits
from policytext.keywords.lexicon import Lexicon


def count_like(claim: Claim, docs: list[Document], readings: list[Reading], lex: Lexicon) -> KindResult:
    """count, rate and change: hits per year under each reading, compared with the published value."""
    have = years_of(docs)
    want = target_years(claim, have)
    if claim.kind == "change":
        want = sorted({*claim.years, *(y for y in (claim.compared_to, claim.year) if y is not None)})
    res = KindResult(unchecked=missing(claim, want, have))
    if res.unchecked:
        return res
    first = min([*want, *([claim.compared_to] if claim.compared_to is not None else [])]) - 1
    shown = [y for y in have if first <= y <= max(want)]  # the years asked about, and the one before
    subset, dropped = distinct(in_years(docs, shown))
    about = describe(in_years(subset, want), dropped, bool(claim.group))
    hanja = hanja_view(claim)
    n_chars = sum(len(d.text) for d in in_years(subset, want))
    tol = rules()["tolerance"]
    frames = []
    for r in readings:
        hits = reading_hits(subset, r, lex, hanja)
        per = per_year(hits, shown)
        total = sum(per[y] for y in want)
        value: Any
        if claim.kind == "count" and claim.counts_documents:
            docs_with = hits[hits["year"].isin(want)]["doc_id"].nunique() if len(hits) else 0
            value, ok = docs_with, docs_with == claim.published_value
        elif claim.kind == "count" and isinstance(claim.published_value, list):  # one count per term
            keys = list(r.terms or r.concepts)
            in_want = hits[hits["year"].isin(want)]
            value = [int((in_want["term_or_concept"] == k).sum()) for k in keys]
            ok = value == claim.published_value
        elif claim.kind == "count":
            value, ok = total, total == claim.published_value
        elif claim.kind == "rate":
            value = round(total / n_chars * 10000, 4) if n_chars else 0.0
            decimals = max(0, -int(Decimal(str(claim.published_value)).normalize().as_tuple().exponent))
            ok = round(value, decimals) == round(float(claim.published_value), decimals)
        else:
            steps = [_direction(per[a], per[b], float(tol["doubled_min_ratio"]), float(tol["halved_max_ratio"]))
                     for a, b in itertools.pairwise(want)]  # fmt: skip
            value = " then ".join(steps)
            ok = all(claim.direction in step.split(",") for step in steps)
            pv = claim.published_value
            if isinstance(pv, list):  # the two counts, earlier and later
                value += f" ({per[want[0]]} → {per[want[-1]]})"
                ok = ok and [per[want[0]], per[want[-1]]] == pv
            elif isinstance(pv, int | float) and not isinstance(pv, bool):  # the difference
                diff = per[want[-1]] - per[want[0]]
                value += f" ({diff:+d})"
                ok = ok and diff == pv
        res.outcomes.append(Outcome(r, value, ok, " | ".join(x for x in (evidence_text(per), about) if x)))
        frames.append(with_context(claim, r, hits, subset))
    res.hits = pd.concat(frames, ignore_index=True) if frames else res.hits
    return res


def _direction(before: int, after: int, doubled: float, halved: float) -> str:
    """Every direction word that holds: ``up,doubled``, ``down``, ``same``, ``down,halved``."""
    if after == before:
        return "same"
    words = ["up" if after > before else "down"]
    if before > 0 and after >= doubled * before:
        words.append("doubled")
    if before > 0 and after <= halved * before:
        words.append("halved")
    return ",".join(words)


def appearance(claim: Claim, docs: list[Document], readings: list[Reading], lex: Lexicon) -> KindResult:
    """first/last appearance: the first (last) year any hit of the reading occurs in the series."""
    have = years_of(docs)
    published = int(claim.published_value)
    res = KindResult(unchecked=None if published in have else missing(claim, [published], have))
    if res.unchecked:
        return res
    hanja = hanja_view(claim)
    frames = []
    for r in readings:
        hits = reading_hits(docs, r, lex, hanja)
        years = sorted({int(y) for y in hits["year"].dropna()})
        found = (years[0] if claim.kind == "first_appearance" else years[-1]) if years else None
        per = per_year(hits, years[:3] if claim.kind == "first_appearance" else years[-3:])
        evidence = f"{len(years)} years with hits; " + evidence_text(per) if years else "no hit in the series"
        res.outcomes.append(Outcome(r, found, found == published, evidence))
        deciding = hits[hits["year"] == found] if found is not None else hits.iloc[0:0]
        frames.append(with_context(claim, r, deciding, docs))
    res.hits = pd.concat(frames, ignore_index=True)
    return res


def cooccurrence(claim: Claim, docs: list[Document], readings: list[Reading], lex: Lexicon) -> KindResult:
    """Sentences holding a hit of both terms (policytext's sentence splitter), counted once each."""
    have = years_of(docs)
    want = target_years(claim, have)
    res = KindResult(unchecked=missing(claim, want, have))
    if res.unchecked:
        return res
    subset, dropped = distinct(in_years(docs, want))
    about = describe(subset, dropped, bool(claim.group))
    hanja = hanja_view(claim)
    frames = []
    for r in readings:
        if len(r.terms) != 2:  # shown, not dropped: a co-occurrence needs exactly two terms
            res.outcomes.append(Outcome(r, None, None, f"not counted: a co-occurrence needs two terms, "
                                                      f"this reading has {len(r.terms) or 'a concept, no'} terms"))
            continue
        a = find_hits(subset, [r.terms[0]], hanja=hanja)
        b = find_hits(subset, [r.terms[1]], hanja=hanja)
        both = set(zip(a["doc_id"], a["sent_id"], strict=True)) & set(zip(b["doc_id"], b["sent_id"], strict=True))
        both = {k for k in both if pd.notna(k[1])}
        per: Counter[int] = Counter()
        by_id = {d.id: d for d in subset}
        for doc_id, _ in both:
            per[by_id[doc_id].year or 0] += 1
        n = len(both)
        evidence = " | ".join(x for x in (evidence_text({y: per[y] for y in want}), about) if x)
        res.outcomes.append(Outcome(r, n, n == claim.published_value, evidence))
        hits = pd.concat([a, b], ignore_index=True)
        keep = [(d, s) in both for d, s in zip(hits["doc_id"], hits["sent_id"], strict=True)]
        frames.append(with_context(claim, r, hits[keep].sort_values(["doc_id", "start"]), subset))
    res.hits = pd.concat(frames, ignore_index=True) if frames else res.hits
    return res
