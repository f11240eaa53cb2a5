"""The bundled published-claims set is well formed: every claim has its source, an exact quote inside its passage, a
kind the claims engine knows and a year or span it is about, so a malformed entry fails here and not in `reproduce`."""

from __future__ import annotations

import re
from typing import Any

import pytest

from policytext.resources import data_yaml

KINDS = {"count", "rate", "change", "first_appearance", "last_appearance", "ranking", "cooccurrence", "target", "total"}
CORPORA = {"zh": {"gwr", "provincial"}, "ko": {"speeches", "budget", "nk-new-year"}}
SOURCE_KEYS = ("title", "publisher", "date", "url")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def published() -> dict[str, Any]:
    data: dict[str, Any] = data_yaml("claims", "published.yaml")
    return data


@pytest.fixture(scope="module")
def claims(published: dict[str, Any]) -> list[dict[str, Any]]:
    return list(published["claims"])


def test_header_and_ids(published: dict[str, Any], claims: list[dict[str, Any]]) -> None:
    assert published["id"] == "published"
    ids = [c["id"] for c in claims]
    assert len(ids) == len(set(ids)), "claim ids must be unique"
    assert all(re.fullmatch(r"[a-z0-9][a-z0-9.\-]*", i) for i in ids), "ids: lowercase, digits, hyphens"
    kiet = {c["id"] for c in data_yaml("claims", "kiet-2025.yaml")["claims"]}
    assert not kiet & set(ids), "the KIET claims live in kiet-2025.yaml only"


def test_every_claim_has_source_quote_and_passage(claims: list[dict[str, Any]]) -> None:
    for c in claims:
        src = c["source"]
        assert all(str(src.get(k, "")).strip() for k in SOURCE_KEYS), c["id"]
        assert re.fullmatch(r"https?://\S+", src["url"]), c["id"]
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(src["date"])), c["id"]
        assert c["quote"] in c["passage"], f"{c['id']}: the quote must be exact text of the passage"
        assert len(c["passage"]) <= 1000, c["id"]


def test_kinds_languages_and_corpora(claims: list[dict[str, Any]]) -> None:
    for c in claims:
        assert c["kind"] in KINDS, c["id"]
        assert c["corpus"] in CORPORA[c["lang"]], c["id"]
        script = HANGUL if c["lang"] == "ko" else HAN
        assert all(script.search(t) or t.isascii() for t in c["terms"]), f"{c['id']}: terms in the texts' script"
        assert "published_value" in c, c["id"]


def test_each_claim_says_when(claims: list[dict[str, Any]]) -> None:
    for c in claims:
        assert any(k in c for k in ("year", "years", "since", "until")), c["id"]
        if c["kind"] in {"change"}:
            assert "compared_to" in c and "direction" in c, c["id"]
        if c["kind"] in {"first_appearance", "last_appearance"}:
            assert c["terms"] and isinstance(c["published_value"], int), c["id"]
        if c["kind"] == "target":
            assert c.get("indicator") and c.get("target_kind") in {"target", "outcome"}, c["id"]


def test_counts_by_language_meet_the_brief(claims: list[dict[str, Any]]) -> None:
    by = {(c["lang"], c["corpus"]) for c in claims}
    assert sum(c["corpus"] == "gwr" for c in claims) >= 20
    assert sum(c["lang"] == "ko" for c in claims) >= 8
    assert {("ko", "speeches"), ("ko", "budget"), ("ko", "nk-new-year"), ("zh", "provincial")} <= by
