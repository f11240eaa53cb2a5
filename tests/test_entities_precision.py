"""No common phrase of an unseen document comes out as a person or an organisation (issue #19, item 3).

Real models and real documents outside every training set: the 2024 Government Work Report, the 2019
Korean budget address, the 2025 Hainan provincial report (.docx) and the 2019 North Korean New Year address.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from policytext.corpus import load_document
from policytext.entities import entities

CORPORA = Path("../shared/corpora")
DOCS = {
    "gwr-2024": CORPORA / "zh/gwr/2024.txt",
    "budget-2019": CORPORA / "ko/presidential/budget-addresses/2019-10-22-1401032.txt",
    "hainan-2025": CORPORA / "zh/provincial-2025/2025年海南省政府工作报告.docx",
    "nk-2019": CORPORA / "ko/nk-new-year/2019.txt",
}
# phrases a model or the gazetteer once tagged as PERSON or ORG in these documents
COMMON = {
    "gwr-2024": ["领航掌舵", "世界经济增长动能不足", "严肃财经纪律", "深化农村土地制度改革", "补齐基础设施", "严守耕",
                 "托育服", "森林", "中", "奥", "促进中医药传承创新", "土壤污染源头", "深化中外人文", "国家实验室"],
    "budget-2019": ["정규직", "고위공직자범죄수사처", "마중물", "차세대", "신남방", "신북방", "공정", "미중", "경제력",
                    "바이오헬스", "여성", "심야", "공정은 혁신", "공정경제", "공정채용", "자영업자", "정부", "노조"],
    "hainan-2025": ["村内", "琼海", "琼港", "新格局", "海南旅行"],
    "nk-2019": ["리익", "로농적위"],
}  # fmt: skip


@pytest.fixture(scope="module")
def mentions() -> dict[str, pd.DataFrame]:
    out = {}
    for key, path in DOCS.items():
        if not path.is_file():
            pytest.skip(f"{path} not found (the shared corpora are needed)")
        out[key] = entities([load_document(path)])
    return out


@pytest.mark.parametrize("key", sorted(COMMON))
def test_no_common_phrase_is_a_person_or_org(mentions: dict[str, pd.DataFrame], key: str) -> None:
    df = mentions[key]
    names = df[df["label"].isin(["PERSON", "ORG"])]
    assert len(df) > 20  # the document was tagged at all
    wrong = sorted(set(names["surface"]) & set(COMMON[key]))
    assert wrong == [], f"{key}: common phrases tagged PERSON/ORG: {wrong}"


def test_no_entity_inside_a_word(mentions: dict[str, pd.DataFrame]) -> None:
    text = load_document(DOCS["gwr-2024"]).text
    df = mentions["gwr-2024"]
    assert (text.count("中医药"), text.count("奥运会")) >= (1, 1)
    inside = [(r.surface, text[r.start : r.end + 2]) for r in df.itertuples()
              if text[r.start : r.start + 3] in ("中医药", "奥运会") or r.surface in ("严守耕", "托育服")]  # fmt: skip
    assert inside == []


def test_spaced_name_is_one_person(mentions: dict[str, pd.DataFrame]) -> None:
    text = load_document(DOCS["gwr-2024"]).text
    df = mentions["gwr-2024"]
    start = text.index("李\u3000强")
    row = df[(df["start"] == start)]
    assert len(row) == 1
    r = row.iloc[0]
    assert (r["label"], r["end"], r["surface"]) == ("PERSON", start + 3, "李\u3000强")
    assert text[r["start"] : r["end"]] == r["surface"]
    assert not ((df["surface"] == "李") & (df["label"] == "PERSON")).any()


def test_vocabulary_is_not_policy(mentions: dict[str, pd.DataFrame]) -> None:
    df = mentions["gwr-2024"]
    policy = set(df.loc[df["label"] == "POLICY", "surface"])
    assert {"宏观调控", "数字经济", "高质量发展"}.isdisjoint(policy)
    assert "一带一路" in policy or "乡村振兴" in policy  # named policies still are
