"""The #20 top-up sampler reads its word file and caps draws per document; reader a's labels are well formed."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
import yaml

from .conftest import ROOT, load_script


def test_word_file_gives_360_units_and_spaces_match_any_whitespace() -> None:
    topup = load_script("sample_topic_topup")
    words = topup.load_words(topup.WORDS)
    assert set(words) == {"demand", "finance_risk", "digital", "health"}
    assert sum(n for n, _ in words.values()) == 360
    pattern = words["demand"][1]
    assert pattern.search("수요진작") and pattern.search("수요 진작") and not pattern.search("수요 예측")


def test_bad_word_file_names_file_and_area(tmp_path: Path) -> None:
    topup = load_script("sample_topic_topup")
    bad = tmp_path / "words.yaml"
    bad.write_text("areas:\n  demand:\n    n: ten\n    words: [소비]\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"words\.yaml.*demand"):
        topup.load_words(bad)


def test_draw_caps_units_per_document_and_spreads_decades() -> None:
    topup = load_script("sample_topic_topup")
    rows = [
        {"unit_id": f"d{d}:{i}", "doc_id": f"d{d}", "decade": 1960 + 10 * (d % 3), "president": str(d % 2)}
        for d in range(6)
        for i in range(20)
    ]
    got = topup.draw(rows, 30, random.Random(1), Counter())
    assert len(got) == 30
    assert max(Counter(r["doc_id"] for r in got).values()) <= topup.PER_DOC
    assert Counter(r["decade"] for r in got) == {1960: 10, 1970: 10, 1980: 10}


def test_round2_word_file_has_tight_phrases_and_a_document_cap() -> None:
    topup = load_script("sample_topic_topup")
    words = topup.load_words(topup.WORDS, 2)
    assert {a: n for a, (n, _) in words.items()} == {"demand": 120, "finance_risk": 100, "digital": 20}
    assert words["demand"][1].search("내수진작") and not words["demand"][1].search("소비절약")
    assert words["finance_risk"][1].search("금융감독원") and not words["finance_risk"][1].search("국제금융")
    assert topup.load_round(topup.WORDS, 2)["per_doc"] == 4
    assert topup.load_round(topup.WORDS, 3)["per_doc"] == 3
    with pytest.raises(ValueError, match="round9"):
        topup.load_round(topup.WORDS, 9)


def test_draw_with_decade_weights_favours_heavy_decades() -> None:
    topup = load_script("sample_topic_topup")
    rows = [{"unit_id": f"d{d}:{i}", "doc_id": f"d{d}", "decade": 1970 + 20 * (d % 2), "president": "p"}
            for d in range(10) for i in range(10)]  # fmt: skip
    got = topup.draw(rows, 30, random.Random(1), Counter(), cap=4, weights={1970: 1.0, 1990: 2.0})
    assert Counter(r["decade"] for r in got) == {1970: 10, 1990: 20}
    assert max(Counter(r["doc_id"] for r in got).values()) <= 4


def test_reader_a_labels_are_taxonomy_ids() -> None:
    labels = pd.read_csv(ROOT / "annotations" / "topics" / "ko-topup-reader-a.csv")
    taxonomy = yaml.safe_load((ROOT / "src/policytext/data/topics/policy_areas.yaml").read_text(encoding="utf-8"))
    assert len(labels) == 360 and labels["unit_id"].is_unique
    assert set(labels["label"]) <= {a["id"] for a in taxonomy["areas"]}
    assert set(labels["confidence"]) == {"high", "low"}


def test_reader_a_topup2_labels_cover_the_pool_with_taxonomy_ids() -> None:
    labels = pd.read_csv(ROOT / "annotations" / "topics" / "ko-topup2-reader-a.csv")
    taxonomy = yaml.safe_load((ROOT / "src/policytext/data/topics/policy_areas.yaml").read_text(encoding="utf-8"))
    assert list(labels.columns) == ["unit_id", "label", "confidence", "note"]
    assert len(labels) == 240 and labels["unit_id"].is_unique
    assert set(labels["label"]) <= {a["id"] for a in taxonomy["areas"]}
    assert set(labels["confidence"]) == {"high", "low"}
    assert labels["note"].notna().all()
