"""Reproduce published claims about the reports from the texts, under every stated counting rule.

A claim file (``data/claims/<id>.yaml``) quotes the claim and lists the readings of it to count; this module
counts each reading, says which (if any) gives the published number, and returns every counted hit with
its context so a reader can check the count by eye. No reading is chosen or tuned to fit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from policytext.corpus import Document
from policytext.errors import PolicytextError
from policytext.keywords.compare import first_appearance
from policytext.keywords.count import count, find_hits
from policytext.keywords.kwic import kwic
from policytext.resources import data_path


@dataclass
class ClaimResult:
    """What the texts say about one claim: a table of readings and the hits behind them."""

    claim: dict[str, Any]
    table: pd.DataFrame
    verdict: str
    hits: pd.DataFrame = field(default_factory=pd.DataFrame)


def load_claims(name_or_path: str) -> dict[str, Any]:
    """A bundled claim file by id (``kiet-2025``) or a path to one."""
    p = Path(name_or_path)
    if not p.is_file():
        p = data_path("claims", f"{name_or_path}.yaml")
    if not p.is_file():
        raise PolicytextError(f"no claim file {name_or_path!r} (bundled: kiet-2025)")
    data: dict[str, Any] = yaml.safe_load(p.read_text(encoding="utf-8"))
    return data


def _count_claim(docs: list[Document], claim: dict[str, Any], window: int) -> ClaimResult:
    year, ref = int(claim["year"]), int(claim["compared_to"])
    years = sorted({y for y in (d.year for d in docs) if y is not None and ref - 1 <= y <= year})
    subset = [d for d in docs if d.year in years]
    rows, all_kwic = [], []
    for reading in claim["readings"]:
        hits = find_hits(subset, reading["terms"], rule=reading["rule"])
        counts = count(subset, reading["terms"], rule=reading["rule"], hits=hits)
        per_year = counts.groupby("year")["count"].sum()
        row: dict[str, Any] = {"reading": reading["label"], "rule": reading["rule"]}
        row.update({str(y): int(per_year.get(y, 0)) for y in years})
        row["matches_published"] = row[str(year)] == claim["published_value"]
        rows.append(row)
        k = kwic(subset, hits[hits["year"].isin([year, ref])], window)
        k.insert(0, "reading", reading["label"])
        all_kwic.append(k)
    table = pd.DataFrame(rows)
    published = claim["published_value"]
    matching = table[table["matches_published"]]
    if len(matching):
        verdict = f"published {published} for {year} is reproduced by: " + "; ".join(matching["reading"])
    else:
        nearest = table.iloc[(table[str(year)] - published).abs().argsort().iloc[0]]
        verdict = (f"no reading gives the published {published} for {year}; nearest: {nearest['reading']} = "
                   f"{nearest[str(year)]} ({ref}: {nearest[str(ref)]})")  # fmt: skip
    return ClaimResult(claim, table, verdict, pd.concat(all_kwic, ignore_index=True))


def _first_claim(docs: list[Document], claim: dict[str, Any], window: int) -> ClaimResult:
    hits = find_hits(docs, claim["terms"])
    counts = count(docs, claim["terms"], hits=hits)
    table = first_appearance(counts)
    found = table["first_group"].iloc[0]
    published = claim["published_value"]
    ok = found is not None and int(found) == int(published)
    verdict = (f"first appearance {found} {'agrees with' if ok else 'differs from'} the published {published}"
               if found is not None else "never appears in the corpus")  # fmt: skip
    first_hits = hits[hits["year"] == (int(found) if found is not None else -1)]
    return ClaimResult(claim, table, verdict, kwic(docs, first_hits, window))


def reproduce(docs: list[Document], claims_id: str = "kiet-2025", window: int = 25) -> list[ClaimResult]:
    """Check every claim of a claim file against ``docs`` (the bundled Government Work Reports by default)."""
    data = load_claims(claims_id)
    out = []
    for claim in data["claims"]:
        if claim["kind"] == "count":
            out.append(_count_claim(docs, claim, window))
        elif claim["kind"] == "first_appearance":
            out.append(_first_claim(docs, claim, window))
        else:
            raise PolicytextError(f"{claims_id}: unknown claim kind {claim['kind']!r}")
    return out
