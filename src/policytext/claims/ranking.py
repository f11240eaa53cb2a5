"""Rankings: the most frequent words by stated token rules, documents by length or by mentions, years by target."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from policytext.claims.common import (
    CONTENT,
    KindResult,
    Outcome,
    hanja_view,
    missing,
    reading_hits,
    span_years,
    target_years,
)
from policytext.claims.corpora import describe, distinct, in_years, years_of
from policytext.claims.lengths import length, length_readings
from policytext.claims.rules import rules
from policytext.claims.schema import Claim, Reading, norm_date
from policytext.corpus import Document
from policytext.keywords.extract import stopwords
from policytext.keywords.lexicon import Lexicon
from policytext.targets.extract import RULE as TARGET_RULE

_FUNCTION = {"ADP", "PART", "AUX", "CCONJ", "SCONJ"}  # particles, endings, auxiliaries, conjunctions
WordCounts = dict[tuple[str, int], list[Counter[str]]]  # per document: one Counter per ranking reading


def _doc_freqs(doc: Document, cache: WordCounts) -> list[Counter[str]]:
    """Word counts of one document under every ranking reading, from one tokenization (kept in ``cache``)."""
    key = (doc.id, len(doc.text))
    if key not in cache:
        specs = rules()["ranking"]["readings"]
        stop = stopwords(doc.lang or "zh")
        out: list[Counter[str]] = [Counter() for _ in specs]
        for t in doc.tokens():
            if t.upos in ("PUNCT", "SYM", "NUM", "X", "SPACE") or t.upos in _FUNCTION:
                continue
            w = t.norm if t.lang == "zh" else t.lemma
            if not w.strip() or w.isdigit():
                continue
            content = t.upos in CONTENT or (t.upos == "VERB" and t.tag == "vn")
            for c, spec in zip(out, specs, strict=True):
                if (len(w) >= int(spec["min_chars"]) and (content or not spec["content_only"])
                        and (w not in stop or spec.get("keep_stopwords"))):  # fmt: skip
                    c[w] += 1
        cache[key] = out
    return cache[key]


def _ranked(docs: Sequence[Document], spec: dict[str, Any], cache: WordCounts) -> Counter[str]:
    i = rules()["ranking"]["readings"].index(spec)
    freq: Counter[str] = Counter()
    for d in docs:
        freq.update(_doc_freqs(d, cache)[i])
    return freq


def _rank_of(freq: Counter[str], term: str) -> int | None:
    """Competition rank (1 + the number of words counted more often); None when the word is not counted."""
    n = freq.get(term, 0)
    return 1 + sum(1 for v in freq.values() if v > n) if n else None


def ranking(claim: Claim, docs: list[Document], readings: list[Reading], lex: Lexicon,
            word_counts: WordCounts | None = None) -> KindResult:  # fmt: skip
    """The most frequent word(s) or a term's rank by each stated token rule; or documents ranked by length,
    by mentions of a term, or years by a stated target. ``word_counts``: the run's per-document word counts
    (the engine keeps them on its ``Corpora``; None: counted for this claim only)."""
    cache: WordCounts = {} if word_counts is None else word_counts
    if claim.by_length:
        return _length_ranking(claim, docs, readings)
    if claim.by_mentions:
        return _mention_ranking(claim, docs, readings, lex)
    if claim.by_target:
        return _target_ranking(claim, docs, readings)
    have = years_of(docs)
    want = target_years(claim, have)
    extra = [claim.compared_to] if claim.compared_rank is not None and claim.compared_to is not None else []
    res = KindResult(unchecked=missing(claim, [*want, *extra], have))
    if res.unchecked:
        return res
    pv = claim.published_value
    subset, dropped = distinct(in_years(docs, want))
    about = describe(subset, dropped, bool(claim.group))
    for r in readings:
        spec = next(x for x in rules()["ranking"]["readings"] if x["label"] == r.label)
        freq = _ranked(subset, spec, cache)
        top = "; ".join(f"{w} {n}" for w, n in freq.most_common(5))
        value: Any
        if isinstance(pv, str):
            value = freq.most_common(1)[0][0] if freq else None
            ok = value == pv
        elif isinstance(pv, list):
            ranks = [_rank_of(freq, w) for w in pv]
            stated = claim.rank if isinstance(claim.rank, list) and len(claim.rank) == len(pv) else None
            if stated is None and isinstance(claim.rank, str):  # an unordered top-k: every word inside it
                ok = all(x is not None and x <= len(pv) for x in ranks)
            else:
                ok = ranks == (stated or list(range(1, len(pv) + 1)))
            value = ", ".join(f"{w} #{x or '—'}" for w, x in zip(pv, ranks, strict=True))
            if claim.counts:
                top += " | counts, published vs ours: " + ", ".join(
                    f"{w} {int(n)}/{freq.get(w, 0)}" for w, n in zip(pv, claim.counts, strict=False))
        else:
            value = _rank_of(freq, claim.terms[0])
            ok = value == pv
            if extra:
                before = _rank_of(_ranked(in_years(docs, extra), spec, cache), claim.terms[0])
                value = f"{value} ({extra[0]}: {before})"
                ok = ok and before == claim.compared_rank
        res.outcomes.append(Outcome(r, value, ok, f"top: {top}" + (f" | {about}" if about else "")))
    return res


def _mention_ranking(claim: Claim, docs: list[Document], readings: list[Reading], lex: Lexicon) -> KindResult:
    """The document (of the claim's group and span) that mentions the term most, under each term reading."""
    have = years_of(docs)
    span = span_years(claim, have) if claim.since or claim.until else have
    subset = in_years(docs, span)
    res = KindResult(unchecked=None if subset else "no document in the claim's group and years")
    if res.unchecked:
        return res
    pv = str(claim.published_value)
    as_date = norm_date(pv) is not None and len(pv) > 4
    by_id = {d.id: d for d in subset}
    for r in readings:
        hits = reading_hits(subset, r, lex, hanja_view(claim))
        if not len(hits):
            res.outcomes.append(Outcome(r, None, False, "no hit"))
            continue
        per = hits.groupby("doc_id").size().sort_values(ascending=False)
        best = by_id[str(per.index[0])]
        value = norm_date(best.meta.get("date")) if as_date else best.year
        runner = f"; next: {per.index[1]} {int(per.iloc[1])}" if len(per) > 1 else ""
        ties = sorted(str(i) for i in per.index[per == per.iloc[0]])
        tied = f"tied: {', '.join(ties)}; " if len(ties) > 1 else ""
        ok = str(value) == (norm_date(pv) if as_date else pv) and not tied
        res.outcomes.append(Outcome(r, value, ok,
                                    f"{tied}{len(subset)} documents; most: {best.id} {int(per.iloc[0])}{runner}"))
    return res


def _target_ranking(claim: Claim, docs: list[Document], readings: list[Reading]) -> KindResult:
    """The year with the lowest (highest) stated target of an indicator in the span, by ``targets``."""
    from policytext.targets.extract import extract_targets
    from policytext.targets.table import target_table

    span, res = _year_span(claim, docs)
    if res.unchecked:
        return res
    table = target_table(extract_targets(in_years(docs, span)), str(claim.indicator), span)
    found = table[table["target_status"] == "found"].astype({"target": float})
    low = str(claim.rank) in ("lowest", "shortest", "smallest")
    best = found.sort_values(["target", "year"], ascending=[low, True]).iloc[0] if len(found) else None
    value = int(best["year"]) if best is not None else None
    ties = found[found["target"] == best["target"]]["year"].tolist() if best is not None else []
    evidence = f"{len(found)} of {len(span)} years with a target; " + ", ".join(
        f"{int(y)}: {t:g}" for y, t in zip(found["year"], found["target"], strict=True))
    if len(ties) > 1:
        evidence = f"tied: {', '.join(map(str, ties))}; " + evidence
    res.outcomes.append(Outcome(readings[0], value, value == claim.published_value and len(ties) == 1, evidence))
    return res


def ranking_readings(claim: Claim) -> list[Reading]:
    """The ranking readings of the rules file (words), or the length readings (documents by length)."""
    if claim.by_length:
        return length_readings()
    if claim.by_target:
        return [Reading(f"stated targets by `targets` (rule {TARGET_RULE})", "rules", "targets")]
    return [Reading(str(x["label"]), "rules", "token") for x in rules()["ranking"]["readings"]]


def _year_span(claim: Claim, docs: list[Document]) -> tuple[list[int], KindResult]:
    """The claim's years among the documents', and a result that is unchecked when the published year or every
    document of the span is missing (year rankings: the longest report, the lowest target)."""
    have = years_of(docs)
    span = span_years(claim, have)
    res = KindResult(unchecked=missing(claim, [int(claim.published_value)], have) or
                     (None if span else "no document in the claim's years"))  # fmt: skip
    return span, res


def _length_ranking(claim: Claim, docs: list[Document], readings: list[Reading]) -> KindResult:
    """The year of the longest (shortest) document in the span, under each length reading; ties never match."""
    span, res = _year_span(claim, docs)
    if res.unchecked:
        return res
    shortest = claim.rank == "shortest"
    for r in readings:
        sized = sorted(((length(d, r), d) for d in in_years(docs, span)), key=lambda x: x[0], reverse=not shortest)
        n, best = sized[0]
        runner = f"; next: {sized[1][1].id} {sized[1][0]}" if len(sized) > 1 else ""
        ties = sorted(d.id for m, d in sized if m == n)
        tied = f"tied: {', '.join(ties)}; " if len(ties) > 1 else ""
        evidence = f"{tied}{'shortest' if shortest else 'longest'} of {len(sized)}: {best.id} {n}{runner}"
        res.outcomes.append(Outcome(r, best.year, best.year == claim.published_value and not tied, evidence))
    return res
