"""Reader b's labels for the second #20 top-up pool are complete and use taxonomy ids."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_reader_b_topup2_labels_are_taxonomy_ids() -> None:
    labels = pd.read_csv(ROOT / "annotations" / "topics" / "ko-topup2-reader-b.csv")
    taxonomy = yaml.safe_load((ROOT / "src/policytext/data/topics/policy_areas.yaml").read_text(encoding="utf-8"))
    assert list(labels.columns) == ["unit_id", "label", "confidence", "note"]
    assert len(labels) == 240 and labels["unit_id"].is_unique
    assert labels["unit_id"].str.fullmatch(r"kr-speech-\d+:\d+").all()
    assert set(labels["label"]) <= {a["id"] for a in taxonomy["areas"]}
    assert set(labels["confidence"]) == {"high", "low"}
    assert labels["note"].notna().all()
