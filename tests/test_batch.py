"""Batch analysis: a bad file in the middle, interruption and resume, cache invalidation, engines agree."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from policytext.batch import Settings, analyze
from policytext.selection import Selection

ROOT = Path(__file__).resolve().parents[1]
FAST = Settings.of(("documents", "counts", "keywords"))


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for y in (2023, 2024):
        shutil.copy(ROOT / "corpora" / "gwr" / f"{y}.txt", src / f"{y}.txt")
    (src / "2023b-broken.txt").write_bytes(b"\x00\x01 not text")  # sorts between the two reports
    shutil.copy(ROOT / "corpora" / "ko-budget" / "2021-10-25-1401519.txt", src / "2021-ko.txt")
    return src


def _tables(out: Path) -> dict[str, pd.DataFrame]:
    return {s: pd.read_parquet(out / f"{s}.parquet") for s in FAST.names}


def test_bad_file_is_skipped_and_reported(folder: Path, tmp_path: Path) -> None:
    rec = analyze([folder], tmp_path / "out", settings=FAST)
    assert rec["timings"]["documents"] == 3
    assert [Path(s["path"]).name for s in rec["skipped"]] == ["2023b-broken.txt"]
    assert "binary" in rec["skipped"][0]["reason"]
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert set(docs["lang"]) == {"zh", "ko"} and (docs["n_tokens"] > 1000).all()
    run = json.loads((tmp_path / "out" / "run.json").read_text("utf-8"))
    assert {i["sha256"] for i in run["inputs"]} and run["versions"]["jieba"] != "absent"


def test_interrupted_run_resumes_to_the_same_tables(folder: Path, tmp_path: Path) -> None:
    full = tmp_path / "full"
    analyze([folder], full, settings=FAST, cache=False)
    out = tmp_path / "resumed"
    seen = []

    def stop_after_first(res: object, stages: tuple[str, ...]) -> None:
        seen.append(res)
        if len(seen) == 1:
            raise KeyboardInterrupt  # what Ctrl-C does between two documents

    with pytest.raises(KeyboardInterrupt):
        analyze([folder], out, settings=FAST, progress=stop_after_first)
    rec = analyze([folder], out, settings=FAST)
    assert rec["timings"]["computed"] == 2  # the first document came from the cache
    for stage, df in _tables(out).items():
        pd.testing.assert_frame_equal(df, _tables(full)[stage], obj=stage)


def test_changing_a_setting_invalidates_only_its_stage(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    analyze([folder], out, settings=FAST)
    rec = analyze([folder], out, settings=Settings.of(FAST.names, top=5))
    for item in rec["inputs"]:
        assert item["cached_stages"] == ["documents", "counts"]
    kw = pd.read_parquet(out / "keywords.parquet")
    assert kw.groupby("doc_id")["rank"].max().max() == 5


def test_process_pool_and_dask_agree_with_one_process(folder: Path, tmp_path: Path) -> None:
    one = tmp_path / "one"
    analyze([folder], one, settings=FAST, cache=False)
    for engine in ("local", "dask"):
        out = tmp_path / engine
        rec = analyze([folder], out, settings=FAST, jobs=2, engine=engine, cache=False)
        assert rec["timings"]["documents"] == 3
        for stage, df in _tables(out).items():
            pd.testing.assert_frame_equal(df, _tables(one)[stage], obj=f"{engine} {stage}")


def test_cli_analyze_with_all_stages(folder: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from policytext.cli import app

    one = folder / "2024.txt"
    out = tmp_path / "cli"
    r = CliRunner().invoke(app, ["analyze", str(one), "-o", str(out), "-j", "1"])
    assert r.exit_code == 0, r.output
    for stage in ("documents", "counts", "keywords", "entities", "topics"):
        assert (out / f"{stage}.parquet").is_file() and (out / f"{stage}.csv").is_file()
    assert len(pd.read_parquet(out / "entities.parquet")) > 100
    assert set(pd.read_parquet(out / "topics.parquet")["unit"]) == {"sentence"}
    r = CliRunner().invoke(app, ["analyze", str(one), "-o", str(out), "-j", "1"])
    assert "0 computed" in r.output


def test_dedupe_keeps_the_first_of_a_near_duplicate_pair(tmp_path: Path) -> None:
    src = tmp_path / "ko"
    src.mkdir()
    for name in ("2008-10-27-1310285.txt", "2021-10-25-1401519.txt", "undated-1330015.txt"):
        shutil.copy(ROOT / "corpora" / "ko-budget" / name, src / name)
    settings = Settings.of(("documents",), dedupe=True)
    rec = analyze([src], tmp_path / "out", settings=settings)
    assert [d["doc_id"] for d in rec["dropped_duplicates"]] == ["undated-1330015.txt"]
    assert rec["dropped_duplicates"][0]["kept"] == "2008-10-27-1310285.txt"
    assert rec["dropped_duplicates"][0]["similarity"] > 0.8
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert "id" not in docs.columns and docs.columns[0] == "doc_id"
    assert list(docs["doc_id"]) == ["2008-10-27-1310285.txt", "2021-10-25-1401519.txt"]
    assert (tmp_path / "out" / "dropped_duplicates.csv").is_file()
    again = analyze([src], tmp_path / "out", settings=settings)  # from the cache: same decision
    assert again["timings"]["computed"] == 0 and again["dropped_duplicates"] == rec["dropped_duplicates"]
    plain = analyze([src], tmp_path / "out", settings=Settings.of(("documents",)))
    assert plain["timings"]["documents"] == 3 and not plain["dropped_duplicates"]


def test_filters_select_documents_from_files_and_tables(folder: Path, tmp_path: Path) -> None:
    rec = analyze([folder], tmp_path / "out", settings=FAST, selection=Selection(since=2024))
    assert [i["doc_id"] for i in rec["inputs"]] == ["2024.txt"]  # 2021-ko.txt: no year in its name
    assert rec["excluded_by_filter"]["count"] == 2
    rec = analyze([folder], tmp_path / "out", settings=FAST, selection=Selection(where="lang == 'ko'"))
    assert rec["timings"]["computed"] == 1 and [i["doc_id"] for i in rec["inputs"]] == ["2021-ko.txt"]
    speeches = ROOT.parent / "shared" / "corpora" / "ko" / "presidential" / "speeches.parquet"
    want = pd.read_parquet(speeches)
    sel = Selection(where="president == '문재인'", since=2021, until=2021)
    out = tmp_path / "speeches"
    rec = analyze([speeches], out, settings=Settings.of(("counts",)), selection=sel, jobs=2)
    n = int(((want["president"] == "문재인") & (want["year"] == 2021)).sum())
    assert rec["timings"]["documents"] == n > 20
    counts = pd.read_parquet(out / "counts.parquet")
    assert counts["doc_id"].nunique() <= n and set(counts["year"]) == {2021}
    with pytest.raises(Exception, match="no_such_column"):
        analyze([folder], tmp_path / "bad", settings=FAST, selection=Selection(where="no_such_column == 1"))
