"""Entities: rules with normalised values, the shipped spaCy pipelines, linking, exports that round-trip."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from policytext import document_from_text, load_corpus
from policytext.cli import app
from policytext.entities import LABELS, entities, nlp
from policytext.entities import export as ex
from policytext.entities.rules import rule_spans

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("text", "lang", "label", "norm"),
    [
        ("投入3,000억 위안", "ko", "MONEY", "300000000000 CNY"),
        ("安排1万3000亿元", "zh", "MONEY", "1300000000000 CNY"),
        ("发行1.3万亿元", "zh", "MONEY", "1300000000000 CNY"),
        ("增长5%左右", "zh", "PERCENT", "~5 %"),
        ("5.5% 이내로", "ko", "PERCENT", "≤5.5 %"),
        ("2025年3月5日开幕", "zh", "DATE", "2025-03-05"),
        ("3월 6일 발표", "ko", "DATE", "2025-03-06"),
        ("城镇新增就业1200万人以上", "zh", "QUANTITY", "≥12000000 persons"),
    ],
)
def test_rule_values(text: str, lang: str, label: str, norm: str) -> None:
    spans = [s for s in rule_spans(text, lang, 2025) if s.label == label]
    assert [s.norm for s in spans] == [norm]


@pytest.mark.parametrize("lang", ["zh", "ko"])
def test_nlp_is_a_spacy_pipeline_with_our_labels(lang: str) -> None:
    pipe = nlp(lang)
    assert "ner" in pipe.pipe_names and pipe.pipe_names[-1] == "policytext_entities"
    zh, ko = "国务院总理李强在北京会见了来访的韩国总统。", "문재인 대통령은 서울에서 시진핑 주석과 만났다."
    text = zh if lang == "zh" else ko
    doc = pipe(text)
    assert doc.text == text
    assert {e.label_ for e in doc.ents} <= set(LABELS) and doc.ents
    assert {e._.source for e in doc.ents} <= {"model", "rule:number", "rule:date", "rule:gazetteer", "rule:alias"}


@pytest.fixture(scope="module")
def gwr2025() -> list:
    return [d for d in load_corpus(ROOT / "corpora" / "gwr") if d.meta.get("year") == 2025]


@pytest.fixture(scope="module")
def mentions2025(gwr2025: list) -> pd.DataFrame:
    return entities(gwr2025)


def test_report_mentions_trace_to_the_text(gwr2025: list, mentions2025: pd.DataFrame) -> None:
    text = gwr2025[0].text
    assert list(mentions2025.columns[:6]) == ["doc_id", "year", "lang", "sent_id", "start", "end"]
    assert all(str(mentions2025[c].dtype) == "Int64" for c in ("year", "sent_id", "start", "end"))
    assert all(text[r.start : r.end] == r.surface for r in mentions2025.itertuples())
    pol = mentions2025[mentions2025["label"] == "POLICY"]
    assert {"以旧换新", "一带一路"} <= set(pol["surface"])
    money = mentions2025[(mentions2025["label"] == "MONEY") & (mentions2025["surface"] == "1.3万亿元")]
    assert not money.empty and set(money["norm"]) == {"1300000000000 CNY"}


def test_exports_round_trip(tmp_path: Path, gwr2025: list, mentions2025: pd.DataFrame) -> None:
    key = ["doc_id", "start", "end", "label"]
    want = mentions2025[key].sort_values(key).reset_index(drop=True)
    back = ex.read_jsonl(ex.write_jsonl(mentions2025, tmp_path / "e.jsonl"))
    pd.testing.assert_frame_equal(back[key].sort_values(key).reset_index(drop=True), want, check_dtype=False)
    db = ex.read_docbin(ex.write_docbin(mentions2025, {d.id: d for d in gwr2025}, tmp_path / "e.spacy"), "zh")
    pd.testing.assert_frame_equal(db[key].sort_values(key).reset_index(drop=True), want, check_dtype=False)
    conll = ex.write_conll(mentions2025, {d.id: d for d in gwr2025}, tmp_path / "e.conll").read_text("utf-8")
    assert "\tB-POLICY" in conll and "\tI-MONEY" in conll


def test_korean_brief_links_chinese_names() -> None:
    path = ROOT.parent / "shared" / "corpora" / "ko" / "reports" / "kiet-2025-china-two-sessions-ai.txt"
    doc = document_from_text(path.read_text(encoding="utf-8"), "kiet", lang="ko", meta={"year": 2025})
    m = entities([doc])
    by_surface = m.drop_duplicates("surface").set_index("surface")
    assert by_surface.loc["라오민", "label"] == "PERSON"
    assert by_surface.loc["라오민", "entity_id"] == by_surface.loc["廖岷", "entity_id"] != ""
    assert by_surface.loc["리창", "entity_id"] == by_surface.loc["李强", "entity_id"] != ""
    assert by_surface.loc["샤오미", "label"] == "ORG"


def test_cli_summary_and_formats(tmp_path: Path) -> None:
    runner = CliRunner()
    r = runner.invoke(app, ["entities", "bundled:gwr", "--since", "2025", "--summary", "--by", "year"])
    assert r.exit_code == 0, r.output
    out = tmp_path / "e.csv"
    r = runner.invoke(app, ["entities", "bundled:gwr", "--since", "2025", "--label", "money", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert set(pd.read_csv(out)["label"]) == {"MONEY"}


def test_unsupported_language_names_the_document() -> None:
    from policytext import PolicytextError
    from policytext.targets import extract_targets

    doc = document_from_text("The State Council met in Beijing.", "english-note", lang="en")
    with pytest.raises(PolicytextError, match="english-note"):
        entities([doc])
    with pytest.raises(PolicytextError, match="english-note"):
        extract_targets([doc])


def test_korean_gazetteer_hits_are_whole_nominal_morphemes(nk_dir: Path) -> None:
    """Phrases of the NK New Year addresses where an alias is part of another word or a particle."""
    texts = {y: (nk_dir / f"{y}.txt").read_text("utf-8-sig") for y in (1994, 2018, 2019)}
    phrases = ["<문민정권>이란 허울뿐이고", "평화적 환경부터", "과학기술부문에서", "교통운수부문에서",
               "온 나라 가정의 건강"]  # fmt: skip
    for ph in phrases:
        assert any(ph in t for t in texts.values()), ph
    ents = entities([document_from_text("  ".join(phrases), "nk-phrases", lang="ko")])
    assert not (set(ents["entity_id"]) & {"gpe:iran", "org:kr_me", "org:kr_most", "org:cn_mot",
                                          "policy:family_doctors"})  # fmt: skip
    named = entities([document_from_text("이란과 일본, 환경부와 과학기술부가 만났다.", "names", lang="ko")])
    assert {"gpe:iran", "gpe:japan", "org:kr_me", "org:kr_most"} <= set(named["entity_id"])
