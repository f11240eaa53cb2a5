"""Totals: document length in characters or words under stated measures, and numbers of documents."""

from __future__ import annotations

import unicodedata
from typing import Any

from policytext.claims.common import KindResult, Outcome, missing, target_years
from policytext.claims.corpora import describe, distinct, in_years, years_of
from policytext.claims.rules import rules
from policytext.claims.schema import Claim, Reading
from policytext.corpus import Document
from policytext.keywords.lexicon import Lexicon


def length_readings(words: bool = False) -> list[Reading]:
    """Ways to measure a text's length in characters (or in words), stated in the rules file."""
    return [Reading(str(x["label"]), "rules", "length") for x in rules()["length"] if bool(x.get("words")) == words]


def length(doc: Document, reading: Reading) -> int:
    """The document's length under a length reading."""
    spec = next(x for x in rules()["length"] if x["label"] == reading.label)
    text = doc.text
    if spec.get("drop_space"):
        text = "".join(text.split())
    if spec.get("drop_punctuation"):
        text = "".join(ch for ch in text if not unicodedata.category(ch).startswith(("P", "S")))
    if spec.get("words") == "space":
        return len(doc.text.split())
    if spec.get("words") == "tokens":
        return sum(1 for t in doc.tokens(pos=False) if not all(unicodedata.category(c)[0] in "PSZ" for c in t.surface))
    return len(text)



def total_readings(claim: Claim) -> list[Reading]:
    """Length readings (stated in the rules file) or the number of documents."""
    if claim.counts_documents:
        return [Reading("documents", "rules", "documents")]
    return length_readings(words="word" in (claim.unit or ""))


def _unit(v: float) -> float:
    """One unit of a number's last nonzero digit: 16000 -> 1000, 10500 -> 100, 7 -> 1."""
    v, unit = abs(int(v)), 1.0
    while v and v % 10 == 0:
        v //= 10
        unit *= 10
    return unit


def within(ours: float, published: Any, modifier: str | None) -> bool:
    """Does our number agree with the published one, under its modifier (tolerances in the rules file)?"""
    rel = float(rules()["tolerance"]["total_chars_relative"])
    if modifier == "range":
        return bool(published[0] <= ours <= published[1])
    pv = float(published)
    if modifier == "around":
        return round(ours / _unit(pv)) * _unit(pv) == pv
    if modifier == "more_than":
        return pv <= ours < pv + _unit(pv)
    if modifier in ("less_than", "at_most"):
        return ours <= pv if modifier == "at_most" else ours < pv
    if modifier == "at_least":
        return ours >= pv
    return abs(ours - pv) <= rel * pv


def total(claim: Claim, docs: list[Document], readings: list[Reading], lex: Lexicon) -> KindResult:
    """Length in characters (summed over the claim's years; a range: every document inside it) or documents."""
    have = years_of(docs)
    want = target_years(claim, have)
    res = KindResult(unchecked=missing(claim, want, have) if claim.year is not None or claim.years else
                     (None if want else "no document in the claim's years"))  # fmt: skip
    if res.unchecked:
        return res
    subset, dropped = distinct(in_years(docs, want))
    about = describe(subset, dropped, bool(claim.group))
    pv = claim.published_value
    for r in readings:
        if claim.counts_documents:
            n = len(subset)
            res.outcomes.append(Outcome(r, n, n == pv, f"{n} documents, years {want[0]}–{want[-1]}"
                                        + (f" | {about}" if about else "")))  # fmt: skip
            continue
        sizes = [length(d, r) for d in subset]
        if claim.modifier == "range":
            ok = all(within(n, pv, "range") for n in sizes)
            res.outcomes.append(Outcome(r, f"{min(sizes)}–{max(sizes)}", ok, f"{len(sizes)} documents"))
            continue
        n = sum(sizes)
        res.outcomes.append(Outcome(r, n, within(n, pv, claim.modifier), f"{len(sizes)} document(s)"
                                    + (f" | {about}" if about else "")))  # fmt: skip
    return res
