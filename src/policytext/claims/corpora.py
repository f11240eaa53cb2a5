"""The documents a claim is about: its corpus (loaded once per run), its years and its metadata group."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from policytext.claims.rules import rules
from policytext.claims.schema import Claim
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

    def all(self, name: str) -> list[Document] | None:
        """Every document of corpus ``name``; None when the corpus is not on this machine."""
        if name not in self._docs:
            p = corpus_path(name)
            self._docs[name] = list(load_corpus(p)) if p is not None else None
        return self._docs[name]

    def for_claim(self, claim: Claim) -> list[Document] | None:
        """The claim's corpus narrowed to its metadata group (e.g. ``president: 노무현``), all years."""
        docs = self.all(claim.corpus)
        if docs is None:
            return None
        for key, value in claim.group.items():
            docs = [d for d in docs if str(d.meta.get(key, "")) == value]
        return docs


def in_years(docs: Sequence[Document], years: Sequence[int]) -> list[Document]:
    """The documents of the given years."""
    want = set(years)
    return [d for d in docs if d.year in want]


def years_of(docs: Sequence[Document]) -> list[int]:
    """The years the documents cover."""
    return sorted({d.year for d in docs if d.year is not None})
