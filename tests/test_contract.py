"""The analysis contract: ``analyze`` writes the very tables the commands write, every result is keyed by all
it depends on, and ``--where/--since/--until`` select the same documents everywhere."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from policytext import stages
from policytext.cli import app

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpora"
GWR = SHARED / "zh" / "gwr"
BUDGET = SHARED / "ko" / "presidential" / "budget-addresses"

runner = CliRunner()


def _cut(src: Path, dst: Path, chars: int) -> None:
    """The first ``chars`` characters of a real document, cut at a line end (real text, small enough to tag)."""
    text = src.read_text(encoding="utf-8-sig")
    end = text.find("\n", chars)
    dst.write_text(text[: end if end > 0 else chars], encoding="utf-8")


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of two Chinese reports and two Korean budget addresses (openings), the latter with a manifest."""
    root = tmp_path_factory.mktemp("mixed")
    (root / "zh").mkdir()
    (root / "ko").mkdir()
    for year in (2024, 2025):
        _cut(GWR / f"{year}.txt", root / "zh" / f"{year}.txt", 2500)
    man = pd.read_csv(BUDGET / "manifest.csv", dtype=str)
    rows = man[man["file"].isin(["2019-10-22-1401032.txt", "2008-10-27-1310285.txt"])]
    assert len(rows) == 2
    for f in rows["file"]:
        _cut(BUDGET / f, root / "ko" / f, 2500)
    rows.drop(columns=[c for c in ("sha256", "chars") if c in rows.columns]).to_csv(root / "ko" / "manifest.csv",
                                                                                   index=False)  # fmt: skip
    return root


def _cli(*args: str) -> None:
    res = runner.invoke(app, [str(a) for a in args])
    assert res.exit_code == 0, (args, res.output, res.exception)


COMMANDS = {
    "documents": ["corpus", "info", "{c}", "--tokens", "-o", "{o}"],
    "hits": ["count", "{c}", "--concepts", "default", "--by", "doc_id", "--hits", "{o}"],
    "kwic": ["kwic", "{c}", "--concepts", "default", "-o", "{o}"],
    "counts": ["count", "{c}", "--concepts", "default", "--by", "doc_id", "-o", "{o}"],
    "keywords": ["keywords", "{c}", "--method", "freq", "-o", "{o}"],
    "entities": ["entities", "{c}", "-o", "{o}"],
    "topics": ["topics", "{c}", "-o", "{o}"],
    "targets": ["targets", "{c}", "-o", "{o}"],
}


@pytest.fixture(scope="module")
def analyzed(mixed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("results")
    _cli("analyze", mixed, "-o", out, "-j", "1", "--stages", ",".join(COMMANDS))
    return out


@pytest.mark.parametrize("stage", list(COMMANDS))
def test_analyze_table_equals_the_command_table(stage: str, mixed: Path, analyzed: Path, tmp_path: Path) -> None:
    out = tmp_path / f"{stage}.parquet"
    _cli(*[a.format(c=mixed, o=out) for a in COMMANDS[stage]])
    mine = pd.read_parquet(out)
    batch = pd.read_parquet(analyzed / f"{stage}.parquet")
    assert len(mine) > 0 and list(mine.columns[:1]) == ["doc_id"]
    assert set(mine["doc_id"]) == set(batch["doc_id"])
    if stage not in ("targets", "entities"):
        assert set(batch["doc_id"]) == {"zh/2024.txt", "zh/2025.txt", "kr-speech-1401032", "kr-speech-1310285"}
    pd.testing.assert_frame_equal(mine.reset_index(drop=True), batch.reset_index(drop=True), check_dtype=True)
    assert str(batch["year"].dtype) == "Int64"
    fp = {json.loads(s)["fingerprint"] for s in batch["settings"]}
    assert fp == {stages.fingerprint(_config(stage)).key}


def _config(stage: str) -> stages.StageConfig:
    return stages.for_analyze([stage], {})[0]


def test_counts_schema_names_the_group_columns(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "c.csv"
    _cli("count", mixed, "人工智能", "경제", "--by", "year", "-o", out)
    df = pd.read_csv(out)
    assert list(df.columns) == ["year", "term_or_concept", "rule", "count", "n_chars", "rate_per_10k", "doc_freq",
                                "n_docs", "lexicon_version", "settings"]  # fmt: skip
    assert df["year"].tolist() == [2008, 2008, 2019, 2019, 2024, 2024, 2025, 2025]
    out2 = tmp_path / "p.parquet"
    _cli("count", mixed, "경제", "--by", "president,year", "-o", out2)
    df2 = pd.read_parquet(out2)
    assert list(df2.columns[:2]) == ["president", "year"] and str(df2["year"].dtype) == "Int64"
    assert "unknown" in set(df2["president"])  # the Chinese reports have no president: a group, not dropped


# -- fingerprints: what each stage reads, checked against what it opens -------------------------------------

PROBE = r"""
import json, sys
from pathlib import Path
opened = set()
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, Path)):
        opened.add(str(Path(args[0]).resolve()))
sys.addaudithook(hook)
import policytext as pt
from policytext import stages
docs = list(pt.load_corpus(sys.argv[1]))
config = stages.for_analyze([sys.argv[2]], {})[0]
config.run(docs)
print(json.dumps(sorted(opened)))
"""


@pytest.mark.parametrize("stage", list(COMMANDS))
def test_a_stage_declares_every_file_it_reads(stage: str, mixed: Path) -> None:
    from policytext.resources import data_path, models_dir

    res = subprocess.run([sys.executable, "-c", PROBE, str(mixed), stage], capture_output=True, text=True,
                         timeout=600, check=False)  # fmt: skip
    assert res.returncode == 0, res.stderr[-2000:]
    opened = {Path(p) for p in json.loads(res.stdout.strip().splitlines()[-1])}
    roots = (data_path().resolve(), models_dir().resolve())
    ours = {p for p in opened if any(r in p.parents for r in roots) and p.is_file()}
    declared = {p.resolve() for p in _config(stage).reads()}
    assert ours, "the probe saw no data file opened"
    assert ours <= declared, f"{stage} reads undeclared files: {sorted(map(str, ours - declared))}"


def test_a_data_file_changes_exactly_the_stages_that_read_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from policytext.resources import data_path

    configs = {name: _config(name) for name in COMMANDS}
    before = {n: stages.fingerprint(c).key for n, c in configs.items()}
    terms = data_path("policy_terms.csv").resolve()
    real = stages.file_hash
    monkeypatch.setattr(stages, "file_hash", lambda p: "edited" if Path(p).resolve() == terms else real(p))
    after = {n: stages.fingerprint(c).key for n, c in configs.items()}
    changed = {n for n in configs if before[n] != after[n]}
    readers = {n for n, c in configs.items() if terms in {p.resolve() for p in c.reads()}}
    assert changed == readers and {"counts", "hits", "kwic", "entities", "keywords"} <= changed
    assert "targets" not in changed


def test_editing_a_user_lexicon_recomputes_only_the_stages_that_read_it(mixed: Path, tmp_path: Path) -> None:
    lex = tmp_path / "my.yaml"
    lex.write_text("name: mine\nversion: '1'\nconcepts:\n  - id: econ\n    aliases: {zh: [经济], ko: [경제]}\n",
                   encoding="utf-8")  # fmt: skip
    out = tmp_path / "res"
    args = ["analyze", mixed, "-o", out, "-j", "1", "--stages", "documents,counts,targets", "--concepts", lex]
    _cli(*args)
    first = pd.read_parquet(out / "counts.parquet")
    _cli(*args)
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert all(set(i["cached_stages"]) == {"documents", "counts", "targets"} for i in run["inputs"])
    lex.write_text(lex.read_text(encoding="utf-8").replace("[经济]", "[经济, 发展]"), encoding="utf-8")
    _cli(*args)
    run = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert all(set(i["cached_stages"]) == {"documents", "targets"} for i in run["inputs"])
    second = pd.read_parquet(out / "counts.parquet")
    zh = second["lang"] == "zh"
    assert (second.loc[zh, "count"].to_numpy() > first.loc[zh, "count"].to_numpy()).all()
    assert (second.loc[~zh, "count"].to_numpy() == first.loc[~zh, "count"].to_numpy()).all()


# -- one selection everywhere -------------------------------------------------------------------------------


@pytest.mark.parametrize("args", [["--where", "president == '문재인'"], ["--since", "2019", "--until", "2024"],
                                  ["--where", "lang == 'zh' and year > 2024"]])  # fmt: skip
def test_filters_select_the_same_documents_everywhere(args: list[str], mixed: Path, tmp_path: Path) -> None:
    info, counts, res = tmp_path / "i.csv", tmp_path / "c.csv", tmp_path / "r"
    _cli("corpus", "info", mixed, *args, "-o", info)
    _cli("count", mixed, "经济|경제", "--by", "doc_id", *args, "-o", counts)
    _cli("analyze", mixed, "-o", res, "-j", "1", "--stages", "documents", *args)
    ids = set(pd.read_csv(info)["doc_id"])
    batch = set(pd.read_parquet(res / "documents.parquet")["doc_id"])
    assert ids and ids == set(pd.read_csv(counts)["doc_id"]) == batch
    for cmd in (["keywords", mixed, "--method", "freq"], ["kwic", mixed, "经济|경제"], ["targets", mixed]):
        out = tmp_path / f"{cmd[0]}.csv"
        _cli(*cmd, *args, "-o", out)
        assert set(pd.read_csv(out)["doc_id"]) <= ids, cmd  # (a document may have no kwic hit or no target)
    _cli("keywords", mixed, "--method", "freq", *args, "-o", tmp_path / "k.csv")
    assert set(pd.read_csv(tmp_path / "k.csv")["doc_id"]) == ids
    assert len(ids) < 4


def test_a_field_no_document_has_is_an_error_everywhere(mixed: Path, tmp_path: Path) -> None:
    for cmd in (["corpus", "info", mixed], ["count", mixed, "经济"], ["analyze", mixed, "-o", tmp_path / "r"]):
        res = runner.invoke(app, [str(a) for a in cmd] + ["--where", "presdient == '문재인'"])
        assert res.exit_code == 2 and "no document has the field 'presdient'" in res.output, res.output


def test_since_after_until_is_an_error(mixed: Path) -> None:
    for cmd in (["corpus", "info", mixed], ["count", mixed, "经济"], ["analyze", mixed, "-o", "/tmp/never"]):
        res = runner.invoke(app, [str(a) for a in cmd] + ["--since", "2025", "--until", "2019"])
        assert res.exit_code == 2 and "--since 2025 is after --until 2019" in res.output


def test_duplicate_ids_are_skipped_alike(mixed: Path, tmp_path: Path) -> None:
    root = tmp_path / "dup"
    shutil.copytree(mixed / "ko", root / "a")
    shutil.copytree(mixed / "ko", root / "b")  # the same manifest ids again
    info = runner.invoke(app, ["corpus", "info", str(root)])
    _cli("analyze", root, "-o", tmp_path / "r", "-j", "1", "--stages", "documents")
    run = json.loads((tmp_path / "r" / "run.json").read_text(encoding="utf-8"))
    assert len(run["inputs"]) == 2 and len(run["skipped"]) == 2
    for s in run["skipped"]:
        assert "duplicate document id" in s["reason"] and s["path"].split("/")[-1] in info.output
