"""The settled held-out targets gold passes the gold checker, and the agreement script matches rows as documented."""

from __future__ import annotations

import yaml

from .conftest import ROOT, load_script

GOLD = ROOT / "annotations" / "targets"


def test_heldout_files_pass_the_gold_checker() -> None:
    check = load_script("check_targets_gold")
    documents = check.load_documents()
    lexicon = yaml.safe_load((ROOT / "src/policytext/data/targets/indicators.yaml").read_text(encoding="utf-8"))
    indicators = {entry["id"] for entry in lexicon["indicators"]}
    for lang, rows in (("zh", 47), ("ko", 103)):
        path = GOLD / f"heldout-{lang}.csv"
        assert check.check_file(path, documents, indicators) == 0
        assert len(path.read_text(encoding="utf-8").splitlines()) == rows + 1


def test_agreement_strict_and_lenient_keys() -> None:
    agreement = load_script("targets_agreement")
    a = agreement.load_rows(GOLD / "heldout-ko.csv")
    same = agreement.compare(a, a, agreement.STRICT)
    assert (same.matched, same.f1) == (len(a), 1.0)
    # one row read with another modifier: a strict miss on both sides, still a lenient match
    b = [dict(r) for r in a]
    b[0]["modifier"] = "around" if b[0]["modifier"] != "around" else "point"
    b[1]["value"] = b[1]["value"] + ".0"  # 5 and 5.0 are the same value
    strict = agreement.compare(a, b, agreement.STRICT)
    assert (strict.matched, len(strict.only_a), len(strict.only_b)) == (len(a) - 1, 1, 1)
    assert agreement.compare(a, b, agreement.LENIENT).f1 == 1.0
    assert agreement.compare(a, b[1:], agreement.LENIENT).recall == (len(a) - 1) / len(a)
