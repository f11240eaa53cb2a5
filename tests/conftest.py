"""Shared fixtures: paths into ../shared (real corpora, read-only) and small generated files."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"

if not CORPORA.is_dir():  # CI and developers have ../shared beside the project; say so loudly if not
    raise RuntimeError(f"{SHARED} not found: the tests read the real corpora from ../shared/corpora")


def load_script(name: str) -> ModuleType:
    """Import a script from scripts/ as a module."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def gwr_dir() -> Path:
    return CORPORA / "zh" / "gwr"


@pytest.fixture(scope="session")
def budget_dir() -> Path:
    return CORPORA / "ko" / "presidential" / "budget-addresses"


@pytest.fixture(scope="session")
def nk_dir() -> Path:
    return CORPORA / "ko" / "nk-new-year"


@pytest.fixture(scope="session")
def kiet_brief() -> Path:
    return CORPORA / "ko" / "reports" / "kiet-2025-china-two-sessions-ai.txt"


REPORT_SELECT = ["--since", "2021", "--until", "2022"]  # three bundled reports: two Chinese, one Korean


@pytest.fixture(scope="session")
def report_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The results folder (with report.html) of a real analyze + targets + report run on REPORT_SELECT."""
    from typer.testing import CliRunner

    from policytext.cli import app

    out = tmp_path_factory.mktemp("report-run")
    runner = CliRunner()
    r = runner.invoke(app, ["analyze", "bundled", *REPORT_SELECT, "-o", str(out), "-j", "1", "--no-cache"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["targets", "bundled", *REPORT_SELECT, "-o", str(out / "targets.parquet")])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["report", str(out), "-o", str(out / "report.html")])
    assert r.exit_code == 0, r.output
    return out
