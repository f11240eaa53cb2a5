"""Targets and outcomes from the real reports: extraction, tables, claim verification, gold scoring."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from policytext import load_corpus
from policytext.cli import app
from policytext.evaluation.targets import evaluate_gold_set
from policytext.resources import data_path
from policytext.targets import extract_targets, target_table, verify_claims

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def gwr() -> list:
    return list(load_corpus(ROOT / "corpora" / "gwr"))


@pytest.fixture(scope="module")
def gwr_figures(gwr: list) -> pd.DataFrame:
    return extract_targets(gwr)


def _years(docs: list) -> list[int]:
    return sorted({d.meta["year"] for d in docs if isinstance(d.meta.get("year"), int)})


def test_2025_headline_targets_with_offsets(gwr: list, gwr_figures: pd.DataFrame) -> None:
    text = {d.id: d.text for d in gwr}
    t = gwr_figures[(gwr_figures["doc_id"] == "gwr-2025") & (gwr_figures["kind"] == "target")]
    first = t.drop_duplicates("indicator").set_index("indicator")
    assert first.loc["gdp_growth", ["value", "modifier", "period"]].tolist() == [5.0, "around", "2025"]
    assert first.loc["new_urban_jobs", ["value", "modifier"]].tolist() == [12_000_000.0, "at_least"]
    assert first.loc["deficit_ratio", ["value", "modifier"]].tolist() == [4.0, "around"]
    assert first.loc["special_treasury_bonds", "value"] == 1.3e12
    for _, r in t.iterrows():  # every figure points at its own surface in the original text
        assert text[r["doc_id"]][r["start"] : r["end"]] == r["surface"]


def test_outcomes_refer_to_the_previous_year(gwr_figures: pd.DataFrame) -> None:
    o = gwr_figures[(gwr_figures["doc_id"] == "gwr-2025") & (gwr_figures["kind"] == "outcome")]
    gdp = o[o["indicator"] == "gdp_growth"].iloc[0]
    assert (gdp["value"], gdp["period"]) == (5.0, "2024")
    assert "134.9万亿元" in gdp["sentence"]  # the level before the growth rate is not taken as growth


def test_increase_is_not_the_amount(gwr_figures: pd.DataFrame) -> None:
    bonds = gwr_figures[(gwr_figures["doc_id"] == "gwr-2025") & (gwr_figures["indicator"] == "special_treasury_bonds")]
    assert 3e11 not in set(bonds[bonds["kind"] == "outcome"]["value"])  # 比上年增加3000亿元 is an increase


def test_table_separates_missing_report_from_not_found(gwr: list, gwr_figures: pd.DataFrame) -> None:
    tab = target_table(gwr_figures, "gdp_growth", _years(gwr), "higher").set_index("year")
    assert tab.loc[2020, "target_status"] == "no report"  # the corpus has no 2020 report
    assert tab.loc[2024, "target"] == 5.0 and tab.loc[2024, "outcome"] == 5.0
    assert tab.loc[2024, "outcome_doc"] == "gwr-2025"
    assert tab.loc[1989, "target_status"] == "no report"
    assert set(tab["target_status"]) <= {"found", "not found", "not set", "no report"}


def test_verify_flags_wrong_claims(gwr: list, gwr_figures: pd.DataFrame) -> None:
    claims = pd.read_csv(data_path("claims", "gwr-targets-example.csv"))
    res = verify_claims(claims, gwr_figures, _years(gwr))
    assert res["verdict"].tolist() == [
        "agrees", "agrees", "agrees", "agrees", "value differs", "modifier differs", "no report",
    ]  # fmt: skip
    wrong = res.iloc[4]
    assert wrong["found_value"] == 5.0 and wrong["doc_id"] == "gwr-2023" and "5%左右" in wrong["sentence"]


def test_korean_budget_address(budget_dir: Path) -> None:
    docs = [d for d in load_corpus(budget_dir) if d.id.endswith("1306639")]  # 1979, for the 1980 budget
    f = extract_targets(docs)
    rng = f[(f["indicator"] == "gdp_growth") & (f["modifier"] == "range")].iloc[0]
    assert (rng["low"], rng["high"], rng["kind"], rng["period"]) == (8.0, 9.0, "forecast", "1979")
    target = f[(f["indicator"] == "gdp_growth") & (f["kind"] == "target")].iloc[0]
    assert (target["value"], target["modifier"], target["period"]) == (9.0, "around", "1980")


def test_gold_scores_are_computed_from_the_gold() -> None:
    result = evaluate_gold_set("dev", sorted((ROOT / "annotations" / "targets").glob("gold-*.csv")), load_corpus())
    scores = result.scores.set_index("slice")
    assert scores.at["zh since 2000", "gold"] + scores.at["zh before 2000", "gold"] >= 100
    assert scores.at["ko", "gold"] >= 50
    assert 0.5 < scores.at["zh since 2000", "precision"] <= 1.0  # a floor far below the measured 0.91


def test_cli_targets_table_and_verify(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "t.csv"
    r = runner.invoke(app, ["targets", "bundled:gwr", "--since", "2023", "--indicator", "gdp_growth", "--table",
                            "-o", str(out)])  # fmt: skip
    assert r.exit_code == 0, r.output
    tab = pd.read_csv(out)
    assert tab.loc[tab["year"] == 2024, "target"].item() == 5.0
    claims = data_path("claims", "gwr-targets-example.csv")
    r = runner.invoke(app, ["targets", "verify", str(claims), "bundled:gwr"])
    assert r.exit_code == 0 and "value differs" in r.output
    r = runner.invoke(app, ["targets", "bundled:gwr", "--indicator", "nope"])
    assert r.exit_code == 2


def test_cue_word_patterns_are_built_from_the_data() -> None:
    """Plan suffixes, heading ordinals, comparison stops and band stops come from the data files."""
    from policytext.targets.extract import _comparison, _plan_name
    from policytext.targets.indicators import cues
    from policytext.targets.reading import _HEADING
    from policytext.text.numbers import _BAND

    zh = cues("zh")
    assert {"时期", "规划"} <= set(zh["plan_suffixes"]) and {"章", "条"} <= set(zh["heading_ordinals"])
    pattern = _plan_name("十四五", zh)
    assert re.search(pattern, "“十四五”") and re.search(pattern, "十四五时期") and not re.search(pattern, "十四五年")
    assert _HEADING.match("第三章 总则") and _HEADING.match("第二部分") and not _HEADING.match("第三年")
    ko = _comparison("ko")
    assert ko is not None and ko.search("작년보다") and not ko.search("올해의 경제 성장은 당초 목표보다")
    assert _BAND is not None and _BAND.match("대") and not _BAND.match("대비")
