"""Compare counts across groups: change between a reference and a target group, first appearance, keyness.

Keyness is the log-likelihood G2 (Dunning 1993; Rayson & Garside 2000) of a term's count in the target
against the reference, with sizes in characters; its p-value is that of chi-square with one degree of
freedom; the effect size is Hardie's log ratio (binary log of the ratio of relative frequencies, 0.5 added
to zero counts). Positive log ratio: more frequent in the target.
"""

from __future__ import annotations

import math

import pandas as pd

from policytext.errors import PolicytextError
from policytext.grouping import UNKNOWN, label_sort_key, labels


def log_likelihood(a: int, b: int, n1: int, n2: int) -> float:
    """G2 for count ``a`` in a corpus of size ``n1`` against count ``b`` in size ``n2``."""
    if n1 <= 0 or n2 <= 0:
        return 0.0
    e1 = n1 * (a + b) / (n1 + n2)
    e2 = n2 * (a + b) / (n1 + n2)
    g2 = 0.0
    if a > 0:
        g2 += a * math.log(a / e1)
    if b > 0:
        g2 += b * math.log(b / e2)
    return 2 * g2


def chi2_sf_1df(x: float) -> float:
    """Upper tail probability of chi-square with one degree of freedom."""
    return math.erfc(math.sqrt(max(x, 0.0) / 2))


def log_ratio(a: int, b: int, n1: int, n2: int) -> float:
    """log2 of the ratio of relative frequencies (target over reference), 0.5 for zero counts."""
    return math.log2(((a or 0.5) / n1) / ((b or 0.5) / n2))


def compare(counts: pd.DataFrame, ref: str | None = None, target: str | None = None) -> pd.DataFrame:
    """From a ``count`` table: per term, the reference and target counts and rates, changes, first group
    with a hit, G2, p-value and log ratio, sorted by keyness (G2, signed by direction) descending.

    Without ``ref``/``target`` the target is the last group and the reference the one before it.
    """
    counts = counts.assign(_group=labels(counts, "term_or_concept"))
    groups = list(dict.fromkeys(counts["_group"]))
    known = [g for g in groups if g != UNKNOWN]
    if len(known) < 2 and (ref is None or target is None):
        raise PolicytextError("compare needs at least two groups (e.g. two years) or --ref and --target")
    target = str(target) if target is not None else known[-1]
    ref = str(ref) if ref is not None else known[known.index(target) - 1]
    for g in (ref, target):
        if g not in groups:
            raise PolicytextError(f"group {g!r} not in the counts (groups: {', '.join(groups)})")
    rows = []
    for key, sub in counts.groupby("term_or_concept", sort=False):
        by_group = sub.set_index("_group")
        r, t = by_group.loc[ref].to_dict(), by_group.loc[target].to_dict()
        a, b, n1, n2 = int(t["count"]), int(r["count"]), int(t["n_chars"]), int(r["n_chars"])
        group_counts = by_group["count"].to_dict()
        present = [g for g in known if int(group_counts.get(g, 0)) > 0]
        g2 = log_likelihood(a, b, n1, n2)
        rows.append({
            "term_or_concept": key, "rule": r["rule"], "ref": ref, "target": target,
            "count_ref": b, "count_target": a, "rate_ref": r["rate_per_10k"], "rate_target": t["rate_per_10k"],
            "abs_change": a - b, "rel_change": (a - b) / b if b else (math.inf if a else 0.0),
            "first_group": present[0] if present else None, "total": int(sub["count"].sum()),
            "g2": round(g2, 4), "p_value": chi2_sf_1df(g2), "log_ratio": round(log_ratio(a, b, n1, n2), 4),
        })  # fmt: skip
    df = pd.DataFrame(rows)
    if df.empty:
        return df
    direction = df["log_ratio"].apply(lambda x: 1 if x >= 0 else -1)
    df = df.assign(_k=df["g2"] * direction).sort_values(["_k", "total"], ascending=False).drop(columns="_k")
    return df.reset_index(drop=True)


def first_appearance(counts: pd.DataFrame) -> pd.DataFrame:
    """Per term: the first group (in order) where it is counted, and its count there."""
    rows = []
    counts = counts.assign(_group=labels(counts, "term_or_concept"))
    for key, sub in counts.groupby("term_or_concept", sort=False):
        sub = sub[(sub["_group"] != UNKNOWN) & (sub["count"] > 0)]
        sub = sub.iloc[sorted(range(len(sub)), key=lambda i: label_sort_key(str(sub["_group"].iloc[i])))]
        first = sub.iloc[0] if len(sub) else None
        rows.append({"term_or_concept": key, "first_group": None if first is None else first["_group"],
                     "count_then": None if first is None else int(first["count"])})  # fmt: skip
    return pd.DataFrame(rows)
