"""Shared fixtures: paths into ../shared (real corpora, read-only) and small generated files."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = SHARED / "corpora"

if not CORPORA.is_dir():  # CI and developers have ../shared beside the project; say so loudly if not
    raise RuntimeError(f"{SHARED} not found: the tests read the real corpora from ../shared/corpora")


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
