from __future__ import annotations

from pathlib import Path

import pytest

from policytext import PolicytextError, load_corpus
from policytext.resources import bundled_corpora


def test_bundled_corpus_has_both_languages() -> None:
    corpus = load_corpus()
    assert len(corpus) == 52 + 89 and not corpus.skipped
    assert {d.lang for d in corpus} == {"zh", "ko"}
    assert corpus["kr-speech-1330015"].year is None  # the undated budget address is kept, year missing


def test_bundled_corpus_is_the_government_work_reports(gwr_dir: Path) -> None:
    corpus = load_corpus(bundled_corpora("gwr"))
    assert len(corpus) == 52 and not corpus.skipped
    info = corpus.info()
    assert set(info["lang"]) == {"zh"} and set(info["country"]) == {"CN"}
    assert info["year"].min() == 1954 and info["year"].max() == 2025
    d = corpus["gwr-2025"]
    assert d.year == 2025 and d.meta["doctype"] == "government_work_report"
    assert d.text == (gwr_dir / "2025.txt").read_text(encoding="utf-8")
    assert corpus["gwr-1964-summary"].year == 1964
    assert info.columns[0] == "doc_id" and str(info["year"].dtype) == "Int64"
    scripts = info.set_index("doc_id")["script"]
    assert scripts["gwr-1954"] == "Hant" and scripts["gwr-2025"] == "Hans"  # Traditional detected
    # the bundled copy is byte-identical to the source and its manifest hashes
    assert (bundled_corpora("gwr") / "2025.txt").read_bytes() == (gwr_dir / "2025.txt").read_bytes()


def test_manifest_metadata_for_korean_budget_addresses(budget_dir: Path) -> None:
    corpus = load_corpus(budget_dir)
    assert len(corpus) == 89 and not corpus.skipped
    undated = corpus["kr-speech-1330015"]
    assert undated.year is None and undated.meta["president"] == "이명박"
    assert undated.lang == "ko"
    assert corpus.info()["year"].isna().sum() == 1  # an explicit missing value, not dropped
    meta = corpus.metadata()
    assert "doc_id" in meta.columns and "kr-speech-1330015" in set(meta["doc_id"])


def test_ids_do_not_collide_across_folders(tmp_path: Path, gwr_dir: Path, nk_dir: Path) -> None:
    (tmp_path / "gwr").mkdir()
    (tmp_path / "nk-new-year").mkdir()
    (tmp_path / "gwr" / "2019.txt").write_bytes((gwr_dir / "2019.txt").read_bytes())
    (tmp_path / "nk-new-year" / "2019.txt").write_bytes((nk_dir / "2019.txt").read_bytes())
    corpus = load_corpus(tmp_path)
    assert [d.id for d in corpus] == ["gwr/2019.txt", "nk-new-year/2019.txt"]
    assert [d.year for d in corpus] == [2019, 2019]
    assert [d.lang for d in corpus] == ["zh", "ko"]


def test_overrides_and_unknown_year(tmp_path: Path) -> None:
    (tmp_path / "brief.txt").write_text("중국 양회 보고서 분석입니다.", encoding="utf-8")
    corpus = load_corpus(tmp_path, meta={"country": "KR", "doctype": "brief"})
    d = corpus[0]
    assert d.year is None and d.meta["country"] == "KR" and d.lang == "ko"
    corpus = load_corpus(tmp_path, meta={"year": "2025"}, lang="ko")
    assert corpus[0].year == 2025


def test_toml_manifest(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("国内生产总值增长5%左右。", encoding="utf-8")
    (tmp_path / "manifest.toml").write_text(
        '[[documents]]\nid = "doc-a"\nfile = "a.txt"\nyear = 2024\ncountry = "CN"\ndoctype = "test"\n', encoding="utf-8"
    )
    d = load_corpus(tmp_path)[0]
    assert (d.id, d.year, d.meta["country"]) == ("doc-a", 2024, "CN")


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PolicytextError, match="no such file"):
        load_corpus(tmp_path / "nope")


def test_bundled_files_match_their_manifest_hashes() -> None:
    import csv
    import hashlib

    folder = bundled_corpora("gwr")
    with (folder / "manifest.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 52
    hashes = {hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.txt")}
    assert {r["sha256"] for r in rows} == hashes
    ko = bundled_corpora("ko-budget")
    with (ko / "manifest.csv").open(encoding="utf-8") as f:
        ko_rows = list(csv.DictReader(f))
    assert len(ko_rows) == 89
    assert all(hashlib.sha256((ko / r["file"]).read_bytes()).hexdigest() == r["sha256"] for r in ko_rows)


def test_province_from_provincial_file_names() -> None:
    from .conftest import CORPORA

    pattern = r"(?P<year>\d{4})年(?P<province>.+?)政府工作报告"
    corpus = load_corpus(CORPORA / "zh" / "provincial-2025", name_pattern=pattern)
    assert len(corpus) == 27 and not corpus.skipped
    provinces = {d.meta["province"] for d in corpus}
    assert {"北京市", "上海市", "西藏", "内蒙古自治区"} <= provinces and len(provinces) == 27
    assert {d.year for d in corpus} == {2025}
    with pytest.raises(PolicytextError, match="name-pattern"):
        load_corpus(CORPORA / "zh" / "provincial-2025", name_pattern="(?P<broken")
