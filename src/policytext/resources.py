"""Where the package's data files, bundled corpora and models are, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def data_path(*parts: str) -> Path:
    """A file shipped in ``policytext/data``."""
    return _PKG.joinpath("data", *parts)


def _bundled(name: str) -> Path:
    installed = _PKG / "_bundled" / name
    if installed.is_dir():
        return installed
    checkout = _PKG.parent.parent / name  # src/policytext -> repo root
    return checkout


def bundled_corpora() -> Path:
    """The bundled corpus folder (``corpora/`` at the repo root, or inside an installed wheel)."""
    return _bundled("corpora")


def models_dir() -> Path:
    """The bundled models folder (``models/`` at the repo root, or inside an installed wheel)."""
    return _bundled("models")
