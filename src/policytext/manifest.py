"""Manifests: a CSV or TOML file beside documents giving id, year, country, doctype, title, language.

A manifest named ``manifest.csv`` or ``manifest.toml`` applies to the files in its folder and below. A
row is matched to a file by its ``file`` (or ``path``) column, relative to the manifest's folder; failing
that by the ``sha256`` column (the file's bytes); failing that by an ``id`` equal to the file's stem or
ending in ``-<stem>``. In TOML, rows are an array of tables named ``documents``.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policytext.errors import PolicytextError

MANIFEST_NAMES = ("manifest.csv", "manifest.toml")


@dataclass
class Manifest:
    """Rows of one manifest file, indexed for matching files to them."""

    path: Path
    rows: list[dict[str, Any]]
    by_file: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_sha: dict[str, dict[str, Any]] = field(default_factory=dict)
    by_id: dict[str, dict[str, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for row in self.rows:
            f = row.get("file") or row.get("path")
            if f:
                self.by_file[Path(str(f)).as_posix()] = row
            if row.get("sha256"):
                self.by_sha[str(row["sha256"]).lower()] = row
            if row.get("id"):
                self.by_id[str(row["id"])] = row

    @property
    def folder(self) -> Path:
        return self.path.parent

    def match(self, file: Path, sha256: str) -> dict[str, Any] | None:
        """The row describing ``file`` (whose bytes hash to ``sha256``), or None."""
        try:
            rel = file.resolve().relative_to(self.folder.resolve()).as_posix()
        except ValueError:
            rel = file.name
        if rel in self.by_file:
            return self.by_file[rel]
        if sha256 in self.by_sha:
            return self.by_sha[sha256]
        stem = file.stem
        if stem in self.by_id:
            return self.by_id[stem]
        for key, row in self.by_id.items():
            if key.endswith("-" + stem):
                return row
        return None


def read_manifest(path: str | Path) -> Manifest:
    """Load a manifest file (CSV with a header row, or TOML with ``[[documents]]``)."""
    p = Path(path)
    try:
        if p.suffix.lower() == ".toml":
            with p.open("rb") as fb:
                data = tomllib.load(fb)
            rows = [dict(r) for r in data.get("documents", [])]
        else:
            with p.open(encoding="utf-8-sig", newline="") as f:
                rows = [
                    {k.strip(): (v.strip() if isinstance(v, str) else v) for k, v in r.items() if k}
                    for r in csv.DictReader(f)
                ]
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, csv.Error) as e:
        raise PolicytextError(f"{p}: cannot read manifest ({e})") from e
    return Manifest(p, rows)
