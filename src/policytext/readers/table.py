"""Tables as corpora: one document per row of a Parquet, CSV/TSV, JSON Lines or XLSX file.

The text column is ``text_col`` or the first column named text, content or body; the id column is
``id_col`` or ``id`` (else ``<file>#<row>``); the year is ``year_col`` or ``year``, else the first four-digit
year of a ``date`` column. Every other column is kept as metadata. Parquet, CSV and JSONL are read in
chunks, so a table larger than memory streams; XLSX is read whole.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policytext.errors import PolicytextError, ReaderError

TABLE_SUFFIXES = (".parquet", ".csv", ".tsv", ".jsonl", ".xlsx")
TEXT_NAMES = ("text", "content", "body")
_YEAR = re.compile(r"(1[89]\d\d|20\d\d)")


@dataclass(frozen=True)
class TableRow:
    """One row: its number in the file (0-based), id, text, and the other columns as metadata."""

    row: int
    doc_id: str
    text: str | None
    meta: dict[str, Any]
    problem: str | None = None  # set for a row that cannot be used (e.g. a bad year value); it is skipped
    # row -1: a line the parser left out (a ragged CSV line, invalid JSON); doc_id then says "line N"


class ColumnError(PolicytextError):
    """A column named by the user (--text-col, --id-col, --year-col) is not in the table: nothing is read."""


def _columns_named(p: Path, cols: list[str], text_col: str | None, id_col: str | None, year_col: str | None) -> None:
    for option, name in (("--text-col", text_col), ("--id-col", id_col), ("--year-col", year_col)):
        if name is not None and name not in cols:
            raise ColumnError(f"{p}: {option} {name!r} is not a column of this table (columns: {', '.join(cols)})")


def parse_year(value: Any) -> int | None:
    """A year from a cell (2019, "2019", 2019.0); None when empty; ValueError when it is not a whole number."""
    if value is None:
        return None
    f = float(value)  # ValueError / TypeError / OverflowError for text
    if f != int(f):
        raise ValueError(value)
    return int(f)


def _csv_chunks(path: Path, sep: str, chunk_rows: int) -> Iterator[tuple[Any, list[str]]]:
    """CSV/TSV chunks; a line with the wrong number of fields is left out and reported (pandas' own warning
    names its line), so one ragged line does not lose the rest of the table."""
    import warnings

    import pandas as pd
    from pandas.errors import ParserWarning

    reader = pd.read_csv(path, sep=sep, chunksize=chunk_rows, dtype=str, keep_default_na=False, on_bad_lines="warn")
    while True:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ParserWarning)
            try:
                chunk = next(reader)
            except StopIteration:
                chunk = None
        bad = [str(w.message).strip().removeprefix("Skipping ") for w in caught
               if issubclass(w.category, ParserWarning)]  # fmt: skip
        if chunk is None:
            if bad:
                yield pd.DataFrame(), bad
            return
        yield chunk, bad


def _jsonl_chunks(path: Path, chunk_rows: int) -> Iterator[tuple[Any, list[str]]]:
    """JSON Lines chunks parsed line by line: a line that is not a JSON object is reported by its number and
    the other lines still load."""
    import json

    import pandas as pd

    records: list[dict[str, Any]] = []
    bad: list[str] = []
    with path.open(encoding="utf-8-sig", errors="strict") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as e:
                bad.append(f"line {n}: not valid JSON ({e})")
                continue
            if not isinstance(rec, dict):
                bad.append(f"line {n}: a JSON {type(rec).__name__}, not an object")
                continue
            records.append(rec)
            if len(records) >= chunk_rows:
                yield pd.DataFrame(records, dtype=object), bad
                records, bad = [], []
    if records or bad:
        yield pd.DataFrame(records, dtype=object), bad


def _chunks(path: Path, chunk_rows: int) -> Iterator[tuple[Any, list[str]]]:
    """(DataFrame, problems with lines left out) per chunk of a table file."""
    import pandas as pd

    suffix = path.suffix.lower()
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        for batch in pq.ParquetFile(path).iter_batches(batch_size=chunk_rows):
            yield batch.to_pandas(), []
    elif suffix in (".csv", ".tsv"):
        yield from _csv_chunks(path, "\t" if suffix == ".tsv" else ",", chunk_rows)
    elif suffix == ".jsonl":
        yield from _jsonl_chunks(path, chunk_rows)
    elif suffix == ".xlsx":
        yield pd.read_excel(path, dtype=str, keep_default_na=False), []
    else:
        raise ReaderError(path, f"not a table file (expected one of {', '.join(TABLE_SUFFIXES)})")


def _clean(v: Any) -> Any:
    if v is None:
        return None
    try:
        if v != v:  # NaN / NA
            return None
    except (TypeError, ValueError):
        return None
    if isinstance(v, str) and not v.strip():
        return None
    if hasattr(v, "item"):
        return v.item()
    return v


def iter_table(path: str | Path, *, text_col: str | None = None, id_col: str | None = None,
               year_col: str | None = None, chunk_rows: int = 2000) -> Iterator[TableRow]:  # fmt: skip
    """Rows of a table file as TableRows; raises ReaderError naming the file for an unreadable table."""
    p = Path(path)
    row_no = 0
    try:
        for chunk, bad_lines in _chunks(p, chunk_rows):
            for bad in bad_lines:  # lines the parser left out: reported, not a row
                yield TableRow(-1, bad.partition(":")[0], None, {}, bad + "; line skipped")
            if not len(chunk.columns):
                continue
            cols = [str(c) for c in chunk.columns]
            if row_no == 0:
                _columns_named(p, cols, text_col, id_col, year_col)
            tcol = text_col or next((c for c in cols if c.lower() in TEXT_NAMES), None)
            if tcol is None or tcol not in cols:
                raise ReaderError(p, f"no text column (looked for {text_col or ' / '.join(TEXT_NAMES)}; "
                                     f"columns: {', '.join(cols)}); name it with --text-col")  # fmt: skip
            icol = id_col or ("id" if "id" in cols else None)
            if id_col and id_col not in cols:
                raise ReaderError(p, f"no id column {id_col!r} (columns: {', '.join(cols)})")
            ycol = year_col or ("year" if "year" in cols else None)
            for rec in chunk.to_dict("records"):
                meta = {k: _clean(v) for k, v in rec.items() if k != tcol}
                text = rec.get(tcol)
                text = text if isinstance(text, str) else None
                ident = str(meta[icol]) if icol and meta.get(icol) is not None else f"{p.name}#{row_no}"
                year = meta.pop(ycol, None) if ycol else None
                if year is None:
                    date = meta.get("date")
                    m = _YEAR.search(str(date)) if date is not None else None
                    year = int(m.group(1)) if m else None
                problem = None
                try:
                    meta["year"] = parse_year(year)
                except (TypeError, ValueError, OverflowError):
                    problem = f"column {ycol or 'date'!r}: bad value {year!r} (not a year)"
                    meta["year"] = None
                yield TableRow(row_no, ident, text, meta, problem)
                row_no += 1
    except PolicytextError:
        raise
    except Exception as e:  # pyarrow / pandas errors for corrupt tables
        raise ReaderError(p, f"not a readable table ({type(e).__name__}: {e})") from e
