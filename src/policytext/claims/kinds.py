"""What the texts say for each kind of claim, under each reading: a value, its evidence and the hits behind it."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from policytext.claims.corpora import describe, distinct, in_years, years_of
from policytext.claims.rules import rules
from policytext.claims.schema import Claim, Reading, norm_date
from policytext.corpus import Document
from policytext.keywords.count import find_hits
from policytext.keywords.extract import stopwords
from policytext.keywords.lexicon import Lexicon

HIT_EXPORT = ["claim_id", "reading", "doc_id", "year", "start", "end", "matched", "surface", "sentence"]
_CONTENT = {"NOUN", "PROPN"}


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
    lo, hi = claim.since or min(have, default=0), claim.until or max(have, default=0)
    return [y for y in have if lo <= y <= hi]


def _missing(claim: Claim, want: Sequence[int], have: Sequence[int]) -> str | None:
    gone = [y for y in want if y not in set(have)]
    if not want:
        return "no document in the claim's years"
    if gone:
        grp = " (" + ", ".join(f"{k}={v}" for k, v in claim.group.items()) + ")" if claim.group else ""
        return f"no document for {', '.join(map(str, gone))}{grp} in corpus {claim.corpus}"
    return None


def _per_year(hits: pd.DataFrame, years: Sequence[int]) -> dict[int, int]:
    counts = hits.groupby("year").size() if len(hits) else pd.Series(dtype=int)
    return {y: int(counts.get(y, 0)) for y in years}


def _evidence(per: dict[int, int]) -> str:
    return ", ".join(f"{y}: {n}" for y, n in per.items())


def count_like(claim: Claim, docs: list[Document], readings: list[Reading], lex: Lexicon) -> KindResult:
    """count, rate and change: hits per year under each reading, compared with the published value."""
    have = years_of(docs)
    want = target_years(claim, have)
    if claim.kind == "change":
        want = sorted({*claim.years, *(y for y in (claim.compared_to, claim.year) if y is not None)})
    res = KindResult(unchecked=_missing(claim, want, have))
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
        per = _per_year(hits, shown)
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
            decimals = len(repr(float(claim.published_value)).split(".")[1].rstrip("0"))
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
        res.outcomes.append(Outcome(r, value, ok, " | ".join(x for x in (_evidence(per), about) if x)))
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
    res = KindResult(unchecked=None if published in have else _missing(claim, [published], have))
    if res.unchecked:
        return res
    hanja = hanja_view(claim)
    frames = []
    for r in readings:
        hits = reading_hits(docs, r, lex, hanja)
        years = sorted({int(y) for y in hits["year"].dropna()})
        found = (years[0] if claim.kind == "first_appearance" else years[-1]) if years else None
        per = _per_year(hits, years[:3] if claim.kind == "first_appearance" else years[-3:])
        evidence = f"{len(years)} years with hits; " + _evidence(per) if years else "no hit in the series"
        res.outcomes.append(Outcome(r, found, found == published, evidence))
        deciding = hits[hits["year"] == found] if found is not None else hits.iloc[0:0]
        frames.append(with_context(claim, r, deciding, docs))
    res.hits = pd.concat(frames, ignore_index=True)
    return res


def cooccurrence(claim: Claim, docs: list[Document], readings: list[Reading], lex: Lexicon) -> KindResult:
    """Sentences holding a hit of both terms (policytext's sentence splitter), counted once each."""
    have = years_of(docs)
    want = target_years(claim, have)
    res = KindResult(unchecked=_missing(claim, want, have))
    if res.unchecked:
        return res
    subset, dropped = distinct(in_years(docs, want))
    about = describe(subset, dropped, bool(claim.group))
    hanja = hanja_view(claim)
    frames = []
    for r in readings:
        if len(r.terms) != 2:
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
        evidence = " | ".join(x for x in (_evidence({y: per[y] for y in want}), about) if x)
        res.outcomes.append(Outcome(r, n, n == claim.published_value, evidence))
        hits = pd.concat([a, b], ignore_index=True)
        keep = [(d, s) in both for d, s in zip(hits["doc_id"], hits["sent_id"], strict=True)]
        frames.append(with_context(claim, r, hits[keep].sort_values(["doc_id", "start"]), subset))
    res.hits = pd.concat(frames, ignore_index=True) if frames else res.hits
    return res


_FUNCTION = {"ADP", "PART", "AUX", "CCONJ", "SCONJ"}  # particles, endings, auxiliaries, conjunctions
_FREQ: dict[tuple[str, int], list[Counter[str]]] = {}  # per document: one Counter per ranking reading


def _doc_freqs(doc: Document) -> list[Counter[str]]:
    """Word counts of one document under every ranking reading, from one tokenization (cached per run)."""
    key = (doc.id, len(doc.text))
    if key not in _FREQ:
        specs = rules()["ranking"]["readings"]
        stop = stopwords(doc.lang or "zh")
        out: list[Counter[str]] = [Counter() for _ in specs]
        for t in doc.tokens():
            if t.upos in ("PUNCT", "SYM", "NUM", "X", "SPACE") or t.upos in _FUNCTION:
                continue
            w = t.norm if t.lang == "zh" else t.lemma
            if not w.strip() or w.isdigit():
                continue
            content = t.upos in _CONTENT or (t.upos == "VERB" and t.tag == "vn")
            for c, spec in zip(out, specs, strict=True):
                if (len(w) >= int(spec["min_chars"]) and (content or not spec["content_only"])
                        and (w not in stop or spec.get("keep_stopwords"))):  # fmt: skip
                    c[w] += 1
        _FREQ[key] = out
    return _FREQ[key]


def _ranked(docs: Sequence[Document], spec: dict[str, Any]) -> Counter[str]:
    i = rules()["ranking"]["readings"].index(spec)
    freq: Counter[str] = Counter()
    for d in docs:
        freq.update(_doc_freqs(d)[i])
    return freq


def _rank_of(freq: Counter[str], term: str) -> int | None:
    """Competition rank (1 + the number of words counted more often); None when the word is not counted."""
    n = freq.get(term, 0)
    return 1 + sum(1 for v in freq.values() if v > n) if n else None


def ranking(claim: Claim, docs: list[Document], readings: list[Reading], lex: Lexicon) -> KindResult:
    """The most frequent word(s) or a term's rank by each stated token rule; or documents ranked by length,
    by mentions of a term, or years by a stated target."""
    if claim.by_length:
        return _length_ranking(claim, docs, readings)
    if claim.by_mentions:
        return _mention_ranking(claim, docs, readings, lex)
    if claim.by_target:
        return _target_ranking(claim, docs, readings)
    have = years_of(docs)
    want = target_years(claim, have)
    extra = [claim.compared_to] if claim.compared_rank is not None and claim.compared_to is not None else []
    res = KindResult(unchecked=_missing(claim, [*want, *extra], have))
    if res.unchecked:
        return res
    pv = claim.published_value
    subset, dropped = distinct(in_years(docs, want))
    about = describe(subset, dropped, bool(claim.group))
    for r in readings:
        spec = next(x for x in rules()["ranking"]["readings"] if x["label"] == r.label)
        freq = _ranked(subset, spec)
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
                before = _rank_of(_ranked(in_years(docs, extra), spec), claim.terms[0])
                value = f"{value} ({extra[0]}: {before})"
                ok = ok and before == claim.compared_rank
        res.outcomes.append(Outcome(r, value, ok, f"top: {top}" + (f" | {about}" if about else "")))
    return res


def _mention_ranking(claim: Claim, docs: list[Document], readings: list[Reading], lex: Lexicon) -> KindResult:
    """The document (of the claim's group and span) that mentions the term most, under each term reading."""
    have = years_of(docs)
    span = _span(claim, have) if claim.since or claim.until else have
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
        res.outcomes.append(Outcome(r, value, str(value) == (norm_date(pv) if as_date else pv),
                                    f"{len(subset)} documents; most: {best.id} {int(per.iloc[0])}{runner}"))
    return res


def _target_ranking(claim: Claim, docs: list[Document], readings: list[Reading]) -> KindResult:
    """The year with the lowest (highest) stated target of an indicator in the span, by ``targets``."""
    from policytext.targets.extract import extract_targets
    from policytext.targets.table import target_table

    have = years_of(docs)
    span = _span(claim, have)
    res = KindResult(unchecked=_missing(claim, [int(claim.published_value)], have) or
                     (None if span else "no document in the claim's years"))  # fmt: skip
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
        return [Reading("stated targets by `targets` (rule targets-v1)", "rules", "targets")]
    return [Reading(str(x["label"]), "rules", "token") for x in rules()["ranking"]["readings"]]


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


def _span(claim: Claim, have: Sequence[int]) -> list[int]:
    lo, hi = claim.since or min(have, default=0), claim.until or max(have, default=0)
    return [y for y in have if lo <= y <= hi]


def _length_ranking(claim: Claim, docs: list[Document], readings: list[Reading]) -> KindResult:
    have = years_of(docs)
    span = _span(claim, have)
    res = KindResult(unchecked=_missing(claim, [int(claim.published_value)], have) or
                     (None if span else "no document in the claim's years"))  # fmt: skip
    if res.unchecked:
        return res
    shortest = claim.rank == "shortest"
    for r in readings:
        sized = sorted(((length(d, r), d) for d in in_years(docs, span)), key=lambda x: x[0], reverse=not shortest)
        n, best = sized[0]
        runner = f"; next: {sized[1][1].id} {sized[1][0]}" if len(sized) > 1 else ""
        res.outcomes.append(Outcome(r, best.year, best.year == claim.published_value,
                                    f"{'shortest' if shortest else 'longest'} of {len(sized)}: {best.id} {n}{runner}"))
    return res


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
    """A stated target or outcome, checked by ``targets verify`` (rule targets-v1)."""
    from policytext.targets.extract import extract_targets
    from policytext.targets.table import verify_claims

    have = years_of(docs)
    year = int(claim.year or 0)
    source_year = year + 1 if claim.figure == "outcome" else year
    res = KindResult(unchecked=_missing(claim, [source_year], have))
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
    res = KindResult(unchecked=_missing(claim, want, have) if claim.year is not None or claim.years else
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


CHECKERS: dict[str, Callable[[Claim, list[Document], list[Reading], Lexicon], KindResult]] = {
    "count": count_like, "rate": count_like, "change": count_like, "first_appearance": appearance,
    "last_appearance": appearance, "cooccurrence": cooccurrence, "ranking": ranking, "target": target,
    "total": total,
}  # fmt: skip
