"""One verdict per claim from its readings: reproduced, reproduced under reading X only, refuted, not checkable."""

from __future__ import annotations

from collections.abc import Sequence

from policytext.claims.kinds import Outcome
from policytext.claims.schema import Reading

REPRODUCED = "reproduced"
REFUTED = "refuted"
NOT_CHECKABLE = "not checkable here"
_BY_ORIGIN = {"claim": "the claim's terms", "passage": "the passage's terms", "concept": "the lexicon concept",
              "area": "the lexicon area"}  # fmt: skip


def name(r: Reading) -> str:
    """A reading's short name in verdicts and tables: where it came from, or its label."""
    return _BY_ORIGIN.get(r.origin, r.label)


def verdict(outcomes: Sequence[Outcome], unchecked: str | None) -> str:
    """``reproduced`` when the first stated reading (the claim's own terms) gives the published value;
    ``reproduced under reading X only`` when only other readings do; else ``refuted``."""
    if unchecked:
        return f"{NOT_CHECKABLE} ({unchecked})"
    if not outcomes:
        return f"{NOT_CHECKABLE} (no reading applies)"
    if outcomes[0].matches:
        return REPRODUCED
    others = [name(o.reading) for o in outcomes[1:] if o.matches]
    if others:
        return f"{REPRODUCED} under reading {' / '.join(others)} only"
    return REFUTED


def short(v: str) -> str:
    """The verdict's category, for tallies."""
    for word in (NOT_CHECKABLE, f"{REPRODUCED} under", REPRODUCED, REFUTED):
        if v.startswith(word):
            return word if word != f"{REPRODUCED} under" else "reproduced under another reading only"
    return v
