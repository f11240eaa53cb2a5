"""Spreadsheet-safe cells: text a spreadsheet would evaluate as a formula is neutralised (OWASP's CSV rule).

A string cell (or column name) that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets
a leading single quote, so Excel, LibreOffice and Google Sheets show it as text. Only CSV/TSV/XLSX, the
files people open in spreadsheets, are escaped; Parquet and JSON Lines keep the raw value.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 (so XLSX) cannot hold: C0 controls other than tab, LF, CR.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(value: Any) -> Any:
    """``value`` with a leading ``'`` when it is a string a spreadsheet would evaluate; other values as given."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _xlsx_text(value: Any) -> Any:
    value = neutralise(value)
    return _XML_ILLEGAL.sub("\ufffd", value) if isinstance(value, str) else value


def for_spreadsheet(df: Any, *, xlsx: bool = False) -> Any:
    """A copy of DataFrame ``df`` whose string cells and column names are neutralised (``xlsx``: also
    control characters XLSX cannot store replaced by U+FFFD); numbers, dates and missing values unchanged."""
    fix = _xlsx_text if xlsx else neutralise
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or str(out[col].dtype) in ("string", "str", "category"):
            out[col] = out[col].astype(object).map(fix)
    out.columns = [fix(c) if isinstance(c, str) else c for c in out.columns]
    return out
