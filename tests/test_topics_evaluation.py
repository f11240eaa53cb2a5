"""Topic evaluation on real labels: folds never split a document, rare areas are reported, decades are scored."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from policytext import PolicytextError
from policytext.evaluation.topics import (
    attach_units,
    cross_validate,
    decade,
    evaluate_topics,
    fold_of,
    labelled_corpus,
    read_labels,
)
from policytext.topics.classify import MIN_EXAMPLES, fit

ROOT = Path(__file__).resolve().parents[1]
ZH = ROOT / "annotations" / "topics" / "zh-sentences.csv"
KO = ROOT / "annotations" / "topics" / "ko-paragraphs.csv"


@pytest.fixture(scope="module")
def small_sets(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two labelled Chinese report years and three Korean addresses (real labels, cut to keep the test short)."""
    d = tmp_path_factory.mktemp("labels")
    zh = pd.read_csv(ZH)
    ko = pd.read_csv(KO)
    zh[zh["year"].isin([2019, 2023])].to_csv(d / "zh-small.csv", index=False)
    ko[ko["doc_id"].isin(ko["doc_id"].drop_duplicates().iloc[:3])].to_csv(d / "ko-small.csv", index=False)
    return d / "zh-small.csv", d / "ko-small.csv"


def test_many_groups_fold_by_group() -> None:
    groups = pd.Series([f"doc{i // 3}" for i in range(90)])  # 30 documents
    folds = fold_of(groups)
    assert folds.nunique() == 10
    assert (groups.groupby(folds).nunique() == 3).all()  # every document in exactly one fold
    assert (folds.groupby(groups).nunique() == 1).all()
    few = pd.Series(["a", "a", "b", "c"])
    assert fold_of(few).tolist() == ["a", "a", "b", "c"]
    assert fold_of(groups, max_folds=None).nunique() == 30  # leave one year out stays one fold per year


def test_rare_areas_are_left_out_and_named(small_sets: tuple[Path, Path]) -> None:
    units = attach_units(read_labels([small_sets[1]]), labelled_corpus())
    counts = units["label"].value_counts()
    model, rare = fit(units)
    assert set(rare) == {str(a) for a in counts[counts < MIN_EXAMPLES].index}
    assert not set(rare) & set(model.classes_)
    proba = model.predict_proba(units[["text", "tokens"]].head(5))
    assert proba.shape == (5, len(model.classes_)) and abs(proba.sum(axis=1) - 1).max() < 1e-6


def test_evaluation_reports_documents_decades_and_baselines(small_sets: tuple[Path, Path]) -> None:
    res = evaluate_topics([small_sets[0]], [small_sets[1]], labelled_corpus())
    zh = res["zh (leave one year out)"]
    assert set(zh["per_fold"]["classifier"]) == {"2019", "2023"}
    assert set(zh["per_decade"]) == {"2010s", "2020s"}
    assert zh["macro_f1"]["classifier"] > zh["macro_f1"]["keywords"] > zh["macro_f1"]["majority"]
    ko = res["ko (document held out)"]
    assert len(ko["per_fold"]["classifier"]) == 3 and ko["n"] == len(pd.read_csv(small_sets[1]))
    assert set(res["ko (leave one decade out)"]["per_fold"]["classifier"]) <= {decade(y) for y in range(1960, 2030)}


def test_units_of_documents_outside_the_corpus_name_the_way_out(tmp_path: Path) -> None:
    bad = tmp_path / "ko-bad.csv"
    pd.DataFrame([{"doc_id": "kr-speech-0", "start": 0, "end": 5, "label": "macro"}]).to_csv(bad, index=False)
    with pytest.raises(PolicytextError, match="--corpus"):
        attach_units(read_labels([bad]), labelled_corpus())


def test_cross_validation_never_trains_on_the_held_out_document(small_sets: tuple[Path, Path]) -> None:
    units = attach_units(read_labels([small_sets[1]]), labelled_corpus())
    folds = cross_validate(units, "doc_id")
    assert sorted(f.fold for f in folds) == sorted(units["doc_id"].unique())
    assert sum(len(f.gold) for f in folds) == len(units)
