from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from policytext import PolicytextError, load_corpus
from policytext.keywords import count, find_hits

from .conftest import CORPORA

SPEECHES = CORPORA / "ko" / "presidential" / "speeches.parquet"


@pytest.fixture(scope="module")
def speeches():  # type: ignore[no-untyped-def]
    return load_corpus(SPEECHES)


def test_speeches_table_is_a_corpus(speeches) -> None:  # type: ignore[no-untyped-def]
    assert len(speeches) == 8771 and not speeches.skipped
    meta = speeches.metadata()
    assert {"president", "kind", "title", "date", "year"} <= set(meta.columns)
    assert sum(len(d.text) for d in speeches) > 21_000_000
    d = speeches["kr-speech-1305396"]  # also a budget address file in ../shared
    assert d.lang == "ko" and d.year == 1964 and d.provenance.row is not None
    assert meta["year"].isna().sum() > 0  # undated speeches keep an explicit missing year


def test_filters_where_since_until(speeches) -> None:  # type: ignore[no-untyped-def]
    new_year = speeches.filter(where="kind == '신년사'", since=2000, until=2022)
    assert len(new_year) > 10
    assert all(d.meta["kind"] == "신년사" and 2000 <= d.year <= 2022 for d in new_year)
    with pytest.raises(PolicytextError, match="nope"):
        speeches.filter(where="nope == 1")


def test_korean_walkthrough_counts_by_president(speeches) -> None:  # type: ignore[no-untyped-def]
    recent = speeches.filter(since=2013)
    counts = count(list(recent), ["인공지능", "4차 산업혁명"], by=["president"])
    assert counts.columns[0] == "president" and "group" not in counts.columns
    table = counts.pivot_table(index="president", columns="term_or_concept", values="count", aggfunc="sum")
    assert table.loc["문재인", "인공지능"] > table.loc["박근혜", "인공지능"] > 0
    hits = find_hits(list(recent), ["4차 산업혁명"])
    assert counts["count"].sum() >= len(hits) > 100


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".xlsx", ".tsv"])
def test_other_table_formats_give_the_same_documents(tmp_path: Path, suffix: str) -> None:
    df = pd.read_parquet(SPEECHES).head(20)
    df.loc[3, "text"] = ""
    p = tmp_path / f"speeches{suffix}"
    if suffix == ".csv":
        df.to_csv(p, index=False)
    elif suffix == ".tsv":
        df.to_csv(p, index=False, sep="\t")
    elif suffix == ".jsonl":
        df.to_json(p, orient="records", lines=True, force_ascii=False)
    else:
        df.to_excel(p, index=False)
    corpus = load_corpus(p)
    assert len(corpus) == 19 and len(corpus.skipped) == 1 and "empty text" in corpus.skipped[0].reason
    assert [d.id for d in corpus] == [i for k, i in enumerate(df["id"]) if k != 3]
    assert corpus[0].text == df["text"].iloc[0]


def test_table_without_text_column_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "notext.csv"
    pd.DataFrame({"id": ["a"], "body_text": ["경제"]}).to_csv(p, index=False)
    corpus = load_corpus(p)
    assert not len(corpus) and "no text column" in corpus.skipped[0].reason
    assert len(load_corpus(p, text_col="body_text")) == 1


def test_near_duplicates(speeches, budget_dir: Path) -> None:  # type: ignore[no-untyped-def]
    from policytext.dedupe import jaccard, near_duplicates, shingles

    budget = list(load_corpus(budget_dir))
    pairs = near_duplicates(budget)
    assert {(a, b) for a, b in zip(pairs["doc_a"], pairs["doc_b"], strict=True)} == {
        ("kr-speech-1310285", "kr-speech-1330015")
    }  # the undated copy of the 2008 address, and nothing else
    a, b = load_corpus(budget_dir)["kr-speech-1310285"], load_corpus(budget_dir)["kr-speech-1330015"]
    assert pairs["similarity"].iloc[0] == round(jaccard(shingles(a.view().text), shingles(b.view().text)), 4) > 0.8
    many = near_duplicates(list(speeches))
    assert len(many) > 100 and (many["similarity"] >= 0.8).all()
