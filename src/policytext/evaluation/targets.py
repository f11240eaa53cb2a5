"""Score ``policytext targets`` against hand-built gold files (annotations/targets/gold-*.csv, or any other).

A figure counts as found when a predicted row has the same document, indicator, kind, period, value
(relative tolerance 1e-6) and modifier as a gold row (strict); the lenient match ignores kind and period.
Rows repeat (a target restated later in a report), so matching is one-to-one: each gold row can be matched
once. ``not set`` gold rows (no value) match a predicted ``not_set`` row of the same indicator and period.
Scores are micro-averaged per slice (zh since 2000, zh before 2000, ko, per indicator, per document); each
gold file set is scored on its own, so development and held-out scores never mix.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from policytext.corpus import Corpus
from policytext.errors import PolicytextError
from policytext.targets.extract import extract_targets
from policytext.targets.indicators import load_indicators

GOLD_COLUMNS = ("doc_id", "year", "indicator", "kind", "period", "value", "modifier")
KINDS = {"target", "outcome", "forecast"}
MODIFIERS = {"point", "around", "at_least", "at_most", "range"}
ERROR_COLUMNS = [
    "set", "error", "doc_id", "year", "lang", "indicator", "kind", "period", "value", "modifier", "surface",
    "start", "end", "predicted_kind", "predicted_period", "context",
]  # fmt: skip


@dataclass(frozen=True)
class TargetScore:
    """Precision, recall and F1 of extracted figures on one slice of the gold."""

    slice: str
    gold: int
    predicted: int
    matched: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class TargetEvaluation:
    """Strict and lenient scores of one gold set, per slice and per document, and its errors."""

    name: str
    scores: pd.DataFrame  # set, slice, gold, predicted, strict and lenient matched/P/R/F1
    documents: pd.DataFrame  # the same per document
    errors: pd.DataFrame  # one row per strict miss or false positive (ERROR_COLUMNS)


def _num(v: object) -> float:
    try:
        return float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan


def read_gold(path: str | Path) -> pd.DataFrame:
    """A gold CSV (columns of annotations/targets/GUIDELINES.md); a bad row is reported with its line number."""
    p = Path(path)
    if not p.is_file():
        raise PolicytextError(f"{p}: gold file not found")
    try:
        df = pd.read_csv(p, dtype={"period": str, "doc_id": str, "kind": str, "modifier": str, "indicator": str})
    except (ValueError, OSError) as e:
        raise PolicytextError(f"{p}: not a readable CSV ({e})") from e
    missing = [c for c in GOLD_COLUMNS if c not in df.columns]
    if missing:
        raise PolicytextError(f"{p}: gold file lacks columns {', '.join(missing)}")
    known = set(load_indicators())
    for i, row in df.iterrows():
        line = int(str(i)) + 2  # the header is line 1
        where = f"{p}, line {line}"
        if row["indicator"] not in known:
            raise PolicytextError(f"{where}: unknown indicator {row['indicator']!r} (see data/targets/indicators.yaml)")
        if row["kind"] not in KINDS:
            raise PolicytextError(f"{where}: kind {row['kind']!r} is not one of {', '.join(sorted(KINDS))}")
        value, mod = row["value"], row["modifier"]
        if pd.notna(value) and math.isnan(_num(value)):
            raise PolicytextError(f"{where}: value {value!r} is not a number")
        if pd.notna(value) and mod not in MODIFIERS:
            raise PolicytextError(f"{where}: modifier {mod!r} is not one of {', '.join(sorted(MODIFIERS))}")
        if pd.isna(row["year"]) or math.isnan(_num(row["year"])):
            raise PolicytextError(f"{where}: year {row['year']!r} is not a number")
    return df


def _same_value(a: object, b: object) -> bool:
    fa, fb = _num(a), _num(b)
    if math.isnan(fa) or math.isnan(fb):
        return math.isnan(fa) and math.isnan(fb)
    return math.isclose(fa, fb, rel_tol=1e-6, abs_tol=1e-9)


def match_key(row: pd.Series | dict[str, str], strict: bool) -> tuple[object, ...]:
    """The key rows must share to match (the value is compared apart, as a number, by ``match``)."""
    mod = row["modifier"] if isinstance(row["modifier"], str) else ""
    base: tuple[object, ...] = (row["doc_id"], row["indicator"], mod)
    return (*base, row["kind"], str(row["period"])) if strict else base


def match(gold: pd.DataFrame, pred: pd.DataFrame, strict: bool = True) -> tuple[list[bool], list[bool]]:
    """One-to-one matching; returns (gold row matched?, predicted row matched?)."""
    g_ok = [False] * len(gold)
    p_ok = [False] * len(pred)
    by_key: dict[tuple[object, ...], list[int]] = {}
    for j, (_, prow) in enumerate(pred.iterrows()):
        by_key.setdefault(match_key(prow, strict), []).append(j)
    for i, (_, grow) in enumerate(gold.iterrows()):
        for j in by_key.get(match_key(grow, strict), []):
            if not p_ok[j] and _same_value(grow["value"], pred.iloc[j]["value"]):
                g_ok[i] = p_ok[j] = True
                break
    return g_ok, p_ok


def score_slices(
    gold: pd.DataFrame, pred: pd.DataFrame, slices: dict[str, Callable[[pd.DataFrame], pd.Series]], strict: bool = True
) -> list[TargetScore]:
    """Scores of ``pred`` on ``gold`` for each named row filter (applied to both tables)."""
    g_ok, p_ok = match(gold, pred, strict)
    gold = gold.assign(_ok=g_ok)
    pred = pred.assign(_ok=p_ok)
    out = []
    for name, f in slices.items():
        g, p = gold[f(gold)], pred[f(pred)]
        out.append(TargetScore(name, len(g), len(p), int(p["_ok"].sum())))
    return out


def _slices(gold: pd.DataFrame) -> dict[str, Callable[[pd.DataFrame], pd.Series]]:
    """The named slices reported: all, zh since 2000, zh before 2000, ko, then one per indicator."""
    slices: dict[str, Callable[[pd.DataFrame], pd.Series]] = {"all": lambda df: df["doc_id"].notna()}
    slices["zh since 2000"] = lambda df: (df["lang"] == "zh") & (df["year"].astype(int) >= 2000)
    slices["zh before 2000"] = lambda df: (df["lang"] == "zh") & (df["year"].astype(int) < 2000)
    slices["ko"] = lambda df: df["lang"] == "ko"
    for ind in sorted(set(gold["indicator"])):
        slices[f"indicator {ind}"] = lambda df, ind=ind: df["indicator"] == ind  # type: ignore[misc]
    return slices


def _table(name: str, strict: list[TargetScore], lenient: list[TargetScore], label: str) -> pd.DataFrame:
    rows = []
    for s, le in zip(strict, lenient, strict=True):
        if not (s.gold or s.predicted):
            continue
        rows.append({
            "set": name, label: s.slice, "gold": s.gold, "predicted": s.predicted,
            "matched": s.matched, "precision": round(s.precision, 3), "recall": round(s.recall, 3),
            "f1": round(s.f1, 3), "lenient_matched": le.matched, "lenient_precision": round(le.precision, 3),
            "lenient_recall": round(le.recall, 3), "lenient_f1": round(le.f1, 3),
        })  # fmt: skip
    return pd.DataFrame(rows)


def _errors(name: str, gold: pd.DataFrame, pred: pd.DataFrame) -> pd.DataFrame:
    """Strict misses and false positives; a miss matched leniently names the kind and period predicted."""
    g_ok, p_ok = match(gold, pred, strict=True)
    rest_g, rest_p = gold[[not x for x in g_ok]], pred[[not x for x in p_ok]]
    lg_ok, lp_ok = match(rest_g, rest_p, strict=False)
    # which leftover prediction each leftover gold row matches leniently (same order as ``match``)
    partner: dict[int, pd.Series] = {}
    used: set[int] = set()
    for i, (_, g) in enumerate(rest_g.iterrows()):
        if not lg_ok[i]:
            continue
        for j, (_, p) in enumerate(rest_p.iterrows()):
            same_key = match_key(g, False) == match_key(p, False)
            if j not in used and lp_ok[j] and same_key and _same_value(g["value"], p["value"]):
                partner[i] = p
                used.add(j)
                break
    rows = []
    for i, (_, g) in enumerate(rest_g.iterrows()):
        pp = partner.get(i)
        rows.append({
            "set": name, "error": "miss" if pp is None else "miss (kind or period differs)",
            "doc_id": g["doc_id"], "year": g["year"], "lang": g["lang"], "indicator": g["indicator"],
            "kind": g["kind"], "period": g["period"], "value": g["value"], "modifier": g["modifier"],
            "surface": g.get("surface"), "start": None if pp is None else pp["start"],
            "end": None if pp is None else pp["end"], "predicted_kind": None if pp is None else pp["kind"],
            "predicted_period": None if pp is None else pp["period"], "context": g.get("context"),
        })  # fmt: skip
    for _, p in rest_p.iterrows():
        rows.append({
            "set": name, "error": "false positive", "doc_id": p["doc_id"], "year": p["year"], "lang": p["lang"],
            "indicator": p["indicator"], "kind": p["kind"], "period": p["period"], "value": p["value"],
            "modifier": p["modifier"], "surface": p["surface"], "start": p["start"], "end": p["end"],
            "predicted_kind": p["kind"], "predicted_period": p["period"], "context": p["sentence"],
        })  # fmt: skip
    df = pd.DataFrame(rows, columns=ERROR_COLUMNS)
    return df.sort_values(["doc_id", "error", "indicator"], kind="stable").reset_index(drop=True)


def _prepare(gold_paths: Iterable[str | Path], corpus: Corpus) -> tuple[pd.DataFrame, pd.DataFrame, set[str]]:
    """The gold rows and the figures extracted from their documents, both with a ``lang`` column."""
    paths = list(gold_paths)
    if not paths:
        raise PolicytextError("no gold files given")
    gold = pd.concat([read_gold(p) for p in paths], ignore_index=True)
    ids = set(gold["doc_id"])
    docs = [d for d in corpus if d.id in ids]
    missing = ids - {d.id for d in docs}
    if missing:
        raise PolicytextError(f"gold documents not in the corpus: {', '.join(sorted(missing))}")
    lang = {d.id: d.lang for d in docs}
    pred = extract_targets(docs)
    return gold.assign(lang=gold["doc_id"].map(lang)), pred.assign(lang=pred["doc_id"].map(lang)), ids


def evaluate_gold_set(name: str, gold_paths: Iterable[str | Path], corpus: Corpus) -> TargetEvaluation:
    """Extract figures from the documents of one gold set and score them strictly and leniently."""
    gold, pred, ids = _prepare(gold_paths, corpus)
    slices = _slices(gold)
    scores = _table(name, score_slices(gold, pred, slices, True), score_slices(gold, pred, slices, False), "slice")
    per_doc: dict[str, Callable[[pd.DataFrame], pd.Series]] = {
        d: (lambda df, d=d: df["doc_id"] == d) for d in sorted(ids)  # type: ignore[misc]
    }
    documents = _table(name, score_slices(gold, pred, per_doc, True), score_slices(gold, pred, per_doc, False),
                       "doc_id")  # fmt: skip
    return TargetEvaluation(name, scores, documents, _errors(name, gold, pred))

