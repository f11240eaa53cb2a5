"""The settled zh and ko entity sets are well-formed; each is the readers' agreement plus the logged third reading
(#19), as settle_entities.py builds it."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import ROOT, load_script

ENT = ROOT / "annotations" / "entities"
FIELDS = ["id", "doc_id", "sent_id", "start", "end", "text", "spans", "split", "kind", "year"]


def rows(name: str) -> list[dict[str, Any]]:
    """Records of a JSONL file in annotations/entities."""
    return [json.loads(line) for line in (ENT / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def keys(spans: list[dict[str, Any]]) -> set[tuple[int, int, str]]:
    """Spans as (start, end, label)."""
    return {(s["start"], s["end"], s["label"]) for s in spans}


@pytest.mark.parametrize(("lang", "size"), [("zh", 1500), ("ko", 1530)])
def test_every_span_is_a_clean_nonoverlapping_name_with_a_guideline_label(lang: str, size: int) -> None:
    labels = set(load_script("ner_agreement").LABELS)
    settled = rows(f"{lang}.jsonl")
    assert len(settled) == size and len({r["id"] for r in settled}) == size
    for r in settled:
        assert list(r) == FIELDS, r["id"]
        assert r["split"] in ("train", "test") and r["id"] == f"{r['doc_id']}:{r['sent_id']}"
        spans = sorted((s["start"], s["end"], s["label"]) for s in r["spans"])  # a list: a doubled span overlaps
        for s, e, label in spans:
            surface = r["text"][s:e]
            assert label in labels and surface and surface == surface.strip(), (r["id"], s, e, label)
        for left, right in itertools.pairwise(spans):
            assert right[0] >= left[1], (r["id"], left, right)


@pytest.mark.parametrize("lang", ["zh", "ko"])
def test_no_document_is_on_both_sides_of_the_split(lang: str) -> None:
    sides: dict[str, set[str]] = {}
    for r in rows(f"{lang}.jsonl"):
        sides.setdefault(r["doc_id"], set()).add(r["split"])
    assert all(len(v) == 1 for v in sides.values()) and set().union(*sides.values()) == {"train", "test"}


def test_zh_settled_set_is_agreement_plus_logged_decisions() -> None:
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


def test_ko_shipped_file_is_the_readers_agreement_plus_the_logged_decisions() -> None:
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


def test_settle_checks_reader_spans_with_the_agreement_checker() -> None:
    settle = load_script("settle_entities")
    rec = {"id": "d:1", "doc_id": "d", "sent_id": 1, "text": "한국과 미국", "split": "test"}
    for span, error in (({"start": 0, "end": 2, "label": "NATION"}, "unknown label 'NATION'"),
                        ({"start": 4, "end": 9, "label": "GPE"}, "span 4-9 outside the text"),
                        ({"start": 0, "label": "GPE"}, "bad span")):  # fmt: skip
        a = [{**rec, "spans": [span]}]
        with pytest.raises(SystemExit, match=f"^reader a d:1: {error}"):
            settle.settle(a, [{**rec, "spans": []}], [])


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
