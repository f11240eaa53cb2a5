"""Score the entity pipeline on the NER test splits of ../shared/eval/ner with spaCy's scorer.

Sets: People's Daily test and MSRA test (zh; PER, ORG, LOC), KLUE test (ko; PS, OG, LC, DT, QT; TI left
out: we have no TIME label), all sentences and the news (``-wikitree``) sentences. Labels are mapped to
the corpus's classes: PERSON, ORG and GPE+LOC collapsed to LOC; for KLUE also DATE → DT and MONEY,
PERCENT, QUANTITY → QT. Exact span matches, micro-averaged, per label (``spacy.scorer.get_ner_prf``).

Systems, in the same run: ``pipeline`` (trained model + rules, as shipped), ``model`` (the trained NER
alone), ``rules`` (the no-training baseline: gazetteers and number/date rules alone, ``nlp(lang,
model=False)``), and ``pos-tagger``: jieba.posseg's nr/ns/nt tags for Chinese, konlpy Komoran's NNP for
Korean (NNP has no type, so it is scored untyped, against every gold span, beside our own untyped score).
Each row carries a bootstrap 95% interval of its F1 (sentences resampled, 1,000 draws, seed 0) and each
system's tagging speed on the set (characters per CPU-second of this process, i.e. per core on a
shared machine; models loaded before timing).

The policy-domain test split (``annotations/entities/{zh,ko}.jsonl``, documents never used in training)
is scored the same way with all labels: PERSON, ORG, LOC (GPE+LOC), POLICY, MONEY, PERCENT, QUANTITY, DATE.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from policytext.entities.labels import LABEL_MAP
from policytext.entities.training import read_jsonl

Span = tuple[int, int, str]

PRED_MAP = {
    "PERSON": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "DATE": "DATE", "MONEY": "QT", "PERCENT": "QT",
    "QUANTITY": "QT",
}  # fmt: skip
SETS: dict[str, list[tuple[str, str, str | None]]] = {
    "zh": [("peoples-daily test", "zh-peoples-daily/test.jsonl", None), ("msra test", "zh-msra/test.jsonl", None)],
    "ko": [("klue test (all)", "ko-klue/test.jsonl", None), ("klue test (news)", "ko-klue/test.jsonl", "-wikitree")],
}
# the policy-domain sets (annotations/entities): every label, GPE and LOC collapsed like the news sets
POLICY_LABELS = {"PERSON", "ORG", "LOC", "POLICY", "MONEY", "PERCENT", "QUANTITY", "DATE"}
POLICY_MAP = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "POLICY": "POLICY", "MONEY": "MONEY",
              "PERCENT": "PERCENT", "QUANTITY": "QUANTITY", "DATE": "DATE"}  # fmt: skip


def _pipeline_system(lang: str, model: bool, rules: bool) -> Callable[[list[str], dict[str, str]], list[list[Span]]]:
    from policytext.entities.pipeline import nlp

    def run(texts: list[str], pmap: dict[str, str]) -> list[list[Span]]:
        if model:
            pipe = nlp(lang, True)
            docs = list(pipe.pipe(texts, disable=[] if rules else ["policytext_entities"]))
            if not rules:
                return [[(e.start_char, e.end_char, pmap.get(_m(e.label_), "")) for e in d.ents] for d in docs]
            return [[(e.start_char, e.end_char, pmap.get(e.label_, "")) for e in d.ents] for d in docs]
        pipe = nlp(lang, False)
        return [[(e.start_char, e.end_char, pmap.get(e.label_, "")) for e in d.ents] for d in pipe.pipe(texts)]

    return run


def _m(label: str) -> str:
    from policytext.entities.labels import to_label

    return to_label(label)


def _baseline(lang: str) -> Callable[[list[str], dict[str, str]], list[list[Span]]]:
    if lang == "zh":
        from policytext.tokenize.chinese import JiebaTokenizer

        tok = JiebaTokenizer().pos_tokenizer
        flags = {"nr": "PERSON", "ns": "LOC", "nt": "ORG"}

        def run_zh(texts: list[str], _pmap: dict[str, str]) -> list[list[Span]]:
            out = []
            for t in texts:
                spans, pos = [], 0
                for w in tok.lcut(t):
                    i = t.find(w.word, pos)
                    if i < 0:
                        continue
                    pos = i + len(w.word)
                    if w.flag in flags:
                        spans.append((i, pos, flags[w.flag]))
                out.append(spans)
            return out

        return run_zh
    from policytext.tokenize import tokenize_text

    def run_ko(texts: list[str], _pmap: dict[str, str]) -> list[list[Span]]:
        out = []
        for t in texts:
            toks = tokenize_text(t, "ko", ko_backend="komoran")
            spans: list[Span] = []
            for tk in toks:
                if tk.tag == "NNP":
                    if spans and spans[-1][1] == tk.start:  # adjacent NNP morphemes form one name
                        spans[-1] = (spans[-1][0], tk.end, "ENTITY")
                    else:
                        spans.append((tk.start, tk.end, "ENTITY"))
            out.append(spans)
        return out

    return run_ko


def _prf(texts: list[str], gold: list[list[Span]], pred: list[list[Span]], lang: str, untyped: bool) -> dict[str, Any]:
    from spacy.scorer import get_ner_prf
    from spacy.training import Example

    from policytext.entities.spacy_lang import blank

    vocab_nlp = blank(lang)
    examples = []
    for t, g, p in zip(texts, gold, pred, strict=True):
        ref = vocab_nlp.make_doc(t)
        hyp = vocab_nlp.make_doc(t)
        ref.ents = _spans(ref, g, untyped)
        hyp.ents = _spans(hyp, p, untyped)
        examples.append(Example(hyp, ref))
    prf = get_ner_prf(examples)
    prf["_counts"] = _sentence_counts(examples)
    return prf


def _sentence_counts(examples: list[Any]) -> dict[str, Any]:
    """Per sentence and label (and ``ALL``): true positives, predicted and gold spans, as an (n, 3) array."""
    labels = sorted({e.label_ for ex in examples for d in (ex.reference, ex.predicted) for e in d.ents})
    out = {lab: np.zeros((len(examples), 3), dtype=np.int64) for lab in [*labels, "ALL"]}
    for i, ex in enumerate(examples):
        gold = {(e.start_char, e.end_char, e.label_) for e in ex.reference.ents}
        pred = {(e.start_char, e.end_char, e.label_) for e in ex.predicted.ents}
        for lab, arr in out.items():
            g = gold if lab == "ALL" else {x for x in gold if x[2] == lab}
            p = pred if lab == "ALL" else {x for x in pred if x[2] == lab}
            arr[i] = (len(g & p), len(p), len(g))
    return out


def bootstrap_f1(counts: Any, draws: int = 1000, seed: int = 0) -> tuple[float, float]:
    """95% interval of micro F1 from per-sentence (tp, predicted, gold) counts, resampling sentences."""
    n = len(counts)
    if n == 0:
        return (float("nan"), float("nan"))
    idx = np.random.default_rng(seed).integers(0, n, size=(draws, n))
    tp, npred, ngold = (counts[:, k][idx].sum(axis=1).astype(float) for k in range(3))
    denom = npred + ngold
    f1 = np.divide(2 * tp, denom, out=np.zeros(draws), where=denom > 0)
    lo, hi = np.percentile(f1, [2.5, 97.5])
    return (float(lo), float(hi))


def _spans(doc: Any, spans: list[Span], untyped: bool) -> list[Any]:
    out, last = [], -1
    for s, e, lab in sorted(spans):
        if not lab:
            continue
        sp = doc.char_span(s, e, label="ENTITY" if untyped else lab, alignment_mode="expand")
        if sp is not None and sp.start >= last:
            out.append(sp)
            last = sp.end
    return out


def evaluate_ner(
    gold_dir: str | Path, langs: tuple[str, ...] = ("zh", "ko"), limit: int | None = None,
    policy_dir: str | Path | None = None,
) -> Iterator[dict[str, Any]]:
    """One row per (set, system, label): precision, recall, F1, and the gold count."""
    gold_dir = Path(gold_dir)
    for lang in langs:
        news_labels = {"PERSON", "ORG", "LOC"} | ({"DATE", "QT"} if lang == "ko" else set())
        systems = {
            "pipeline": _pipeline_system(lang, True, True),
            "model": _pipeline_system(lang, True, False),
            "rules": _pipeline_system(lang, False, True),
            "pos-tagger": _baseline(lang),
        }
        sets: list[tuple[str, list[dict[str, Any]], set[str], dict[str, str], dict[str, str]]] = []
        for name, rel, suffix in SETS[lang]:
            records = [r for r in read_jsonl(gold_dir / rel) if suffix is None or r["id"].endswith(suffix)]
            sets.append((name, records, news_labels, LABEL_MAP, PRED_MAP))
        policy = Path(policy_dir) / f"{lang}.jsonl" if policy_dir else None
        if policy is not None and policy.is_file():
            records = [r for r in read_jsonl(policy) if r.get("split") == "test"]
            sets.append((f"policy test ({lang})", records, POLICY_LABELS, POLICY_MAP, POLICY_MAP))
        for name, records, labels, gmap, pmap in sets:
            records = records[:limit] if limit else records
            texts = [r["text"] for r in records]
            gold = [[(s["start"], s["end"], gmap[s["label"]]) for s in r["spans"] if gmap.get(s["label"]) in labels]
                    for r in records]  # fmt: skip
            n_gold: dict[str, int] = {}
            for g in gold:
                for _, _, lab in g:
                    n_gold[lab] = n_gold.get(lab, 0) + 1
            n_chars = sum(len(t) for t in texts)
            for sys_name, run in systems.items():
                run(texts[:20], pmap)  # load models and dictionaries before timing
                t0 = time.process_time()  # CPU time of this process: characters per second per core, whatever the load
                pred = run(texts, pmap)
                speed = round(n_chars / max(time.process_time() - t0, 1e-9))
                typed = not (sys_name == "pos-tagger" and lang == "ko")
                if typed:
                    pred = [[p for p in ps if p[2] in labels] for ps in pred]
                    prf = _prf(texts, gold, pred, lang, untyped=False)
                    counts = prf["_counts"]
                    yield _row(name, sys_name, "ALL", prf["ents_p"], prf["ents_r"], prf["ents_f"], sum(n_gold.values()),
                               bootstrap_f1(counts["ALL"]), speed)  # fmt: skip
                    for lab, v in sorted(prf["ents_per_type"].items()):
                        ci = bootstrap_f1(counts[lab]) if lab in counts else (float("nan"), float("nan"))
                        yield _row(name, sys_name, lab, v["p"], v["r"], v["f"], n_gold.get(lab, 0), ci)
                untyped_prf = _prf(texts, gold, pred, lang, untyped=True)
                yield _row(name, sys_name, "untyped", untyped_prf["ents_p"], untyped_prf["ents_r"],
                           untyped_prf["ents_f"], sum(n_gold.values()), bootstrap_f1(untyped_prf["_counts"]["ALL"]),
                           None if typed else speed)  # fmt: skip


def _row(
    dataset: str, system: str, label: str, p: float, r: float, f: float, n: int, ci: tuple[float, float],
    chars_per_s: int | None = None,
) -> dict[str, Any]:
    return {"set": dataset, "system": system, "label": label, "precision": round(p, 3), "recall": round(r, 3),
            "f1": round(f, 3), "f1_lo": round(ci[0], 3), "f1_hi": round(ci[1], 3), "gold": n,
            "chars_per_s": chars_per_s}  # fmt: skip
