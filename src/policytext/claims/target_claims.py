"""Target claims: a stated target or outcome, checked by `targets verify`."""

from __future__ import annotations

import re

import pandas as pd

from policytext.claims.common import HIT_EXPORT, KindResult, Outcome, missing
from policytext.claims.corpora import in_years, years_of
from policytext.claims.rules import rules
from policytext.claims.schema import Claim, Reading
from policytext.corpus import Document
from policytext.keywords.lexicon import Lexicon


def published_quantity(claim: Claim) -> float:
    """The published number in the units `targets` uses: a unit in brackets in the claim's ``unit``
    (``trillion jin (万亿斤)``) is read with the number by policytext's number normaliser (1.4万亿斤 = 7e11 kg)."""
    from policytext.text.numbers import find_quantities

    pv = float(claim.published_value)
    m = re.search(r"[(（]([^)）]+)[)）]", claim.unit or "")
    if m:
        text = f"{pv:g}{m.group(1)}"
        found = find_quantities(text)
        if found and found[0].start == 0 and found[0].end == len(text):
            return float(found[0].value)
    return pv


def target(claim: Claim, docs: list[Document], readings: list[Reading], lex: Lexicon) -> KindResult:
    """A stated target or outcome, checked by ``targets verify`` (the rule in ``targets.extract.RULE``)."""
    from policytext.targets.extract import extract_targets
    from policytext.targets.table import verify_claims

    have = years_of(docs)
    year = int(claim.year or 0)
    source_year = year + 1 if claim.figure == "outcome" else year
    res = KindResult(unchecked=missing(claim, [source_year], have))
    if res.unchecked:
        return res
    subset = in_years(docs, [y for y in have if y >= year])
    modifier = rules()["target_modifiers"].get(claim.modifier, claim.modifier)
    table = pd.DataFrame([{"indicator": claim.indicator, "year": year, "kind": claim.figure,
                           "value": published_quantity(claim), "modifier": modifier}])  # fmt: skip
    row = verify_claims(table, extract_targets(subset), have).iloc[0]
    found = row["found_value"] if pd.notna(row["found_value"]) else None
    evidence = f"targets verify: {row['verdict']}"
    if found is not None:
        evidence += f"; {row['doc_id']} [{row['start']}:{row['end']}] {row['surface']} ({row['found_modifier']})"
        res.hits = pd.DataFrame([(claim.id, readings[0].label, row["doc_id"], source_year, row["start"], row["end"],
                                  row["surface"], row["surface"], str(row["sentence"]).replace("\n", " "))],
                                columns=HIT_EXPORT)  # fmt: skip
    res.outcomes.append(Outcome(readings[0], found, row["verdict"] == "agrees", evidence))
    return res
