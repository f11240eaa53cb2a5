"""What every kind of claim shares: outcomes, the documents of a claim's years, hits with their sentences."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from policytext.claims.rules import rules
from policytext.claims.schema import Claim, Reading
from policytext.corpus import Document
from policytext.keywords.count import find_hits
from policytext.keywords.lexicon import Lexicon

HIT_EXPORT = ["claim_id", "reading", "doc_id", "year", "start", "end", "matched", "surface", "sentence"]
CONTENT = {"NOUN", "PROPN"}


@dataclass
class Outcome:
    """One reading's result: our value, whether it matches the published one, and the evidence."""

    reading: Reading
    value: Any
    matches: bool | None
    evidence: str = ""


@dataclass
class KindResult:
    """Every reading's outcome for one claim, the hits in context, and why it cannot be checked (if so)."""

    outcomes: list[Outcome] = field(default_factory=list)
    hits: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=HIT_EXPORT))
    unchecked: str | None = None


def hanja_view(claim: Claim) -> bool:
    """True when a Korean claim's period reaches back into the Hanja-writing years (or spans the series)."""
    if claim.lang != "ko":
        return False
    lo, _ = claim.span()
    return lo is None or claim.kind in ("first_appearance", "last_appearance") or \
        lo < int(rules()["korean_hanja_view_before"])  # fmt: skip


def reading_hits(docs: Sequence[Document], r: Reading, lex: Lexicon, hanja: bool) -> pd.DataFrame:
    """Every hit of one reading in the documents (one query's hits; a concept reading's concepts summed)."""
    if r.rule == "concept":
        return find_hits(docs, lexicon=lex.subset(list(r.concepts)), rule="concept", hanja=hanja)
    return find_hits(docs, list(r.terms), rule=r.rule, hanja=hanja)


def with_context(claim: Claim, r: Reading, hits: pd.DataFrame, docs: Sequence[Document]) -> pd.DataFrame:
    """The hits as exported: claim, reading, document, offsets, matched form and the whole sentence."""
    by_id = {d.id: d for d in docs}
    rows = []
    for doc_id, year, start, end, matched, surface in zip(
        hits["doc_id"], hits["year"], hits["start"], hits["end"], hits["matched"], hits["surface"], strict=True
    ):
        doc = by_id[str(doc_id)]
        s = doc.sentence_at(int(start))
        sentence = s.text if s else doc.text[max(0, int(start) - 40) : int(end) + 40]
        rows.append((claim.id, r.label, doc_id, year, start, end, matched, surface,
                     sentence.replace("\n", " ").strip()))  # fmt: skip
    return pd.DataFrame(rows, columns=HIT_EXPORT)


def target_years(claim: Claim, have: Sequence[int]) -> list[int]:
    """The years a count/rate/ranking/total claim is about (a span: the corpus years inside it)."""
    if claim.year is not None or claim.years:
        return sorted({*claim.years, *([claim.year] if claim.year is not None else [])})
    return span_years(claim, have)


def missing(claim: Claim, want: Sequence[int], have: Sequence[int]) -> str | None:
    """Why the claim cannot be checked when a wanted year has no document (None: every year is there)."""
    gone = [y for y in want if y not in set(have)]
    if not want:
        return "no document in the claim's years"
    if gone:
        grp = " (" + ", ".join(f"{k}={v}" for k, v in claim.group.items()) + ")" if claim.group else ""
        return f"no document for {', '.join(map(str, gone))}{grp} in corpus {claim.corpus}"
    return None


def per_year(hits: pd.DataFrame, years: Sequence[int]) -> dict[int, int]:
    """The number of hits in each of the years (0 where none)."""
    counts = hits.groupby("year").size() if len(hits) else pd.Series(dtype=int)
    return {y: int(counts.get(y, 0)) for y in years}


def evidence_text(per: dict[int, int]) -> str:
    """Per-year counts as evidence text: ``2019: 3, 2020: 5``."""
    return ", ".join(f"{y}: {n}" for y, n in per.items())


def span_years(claim: Claim, have: Sequence[int]) -> list[int]:
    """The corpus years inside the claim's since/until (open ends: the first or last year the corpus has)."""
    lo, hi = claim.since or min(have, default=0), claim.until or max(have, default=0)
    return [y for y in have if lo <= y <= hi]
