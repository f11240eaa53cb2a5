"""The HTML report: what it reads from a results folder, that every count has its passages, and that the page
is self-contained (no network resources) with a CJK font subset."""

from __future__ import annotations

import base64
import gzip
import io
import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from policytext.cli import app
from policytext.errors import PolicytextError
from policytext.report.data import load_results
from policytext.report.payload import build_payload
from tests.conftest import REPORT_SELECT

runner = CliRunner()


def _payload_of(html: str) -> dict:
    b64 = re.search(r'<script id="payload" type="application/octet-stream">([^<]+)</script>', html)
    assert b64 is not None
    return json.loads(gzip.decompress(base64.b64decode(b64.group(1))))


def test_every_count_has_its_passages(report_run: Path) -> None:
    payload = _payload_of((report_run / "report.html").read_text("utf-8"))
    terms = payload["terms"]
    assert len(payload["docs"]) == 3 and {d["lang"] for d in payload["docs"]} == {"zh", "ko"}
    counted = {i: 0 for i in range(len(terms["names"]))}
    for ti, _doc, n in terms["rows"]:
        counted[ti] += n
    assert sum(counted.values()) > 100
    for ti, n in counted.items():  # the number a user clicks is exactly the number of passages listed
        assert len(terms["hits"][ti]) == 3 * n, terms["names"][ti]
    texts = payload["texts"]
    d, s, e = terms["hits"][terms["names"].index("ai")][:3]
    assert texts[d][s:e] in ("人工智能", "인공지능", "AI")


def test_parts_and_provenance(report_run: Path) -> None:
    payload = _payload_of((report_run / "report.html").read_text("utf-8"))
    run = json.loads((report_run / "run.json").read_text("utf-8"))
    assert [i["sha256"] for i in payload["run"]["inputs"]] == [i["sha256"] for i in run["inputs"]]
    for ind in payload["targets"]["indicators"]:  # a series never pairs a Korean figure with a Chinese one
        srcs = [r[k][0] for r in ind["rows"] for k in ("target_src", "outcome_src") if r[k]]
        assert {payload["docs"][d]["lang"] for d in srcs} == {ind["lang"]}, ind["id"]
    gdp = next(i for i in payload["targets"]["indicators"] if i["id"] == "gdp_growth" and i["lang"] == "zh")
    row = next(r for r in gdp["rows"] if r["year"] == 2021)
    assert row["target"] == 6.0 and row["outcome"] == 8.1  # 2021 report: above 6%; 2022 report: 8.1%
    d, s, e = row["outcome_src"]
    assert payload["texts"][d][s:e].startswith("8.1")
    ents = payload["entities"]
    assert any(en["id"] == "person:xi_jinping" for en in ents["entities"])
    areas = payload["topics"]["areas"]
    assert len(payload["topics"]["rows"]) > 500 and all(a["names"].get("ko") for a in areas if a["id"] != "other")


def test_page_is_self_contained_with_a_cjk_font(report_run: Path) -> None:
    from fontTools.ttLib import TTFont

    html = (report_run / "report.html").read_text("utf-8")
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", html)
    assert not re.search(r"url\((?!data:)", html)
    assert "default-src 'none'" in html  # the page's own policy forbids any request
    woff = re.search(r"url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\)", html)
    assert woff is not None
    cmap = TTFont(io.BytesIO(base64.b64decode(woff.group(1)))).getBestCmap()
    assert ord("强") in cmap and ord("경") in cmap and ord("지") in cmap
    assert len(cmap) < 6000  # a subset, not the whole collection


def test_documents_id_or_doc_id_and_missing_tables(report_run: Path, tmp_path: Path) -> None:
    copy = tmp_path / "res"
    shutil.copytree(report_run, copy, ignore=shutil.ignore_patterns(".cache", "*.csv", "report.html"))
    before = build_payload(load_results(copy))
    docs = pd.read_parquet(copy / "documents.parquet")
    docs.rename(columns={"id": "doc_id"}).to_parquet(copy / "documents.parquet")  # the newer schema
    (copy / "entities.parquet").unlink()
    (copy / "targets.parquet").unlink()
    after = build_payload(load_results(copy))
    assert after["docs"] == before["docs"] and after["terms"] == before["terms"]
    assert after["entities"] is None and after["targets"] is None  # "not in this run"
    r = runner.invoke(app, ["report", str(copy), "-o", str(copy / "r.html"), "--system-font"])
    assert r.exit_code == 0, r.output
    assert "@font-face" not in (copy / "r.html").read_text("utf-8")


def test_bad_input_names_the_file(report_run: Path, tmp_path: Path) -> None:
    with pytest.raises(PolicytextError, match="not a folder"):
        load_results(tmp_path / "nowhere")
    copy = tmp_path / "res"
    shutil.copytree(report_run, copy, ignore=shutil.ignore_patterns(".cache", "*.csv", "report.html"))
    (copy / "topics.parquet").write_bytes(b"not parquet")
    with pytest.raises(PolicytextError, match=r"topics\.parquet: cannot read"):
        load_results(copy)
    (copy / "topics.parquet").unlink()
    run = json.loads((copy / "run.json").read_text("utf-8"))
    run["inputs"][0]["sha256"] = "0" * 64
    (copy / "run.json").write_text(json.dumps(run), "utf-8")
    with pytest.raises(PolicytextError, match="changed since the run"):
        build_payload(load_results(copy))


def test_analyze_report_flag(tmp_path: Path) -> None:
    out = tmp_path / "res"
    html = tmp_path / "r.html"
    args = ["analyze", "bundled", *REPORT_SELECT, "-o", str(out), "-j", "1", "--stages", "documents,counts"]
    r = runner.invoke(app, [*args, "--report", str(html)])
    assert r.exit_code == 0, r.output
    payload = _payload_of(html.read_text("utf-8"))
    assert payload["terms"]["rows"] and payload["topics"] is None and payload["entities"] is None
    assert str(html.resolve()) in r.output


def test_table_corpus_passages(tmp_path: Path, budget_dir: Path) -> None:
    """Documents that are rows of a table: passages come from the rows' text, checked by its sha256."""
    files = sorted(budget_dir.glob("[12]*.txt"))[-2:]
    table = tmp_path / "speeches.csv"
    pd.DataFrame({"id": [f.stem for f in files], "year": [int(f.name[:4]) for f in files], "lang": "ko",
                  "text": [f.read_text("utf-8") for f in files]}).to_csv(table, index=False)  # fmt: skip
    out = tmp_path / "res"
    r = runner.invoke(app, ["analyze", str(table), "-o", str(out), "-j", "1", "--stages", "documents,counts"])
    assert r.exit_code == 0, r.output
    payload = build_payload(load_results(out))
    terms = payload["terms"]
    assert sum(n for _t, _d, n in terms["rows"]) == sum(len(h) // 3 for h in terms["hits"]) > 0
    d, s, e = next(h for h in terms["hits"] if h)[:3]
    assert payload["texts"][d] == files[d].read_text("utf-8") and s < e
