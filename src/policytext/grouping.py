"""Group documents by metadata; missing values form an explicit "unknown" group, never dropped."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from policytext.errors import PolicytextError

UNKNOWN = "unknown"
DERIVED_FIELDS = ("decade",)


def check_fields(by: Sequence[str], metas: Iterable[dict[str, Any]], always: Iterable[str] = ()) -> None:
    """Raise PolicytextError listing the valid fields when a ``by`` field is in no document's metadata
    (so a typo is an error, not one "unknown" group); ``always``: fields valid without metadata (core ones)."""
    valid = set(always) | set(DERIVED_FIELDS)
    for meta in metas:
        valid.update(meta)
    bad = [f for f in by if f not in valid]
    if bad:
        raise PolicytextError(f"unknown --by field(s) {', '.join(map(repr, bad))}: use one of "
                              f"{', '.join(sorted(valid))}")  # fmt: skip


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
