"""Where the package's data files, bundled corpora and models are, installed or in a source checkout."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

_PKG = Path(__file__).resolve().parent


def data_path(*parts: str) -> Path:
    """A file shipped in ``policytext/data``."""
    return _PKG.joinpath("data", *parts)


def files_sha256(paths: list[Path]) -> str:
    """The sha256 of the files' bytes one after the other, read once per process while none has changed
    (a fingerprint asks for it once per document and stage)."""
    stamps = []
    for p in paths:
        st = p.stat()
        stamps.append((str(p), st.st_mtime_ns, st.st_size))
    return _files_sha256(tuple(stamps))


@lru_cache(maxsize=64)
def _files_sha256(stamps: tuple[tuple[str, int, int], ...]) -> str:
    import hashlib

    h = hashlib.sha256()
    for path, _, _ in stamps:
        h.update(Path(path).read_bytes())
    return h.hexdigest()


def safe_yaml(text: str) -> Any:
    """YAML parsed with the safe loader (libyaml's C implementation when PyYAML has it: ~10x faster)."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=16)
def data_yaml(*parts: str) -> Any:
    """A YAML data file shipped in ``policytext/data``, parsed once per process."""
    return safe_yaml(data_path(*parts).read_text(encoding="utf-8"))


def _bundled(name: str) -> Path:
    installed = _PKG / "_bundled" / name
    if installed.is_dir():
        return installed
    checkout = _PKG.parent.parent / name  # src/policytext -> repo root
    return checkout


BUNDLED_CORPORA = ("gwr", "ko-budget")


def bundled_corpora(name: str | None = None) -> Path:
    """The bundled corpus folder (``corpora/`` at the repo root, or inside an installed wheel), or one of
    its corpora: ``gwr`` (China's Government Work Reports) or ``ko-budget`` (Korean budget addresses)."""
    root = _bundled("corpora")
    if name is None:
        return root
    if name not in BUNDLED_CORPORA:
        from policytext.errors import PolicytextError

        raise PolicytextError(f"no bundled corpus {name!r}; bundled: {', '.join(BUNDLED_CORPORA)}")
    return root / name


def models_dir() -> Path:
    """The bundled models folder (``models/`` at the repo root, or inside an installed wheel)."""
    return _bundled("models")
