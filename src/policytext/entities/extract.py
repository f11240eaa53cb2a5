"""Entity mentions of a corpus: one row per mention, with offsets into the original text and its sources.

Each sentence of each document goes through ``policytext.nlp(lang)``; the document's year is given to the
date rules (3월 6일 → 2025-03-06). Linking: a mention gets the canonical id of the gazetteer alias it
matched; "Korean name(漢字)" and "name(English)" parentheticals are harvested in each document (라오민(廖岷)),
and in that document a mention whose surface was harvested as an alias gets the id of its partner (or
``alias:<partner>`` when the partner is not in the canonical table), so 라오민 and 廖岷 link to each other.
Linking stays inside a document, so a document's entities never depend on which other documents were
analysed with it (``analyze`` computes them document by document).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pandas as pd

from policytext.corpus import Document
from policytext.entities.rules import gazetteer_matcher
from policytext.errors import PolicytextError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

COLUMNS = [
    "doc_id", "year", "lang", "sent_id", "start", "end", "surface", "label", "norm", "entity_id", "source",
    "sentence",
]  # fmt: skip
_PAREN = re.compile(
    r"(?P<a>[\uac00-\ud7a3]{2,12}|[A-Za-z][A-Za-z .&-]{1,40}[A-Za-z]|[\u4e00-\u9fff]{2,12})"
    r"\s?[(（](?P<b>[\u4e00-\u9fff]{2,12}|[A-Za-z][A-Za-z .&-]{1,40}[A-Za-z]|[\uac00-\ud7a3]{2,12})[)）]"
)


def harvest_aliases(text: str) -> list[tuple[str, str]]:
    """Pairs (name, parenthesised name) in different scripts: 라오민(廖岷), 산업연구원(KIET), 国务院(State Council)."""
    pairs = []
    for m in _PAREN.finditer(text):
        a, b = m.group("a").strip(), m.group("b").strip()
        if _script(a) != _script(b):
            pairs.append((a, b))
    return pairs


def _script(s: str) -> str:
    if re.search(r"[\uac00-\ud7a3]", s):
        return "hangul"
    if re.search(r"[\u4e00-\u9fff]", s):
        return "han"
    return "latin"


def entities(docs: Iterable[Document], *, model: bool = True, batch_size: int = 64) -> pd.DataFrame:
    """Every entity mention of every document (see the module docstring for the rules)."""
    from policytext.entities.pipeline import inference
    from policytext.entities.pipeline import nlp as get_nlp

    rows: list[dict[str, Any]] = []
    _, owner = gazetteer_matcher()
    for doc in docs:
        aliases: dict[str, str] = {}
        lang = doc.lang
        if lang not in ("zh", "ko"):
            raise PolicytextError(f"{doc.id}: no entity pipeline for language {lang!r} (zh, ko); pass --lang")
        doc_aliases: dict[str, tuple[str, str]] = {}
        for a, b in harvest_aliases(doc.text):
            for name in (a, b):
                aliases.setdefault(name, b if name == a else a)
            known = owner.get(b) or owner.get(a)
            if known:  # 라오민(廖岷) with 廖岷 in the canonical table: 라오민 is that entity too, in this document
                doc_aliases.setdefault(a, known)
                doc_aliases.setdefault(b, known)
        pipe = get_nlp(lang, model)
        year = doc.meta.get("year")
        sents = doc.sentences()
        sdocs = sentence_docs(pipe, doc)
        for sd in sdocs:
            sd.user_data["year"] = year if isinstance(year, int) else None
            sd.user_data["aliases"] = doc_aliases
        with inference():
            sdocs = list(pipe.pipe(sdocs, batch_size=batch_size))
        for s, sd in zip(sents, sdocs, strict=True):
            for e in sd.ents:
                eid = _link(e.text, e._.entity_id or "", aliases, owner)
                rows.append(
                    {
                        "doc_id": doc.id, "year": year, "lang": lang, "sent_id": s.sent_id,
                        "start": s.start + e.start_char, "end": s.start + e.end_char, "surface": e.text,
                        "label": e.label_, "norm": e._.norm, "entity_id": eid, "source": e._.source,
                        "sentence": s.text,
                    }
                )  # fmt: skip
    df = pd.DataFrame(rows, columns=COLUMNS)
    df["year"] = df["year"].astype("Int64")
    for col in ("sent_id", "start", "end"):
        df[col] = df[col].astype("Int64")
    return df


def sentence_docs(pipe: Language, doc: Document) -> list[Doc]:
    """One spaCy Doc per sentence, built from the document's shared tokens (one tokenization per document,
    not a tokenizer call per sentence); a sentence that a token crosses is tokenized on its own."""
    sents = doc.sentences()
    tok: Any = pipe.tokenizer
    if not hasattr(tok, "from_tokens"):
        return [pipe.make_doc(s.text) for s in sents]
    tokens = tok.document_tokens(doc)
    starts = [t.start for t in tokens]
    out = []
    for s in sents:
        i, j = bisect_left(starts, s.start), bisect_left(starts, s.end)
        inside = tokens[i:j]
        crossed = (i > 0 and tokens[i - 1].end > s.start) or (j > i and inside[-1].end > s.end)
        out.append(pipe.make_doc(s.text) if crossed else tok.from_tokens(s.text, inside, s.start))
    return out


def _link(surface: str, eid: str, aliases: dict[str, str], owner: dict[str, tuple[str, str]]) -> str:
    if eid:
        return eid
    partner = aliases.get(surface)
    if partner is None:
        return ""
    if partner in owner:
        return owner[partner][1]
    key = min(surface, partner)  # the same id from either side of the pair
    return f"alias:{key}"


def summary(mentions: pd.DataFrame, by: str = "year", top: int = 30) -> pd.DataFrame:
    """Entity × group frequency table: the ``top`` entities (canonical id, else surface) by total mentions."""
    if by not in mentions.columns:
        raise PolicytextError(f"entities summary --by {by!r}: use one of year, doc_id, lang")
    if mentions.empty:
        return pd.DataFrame()
    key = mentions["entity_id"].where(mentions["entity_id"] != "", mentions["surface"])
    m = mentions.assign(entity=key + " [" + mentions["label"] + "]")
    m = m[~m["label"].isin(["DATE", "MONEY", "PERCENT", "QUANTITY"])]
    groups = m[by].astype("string").fillna("unknown")
    tab = pd.crosstab(m["entity"], groups)
    tab["total"] = tab.sum(axis=1)
    return tab.sort_values("total", ascending=False).head(top).reset_index()
