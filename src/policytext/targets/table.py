"""Year-by-year target-versus-outcome tables, and checking claimed values against the sources.

For indicator X and year Y (one year's values only: no multi-year sums or averages), the target is the first
figure of kind ``target`` for period Y in the report of year Y; the outcome is the first figure of kind
``outcome`` for period Y in the report of year Y+1 (else in any later report). Each cell says where it came
from, and a missing cell says why: ``no report`` (the corpus has no report for that year), ``not set`` (the
report says it sets none) or ``not found`` (the report is there, the rule found no figure — read it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from policytext.errors import PolicytextError

TABLE_COLUMNS = [
    "indicator", "year", "target", "target_modifier", "target_low", "target_high", "target_status",
    "target_doc", "target_start", "target_end", "target_sentence", "outcome", "outcome_status", "outcome_doc",
    "outcome_start", "outcome_end", "outcome_sentence", "gap", "met",
]  # fmt: skip


def _first(df: pd.DataFrame) -> pd.Series | None:
    return None if df.empty else df.sort_values(["year", "start"]).iloc[0]


def _met(t: pd.Series, outcome: float, better: str | None) -> bool | None:
    mod = t["modifier"]
    if mod == "around":
        return None  # "about 5%" has no stated tolerance: show the gap, do not judge
    if mod == "at_least":
        return bool(outcome >= t["value"])
    if mod == "at_most":
        return bool(outcome <= t["value"])
    if mod == "range":
        return bool(t["low"] <= outcome <= t["high"])
    if better == "higher":  # a point target of an indicator where more is better
        return bool(outcome >= t["value"])
    if better == "lower":
        return bool(outcome <= t["value"])
    return None


def target_table(
    figures: pd.DataFrame, indicator: str, report_years: list[int], better: str | None = None
) -> pd.DataFrame:
    """Target and outcome per year for ``indicator`` from ``extract_targets`` rows, with sources and gap."""
    f = figures[(figures["indicator"] == indicator) & (figures["period"].astype(str).str.fullmatch(r"\d{4}"))]
    if "stat" in f.columns:  # one year's value: no multi-year sums or averages
        f = f[f["stat"].isna() | (f["stat"] == "value")]
    f = f.assign(period=f["period"].astype(int))
    have = set(report_years)
    if not have:
        raise PolicytextError("target table: the corpus has no documents with a year")
    rows: list[dict[str, Any]] = []
    for y in range(min(have), max(have) + 1):
        row: dict[str, Any] = {"indicator": indicator, "year": y}
        t_all = f[(f["period"] == y) & (f["year"] == y) & (f["kind"] == "target")]
        t = _first(t_all[t_all["status"] == "found"])
        if t is not None:
            row.update(
                target=t["value"], target_modifier=t["modifier"], target_low=t["low"], target_high=t["high"],
                target_status="found", target_doc=t["doc_id"], target_start=t["start"], target_end=t["end"],
                target_sentence=t["sentence"],
            )  # fmt: skip
        elif not t_all.empty:
            n = t_all.iloc[0]
            row.update(target_status="not set", target_doc=n["doc_id"], target_sentence=n["sentence"])
        else:
            row["target_status"] = "not found" if y in have else "no report"
        o_all = f[(f["period"] == y) & (f["kind"] == "outcome") & (f["status"] == "found") & (f["year"] > y)]
        nxt = o_all[o_all["year"] == y + 1]
        o = _first(nxt) if not nxt.empty else _first(o_all)
        if o is not None:
            row.update(
                outcome=o["value"], outcome_status="found", outcome_doc=o["doc_id"], outcome_start=o["start"],
                outcome_end=o["end"], outcome_sentence=o["sentence"],
            )  # fmt: skip
            if t is not None:
                row["gap"] = round(o["value"] - t["value"], 6)
                row["met"] = _met(t, o["value"], better)
        else:
            row["outcome_status"] = "not found" if y + 1 in have else "no report"
        rows.append(row)
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)


VERIFY_COLUMNS = [
    "indicator", "year", "kind", "claimed_value", "claimed_modifier", "verdict", "found_value", "found_modifier",
    "doc_id", "start", "end", "surface", "sentence",
]  # fmt: skip


def verify_claims(claims: pd.DataFrame, figures: pd.DataFrame, report_years: list[int]) -> pd.DataFrame:
    """Check each claimed (indicator, year, kind, value[, modifier]) against the figures found in the sources.

    Verdicts: ``agrees``; ``value differs`` / ``modifier differs`` (the sentence that settles it is given);
    ``not found`` (the report is in the corpus, no figure matched); ``no report`` (no source to check).
    A claim's year is the period the figure refers to (the target set for 2024, the outcome for 2024).
    """
    need = {"indicator", "year", "kind", "value"}
    missing = need - set(claims.columns)
    if missing:
        raise PolicytextError(f"claims table lacks columns: {', '.join(sorted(missing))}")
    have = set(report_years)
    out: list[dict[str, Any]] = []
    for _, c in claims.iterrows():
        year, kind = int(c["year"]), str(c["kind"])
        mod = c.get("modifier")
        mod = mod if isinstance(mod, str) and mod else None
        row: dict[str, Any] = {
            "indicator": c["indicator"], "year": year, "kind": kind, "claimed_value": c["value"],
            "claimed_modifier": mod,
        }  # fmt: skip
        f = figures[
            (figures["indicator"] == c["indicator"])
            & (figures["period"].astype(str) == str(year))
            & (figures["kind"] == kind)
            & (figures["status"] == "found")
        ]
        source_year = year if kind != "outcome" else year + 1
        f = f.sort_values(["year", "start"])
        same = f[(f["value"] - float(c["value"])).abs() < 1e-9 * max(1.0, abs(float(c["value"])))]
        best = same.iloc[0] if not same.empty else (f.iloc[0] if not f.empty else None)
        if best is None:
            row["verdict"] = "not found" if source_year in have else "no report"
        else:
            row.update(
                found_value=best["value"], found_modifier=best["modifier"], doc_id=best["doc_id"],
                start=best["start"], end=best["end"], surface=best["surface"], sentence=best["sentence"],
            )  # fmt: skip
            if same.empty:
                row["verdict"] = "value differs"
            elif mod is not None and mod != best["modifier"]:
                row["verdict"] = "modifier differs"
            else:
                row["verdict"] = "agrees"
        out.append(row)
    return pd.DataFrame(out, columns=VERIFY_COLUMNS)


def read_claims(path: str | Path) -> pd.DataFrame:
    """A claims CSV (indicator, year, kind, value[, modifier]); a missing or unreadable file names itself."""
    p = Path(path)
    if not p.is_file():
        raise PolicytextError(f"{p}: claims file not found")
    try:
        claims = pd.read_csv(p)
    except (ValueError, OSError) as e:
        raise PolicytextError(f"{p}: not a readable CSV ({e})") from e
    missing = [c for c in ("indicator", "year", "kind", "value") if c not in claims.columns]
    if missing:
        raise PolicytextError(f"{p}: missing column(s) {', '.join(missing)} (have {', '.join(claims.columns)})")
    return claims
