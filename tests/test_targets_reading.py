"""Targets on the wordings of #20 (part 3), on the real reports: indicator after the figure, line breaks,
share of GDP, pre-2000 wordings, Korean year lists and decades; and the evaluation's held-out scoring."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from policytext import PolicytextError, load_corpus
from policytext.cli import app
from policytext.evaluation.targets import evaluate_gold_set, read_gold
from policytext.targets import extract_targets
from policytext.targets.reading import reading_units

ROOT = Path(__file__).resolve().parents[1]
IDS = ["gwr-1980", "gwr-1988", "gwr-1993", "gwr-2009", "gwr-2013", "gwr-2017", "gwr-2021", "gwr-1999",
       "kr-speech-1305732", "kr-speech-1306410", "kr-speech-1309791"]  # fmt: skip


@pytest.fixture(scope="module")
def docs() -> dict:
    corpus = load_corpus()
    return {i: corpus[i] for i in IDS}


@pytest.fixture(scope="module")
def figs(docs: dict) -> pd.DataFrame:
    return extract_targets(docs.values())


def _rows(figs: pd.DataFrame, doc: str, ind: str) -> list[tuple]:
    f = figs[(figs["doc_id"] == doc) & (figs["indicator"] == ind)]
    return list(zip(f["value"], f["kind"], f["period"], strict=True))


def test_every_figure_points_at_its_surface(docs: dict, figs: pd.DataFrame) -> None:
    for _, r in figs[figs["status"] == "found"].iterrows():
        assert docs[r["doc_id"]].text[r["start"] : r["end"]] == r["surface"]


def test_indicator_after_the_figure(figs: pd.DataFrame) -> None:
    # 提出8%左右的国内生产总值增长目标: the phrase follows the figure across 的
    f = figs[(figs["doc_id"] == "gwr-2009") & (figs["indicator_text"] == "国内生产总值增长")]
    assert (8.0, "around", "target", "2009") in set(zip(f["value"], f["modifier"], f["kind"], f["period"], strict=True))


def test_phrases_cut_by_line_breaks(docs: dict, figs: pd.DataFrame) -> None:
    # 国内生产总值达到74.4⏎​⏎万亿元，增长6.7%  and  广义货币M⏎2⏎增长11.3%
    assert (6.7, "outcome", "2016") in _rows(figs, "gwr-2017", "gdp_growth")
    assert (11.3, "outcome", "2016") in _rows(figs, "gwr-2017", "m2_growth")
    assert (12.0, "target", "2017") in _rows(figs, "gwr-2017", "m2_growth")
    assert (2.08, "outcome", "2016") in _rows(figs, "gwr-2017", "rd_spending")  # 与国内生产总值⏎​⏎之比达到2.08%
    m2 = figs[(figs["doc_id"] == "gwr-2017") & (figs["indicator"] == "m2_growth")].iloc[0]
    assert "\n" in m2["sentence"]  # the sentence is the original text, line breaks and all
    unit = next(u for u in reading_units(docs["gwr-2017"]) if "广义货币M2增长11.3%" in u.text)
    s, e = unit.span(unit.text.index("11.3%"), unit.text.index("11.3%") + 5)
    assert docs["gwr-2017"].text[s:e] == "11.3%"


def test_blank_line_is_a_paragraph_break(docs: dict) -> None:
    units = [u.text for u in reading_units(docs["kr-speech-1305732"])]
    assert "예산내용" in units  # 예산내용⏎⏎⏎정부는 …: a heading, not the start of the next sentence


def test_share_of_gdp(figs: pd.DataFrame) -> None:
    assert (3.0, "target", "2009") in _rows(figs, "gwr-2009", "deficit_ratio")  # 占国内生产总值比重在3%以内
    # 财政赤字占国内生产总值的比重从2009年的2.8%降到去年的1.5%左右: each figure takes the year before it
    rows = _rows(figs, "gwr-2013", "deficit_ratio")
    assert (2.8, "outcome", "2009") in rows and (1.5, "outcome", "2012") in rows
    rd = _rows(figs, "gwr-2013", "rd_spending")
    assert (1.4, "outcome", "2007") in rd and (1.97, "outcome", "2012") in rd


def test_pre_2000_wordings(figs: pd.DataFrame) -> None:
    assert (9_030_000.0, "outcome", "1979") in _rows(figs, "gwr-1980", "new_urban_jobs")  # 城镇安置了903万人就业
    gdp93 = _rows(figs, "gwr-1993", "gdp_growth")
    assert (7.9, "outcome", "1988-1992") in gdp93  # 五年平均每年增长百分之七点九
    assert (8.0, "target", "1993") in gdp93  # 今年国民生产总值计划增长百分之八
    assert (6.0, "target", "1991-1995") in gdp93  # “八五”计划 … 平均每年百分之六
    assert (100.0, "outcome", "1988-1992") in _rows(figs, "gwr-1993", "trade_growth")  # 五年间，进出口总额增长１倍
    # 国民生产总值１９８７年达到１０９２０亿元，按可比价格计算平均每年增长１１．１％: past the level, over five years
    assert (11.1, "outcome", "1983-1987") in _rows(figs, "gwr-1988", "gdp_growth")
    assert (500_000_000_000.0, "target", "2000") in _rows(figs, "gwr-1988", "grain_output")  # 到本世纪末
    # 到１９９２年，力争…平均每年增长７．５％左右: a period ending after the report is no outcome
    assert (7.5, "target", "1988-1992") in _rows(figs, "gwr-1988", "gdp_growth")


def test_section_naming_two_plans(figs: pd.DataFrame) -> None:
    # 2021, section “十三五”时期发展成就和“十四五”时期主要目标任务: the 14th-plan goals are targets for 2021-2025
    # (研发经费投入年均增长7%以上、力争投入强度高于“十三五”时期实际: the 13th plan is only a comparison)
    assert (7.0, "target", "2021-2025") in _rows(figs, "gwr-2021", "rd_spending")
    assert (13.5, "target", "2021-2025") in _rows(figs, "gwr-2021", "energy_intensity")
    # 全员劳动生⏎​⏎产率增长…，城镇调查失业率控制在5.5%以内: read across the cut
    assert (5.5, "target", "2021-2025") in _rows(figs, "gwr-2021", "unemployment_surveyed")
    # … while the same section's review of the 13th plan stays outcomes (城镇新增就业超过6000万人)
    assert (60_000_000.0, "outcome", "2016-2020") in _rows(figs, "gwr-2021", "new_urban_jobs")


def test_target_recalled_in_the_review_is_last_years(figs: pd.DataFrame) -> None:
    # 1999: 国内生产总值比上年增长7.8％，虽然略低于8％的预定目标 — the 1998 target, not one for 1999
    rows = _rows(figs, "gwr-1999", "gdp_growth")
    assert (8.0, "target", "1998") in rows and (7.8, "outcome", "1998") in rows
    assert (7.0, "target", "1999") in rows  # 今年的经济增长预期为7％左右
    assert not any(v == 8.0 and p == "1999" for v, _, p in rows)


def test_korean_year_list_and_decade(figs: pd.DataFrame) -> None:
    # 국민총생산은 … 1962년의 4.1%를 제외하고는 1963년의 9.3%, 1964년의 8.9%, 1965년의 8.1%라는 높은 율로
    gdp = _rows(figs, "kr-speech-1305732", "gdp_growth")
    for value, year in ((4.1, "1962"), (9.3, "1963"), (8.9, "1964"), (8.1, "1965")):
        assert (value, "outcome", year) in gdp
    # 80년대 초의 100억달러 수출: the early 1980s
    exports = _rows(figs, "kr-speech-1306410", "exports")
    assert (10_000_000_000.0, "target", "1981") in exports


def test_korean_target_exceeded_and_figure_passed(figs: pd.DataFrame) -> None:
    f = figs[(figs["doc_id"] == "kr-speech-1306410") & (figs["value"] == 1.8e9)]
    # 1972년에는 수출 목표 18억달러를 초과 달성하였으며: the target, and an at-least outcome, both for 1972
    assert set(zip(f["kind"], f["modifier"], f["period"], strict=True)) == {("target", "point", "1972"),
                                                                          ("outcome", "at_least", "1972")}
    # 2004년에 2,500억불을 돌파한 데 이어: passed, so at least (the comma inside the number ends no clause)
    assert (2.5e11, "outcome", "2004") in _rows(figs, "kr-speech-1309791", "exports")
    passed = figs[(figs["doc_id"] == "kr-speech-1309791") & (figs["value"] == 2.5e11)]
    assert passed["modifier"].tolist() == ["at_least"]


def test_evaluation_keeps_held_out_apart(tmp_path: Path) -> None:
    gold = pd.read_csv(ROOT / "annotations" / "targets" / "gold-zh.csv")
    held = tmp_path / "held.csv"
    gold[gold["doc_id"] == "gwr-2025"].to_csv(held, index=False)
    errors, scores = tmp_path / "errors.csv", tmp_path / "scores.csv"
    r = CliRunner().invoke(app, ["evaluate", "targets", str(ROOT / "annotations/targets/gold-zh.csv"), "--gold",
                                 str(held), "--errors", str(errors), "-o", str(scores)])  # fmt: skip
    assert r.exit_code == 0, r.output
    s = pd.read_csv(scores)
    assert set(s["set"]) == {"dev", "held-out held.csv"}
    held_all = s[(s["set"] == "held-out held.csv") & (s["slice"] == "all")].iloc[0]
    assert held_all["gold"] == (gold["doc_id"] == "gwr-2025").sum()
    assert {"lenient_f1", "f1"} <= set(s.columns)
    e = pd.read_csv(errors)
    assert set(e["error"]) <= {"miss", "miss (kind or period differs)", "false positive"}
    dev_all = s[(s["set"] == "dev") & (s["slice"] == "all")].iloc[0]
    assert dev_all["gold"] - dev_all["matched"] == (e[e["set"] == "dev"]["error"] != "false positive").sum()


def test_bad_gold_row_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("doc_id,year,indicator,kind,period,value,modifier\ngwr-2025,2025,gdp_growth,goal,2025,5,around\n",
                   encoding="utf-8")  # fmt: skip
    with pytest.raises(PolicytextError, match=r"bad\.csv, line 2: kind 'goal'"):
        read_gold(bad)
    with pytest.raises(PolicytextError, match="gold documents not in the corpus"):
        bad.write_text("doc_id,year,indicator,kind,period,value,modifier\nnope,2025,gdp_growth,target,2025,5,around\n",
                       encoding="utf-8")  # fmt: skip
        evaluate_gold_set("x", [bad], load_corpus(ROOT / "corpora" / "gwr"))
