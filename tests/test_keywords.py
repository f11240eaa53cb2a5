from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policytext import document_from_text, load_corpus, normalize
from policytext.grouping import labels
from policytext.keywords import compare, count, find_hits, kwic
from policytext.keywords.compare import first_appearance, log_likelihood

TERMS = ["人工智能", "具身智能", "人工智能|AI", "新质生产力", "智能"]


@pytest.fixture(scope="module")
def gwr():  # type: ignore[no-untyped-def]
    from policytext.resources import bundled_corpora

    return list(load_corpus(bundled_corpora("gwr")))


def test_count_kwic_and_compare_agree(gwr) -> None:  # type: ignore[no-untyped-def]
    for rule in ("surface", "token"):
        hits = find_hits(gwr, TERMS, rule=rule)
        counts = count(gwr, TERMS, rule=rule)
        rows = kwic(gwr, hits, 20)
        assert len(rows) == len(hits) == counts["count"].sum()
        for term in TERMS:
            assert (rows["term_or_concept"] == term).sum() == counts.loc[
                counts["term_or_concept"] == term, "count"
            ].sum()
        cmp = compare(counts, "2024", "2025").set_index("term_or_concept")
        assert list(counts.columns[:2]) == ["year", "term_or_concept"] and "group" not in counts.columns
        by = counts.set_index(["year", "term_or_concept"])["count"]
        for term in TERMS:
            assert cmp.loc[term, "count_target"] == by[(2025, term)]
            assert cmp.loc[term, "count_ref"] == by[(2024, term)]
        for r in rows.itertuples():
            doc = next(d for d in gwr if d.id == r.doc_id)
            assert doc.text[r.start : r.end] == r.hit


def test_surface_counts_equal_an_independent_count_of_the_text(gwr) -> None:  # type: ignore[no-untyped-def]
    counts = count(gwr, ["人工智能"], by=["year"]).set_index("year")["count"]
    for doc in gwr:
        expected = normalize(doc.text).text.count("人工智能")
        assert counts[doc.year] == expected or doc.year == 1964


def test_rates_doc_freq_and_every_group_present(gwr) -> None:  # type: ignore[no-untyped-def]
    counts = count(gwr, ["人工智能"])
    assert len(counts) == 52  # every year, zero counts included
    assert str(counts["year"].dtype) == "Int64" and counts["year"].is_monotonic_increasing  # years numerically
    row = counts[counts["year"] == 2025].iloc[0]
    assert row["rate_per_10k"] == pytest.approx(row["count"] / row["n_chars"] * 10_000, abs=1e-4)
    assert row["doc_freq"] == 1 and row["n_docs"] == 1
    assert counts.loc[counts["year"] == 1954, "count"].item() == 0


def test_latin_boundaries_width_and_case() -> None:
    doc = document_from_text("OpenAI 与 AIDS 不是 AI；ＡＩ和ai都是。AI+行动", lang="zh")
    hits = find_hits([doc], ["AI"])
    assert list(hits["surface"]) == ["AI", "ＡＩ", "ai", "AI"]


def test_longest_alias_first_without_overlap() -> None:
    doc = document_from_text("人工智能和智能", lang="zh")
    hits = find_hits([doc], ["人工智能|智能"])
    assert list(hits["surface"]) == ["人工智能", "智能"]
    surface = find_hits([doc], ["智能"])
    token = find_hits([doc], ["智能"], rule="token")
    assert len(surface) == 2 and len(token) == 1  # 智能 inside the token 人工智能 is not a token match


def test_korean_token_rule_and_lemma() -> None:
    doc = document_from_text("정부는 인공지능을 육성했다. 인공지능 산업을 키우고 육성한다.", lang="ko")
    assert len(find_hits([doc], ["인공지능"], rule="token")) == 2
    # 육성했다 and 육성한다 are 육성/NNG + 하/XSV + ending: by lemma, endings aside, both match 육성 하다
    assert len(find_hits([doc], ["육성하다"], rule="token", lemma=True)) == 2
    assert len(find_hits([doc], ["육성하다"], rule="token")) == 0


def test_korean_budget_addresses_with_unknown_year(budget_dir: Path) -> None:
    corpus = list(load_corpus(budget_dir))
    counts = count(corpus, ["경제", "물가"], by=["year"])
    assert counts["year"].isna().any()  # the undated address is kept, in its own group
    assert counts["year"].iloc[-1] is pd.NA  # unknown last
    hits = find_hits(corpus, ["경제", "물가"])
    assert counts["count"].sum() == len(hits) > 1000
    by_president = count(corpus, ["물가"], by=["president"])
    assert list(by_president.columns[:2]) == ["president", "term_or_concept"]
    assert by_president["n_docs"].sum() == 89
    assert "unknown" in set(labels(counts, "term_or_concept"))  # on screen the missing year reads unknown


def test_first_appearance_of_embodied_ai(gwr) -> None:  # type: ignore[no-untyped-def]
    counts = count(gwr, ["具身智能", "新质生产力"])
    fa = first_appearance(counts).set_index("term_or_concept")["first_group"]
    expected = {t: str(min(d.year for d in gwr if t in normalize(d.text).text)) for t in ("具身智能", "新质生产力")}
    assert fa.to_dict() == expected


def test_keyness_log_likelihood_known_value() -> None:
    # a = 10 in 1000, b = 2 in 1000: G2 = 2*(10 ln(10/6) + 2 ln(2/6)) = 5.822...
    assert log_likelihood(10, 2, 1000, 1000) == pytest.approx(5.8221, abs=1e-3)


_words = st.sampled_from(["人工智能", "智能", "发展", "AI", "，", "。", "经济", "具身智能", "OpenAI", "\n"])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(_words, min_size=1, max_size=12), min_size=1, max_size=6))
def test_properties_sum_split_and_slices(parts: list[list[str]]) -> None:
    sentences = ["".join(p) + "。" for p in parts]
    whole = document_from_text("".join(sentences), "whole", lang="zh", meta={"year": 2025})
    pieces = [document_from_text(s, f"p{i}", lang="zh", meta={"year": 2025}) for i, s in enumerate(sentences)]
    terms = ["人工智能", "智能", "AI", "具身智能|人工智能"]
    for rule in ("surface", "token"):
        c_whole = count([whole], terms, rule=rule, by=[]).set_index("term_or_concept")["count"]
        c_pieces = count(pieces, terms, rule=rule, by=[]).set_index("term_or_concept")["count"]
        per_doc = sum(count([p], terms, rule=rule, by=[]).set_index("term_or_concept")["count"] for p in pieces)
        # split at sentence boundaries: unchanged; corpus count = sum over documents
        assert c_whole.to_dict() == c_pieces.to_dict() == per_doc.to_dict()
    hits = find_hits([*pieces, whole], terms)
    rows = kwic([*pieces, whole], hits, 5)
    texts = {d.id: d.text for d in [*pieces, whole]}
    assert all(texts[r.doc_id][r.start : r.end] == r.hit for r in rows.itertuples())
    assert list(rows["hit"]) == list(hits["surface"])


def test_bundled_lexicon_is_consistent_with_the_policy_terms() -> None:
    from policytext.keywords.lexicon import load_lexicon
    from policytext.tokenize.dictionary import read_policy_terms

    lex = load_lexicon()
    assert len(lex.concepts) >= 60
    terms = read_policy_terms()
    area_of = {r["concept"]: r["area"] for r in terms}
    for c in lex.concepts:
        assert c.aliases.get("zh") and c.aliases.get("ko"), c.id
        if c.id in area_of:
            assert c.area == area_of[c.id], c.id
    # every policy term of a lexicon concept is one of its zh aliases: the two lists cannot drift apart
    for r in terms:
        if r["concept"] in lex.ids:
            assert r["zh"] in lex[r["concept"]].aliases["zh"]


def test_concepts_count_in_korean_and_chinese(budget_dir: Path) -> None:
    korean = [d for d in load_corpus(budget_dir) if d.year and d.year >= 2017]
    counts = count(korean, ["ai", "carbon_neutrality"], rule="concept", by=[])
    by = counts.set_index("term_or_concept")["count"]
    hits = find_hits(korean, ["ai"], rule="concept")
    assert by["ai"] == len(hits) > 0 and set(hits["matched"]) <= {"인공지능", "AI", "artificial intelligence"}
    assert by["carbon_neutrality"] > 0
    assert hits["lexicon_version"].str.startswith("policy_concepts@").all()


def test_hanja_reading_counts_hanja_mentions_once() -> None:
    doc = document_from_text("經濟를 再建하였읍니다. 우리 경제(經濟)는 國民經濟입니다.", lang="ko")
    plain = find_hits([doc], ["경제", "하였습니다"])
    assert list(plain["surface"]) == ["경제"]
    hanja = find_hits([doc], ["경제", "하였습니다"], hanja=True)
    # 經濟 and 國民經濟 count by their reading; the gloss (經濟) after 경제 is not a second mention
    assert sorted(hanja.loc[hanja["term_or_concept"] == "경제", "surface"]) == ["經濟", "經濟", "경제"]
    assert list(hanja.loc[hanja["term_or_concept"] == "하였습니다", "surface"]) == ["하였읍니다"]
    zh = document_from_text("经济發展", lang="zh")  # Hanja readings never apply to Chinese documents
    assert find_hits([zh], ["경제"], hanja=True).empty


def test_korean_speeches_hanja_era(nk_dir: Path) -> None:
    from policytext.keywords.lexicon import load_lexicon

    corpus = list(load_corpus(nk_dir))
    plain = count(corpus, ["경제"], by=[]).loc[0, "count"]
    hanja = count(corpus, ["경제"], by=[], hanja=True).loc[0, "count"]
    assert hanja >= plain > 100
    assert load_lexicon()["taiwan"].exclude[-1] == "대만구"


def test_patterns_and_wildcards(gwr) -> None:  # type: ignore[no-untyped-def]
    docs = [d for d in gwr if d.year and d.year >= 2015]
    hits = find_hits(docs, ["re:智能(制造|终端)", "智能*"])
    regex = hits[hits["term_or_concept"] == "re:智能(制造|终端)"]
    assert set(regex["matched"]) <= {"智能制造", "智能终端"} and len(regex) > 3
    expected = sum(len(__import__("re").findall("智能(?:制造|终端)", normalize(d.text).text)) for d in docs)
    assert len(regex) == expected
    wild = hits[hits["term_or_concept"] == "智能*"]
    assert all(m.startswith("智能") for m in wild["matched"]) and len(wild) >= len(regex)
    counts = count(docs, ["re:智能(制造|终端)"])
    assert counts["count"].sum() == len(regex)


def test_korean_wildcard_and_collocations(budget_dir: Path) -> None:
    from policytext.keywords.collocations import collocations

    corpus = [d for d in load_corpus(budget_dir) if d.year and d.year >= 2000]
    hits = find_hits(corpus, ["일자리*"])
    assert len(hits) > 20 and set(hits["matched"]) >= {"일자리"} and any(m != "일자리" for m in hits["matched"])
    col = collocations(corpus, "일자리", window=5, min_freq=2)
    assert len(col) and (col["freq"] <= col["f_collocate"]).all()
    assert col["g2"].is_monotonic_decreasing


def test_public_api_is_short_and_lazy(gwr) -> None:  # type: ignore[no-untyped-def]
    import policytext as pt

    hits = pt.find_hits(gwr, ["具身智能"])
    assert len(pt.kwic(gwr, hits)) == pt.count(gwr, ["具身智能"], hits=hits)["count"].sum() == len(hits)
    with pytest.raises(AttributeError):
        _ = pt.no_such_function  # type: ignore[attr-defined]
