"""Group documents by metadata; missing values form an explicit "unknown" group, never dropped."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

UNKNOWN = "unknown"


def group_value(meta: dict[str, Any], by: Sequence[str]) -> str:
    """The group label of a document's metadata for fields ``by`` (joined with ' / ' for several)."""
    if not by:
        return "all"
    parts = []
    for field in by:
        if field == "decade":
            y = meta.get("year")
            v: Any = f"{int(y) // 10 * 10}s" if y is not None else None
        else:
            v = meta.get(field)
        parts.append(UNKNOWN if v is None or (isinstance(v, float) and v != v) or v == "" else str(v))
    return " / ".join(parts)


def group_sort_key(label: str) -> tuple[int, Any]:
    """Sort groups numerically where they are numbers (years), unknown last."""
    if label == UNKNOWN:
        return (2, label)
    try:
        return (0, float(label))
    except ValueError:
        return (1, label)
