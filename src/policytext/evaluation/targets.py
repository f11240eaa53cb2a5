"""Score ``policytext targets`` against a hand-built gold file (annotations/targets/gold-*.csv).

A figure counts as found when a predicted row has the same document, indicator, kind, period, value
(relative tolerance 1e-6) and modifier as a gold row. Rows repeat (a target restated later in a report),
so matching is one-to-one: each gold row can be matched once. ``not set`` gold rows (no value) match a
predicted ``not_set`` row of the same indicator and period. Scores are micro-averaged, overall and per
slice (language, era, indicator); the lenient score also reports matches that ignore kind and period.
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

GOLD_COLUMNS = ("doc_id", "year", "indicator", "kind", "period", "value", "modifier")


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


def read_gold(path: str | Path) -> pd.DataFrame:
    """A gold CSV with at least the columns doc_id, year, indicator, kind, period, value, modifier."""
    df = pd.read_csv(path, dtype={"period": str, "doc_id": str})
    missing = [c for c in GOLD_COLUMNS if c not in df.columns]
    if missing:
        raise PolicytextError(f"{path}: gold file lacks columns {', '.join(missing)}")
    return df


def _num(v: object) -> float:
    try:
        return float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan


def _same_value(a: object, b: object) -> bool:
    fa, fb = _num(a), _num(b)
    if math.isnan(fa) or math.isnan(fb):
        return math.isnan(fa) and math.isnan(fb)
    return math.isclose(fa, fb, rel_tol=1e-6, abs_tol=1e-9)


def _key(row: pd.Series, strict: bool) -> tuple[object, ...]:
    mod = row["modifier"] if isinstance(row["modifier"], str) else ""
    base: tuple[object, ...] = (row["doc_id"], row["indicator"], mod)
    return (*base, row["kind"], str(row["period"])) if strict else base


def match(gold: pd.DataFrame, pred: pd.DataFrame, strict: bool = True) -> tuple[list[bool], list[bool]]:
    """One-to-one matching; returns (gold row matched?, predicted row matched?)."""
    g_ok = [False] * len(gold)
    p_ok = [False] * len(pred)
    by_key: dict[tuple[object, ...], list[int]] = {}
    for j, (_, prow) in enumerate(pred.iterrows()):
        by_key.setdefault(_key(prow, strict), []).append(j)
    for i, (_, grow) in enumerate(gold.iterrows()):
        for j in by_key.get(_key(grow, strict), []):
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


def evaluate_targets(gold_paths: Iterable[str | Path], corpus: Corpus, strict: bool = True) -> list[TargetScore]:
    """Extract figures from the gold's documents in ``corpus`` and score them, overall and per slice."""
    gold = pd.concat([read_gold(p) for p in gold_paths], ignore_index=True)
    ids = set(gold["doc_id"])
    docs = [d for d in corpus if d.id in ids]
    missing = ids - {d.id for d in docs}
    if missing:
        raise PolicytextError(f"gold documents not in the corpus: {', '.join(sorted(missing))}")
    pred = extract_targets(docs)
    lang = {d.id: d.lang for d in docs}
    gold = gold.assign(lang=gold["doc_id"].map(lang))
    slices: dict[str, Callable[[pd.DataFrame], pd.Series]] = {"all": lambda df: df["doc_id"].notna()}
    for lg in sorted({v for v in lang.values() if v}):
        slices[lg] = lambda df, lg=lg: df["lang"] == lg  # type: ignore[misc]
    slices["zh since 2000"] = lambda df: (df["lang"] == "zh") & (df["year"].astype(int) >= 2000)
    slices["zh before 2000"] = lambda df: (df["lang"] == "zh") & (df["year"].astype(int) < 2000)
    for ind in sorted(set(gold["indicator"])):
        slices[f"indicator {ind}"] = lambda df, ind=ind: df["indicator"] == ind  # type: ignore[misc]
    return score_slices(gold, pred, slices, strict)
