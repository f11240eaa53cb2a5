"""The settled held-out targets gold passes the gold checker, and the agreement script matches rows as documented."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from .conftest import ROOT, load_script

GOLD = ROOT / "annotations" / "targets"


def test_heldout_files_pass_the_gold_checker() -> None:
    check = load_script("check_targets_gold")
    documents = check.load_documents()
    for lang, rows in (("zh", 47), ("ko", 103)):
        path = GOLD / f"heldout-{lang}.csv"
        assert check.check_file(path, documents) == 0
        assert len(path.read_text(encoding="utf-8").splitlines()) == rows + 1


def test_gold_checker_applies_the_evaluation_rules_and_its_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    check = load_script("check_targets_gold")
    lines = (GOLD / "heldout-zh.csv").read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "bad.csv"
    rows = list(csv.reader(lines))
    rows[1][3] = "wish"  # kind: read_gold's rule
    rows[2][10] = "not in the report"  # context (and so surface): the checker's own rules
    with open(bad, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    assert check.check_file(bad, check.load_documents()) == 3
    out = capsys.readouterr().out
    assert "line 2: kind 'wish'" in out and ":3: " in out and "context not found" in out


def test_agreement_strict_and_lenient_keys() -> None:
    agreement = load_script("targets_agreement")
    a = agreement.load_rows(GOLD / "heldout-ko.csv")
    same = agreement.compare(a, a, strict=True)
    assert (same.matched, same.f1) == (len(a), 1.0)
    # one row read with another kind: a strict miss on both sides, still a lenient match
    b = [dict(r) for r in a]
    b[0]["kind"] = "outcome" if b[0]["kind"] != "outcome" else "target"
    b[1]["value"] = b[1]["value"] + ".0"  # 5 and 5.0 are the same value
    strict = agreement.compare(a, b, strict=True)
    assert (strict.matched, len(strict.only_a), len(strict.only_b)) == (len(a) - 1, 1, 1)
    assert agreement.compare(a, b, strict=False).f1 == 1.0
    assert agreement.compare(a, b[1:], strict=False).recall == (len(a) - 1) / len(a)
    # the lenient key keeps the modifier, as the evaluation's does: another modifier is a miss either way
    c = [dict(r) for r in a]
    c[0]["modifier"] = "around" if c[0]["modifier"] != "around" else "point"
    assert agreement.compare(a, c, strict=False).matched == len(a) - 1
