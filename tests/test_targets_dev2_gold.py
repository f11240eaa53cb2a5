"""The settled second development gold (dev2) passes the checker, follows its decisions, and is scored as dev."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from policytext import load_corpus
from policytext.evaluation.targets import evaluate_gold_set, match_key

from .conftest import ROOT, load_script

GOLD = ROOT / "annotations" / "targets"
ROWS = {"zh": 33, "ko": 115}


def read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("lang", ["zh", "ko"])
def test_dev2_gold_and_reader_files_pass_the_checker(lang: str) -> None:
    check = load_script("check_targets_gold")
    documents = check.load_documents()
    for name in (f"gold-dev2-{lang}.csv", f"dev2-reader-a-{lang}.csv", f"dev2-reader-b-{lang}.csv"):
        assert check.check_file(GOLD / name, documents) == 0, name
    assert len(read(GOLD / f"gold-dev2-{lang}.csv")) == ROWS[lang]


def test_settled_gold_applies_every_decision() -> None:
    """A dropped reading is absent from the gold, a kept one present (by doc, indicator, kind, period, modifier)."""
    gold = {lang: read(GOLD / f"gold-dev2-{lang}.csv") for lang in ROWS}
    keys = {(*match_key(r, True), float(r["value"]) if r["value"] else None) for rows in gold.values() for r in rows}
    decisions = read(GOLD / "dev2-decisions.csv")
    assert decisions and all(d["reason"] for d in decisions)
    for d in decisions:
        if d["decision"] == "fix surface":
            continue
        chosen = {"drop": None, "reader a": d["reader_a"], "reader b": d["reader_b"], "keep reader b": d["reader_b"]}
        for side in (d["reader_a"], d["reader_b"]):
            if side == "(no row)":
                continue
            kind, period, value, modifier = side.split(" | ")
            indicator = d["row_key"].split(" | ")[0]
            present = (d["doc_id"], indicator, modifier, kind, period, float(value) if value else None) in keys
            assert present == (side == chosen[d["decision"]]), (d["doc_id"], side, d["decision"])


def test_default_dev_gold_includes_dev2_with_document_languages() -> None:
    """`policytext evaluate targets` without files reads gold-*.csv: dev2's rows count as dev, in their language."""
    paths = sorted(GOLD.glob("gold-*.csv"))
    assert {GOLD / "gold-dev2-zh.csv", GOLD / "gold-dev2-ko.csv"} <= set(paths)
    assert not [p for p in paths if "heldout" in p.name]
    rows = {p.name: read(p) for p in paths}
    result = evaluate_gold_set("dev", paths, load_corpus())
    gold = result.scores.set_index("slice")["gold"]
    ko = sum(len(r) for name, r in rows.items() if name.endswith("-ko.csv"))
    zh = sum(len(r) for name, r in rows.items() if name.endswith("-zh.csv"))
    assert gold["ko"] == ko and gold["zh since 2000"] + gold["zh before 2000"] == zh
    assert set(result.documents["doc_id"]) >= {r["doc_id"] for name in ("gold-dev2-zh.csv", "gold-dev2-ko.csv")
                                               for r in rows[name]}  # fmt: skip
