from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from policytext.cli import app

runner = CliRunner()


def test_corpus_info_bundled(tmp_path: Path) -> None:
    out = tmp_path / "info.csv"
    r = runner.invoke(app, ["corpus", "info", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "141 documents" in r.output and "gwr-2025" in r.output and "1954" in r.output
    import pandas as pd

    df = pd.read_csv(out)
    assert len(df) == 141 and df.loc[df["doc_id"] == "gwr-2025", "chars"].item() == 18367
    assert set(df["lang"]) == {"zh", "ko"}  # both languages bundled
    assert (tmp_path / "info.csv.meta.json").is_file()


def test_corpus_info_reports_skipped(tmp_path: Path, gwr_dir: Path) -> None:
    (tmp_path / "2025.txt").write_bytes((gwr_dir / "2025.txt").read_bytes())
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    r = runner.invoke(app, ["corpus", "info", str(tmp_path)])
    assert "bad.txt" in r.output and "binary" in r.output
    assert "1 documents" in r.output


def test_tokenize_stdin_mixed_korean() -> None:
    r = runner.invoke(app, ["tokenize", "-", "--format", "tsv"], input="KIET는 라오민(廖岷) 부부장과 AI를 논의했다.")
    assert r.exit_code == 0, r.output
    rows = [line.split("\t") for line in r.output.strip().splitlines()[1:]]
    surfaces = [row[2] for row in rows]
    assert "廖岷" in surfaces and "AI" in surfaces
    langs = {row[2]: row[6] for row in rows}
    assert langs["廖岷"] == "zh" and langs["AI"] == "ko"


def test_help_is_fast_and_does_not_load_backends() -> None:
    heavy = "('jieba', 'konlpy', 'kiwipiepy', 'pandas')"
    code = f"import sys; import policytext.cli; print(sorted(m for m in {heavy} if m in sys.modules))"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env={**os.environ})
    assert r.stdout.strip() == "[]"


def test_count_kwic_agree_and_export(tmp_path: Path) -> None:
    import pandas as pd

    counts_path, kwic_path = tmp_path / "counts.xlsx", tmp_path / "kwic.parquet"
    r = runner.invoke(app, ["count", "bundled:gwr", "人工智能", "具身智能", "--by", "year", "-o", str(counts_path)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["kwic", "bundled:gwr", "人工智能", "具身智能", "--window", "30", "-o", str(kwic_path)])
    assert r.exit_code == 0, r.output
    counts = pd.read_excel(counts_path, sheet_name="counts")
    rows = pd.read_parquet(kwic_path)
    assert counts["count"].sum() == len(rows) > 0
    assert set(counts.columns) >= {"year", "term_or_concept", "rule", "count", "n_chars", "rate_per_10k",
                                   "doc_freq", "n_docs", "settings"}  # fmt: skip
    assert counts.columns[0] == "year" and "group" not in counts.columns
    about = pd.read_excel(counts_path, sheet_name="about")
    assert about["schema_version"].iloc[0] == 1 or str(about["schema_version"].iloc[0]) == "1"
    # kwic rows speak the common schema too: doc_id, year, lang first, and the settings fingerprint
    assert list(rows.columns[:3]) == ["doc_id", "year", "lang"] and set(rows["lang"]) == {"zh"}
    assert rows["settings"].str.contains('"fingerprint"').all()


def test_compare_and_plot(tmp_path: Path) -> None:
    png = tmp_path / "trend.png"
    r = runner.invoke(app, ["count", "bundled:gwr", "人工智能", "--plot", str(png), "--value", "rate_per_10k"])
    assert r.exit_code == 0, r.output
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    r = runner.invoke(app, ["compare", "bundled:gwr", "具身智能", "人工智能", "--ref", "2024", "--target", "2025"])
    assert r.exit_code == 0, r.output
    assert "具身智能" in r.output and "2025 vs 2024" in r.output


def test_keywords_korean_budget_addresses(tmp_path: Path, budget_dir: Path) -> None:
    import pandas as pd

    out = tmp_path / "kw.csv"
    r = runner.invoke(app, ["keywords", str(budget_dir), "--by", "president", "--top", "5", "-o", str(out)])
    assert r.exit_code == 0, r.output
    df = pd.read_csv(out)
    assert set(df["method"]) == {"freq", "tfidf", "textrank"}
    assert df.columns[0] == "president" and "group" not in df.columns
    assert {"박정희", "문재인"} <= set(df["president"])
    assert "경제" in set(df.loc[df["president"] == "박정희", "term"])
