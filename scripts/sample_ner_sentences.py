"""Build the pool of sentences for the twice-read policy-domain entity set (#19): existing records plus new ones.

    python scripts/sample_ner_sentences.py OUT_DIR

Writes OUT_DIR/zh.jsonl and OUT_DIR/ko.jsonl (ko last; each written to a temp name, then renamed), one sentence
a line: ``id`` (``doc_id:sent_id``), ``doc_id``, ``sent_id``, ``start``/``end`` (offsets in the document as
policytext loads it, ``text == doc.text[start:end]``), ``text``, ``split``, ``kind``, ``year``; no spans.

- Every record of annotations/entities/{zh,ko}.jsonl is kept (id, offsets, text, split), without its spans:
  both readers re-read it.
- New sentences come from the documents in ``PLAN`` (in no NER set yet; chosen by hand across decades, kinds
  and presidents), split with ``Document.sentences()``; only sentences of 8-200 characters. Per document,
  half of the quota is drawn at random and half among the remaining sentences where jieba's POS tagger finds
  an ``nr``/``ns``/``nt`` word (Chinese) or Kiwi an ``NNP`` (Korean): a selection aid to get more names into
  the set, not labels. Too few such sentences: the rest is drawn at random.
- Split by document: per kind, floor(n/3) documents go to ``test``, and the remaining test slots (up to about
  a third of all new documents) go one each to kinds in a seeded order; the rest is ``train``.
Everything random uses ``random.Random(SEED)``; the output is the same on every run.
"""

from __future__ import annotations

import json
import os
import random
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import policytext as pt
from policytext.corpus import Document

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
SEED = 19
MIN_CHARS, MAX_CHARS = 8, 200
PROVINCIAL = SHARED / "zh" / "provincial-2025"
SPEECHES = SHARED / "ko" / "presidential" / "speeches.parquet"
NK = SHARED / "ko" / "nk-new-year"
PLAN: dict[str, dict[str, list[str]]] = {
    "zh": {
        "national": [f"gwr-{y}" for y in (1956, 1959, 1979, 1982, 1988, 1992, 1995, 2001, 2004, 2010, 2013, 2019,
                                          2024)],
        "provincial": [f"2025年{p}政府工作报告.docx" for p in ("云南省", "北京市", "广西", "湖北省", "新疆")],
    },
    "ko": {
        "budget": ["kr-speech-1305905", "kr-speech-1306949", "kr-speech-1307898", "kr-speech-1401797"],
        "new_year": ["kr-speech-1306370", "kr-speech-1308855", "kr-speech-1330386", "kr-speech-1401351"],
        "assembly": ["kr-speech-1305374", "kr-speech-1307052", "kr-speech-1308644", "kr-speech-1400402"],
        "speech": ["kr-speech-1310416", "kr-speech-1306417", "kr-speech-1307296", "kr-speech-1401863"],
        "nk_new_year": ["nk-new-year-1959", "nk-new-year-1975", "nk-new-year-1991", "nk-new-year-2011"],
    },
}  # fmt: skip
NEW_PER_LANG = 900  # zh: 18 documents x 50; ko: 20 documents x 45
NAME_TAGS = {"zh": {"nr", "ns", "nt"}, "ko": {"NNP"}}


def load_documents() -> dict[str, Document]:
    """All documents the plan and the existing records refer to, by id."""
    docs = {d.id: d for d in pt.load_corpus()}
    for path in (PROVINCIAL, NK):
        docs.update({d.id: d for d in pt.load_corpus(path)})
    for d in pt.load_corpus(SPEECHES, lang="ko", text_col="text", id_col="id", year_col="year"):
        docs.setdefault(d.id, d)
    return docs


def existing_kind(lang: str, doc: Document) -> str:
    """Kind of a document already in the set: GWRs are national, kr-speech ones budget addresses."""
    if lang == "zh":
        return "national"
    return "nk_new_year" if doc.id.startswith("nk-new-year") else "budget"


def name_flags(lang: str, texts: list[str]) -> list[bool]:
    """True where jieba (nr/ns/nt) or Kiwi (NNP) sees a name-like word: a sampling aid only."""
    if lang == "zh":
        import jieba.posseg as pseg

        return [any(p.flag in NAME_TAGS["zh"] for p in pseg.cut(t)) for t in texts]
    from kiwipiepy import Kiwi

    kiwi = Kiwi()
    return [any(tok.tag in NAME_TAGS["ko"] for tok in toks) for toks in kiwi.tokenize(texts)]


def test_docs(plan: dict[str, list[str]], rng: random.Random) -> set[str]:
    """About a third of the new documents, stratified by kind."""
    total = sum(len(v) for v in plan.values())
    target = round(total / 3)
    chosen: dict[str, list[str]] = {}
    for kind, ids in plan.items():
        order = list(ids)
        rng.shuffle(order)
        chosen[kind] = order
    n_test = {kind: len(ids) // 3 for kind, ids in plan.items()}
    kinds = sorted(plan)
    rng.shuffle(kinds)
    for kind in kinds:
        if sum(n_test.values()) >= target:
            break
        if n_test[kind] < len(plan[kind]):
            n_test[kind] += 1
    return {doc_id for kind, order in chosen.items() for doc_id in order[: n_test[kind]]}


def sample_doc(lang: str, doc: Document, quota: int, rng: random.Random) -> list[Any]:
    """``quota`` sentences of 8-200 characters: half at random, half among name-like ones; in text order."""
    sents = [s for s in doc.sentences() if MIN_CHARS <= len(s.text) <= MAX_CHARS]
    if len(sents) < quota:
        raise ValueError(f"{doc.id}: only {len(sents)} sentences of {MIN_CHARS}-{MAX_CHARS} characters, need {quota}")
    random_part = rng.sample(sents, quota // 2)
    taken = {s.sent_id for s in random_part}
    rest = [s for s in sents if s.sent_id not in taken]
    flags = name_flags(lang, [s.text for s in rest])
    named = [s for s, f in zip(rest, flags, strict=True) if f]
    need = quota - len(random_part)
    picked = rng.sample(named, min(need, len(named)))
    taken |= {s.sent_id for s in picked}
    if len(picked) < need:
        picked += rng.sample([s for s in rest if s.sent_id not in taken], need - len(picked))
    return sorted(random_part + picked, key=lambda s: s.start)


def record(doc: Document, sent: Any, split: str, kind: str) -> dict[str, Any]:
    """One pool record, checked against the document text."""
    if doc.text[sent.start : sent.end] != sent.text:
        raise ValueError(f"{doc.id}:{sent.sent_id}: sentence text does not match the document at its offsets")
    return {"id": f"{doc.id}:{sent.sent_id}", "doc_id": doc.id, "sent_id": sent.sent_id, "start": sent.start,
            "end": sent.end, "text": sent.text, "split": split, "kind": kind, "year": doc.year}  # fmt: skip


def existing_records(lang: str, docs: dict[str, Document]) -> list[dict[str, Any]]:
    """The records already annotated, spans dropped, with kind and year added and offsets checked."""
    path = ROOT / "annotations" / "entities" / f"{lang}.jsonl"
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        r = json.loads(line)
        doc = docs.get(r["doc_id"])
        if doc is None:
            raise ValueError(f"{path}:{n}: document {r['doc_id']} not found")
        if doc.text[r["start"] : r["end"]] != r["text"]:
            raise ValueError(f"{path}:{n}: text does not match {r['doc_id']} at {r['start']}-{r['end']}")
        out.append({"id": r["id"], "doc_id": r["doc_id"], "sent_id": r["sent_id"], "start": r["start"],
                    "end": r["end"], "text": r["text"], "split": r["split"], "kind": existing_kind(lang, doc),
                    "year": doc.year})  # fmt: skip
    return out


def write_atomic(path: Path, records: Iterable[dict[str, Any]]) -> None:
    """Write JSON lines to a temp name beside ``path``, then rename (readers never see a half file)."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    os.replace(tmp, path)


def summary(lang: str, records: list[dict[str, Any]]) -> None:
    """Print counts per kind, split and decade."""
    print(f"{lang}: {len(records)} sentences, {len({r['doc_id'] for r in records})} documents")
    for key in ("kind", "split"):
        print(f"  by {key}:", dict(sorted(Counter(r[key] for r in records).items())))
    decades = Counter(f"{r['year'] // 10 * 10}s" if r["year"] else "unknown" for r in records)
    print("  by decade:", dict(sorted(decades.items())))
    print("  kind x split:", dict(sorted(Counter(f"{r['kind']}/{r['split']}" for r in records).items())))


def main() -> None:
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    docs = load_documents()
    for lang in ("zh", "ko"):
        rng = random.Random(f"{SEED}-{lang}")
        old = existing_records(lang, docs)
        used = {r["doc_id"] for r in old}
        plan = PLAN[lang]
        ids = [d for v in plan.values() for d in v]
        if used & set(ids):
            raise ValueError(f"{lang}: planned documents already in the set: {sorted(used & set(ids))}")
        quota = NEW_PER_LANG // len(ids)
        tests = test_docs(plan, rng)
        new = []
        for kind, doc_ids in plan.items():
            for doc_id in doc_ids:
                doc = docs[doc_id]
                split = "test" if doc_id in tests else "train"
                new += [record(doc, s, split, kind) for s in sample_doc(lang, doc, quota, rng)]
        if len(new) != NEW_PER_LANG:
            raise ValueError(f"{lang}: {len(new)} new sentences, expected {NEW_PER_LANG}")
        records = old + new
        write_atomic(out / f"{lang}.jsonl", records)
        summary(lang, records)


if __name__ == "__main__":
    main()
