"""The settled ko entity set is well-formed and is what settle_entities.py builds from readers and decisions."""

from __future__ import annotations

import importlib.util
import itertools
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENT = ROOT / "annotations" / "entities"
FIELDS = ["id", "doc_id", "sent_id", "start", "end", "text", "spans", "split", "kind", "year"]


def load_script(name: str) -> ModuleType:
    """Import a script from scripts/ as a module."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def rows(name: str) -> list[dict[str, Any]]:
    """Records of a JSONL file in annotations/entities."""
    return [json.loads(line) for line in (ENT / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_span_is_clean_and_every_document_on_one_side() -> None:
    labels = set(load_script("ner_agreement").LABELS)
    settled = rows("ko.jsonl")
    assert len(settled) == 1530 and len({r["id"] for r in settled}) == 1530
    sides: dict[str, set[str]] = {}
    for r in settled:
        assert list(r) == FIELDS, r["id"]
        sides.setdefault(r["doc_id"], set()).add(r["split"])
        spans = sorted((s["start"], s["end"], s["label"]) for s in r["spans"])
        for s, e, label in spans:
            surface = r["text"][s:e]
            assert label in labels and surface and surface == surface.strip(), (r["id"], s, e, label)
        for left, right in itertools.pairwise(spans):
            assert right[0] >= left[1], (r["id"], left, right)
    assert all(len(v) == 1 for v in sides.values()) and set().union(*sides.values()) == {"train", "test"}


def test_shipped_file_is_the_readers_agreement_plus_the_logged_decisions() -> None:
    settle = load_script("settle_entities")
    a, b = rows("reader-a-ko.jsonl"), rows("reader-b-ko.jsonl")
    built, tally = settle.settle(a, b, rows("decisions-ko.jsonl"))
    assert built == rows("ko.jsonl")
    assert sum(tally.values()) == len(rows("decisions-ko.jsonl")) == 66


def test_an_undecided_difference_or_an_overlap_is_refused() -> None:
    settle = load_script("settle_entities")
    rec = {"id": "d:1", "doc_id": "d", "sent_id": 1, "text": "한국과 미국", "split": "test"}
    a = [{**rec, "spans": [{"start": 0, "end": 2, "label": "GPE"}]}]
    b = [{**rec, "spans": []}]
    with pytest.raises(SystemExit, match=r"1 disagreements without a decision, e.g. \['d:1'\]"):
        settle.settle(a, b, [])
    overlap = [{"start": 0, "end": 2, "label": "GPE"}, {"start": 1, "end": 3, "label": "LOC"}]
    decision = {"id": "d:1", "only_a": a[0]["spans"], "only_b": [], "settled": overlap, "reason": "x"}
    with pytest.raises(SystemExit, match="decision d:1: spans overlap"):
        settle.settle(a, b, [decision])
