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
    assert "52 documents" in r.output and "gwr-2025" in r.output and "1954" in r.output
    import pandas as pd

    df = pd.read_csv(out)
    assert len(df) == 52 and df.loc[df["id"] == "gwr-2025", "chars"].item() == 18367
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
