"""Check claim files against the texts: readings proposed, each counted, one verdict per claim with evidence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from policytext.claims import kinds
from policytext.claims.corpora import Corpora
from policytext.claims.readings import propose
from policytext.claims.schema import Claim, Reading, load_claim_file, resolve
from policytext.claims.verdict import name, verdict
from policytext.corpus import Document
from policytext.errors import PolicytextError
from policytext.keywords.lexicon import Lexicon, load_lexicon
from policytext.targets.extract import RULE as TARGET_RULE

TABLE_COLUMNS = ["file", "id", "kind", "lang", "corpus", "published", "ours", "verdict"]
READING_COLUMNS = ["file", "id", "kind", "name", "reading", "origin", "rule", "terms", "published", "value", "matches",
                   "evidence"]  # fmt: skip


@dataclass
class Report:
    """A checked claim set: one verdict row per claim, one row per reading, and every hit in context."""

    table: pd.DataFrame
    readings: pd.DataFrame
    hits: pd.DataFrame


def readings_for(claim: Claim, lex: Lexicon) -> list[Reading]:
    """The readings a claim is counted under, by kind."""
    if claim.kind == "ranking" and not claim.by_mentions:
        return kinds.ranking_readings(claim)
    if claim.kind == "target":
        return [Reading(f"targets verify (rule {TARGET_RULE})", "rules", "surface")]
    if claim.kind == "total":
        return kinds.total_readings(claim)
    return propose(claim, lex)


def _published(c: Claim) -> str:
    if c.kind == "change":
        v = f"{c.direction} {c.compared_to}→{c.year}"
        return v + (f" ({c.published_value})" if c.published_value is not None else "")
    return str(c.published_value)


def _short(label: str) -> str:
    return label if len(label) <= 48 else label[:47] + "…"


def check(claim: Claim, corpora: Corpora, lex: Lexicon) -> tuple[dict[str, Any], list[dict[str, Any]], pd.DataFrame]:
    """One claim: its verdict row, its reading rows and its hits."""
    readings = readings_for(claim, lex)
    unknown = sorted({c for r in readings for c in r.concepts} - set(lex.ids))
    if unknown:
        raise PolicytextError(f"{claim.file}: claim {claim.id!r}: field 'readings': unknown concept id(s) "
                              f"{', '.join(unknown)} in lexicon {lex.source}")  # fmt: skip
    docs = corpora.for_claim(claim)
    if docs is None:
        result = kinds.KindResult(unchecked=f"corpus {claim.corpus} is not on this machine")
    elif claim.share is not None:
        result = kinds.KindResult(unchecked="a share of documents by a judgement the source does not define as a count")
    else:
        try:
            if claim.kind == "ranking":  # word counts kept for the run, on the corpora
                result = kinds.ranking(claim, docs, readings, lex, corpora.word_counts)
            else:
                result = kinds.CHECKERS[claim.kind](claim, docs, readings, lex)
        except PolicytextError as e:
            raise PolicytextError(f"{claim.file}: claim {claim.id!r}: {e}") from e
    v = verdict(result.outcomes, result.unchecked)
    file = Path(claim.file).stem
    ours = "; ".join(f"{_short(name(o.reading))}: {o.value}" for o in result.outcomes) or "—"
    row = {"file": file, "id": claim.id, "kind": claim.kind, "lang": claim.lang, "corpus": claim.corpus,
           "published": _published(claim), "ours": ours, "verdict": v}  # fmt: skip
    rows = [
        {"file": file, "id": claim.id, "kind": claim.kind, "name": name(o.reading), "reading": o.reading.label,
         "origin": o.reading.origin, "rule": o.reading.rule, "terms": " ; ".join(o.reading.terms or o.reading.concepts),
         "published": _published(claim), "value": "" if o.value is None else str(o.value), "matches": o.matches,
         "evidence": o.evidence}
        for o in result.outcomes
    ]  # fmt: skip
    hits = result.hits.copy()
    hits.insert(0, "file", file)
    return row, rows, hits


def reproduce(
    claims: str | None = None, *, corpora: Mapping[str, Sequence[Document]] | None = None,
    lexicon: Lexicon | None = None,
) -> Report:  # fmt: skip
    """Check every claim of the named file(s) (None or ``all``: every bundled file) against their corpora.

    ``corpora`` maps corpus names to documents already loaded (tests, or a user's own copy of a corpus).
    """
    lex = lexicon or load_lexicon()
    from policytext.claims.rules import rules

    unknown = sorted(set(corpora or {}) - set(rules()["corpora"]))
    if unknown:
        raise PolicytextError(f"unknown corpus name(s) {', '.join(unknown)} (known: {', '.join(rules()['corpora'])})")
    loaded = Corpora(corpora)
    table, reading_rows, hit_frames = [], [], []
    for path in resolve(claims):
        for claim in load_claim_file(path).claims:
            row, rows, hits = check(claim, loaded, lex)
            table.append(row)
            reading_rows.extend(rows)
            if len(hits):
                hit_frames.append(hits)
    hits_df = pd.concat(hit_frames, ignore_index=True) if hit_frames else pd.DataFrame(
        columns=["file", *kinds.HIT_EXPORT])  # fmt: skip
    readings_df = pd.DataFrame(reading_rows, columns=READING_COLUMNS)
    return Report(pd.DataFrame(table, columns=TABLE_COLUMNS), readings_df, hits_df)
