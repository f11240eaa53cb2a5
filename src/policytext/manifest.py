"""Manifests: a CSV or TOML file beside documents giving id, year, country, doctype, title, language.

A manifest named ``manifest.csv`` or ``manifest.toml`` applies to the files in its folder and below. A
row is matched to a file by its ``file`` (or ``path``) column, relative to the manifest's folder; failing
that by the ``sha256`` column (the file's bytes); failing that by an ``id`` equal to the file's stem or
ending in ``-<stem>``. In TOML, rows are an array of tables named ``documents``.

Bad rows are warnings naming the row (``Manifest.problems``), never silent: a file outside the manifest's
folder or not there, a duplicate file or id (the later row is ignored), a year that is not a whole number
(the year becomes unknown), a row with nothing to match a file by.
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
    problems: list[tuple[str, str]] = field(default_factory=list)  # (where: "<manifest> line N", what is wrong)

    def __post_init__(self) -> None:
        for n, row in enumerate(self.rows):
            where = self.row_label(n)
            row_problems = check_row(row, self.folder)
            self.problems.extend((where, problem) for problem in row_problems)
            f = row.get("file") or row.get("path")
            if f and not any(p.startswith(("file ", "unknown file")) for p in row_problems):
                key = Path(str(f)).as_posix()
                if key in self.by_file:
                    self.problems.append((where, f"duplicate file {key!r}: this row is ignored"))
                    continue
                self.by_file[key] = row
            if row.get("id"):
                if str(row["id"]) in self.by_id:
                    self.problems.append((where, f"duplicate id {row['id']!r}: this row is ignored"))
                    self.by_file = {k: v for k, v in self.by_file.items() if v is not row}
                    continue
                self.by_id[str(row["id"])] = row
            if row.get("sha256"):
                self.by_sha[str(row["sha256"]).lower()] = row

    def row_label(self, n: int) -> str:
        """Where row ``n`` (0-based) is: a CSV line number, or the TOML table's index."""
        if self.path.suffix.lower() == ".toml":
            return f"{self.path} [[documents]] #{n + 1}"
        return f"{self.path} line {n + 2}"

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


def check_row(row: dict[str, Any], folder: Path) -> list[str]:
    """What is wrong with one manifest row (empty when nothing); a bad year is cleared in ``row``."""
    problems = []
    f = row.get("file") or row.get("path")
    if f:
        target = Path(str(f))
        resolved = (folder / target).resolve()
        try:
            inside = not target.is_absolute() and resolved.is_relative_to(folder.resolve())
        except OSError:
            inside = False
        if not inside:
            problems.append(f"file {str(f)!r} is outside the manifest's folder: this row's file is ignored")
        elif not resolved.is_file():
            problems.append(f"unknown file {str(f)!r} (not in {folder})")
    elif not row.get("sha256") and not row.get("id"):
        problems.append("no file, path, sha256 or id: the row matches no document")
    year = row.get("year")
    if year is not None and not (isinstance(year, str) and not year.strip()):
        try:
            y = int(float(year))
            if isinstance(year, float | str) and float(year) != y:
                raise ValueError
        except (TypeError, ValueError, OverflowError):
            problems.append(f"column 'year': bad value {year!r} (not a whole number): year unknown")
            row["year"] = None
    return problems


def read_manifest(path: str | Path) -> Manifest:
    """Load a manifest file (CSV with a header row, or TOML with ``[[documents]]``)."""
    from policytext.readers.files import not_regular_reason

    p = Path(path)
    try:
        reason = not_regular_reason(p.stat().st_mode)
    except OSError as e:
        raise PolicytextError(f"{p}: cannot read manifest ({e.strerror or e})") from e
    if reason:
        raise PolicytextError(f"{p}: cannot read manifest: {reason}")
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
