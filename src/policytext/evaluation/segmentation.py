"""Score tokenizers on segmentation gold: word-span F1 for Chinese, morpheme-multiset F1 for Korean.

Chinese: SIGHAN 2005 PKU test (gold words separated by spaces) and UD Chinese GSDSimp (FORM column). A
predicted word counts when both its start and end match a gold word.
Korean: UD Korean KAIST, whose LEMMA column lists each eojeol's morphemes joined by '+' (``OrigLemma`` in
MISC where LEMMA holds only the stem). Per sentence, predicted and gold morpheme forms are compared as
multisets; precision, recall and F1 are micro-averaged over sentences.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one system on one gold set, with its speed."""

    system: str
    gold: str
    sentences: int
    precision: float
    recall: float
    f1: float
    chars_per_sec: float

    def row(self) -> dict[str, object]:
        return {
            "system": self.system,
            "gold": self.gold,
            "sentences": self.sentences,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "chars_per_sec": round(self.chars_per_sec),
        }


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def read_conllu(path: Path) -> Iterator[tuple[str, list[tuple[str, str, str]]]]:
    """(text, [(form, lemma, misc)]) per sentence of a CoNLL-U file; multiword ranges skipped."""
    text = ""
    rows: list[tuple[str, str, str]] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# text = "):
                text = line[len("# text = ") :]
            elif not line:
                if rows:
                    yield text, rows
                text, rows = "", []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if "-" in cols[0] or "." in cols[0]:
                    continue
                rows.append((cols[1], cols[2], cols[9]))
    if rows:
        yield text, rows


def read_pku(gold: Path, raw: Path) -> Iterator[tuple[str, list[str]]]:
    """(raw line, gold words) for each non-empty line of the SIGHAN PKU test set."""
    with gold.open(encoding="utf-8") as g, raw.open(encoding="utf-8") as r:
        for gl, rl in zip(g, r, strict=True):
            words = gl.split()
            text = rl.strip()
            if words and text:
                yield text, words


def _spans(words: list[str]) -> set[tuple[int, int]]:
    out, pos = set(), 0
    for w in words:
        out.add((pos, pos + len(w)))
        pos += len(w)
    return out


def score_words(
    system: str, gold_name: str, data: list[tuple[str, list[str]]], segment: Callable[[str], list[str]]
) -> Score:
    """Word-span F1 of ``segment`` (text -> words, white space dropped) against gold words."""
    tp = n_pred = n_gold = chars = 0
    t0 = time.perf_counter()
    preds = [[w for w in segment(text) if w.strip()] for text, _ in data]
    elapsed = time.perf_counter() - t0
    for (text, gold), pred in zip(data, preds, strict=True):
        chars += len(text)
        g, p = _spans(gold), _spans([w.replace(" ", "") for w in pred])
        tp += len(g & p)
        n_pred += len(p)
        n_gold += len(g)
    prec, rec, f1 = _prf(tp, n_pred, n_gold)
    return Score(system, gold_name, len(data), prec, rec, f1, chars / elapsed if elapsed else 0.0)


def korean_gold(path: Path) -> list[tuple[str, list[str]]]:
    """(sentence text, gold morpheme forms) from UD Korean KAIST."""
    out = []
    for text, rows in read_conllu(path):
        morphs: list[str] = []
        for form, lemma, misc in rows:
            orig = next((kv.split("=", 1)[1] for kv in misc.split("|") if kv.startswith("OrigLemma=")), None)
            morphs.extend(m for m in (orig or lemma).split("+") if m)
            del form
        out.append((text, morphs))
    return out


def score_morphemes(
    system: str, gold_name: str, data: list[tuple[str, list[str]]], analyse: Callable[[str], list[str]]
) -> Score:
    """Morpheme-multiset F1 of ``analyse`` (text -> morpheme forms) against gold morphemes."""
    tp = n_pred = n_gold = chars = 0
    t0 = time.perf_counter()
    preds = [analyse(text) for text, _ in data]
    elapsed = time.perf_counter() - t0
    for (text, gold), pred in zip(data, preds, strict=True):
        chars += len(text)
        g, p = Counter(gold), Counter(m for m in pred if m.strip())
        tp += sum((g & p).values())
        n_pred += sum(p.values())
        n_gold += sum(g.values())
    prec, rec, f1 = _prf(tp, n_pred, n_gold)
    return Score(system, gold_name, len(data), prec, rec, f1, chars / elapsed if elapsed else 0.0)


def evaluate_all(
    seg_dir: Path, korean_backends: list[str], limit: int | None = None, zh_engines: Sequence[str] = ("rjieba", "jieba")
) -> list[Score]:
    """Score jieba on each engine (HMM on/off, with/without the policy dictionary) and each Korean backend."""
    from policytext.tokenize.chinese import JiebaTokenizer
    from policytext.tokenize.registry import get_tokenizer

    scores: list[Score] = []
    pku = list(read_pku(seg_dir / "sighan2005-pku-test-gold.txt", seg_dir / "sighan2005-pku-test-raw.txt"))
    udzh = [(t, [r[0] for r in rows]) for t, rows in read_conllu(seg_dir / "ud-zh-gsdsimp-test.conllu")]
    for engine in zh_engines:
        for hmm in (True, False):
            for policy in (True, False):
                tok = JiebaTokenizer(hmm=hmm, pos=False, policy_dict=policy, engine=engine)
                tok.words("预热")
                name = f"jieba ({engine}) hmm={'on' if hmm else 'off'} policy_dict={'on' if policy else 'off'}"
                scores.append(score_words(name, "SIGHAN2005 PKU test", pku[:limit], tok.words))
                scores.append(score_words(name, "UD Chinese GSDSimp test", udzh[:limit], tok.words))
    ko = korean_gold(seg_dir / "ud-ko-kaist-test.conllu")[:limit]
    for backend in korean_backends:
        ktok = get_tokenizer("ko", backend)
        ktok.morphemes("준비")

        def analyse(text: str, _t: object = ktok) -> list[str]:
            return [f for f, _ in _t.morphemes(text)]  # type: ignore[attr-defined]

        scores.append(score_morphemes(backend, "UD Korean KAIST test", ko, analyse))
    return scores
