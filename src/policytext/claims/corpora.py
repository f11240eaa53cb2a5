"""The documents a claim is about: its corpus (loaded once per run), its years and its metadata group."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from policytext.claims.rules import rules
from policytext.claims.schema import Claim, norm_date
from policytext.corpus import Document, load_corpus
from policytext.errors import PolicytextError
from policytext.resources import bundled_corpora

_PROJECT = Path(__file__).resolve().parents[3]


def corpus_path(name: str) -> Path | None:
    """Where corpus ``name`` is (None when it is not on this machine); unknown names are an error."""
    where: str | None = rules()["corpora"].get(name)
    if where is None:
        raise PolicytextError(f"unknown corpus {name!r} (known: {', '.join(rules()['corpora'])})")
    if where.startswith("bundled:"):
        return bundled_corpora(where.split(":", 1)[1])
    for base in (Path.cwd(), _PROJECT):
        p = (base / where).resolve()
        if p.exists():
            return p
    return None


class Corpora:
    """Load each named corpus once and hand out the documents of one claim."""

    def __init__(self, overrides: Mapping[str, Sequence[Document]] | None = None) -> None:
        self._docs: dict[str, list[Document] | None] = {k: list(v) for k, v in (overrides or {}).items()}
        # word rankings: each document's word counts per ranking reading, for this run only
        self.word_counts: dict[tuple[str, int], list[Counter[str]]] = {}

    def all(self, name: str) -> list[Document] | None:
        """Every document of corpus ``name``; None when the corpus is not on this machine."""
        if name not in self._docs:
            p = corpus_path(name)
            self._docs[name] = list(load_corpus(p)) if p is not None else None
        return self._docs[name]

    def for_claim(self, claim: Claim) -> list[Document] | None:
        """The claim's corpus narrowed to its metadata group (``president: 노무현``; ``date_from``/``date_to``
        and dated ``since``/``until`` keep documents dated inside the range), all years."""
        docs = self.all(claim.corpus)
        if docs is None:
            return None
        lo = claim.group.get("date_from", (claim.since_date,))[0]
        hi = claim.group.get("date_to", (claim.until_date,))[0]
        for key, values in claim.group.items():
            if key in ("date_from", "date_to"):
                continue
            if key == "date":
                want = {norm_date(v) for v in values}
                docs = [d for d in docs if norm_date(d.meta.get("date")) in want]
            else:
                docs = [d for d in docs if (d.id if key == "id" else _text(d.meta.get(key))) in values]
        if lo or hi:
            docs = [d for d in docs if _inside(norm_date(d.meta.get("date")), norm_date(lo), norm_date(hi))]
        return docs


def _text(v: object) -> str:
    """A metadata value as claim files write it (2016, not 2016.0)."""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return "" if v is None else str(v)


def _inside(date: str | None, lo: str | None, hi: str | None) -> bool:
    """A full date inside [lo, hi] (either open); documents without a full date are outside."""
    if date is None or len(date) < 10:
        return False
    return (lo is None or date >= lo) and (hi is None or date <= hi)


def in_years(docs: Sequence[Document], years: Sequence[int]) -> list[Document]:
    """The documents of the given years."""
    want = set(years)
    return [d for d in docs if d.year in want]


def years_of(docs: Sequence[Document]) -> list[int]:
    """The years the documents cover."""
    return sorted({d.year for d in docs if d.year is not None})


def distinct(docs: Sequence[Document]) -> tuple[list[Document], list[str]]:
    """The documents with near-duplicates counted once (policytext's ``corpus dupes`` rule and threshold from
    the rules file; the smallest id of each group is kept), and the ids set aside."""
    if len(docs) < 2:
        return list(docs), []
    from policytext.dedupe import near_duplicates

    pairs = near_duplicates(docs, threshold=float(rules()["near_duplicates"]["threshold"]))
    drop: set[str] = set()
    for a, b in zip(pairs["doc_a"], pairs["doc_b"], strict=True):
        if a not in drop and b not in drop:
            drop.add(max(str(a), str(b)))
    return [d for d in docs if d.id not in drop], sorted(drop)


def describe(docs: Sequence[Document], dropped: Sequence[str], picked: bool = True) -> str:
    """Which documents a claim was counted on when metadata picked a few (titles), and the near-duplicates
    set aside."""
    parts = []
    if picked and 0 < len(docs) <= 3 and any(d.meta.get("title") for d in docs):
        parts.append("documents: " + "; ".join(f"{d.id} {d.meta.get('date') or d.year} {d.meta.get('title')}"
                                               for d in docs))  # fmt: skip
    if dropped:
        parts.append(f"near-duplicates counted once, set aside: {', '.join(dropped)}")
    return " | ".join(parts)
