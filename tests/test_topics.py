"""Policy-area classification with the shipped models, on real Chinese and Korean reports."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from policytext import PolicytextError, document_from_text, load_corpus
from policytext.cli import app
from policytext.topics import classify, load_model, load_taxonomy, shares
from policytext.topics.classify import default_model_dir

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gwr2025() -> list:
    return [d for d in load_corpus(ROOT / "corpora" / "gwr") if d.meta.get("year") == 2025]


def test_shipped_models_cover_the_taxonomy() -> None:
    areas = set(load_taxonomy())
    for lang in ("zh", "ko"):
        model, card = load_model(default_model_dir(lang))
        assert set(model.classes_) <= areas
        assert card["format"] == "skops" and card["n_units"] > 500


def test_sentences_with_offsets_and_runner_up(gwr2025: list) -> None:
    df = classify(gwr2025, "sentence")
    doc = gwr2025[0]
    assert len(df) == len(doc.sentences())
    assert all(doc.text[r.start : r.end] == r.text for r in df.itertuples())
    assert (df["prob"] >= df["runner_up_prob"]).all() and (df["area"] != df["runner_up"]).all()
    taiwan = df[df["text"].str.contains("九二共识")]
    assert not taiwan.empty and set(taiwan["area"]) == {"hmt"}


def test_korean_paragraphs() -> None:
    text = (
        "국방비는 자주국방 태세를 확립하기 위하여 전년도보다 크게 늘려 편성하였습니다. 북한의 도발에 대비하여 "
        "전력 증강과 장병 처우 개선에 중점을 두었습니다.\n농어촌 소득 증대를 위하여 농업 기반 시설과 "
        "영농 자금 지원을 확대하였습니다."
    )
    doc = document_from_text(text, doc_id="ko-test", lang="ko", meta={"year": 2000})
    df = classify([doc], "paragraph")
    assert df["area"].tolist() == ["defence_foreign", "agriculture"]


def test_shares_sum_to_one(gwr2025: list) -> None:
    tab = shares(classify(gwr2025, "paragraph"), ["year"])
    assert tab.columns[0] == "year" and "group" not in tab.columns and set(tab["year"]) == {2025}
    assert tab.groupby("year")["share"].sum().round(3).tolist() == [1.0]
    assert tab.groupby("year")["char_share"].sum().round(3).tolist() == [1.0]


def test_untrusted_model_types_are_refused(tmp_path: Path) -> None:
    import fractions

    import skops.io as sio

    sio.dump(fractions.Fraction(1, 3), tmp_path / "model.skops")  # any type outside sklearn/NumPy/SciPy
    with pytest.raises(PolicytextError, match="refusing"):
        load_model(tmp_path)


def test_cli_shares_sections_and_explore(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "shares.csv"
    r = runner.invoke(app, ["topics", "bundled:gwr", "--since", "2024", "--shares", "--by", "year", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert set(pd.read_csv(out)["year"]) == {2024, 2025}
    r = runner.invoke(app, ["topics", "bundled:gwr", "--since", "2025", "--unit", "section", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert (pd.read_csv(out)["unit"] == "section").all()
    r = runner.invoke(app, ["topics", "explore", "bundled:ko-budget", "--since", "2015", "-k", "4", "-o", str(out)])
    assert r.exit_code == 0, r.output
    weights = pd.read_csv(out)
    assert weights.filter(like="topic_").sum(axis=1).round(3).eq(1.0).all()
