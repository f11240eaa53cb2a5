"""Group documents by metadata: one column per grouping variable, named after it (``--by year`` → ``year``).

Documents without a value form an explicit group, never dropped: a missing year is a null in the
nullable-integer ``year`` column, any other missing value is the string ``unknown``; on screen both read
``unknown``. ``doc_id`` (alias ``id``) groups by document, and then the document's ``year`` and ``lang``
come along as columns (they are functions of the document). Groups are ordered by their values: years
numerically, documents in input order, unknown last.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from policytext.errors import PolicytextError

if TYPE_CHECKING:
    import pandas as pd

UNKNOWN = "unknown"
DERIVED_FIELDS = ("decade", "doc_id", "id", "lang", "year")


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


def parse_by(by: Sequence[str] | str | None, default: Sequence[str] = ("year",)) -> tuple[str, ...]:
    """Grouping fields from ``--by`` values (comma-separated allowed); ``id`` means ``doc_id``."""
    items = [by] if isinstance(by, str) else list(by) if by is not None else list(default)
    fields = [f.strip() for item in items for f in str(item).split(",") if f.strip()]
    return tuple(dict.fromkeys("doc_id" if f == "id" else f for f in fields))


def group_fields(by: Sequence[str]) -> tuple[str, ...]:
    """The group columns of ``by``: grouping by ``doc_id`` brings the document's ``year`` and ``lang``."""
    out: list[str] = []
    for f in by:
        out.append(f)
        if f == "doc_id":
            out += [x for x in ("year", "lang") if x not in by]
    return tuple(dict.fromkeys(out))


def _missing(v: Any) -> bool:
    if v is None or (isinstance(v, float) and v != v) or str(v) in ("<NA>", "nan", "NaT"):
        return True  # pd.NA and NaT print as <NA>/NaT (and must not be compared: their truth is ambiguous)
    return isinstance(v, str) and v == ""


def field_value(doc_id: str, meta: dict[str, Any], field: str) -> Any:
    """One grouping value of a document: ``year`` an int or None, ``decade`` e.g. '1950s', else a string."""
    if field == "doc_id":
        return doc_id
    if field in ("year", "decade"):
        y = meta.get("year")
        if _missing(y):
            return None if field == "year" else UNKNOWN
        return int(str(y)) if field == "year" else f"{int(str(y)) // 10 * 10}s"
    v = meta.get(field)
    return UNKNOWN if _missing(v) else str(v)


def group_key(doc_id: str, meta: dict[str, Any], by: Sequence[str]) -> tuple[Any, ...]:
    """The values of a document for every group column of ``by``."""
    return tuple(field_value(doc_id, meta, f) for f in group_fields(by))


def sort_key(key: tuple[Any, ...], by: Sequence[str], order: dict[str, int] | None = None) -> tuple[Any, ...]:
    """Order of groups: years numerically, documents by ``order`` (input order), text, unknown last."""
    parts: list[tuple[int, Any]] = []
    for f, v in zip(group_fields(by), key, strict=True):
        if v is None or v == UNKNOWN:
            parts.append((3, ""))
        elif f == "doc_id" and order is not None:
            parts.append((0, order.get(v, len(order))))
        elif isinstance(v, int):
            parts.append((0, v))
        else:
            try:
                parts.append((1, float(str(v).rstrip("s"))))
            except ValueError:
                parts.append((2, str(v)))
    return tuple(parts)


def group_frame(keys: Sequence[tuple[Any, ...]], by: Sequence[str]) -> pd.DataFrame:
    """The group columns for rows of group ``keys``: ``year`` as nullable integers, others as strings."""
    import pandas as pd

    cols = group_fields(by)
    df = pd.DataFrame(list(keys), columns=list(cols))
    for c in cols:
        df[c] = df[c].astype("Int64") if c == "year" else df[c].astype(object)
    return df


def label(key: tuple[Any, ...]) -> str:
    """A group's label on screen and in ``--ref/--target``: values joined by ' / ', unknown for nulls."""
    return " / ".join(UNKNOWN if _missing(v) else str(v) for v in key)


def labels(df: Any, first_value_column: str) -> list[str]:
    """The group label of every row of a table whose group columns precede ``first_value_column``."""
    cols = list(df.columns[: list(df.columns).index(first_value_column)])
    if not cols:
        return ["all"] * len(df)
    return [label(tuple(r)) for r in df[cols].itertuples(index=False)]


def label_sort_key(text: str) -> tuple[int, Any]:
    """Sort labels numerically where they are numbers (years), unknown last."""
    if text == UNKNOWN:
        return (2, text)
    try:
        return (0, float(text))
    except ValueError:
        return (1, text)
