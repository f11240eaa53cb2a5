"""The settled zh entity set is well-formed and is the readers' agreement plus the logged third reading (#19)."""

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


def keys(spans: list[dict[str, Any]]) -> set[tuple[int, int, str]]:
    """Spans as (start, end, label)."""
    return {(s["start"], s["end"], s["label"]) for s in spans}


def test_every_span_is_a_clean_nonoverlapping_name_with_a_guideline_label() -> None:
    labels = set(load_script("ner_agreement").LABELS)
    settled = rows("zh.jsonl")
    assert len(settled) == 1500 and len({r["id"] for r in settled}) == 1500
    for r in settled:
        assert list(r) == FIELDS, r["id"]
        assert r["split"] in ("train", "test") and r["id"] == f"{r['doc_id']}:{r['sent_id']}"
        spans = sorted(keys(r["spans"]))
        for s, e, label in spans:
            surface = r["text"][s:e]
            assert label in labels and surface and surface == surface.strip(), (r["id"], s, e, label)
        for left, right in itertools.pairwise(spans):
            assert right[0] >= left[1], (r["id"], left, right)


def test_no_document_is_on_both_sides_of_the_split() -> None:
    sides: dict[str, set[str]] = {}
    for r in rows("zh.jsonl"):
        sides.setdefault(r["doc_id"], set()).add(r["split"])
    assert all(len(v) == 1 for v in sides.values())


def test_settled_set_is_agreement_plus_logged_decisions() -> None:
    a, b = ({r["id"]: keys(r["spans"]) for r in rows(f)} for f in ("reader-a-zh.jsonl", "reader-b-zh.jsonl"))
    decisions = {d["id"]: d for d in rows("decisions-zh.jsonl")}
    assert set(decisions) == {i for i in a if a[i] != b[i]}
    for r in rows("zh.jsonl"):
        i = r["id"]
        if i not in decisions:
            assert keys(r["spans"]) == a[i] == b[i]
            continue
        d = decisions[i]
        assert keys(d["only_a"]) == a[i] - b[i] and keys(d["only_b"]) == b[i] - a[i] and d["reason"]
        assert keys(r["spans"]) == (a[i] & b[i]) | keys(d["settled"]), i
        assert all(r["text"][s["start"] : s["end"]] == s["text"] for s in d["settled"])


@pytest.mark.parametrize("swap", [False, True])
def test_agreement_is_symmetric_and_perfect_against_itself(swap: bool) -> None:
    ag = load_script("ner_agreement")
    a, b = ag.read(ENT / "reader-a-zh.jsonl"), ag.read(ENT / "reader-b-zh.jsonl")
    first, second = (b, a) if swap else (a, b)
    both = ag.total(ag.compare(first, second))
    assert 0.9 < both.f1 < 1.0
    assert ag.total(ag.compare(a, b)).f1 == pytest.approx(ag.total(ag.compare(b, a)).f1)
    assert ag.total(ag.compare(a, a)) == (both.matched + (both.only_b if swap else both.only_a), 0, 0)
    scored = ag.compare(a, b, ag.SCORED)
    assert set(scored) <= {"PERSON", "ORG", "GPE+LOC"} and "GPE+LOC" in scored
    assert len(ag.disagreements(a, b)) == len(rows("decisions-zh.jsonl"))


def test_bad_span_names_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x:1", "text": "中国", "spans": [{"start": 0, "end": 5, "label": "GPE"}]}\n',
                   encoding="utf-8")  # fmt: skip
    with pytest.raises(SystemExit, match=r"bad.jsonl:1 \(x:1\): span 0-5 outside the text"):
        load_script("ner_agreement").read(bad)
