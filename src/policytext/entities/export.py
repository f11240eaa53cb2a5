"""Entity exports and their readers: JSONL, CSV (via ``policytext.export``), CoNLL BIO, spaCy DocBin.

JSONL and DocBin read back into the same spans (tested). CoNLL: one token per line (the pipeline's own
tokens: characters for Chinese, Kiwi morphemes for Korean), ``token<TAB>BIO-label``, a blank line between
sentences, and a ``# doc_id sent_id start`` comment before each sentence so offsets can be restored.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from policytext.corpus import Document
from policytext.errors import PolicytextError

SPAN_KEY = ["doc_id", "start", "end", "label"]


def write_jsonl(mentions: pd.DataFrame, path: str | Path) -> Path:
    """One JSON object per mention (all columns), UTF-8."""
    p = Path(path)
    with p.open("w", encoding="utf-8") as f:
        for rec in mentions.to_dict("records"):
            f.write(json.dumps({k: (None if pd.isna(v) else v) for k, v in rec.items()}, ensure_ascii=False,
                               default=int) + "\n")  # fmt: skip
    return p


def read_jsonl(path: str | Path) -> pd.DataFrame:
    """Mentions written by ``write_jsonl``."""
    try:
        return pd.read_json(path, lines=True, dtype={"doc_id": str, "entity_id": str})
    except ValueError as e:
        raise PolicytextError(f"{path}: not an entities JSONL file ({e})") from e


def _sentence_docs(mentions: pd.DataFrame, docs: dict[str, Document]) -> list[tuple[Document, int, int, object]]:
    """(document, sentence start, sentence id, spaCy Doc with the sentence's entities) per sentence."""
    from policytext.entities.spacy_lang import blank, non_overlapping

    nlps: dict[str, object] = {}
    out: list[tuple[Document, int, int, object]] = []
    by_sent = {k: g for k, g in mentions.groupby(["doc_id", "sent_id"], sort=False)}
    for doc in docs.values():
        lang = doc.lang or "zh"
        nlp = nlps.setdefault(lang, blank(lang))
        for s in doc.sentences():
            sd = nlp.make_doc(s.text)  # type: ignore[attr-defined]
            g = by_sent.get((doc.id, s.sent_id))
            ents = []
            if g is not None:
                for r in g.to_dict("records"):
                    a, b = int(r["start"]) - s.start, int(r["end"]) - s.start
                    span = sd.char_span(a, b, label=str(r["label"]), alignment_mode="expand")
                    if span is not None:
                        ents.append(span)
            sd.ents = non_overlapping(ents)
            sd.user_data.update({"doc_id": doc.id, "sent_id": s.sent_id, "offset": s.start})
            out.append((doc, s.start, s.sent_id, sd))
    return out


def write_docbin(mentions: pd.DataFrame, docs: dict[str, Document], path: str | Path) -> Path:
    """A spaCy DocBin: one Doc per sentence with its entities; user_data keeps doc_id, sent_id, offset."""
    from spacy.tokens import DocBin

    db = DocBin(store_user_data=True)
    for _, _, _, sd in _sentence_docs(mentions, docs):
        db.add(sd)  # type: ignore[arg-type]
    p = Path(path)
    db.to_disk(p)
    return p


def read_docbin(path: str | Path, lang: str) -> pd.DataFrame:
    """Spans of a DocBin written by ``write_docbin``, with offsets into the original documents."""
    from spacy.tokens import DocBin

    from policytext.entities.spacy_lang import blank

    db = DocBin(store_user_data=True).from_disk(path)
    rows = []
    for sd in db.get_docs(blank(lang).vocab):
        off = sd.user_data.get("offset", 0)
        for e in sd.ents:
            rows.append({"doc_id": sd.user_data.get("doc_id"), "sent_id": sd.user_data.get("sent_id"),
                         "start": off + e.start_char, "end": off + e.end_char, "surface": e.text, "label": e.label_})
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "start", "end", "surface", "label"])


def write_conll(mentions: pd.DataFrame, docs: dict[str, Document], path: str | Path) -> Path:
    """Token-per-line BIO file (white-space tokens skipped), sentences separated by a blank line."""
    p = Path(path)
    with p.open("w", encoding="utf-8") as f:
        for doc, start, sent_id, sd in _sentence_docs(mentions, docs):
            f.write(f"# {doc.id} {sent_id} {start}\n")
            for t in sd:  # type: ignore[attr-defined]
                if t.is_space:
                    continue
                tag = "O" if not t.ent_type_ else f"{t.ent_iob_}-{t.ent_type_}"
                f.write(f"{t.text}\t{tag}\n")
            f.write("\n")
    return p


def write_mentions(mentions: pd.DataFrame, docs: dict[str, Document], path: str | Path, *,
                   extra: dict[str, object] | None = None) -> Path:  # fmt: skip
    """Write entity mentions by the file's suffix: .jsonl, .conll, .spacy (DocBin), or any table format."""
    suffix = Path(path).suffix.lower()
    if suffix == ".jsonl":
        return write_jsonl(mentions, path)
    if suffix == ".conll":
        return write_conll(mentions, docs, path)
    if suffix == ".spacy":
        return write_docbin(mentions, docs, path)
    from policytext.export import write_table

    return write_table(mentions, path, kind="entities", extra=dict(extra or {}))
