"""The settled #20 topic-label files: every disagreement has a third-reading decision, and the files rebuild from
the pools, the readers' labels and the decisions (so nothing in them was edited by hand)."""

from __future__ import annotations

import pandas as pd
import pytest

from policytext.topics.taxonomy import load_taxonomy

from .conftest import ROOT, load_script

TOPICS = ROOT / "annotations" / "topics"
# (settled file, pool, reader a, reader b, decisions)
SETS = [
    ("ko-units.csv", "pools/ko-units.csv", "ko-reader-a.csv", "ko-reader-b.csv", "decisions-ko.csv"),
    ("zh-units.csv", "pools/zh-units.csv", "zh-reader-a.csv", "zh-reader-b.csv", "decisions-zh.csv"),
    ("ko-topup-units.csv", "pools/ko-topup.csv", "ko-topup-reader-a.csv", "ko-topup-reader-b.csv",
     "decisions-ko-topup.csv"),
    ("ko-topup2-units.csv", "pools/ko-topup2.csv", "ko-topup2-reader-a.csv", "ko-topup2-reader-b.csv",
     "decisions-ko-topup2.csv"),
    ("ko-topup3-units.csv", "pools/ko-topup3.csv", "ko-topup3-reader-a.csv", "ko-topup3-reader-b.csv",
     "decisions-ko-topup3.csv"),
]  # fmt: skip


@pytest.mark.parametrize(("settled", "pool", "a", "b", "decisions"), SETS, ids=[s[0] for s in SETS])
def test_settled_file_rebuilds(settled: str, pool: str, a: str, b: str, decisions: str) -> None:
    readers = {"a": pd.read_csv(TOPICS / a), "b": pd.read_csv(TOPICS / b)}
    dec = pd.read_csv(TOPICS / decisions)
    both = readers["a"].merge(readers["b"], on="unit_id", suffixes=("_a", "_b"))
    differ = both[both["label_a"] != both["label_b"]]
    assert set(dec["unit_id"]) == set(differ["unit_id"])
    assert (dec.set_index("unit_id")[["reader_a", "reader_b"]].sort_index().to_numpy()
            == differ.set_index("unit_id")[["label_a", "label_b"]].sort_index().to_numpy()).all()  # fmt: skip
    assert dec["reason"].str.len().min() > 20
    rebuilt = load_script("settle_topic_labels").settle(pd.read_csv(TOPICS / pool), readers, dec)
    got = pd.read_csv(TOPICS / settled)
    assert list(got["unit_id"]) == list(rebuilt["unit_id"])
    assert list(got["label"]) == list(rebuilt["label"])
    assert set(got["label"]) <= set(load_taxonomy())
    assert got.loc[got["unit_id"].isin(dec["unit_id"]), "agreed"].eq(False).all()
