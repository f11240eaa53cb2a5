"""Write tidy tables to CSV, TSV, Parquet, JSON Lines or XLSX, with the schema and policytext versions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from policytext.cells import for_spreadsheet
from policytext.errors import PolicytextError

SCHEMA_VERSION = "1"
# RFC 4180 line ends: with "\r\n" as terminator the csv writer quotes any field holding a CR or LF, so a
# context that ends in a lone CR (CRLF source texts) reads back as one field (with "\n" it did not).
CSV_LINE_END = "\r\n"


def versions() -> dict[str, str]:
    """The schema version and policytext version every export carries."""
    from policytext import __version__

    return {"schema_version": SCHEMA_VERSION, "policytext_version": __version__}


def write_table(df: Any, path: str | Path, *, kind: str, extra: dict[str, Any] | None = None) -> Path:
    """Write ``df`` to ``path`` by its suffix; CSV/TSV/JSONL get a sidecar ``<name>.meta.json``."""
    p = Path(path)
    suffix = p.suffix.lower()
    info = {"kind": kind, **versions(), **(extra or {})}
    p.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".csv":
        for_spreadsheet(df).to_csv(p, index=False, lineterminator=CSV_LINE_END)
    elif suffix == ".tsv":
        for_spreadsheet(df).to_csv(p, index=False, sep="\t", lineterminator=CSV_LINE_END)
    elif suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(df, preserve_index=False)
        meta = dict(table.schema.metadata or {})
        meta[b"policytext"] = json.dumps(info).encode("utf-8")
        pq.write_table(table.replace_schema_metadata(meta), p)
        return p
    elif suffix in (".jsonl", ".json"):
        df.to_json(p, orient="records", lines=True, force_ascii=False)
    elif suffix == ".xlsx":
        try:
            with __import__("pandas").ExcelWriter(p) as xw:
                for_spreadsheet(df, xlsx=True).to_excel(xw, index=False, sheet_name=kind[:31] or "table")
                __import__("pandas").DataFrame([info]).to_excel(xw, index=False, sheet_name="about")
        except ImportError as e:
            raise PolicytextError("writing .xlsx needs openpyxl: pip install openpyxl") from e
        return p
    else:
        raise PolicytextError(f"{p}: unsupported output type {suffix!r} (use .csv, .tsv, .parquet, .jsonl, .xlsx)")
    p.with_name(p.name + ".meta.json").write_text(
        json.dumps(info, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return p
