"""Score the topic classifier on held-out years, documents and decades, with two baselines.

Folds: Chinese sentences are split by report year (leave one year out; scores also per decade of the
held-out years); Korean paragraphs by document (each address or speech held out: one fold per document up
to 12 documents, else 10 document-grouped folds, so no document is on both sides) and by decade (leave one
decade out). In each fold, in the same run: the classifier (``topics.classify.fit``), the majority class of
the training fold, and a keyword-dictionary baseline that counts the concept lexicon's aliases in the unit
and picks the area with most hits (the training majority when nothing matches). Macro-F1 over the areas
present in the gold of the fold set.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from policytext.corpus import Corpus
from policytext.errors import PolicytextError
from policytext.topics.classify import fit, token_string
from policytext.topics.taxonomy import load_taxonomy

REQUIRED = ("doc_id", "start", "end", "label")
LABELS_DIR = Path("annotations/topics")
DEFAULT_LABELS = {
    "zh": ("zh-sentences.csv", "zh-units.csv"),
    "ko": ("ko-paragraphs.csv", "ko-units.csv", "ko-topup-units.csv", "ko-topup2-units.csv", "ko-topup3-units.csv"),
}
"""The settled label files of each language (GUIDELINES.md says how each was made), read by default."""


def read_labels(paths: Iterable[str | Path]) -> pd.DataFrame:
    """Labelled units: CSVs with doc_id, start, end, label (and year, text for reading)."""
    frames = []
    for p in paths:
        df = pd.read_csv(p)
        missing = [c for c in REQUIRED if c not in df.columns]
        if missing:
            raise PolicytextError(f"{p}: labelled file lacks columns {', '.join(missing)}")
        frames.append(df)
    if not frames:
        raise PolicytextError("no labelled files given")
    return pd.concat(frames, ignore_index=True)


def labelled_corpus(extra: Iterable[str | Path] = ()) -> Corpus:
    """The bundled corpora plus ``extra`` folders/tables: the documents label files may refer to.

    Documents of ``extra`` that are also bundled (the budget addresses are in both) are read from the bundled
    copy and reported in one line, not one warning each; any other skip is reported as usual.
    """
    import logging

    from policytext import load_corpus
    from policytext.resources import bundled_corpora

    corpus_log = logging.getLogger("policytext.corpus")
    level = corpus_log.level
    corpus_log.setLevel(logging.ERROR)
    try:
        corpus = load_corpus([bundled_corpora(), *extra])
    finally:
        corpus_log.setLevel(level)
    dup = [s for s in corpus.skipped if s.reason.startswith("duplicate document id")]
    if dup:
        corpus_log.warning("%d documents of %s are also bundled: the bundled copy is read", len(dup),
                           ", ".join(sorted({s.path.split("#")[0] for s in dup})))  # fmt: skip
    for s in corpus.skipped:
        if s not in dup:
            corpus_log.warning("skipped %s: %s", s.path, s.reason)
    return corpus


def attach_units(labels: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """Re-read each labelled unit from its document: text from the offsets, tokens from the tokenizer."""
    docs = {d.id: d for d in corpus}
    missing = sorted(set(labels["doc_id"]) - set(docs))
    if missing:
        raise PolicytextError(f"labelled documents not in the corpus: {', '.join(missing[:5])} "
                              f"({len(missing)} in all; add the files they come from with --corpus)")
    rows = []
    for doc_id, group in labels.groupby("doc_id", sort=False):
        doc = docs[str(doc_id)]
        toks = doc.tokens(pos=True)
        for r in group.to_dict("records"):
            s, e = int(r["start"]), int(r["end"])
            rows.append({"doc_id": doc.id, "year": doc.meta.get("year"), "lang": doc.lang, "start": s, "end": e,
                         "text": doc.text[s:e], "tokens": token_string(toks, s, e), "label": r["label"]})  # fmt: skip
    return pd.DataFrame(rows)


def keyword_baseline(texts: pd.Series, fallback: str) -> list[str]:
    """Area with most concept-lexicon alias hits per text (the concept's area mapped through the taxonomy)."""
    from policytext.keywords.lexicon import load_lexicon

    to_area = {ca: a.id for a in load_taxonomy().values() for ca in a.concept_areas}
    aliases = [(al, to_area[c.area]) for c in load_lexicon().concepts if c.area in to_area
               for al in c.all_aliases()]  # fmt: skip
    out = []
    for t in texts:
        hits: Counter[str] = Counter()
        for al, area in aliases:
            n = t.count(al)
            if n:
                hits[area] += n
        out.append(hits.most_common(1)[0][0] if hits else fallback)
    return out


@dataclass
class FoldResult:
    """Gold and predictions of every system for the held-out units of one fold."""

    fold: str
    gold: list[str]
    predicted: dict[str, list[str]]


MAX_FOLDS = 12
"""Up to this many groups, one fold per group; beyond it, 10 group-respecting folds (GroupKFold)."""


def fold_of(groups: pd.Series, max_folds: int | None = MAX_FOLDS) -> pd.Series:
    """Each unit's fold name: its group, or ``k/10`` when there are more than ``max_folds`` groups (never, when
    ``max_folds`` is None: leave one group out however many there are)."""
    names = sorted(groups.dropna().astype(str).unique())
    if max_folds is None or len(names) <= max_folds:
        return groups.astype(str)
    from sklearn.model_selection import GroupKFold

    fold = pd.Series(index=groups.index, dtype=object)
    for k, (_, test) in enumerate(GroupKFold(n_splits=10).split(groups, groups=groups.astype(str))):
        fold.iloc[test] = f"{k + 1}/10"
    return fold


def cross_validate(
    units: pd.DataFrame,
    group_col: str,
    c: float = 0.5,
    extra: pd.DataFrame | None = None,
    max_folds: int | None = MAX_FOLDS,
) -> list[FoldResult]:
    """Hold out each group of ``group_col`` (see ``fold_of``): classifier, majority, keyword baseline.

    ``extra`` units (e.g. the other language's set) are added to every training fold: the shared model.
    """
    out = []
    folds = fold_of(units[group_col], max_folds)
    for g in sorted(folds.dropna().unique(), key=_natural):
        test = units[folds == g]
        train = units[folds != g]
        if extra is not None:
            train = pd.concat([train, extra], ignore_index=True)
        model, _rare = fit(train)
        majority = units[folds != g]["label"].mode().iloc[0]
        out.append(FoldResult(str(g), test["label"].tolist(), {
            "classifier": list(model.predict(test[["text", "tokens"]])),
            "majority": [majority] * len(test),
            "keywords": keyword_baseline(test["text"], majority),
        }))  # fmt: skip
    return out


def _natural(name: str) -> tuple[int, str]:
    head = name.split("/")[0]
    return (int(head), name) if head.isdigit() else (0, name)


def decade(year: Any) -> str:
    """``1990s`` for 1990–1999; ``unknown`` when the year is missing."""
    return "unknown" if pd.isna(year) else f"{int(year) // 10 * 10}s"


def evaluate_topics(zh_labels: Iterable[str | Path], ko_labels: Iterable[str | Path], corpus: Corpus,
                    c: float = 0.5) -> dict[str, dict[str, Any]]:
    """All measurements in one run: zh leave one year out (and per decade), ko document held out, ko leave
    one decade out, ko with a shared zh+ko model."""
    zh = attach_units(read_labels(zh_labels), corpus)
    ko = attach_units(read_labels(ko_labels), corpus)
    zh["fold"] = duplicate_safe_folds(zh, "year", corpus)
    ko["fold"] = duplicate_safe_folds(ko, "doc_id", corpus)
    ko["decade"] = ko["year"].map(decade)
    zh_folds = cross_validate(zh, "fold", c, max_folds=None)  # one fold per report year, so per decade holds
    zh_res = summarize(zh_folds)
    zh_res["per_decade"] = {
        d: summarize([f for f in zh_folds if decade(int(f.fold)) == d])["macro_f1"]
        for d in sorted({decade(int(f.fold)) for f in zh_folds})
    }
    return {
        "zh (leave one year out)": zh_res,
        "ko (document held out)": summarize(cross_validate(ko, "fold", c)),
        "ko (leave one decade out)": summarize(cross_validate(ko, "decade", c)),
        "ko, shared zh+ko model": summarize(cross_validate(ko, "fold", c, extra=zh)),
    }


def duplicate_safe_folds(units: pd.DataFrame, group_col: str, corpus: Corpus) -> pd.Series:
    """Each unit's fold: its ``group_col`` value, except that near-duplicate documents (``corpus dupes``)
    share the fold of the first of them, so no document is tested against a model trained on its copy."""
    from policytext.dedupe import split_respecting_duplicates

    first = units.drop_duplicates("doc_id")
    fold = dict(zip(first["doc_id"], first[group_col].astype(str), strict=True))
    docs = [corpus[d] for d in first["doc_id"]]
    return units["doc_id"].map(split_respecting_duplicates(docs, fold))


def summarize(folds: list[FoldResult]) -> dict[str, Any]:
    """Macro-F1 per system over all held-out units, per fold, per class (classifier), confusion matrix."""
    from sklearn.metrics import confusion_matrix, f1_score

    gold = [g for f in folds for g in f.gold]
    labels = sorted(set(gold))
    systems = list(folds[0].predicted) if folds else []
    res: dict[str, Any] = {"n": len(gold), "labels": labels, "macro_f1": {}, "accuracy": {}, "per_fold": {}}
    for s in systems:
        pred = [p for f in folds for p in f.predicted[s]]
        res["macro_f1"][s] = round(float(f1_score(gold, pred, labels=labels, average="macro", zero_division=0)), 3)
        res["accuracy"][s] = round(sum(a == b for a, b in zip(gold, pred, strict=True)) / len(gold), 3)
        res["per_fold"][s] = {
            f.fold: round(float(f1_score(f.gold, f.predicted[s], labels=sorted(set(f.gold)), average="macro",
                                         zero_division=0)), 3)
            for f in folds
        }  # fmt: skip
    pred = [p for f in folds for p in f.predicted["classifier"]]
    per = f1_score(gold, pred, labels=labels, average=None, zero_division=0)
    res["per_class_f1"] = {lab: round(float(v), 3) for lab, v in zip(labels, per, strict=True)}
    res["support"] = dict(Counter(gold))
    res["confusion"] = pd.DataFrame(confusion_matrix(gold, pred, labels=labels), index=labels, columns=labels)
    return res


def score_table(results: dict[str, dict[str, Any]]) -> pd.DataFrame:
    """One row per evaluation: units and macro-F1 of each system (classifier, majority, keywords)."""
    return pd.DataFrame([{"evaluation": name, "units": r["n"], **{f"macro_f1 {s}": v for s, v in r["macro_f1"].items()}}
                         for name, r in results.items()])  # fmt: skip


def write_confusions(results: dict[str, dict[str, Any]], output: str | Path) -> list[Path]:
    """Write each evaluation's confusion matrix beside ``output`` (``<stem>.confusion-<slug>.csv``)."""
    from policytext.cells import for_spreadsheet

    out = Path(output)
    paths = []
    for name, r in results.items():
        slug = "-".join(re.findall(r"[a-z0-9+]+", name.lower()))  # one file per evaluation, names never collide
        path = out.with_name(f"{out.stem}.confusion-{slug}.csv")
        for_spreadsheet(r["confusion"].rename_axis("gold \\ predicted")).to_csv(path)
        paths.append(path)
    return paths
