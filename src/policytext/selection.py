"""Which documents to keep: a pandas query over their metadata and a year range, the same in every command.

``Selection.mask`` decides on a table of metadata rows (``Corpus.filter``, ``corpus info``, every command);
``Selection.accepts`` decides on one document's metadata (``analyze``, which streams documents). Both
evaluate the query on the same kind of frame: the columns ``doc_id`` (alias ``id``), ``year`` (nullable
integer), ``lang`` and every metadata field, a field a document lacks being null — so a query naming a
field only some documents have (``president == '문재인'`` on a folder of Chinese and Korean files) selects
the same documents either way. A field that no document has is a typo: an error naming it, in both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from policytext.errors import PolicytextError

_UNDEFINED = re.compile(r"name '([^']+)' is not defined")


class SelectionError(PolicytextError):
    """A filter that cannot be evaluated: the run stops (every document would fail the same way)."""


@dataclass(frozen=True)
class Selection:
    """``where`` (a pandas query), ``since`` and ``until`` (inclusive years; unknown years are then left out)."""

    where: str | None = None
    since: int | None = None
    until: int | None = None

    def __post_init__(self) -> None:
        if self.since is not None and self.until is not None and self.since > self.until:
            raise SelectionError(f"--since {self.since} is after --until {self.until}: no year can match; swap them")

    def __bool__(self) -> bool:
        return bool(self.where) or self.since is not None or self.until is not None

    def mask(self, frame: Any, *, whole: bool = True) -> Any:
        """A boolean Series over the rows of ``frame`` (metadata, one row per document). With ``whole`` (the
        frame is the whole corpus) a field that no document has is an error naming it, not an empty result."""
        import pandas as pd

        frame = _prepared(frame)
        keep = pd.Series(True, index=frame.index)
        if self.since is not None or self.until is not None:
            year = frame["year"] if "year" in frame else pd.Series(pd.NA, index=frame.index, dtype="Int64")
            ok = year.notna()
            if self.since is not None:
                ok &= year.fillna(self.since) >= self.since
            if self.until is not None:
                ok &= year.fillna(self.until) <= self.until
            keep &= ok.astype(bool)
        if self.where:
            keep &= self._query(frame, whole)
        return keep

    def accepts(self, doc_id: str, meta: dict[str, Any], lang: str | None) -> bool:
        """Whether one document (its id, metadata and language) is selected."""
        import pandas as pd

        if not self:
            return True
        return bool(self.mask(pd.DataFrame([{**meta, "doc_id": doc_id, "lang": lang}]), whole=False).iloc[0])

    def check_fields(self, fields: set[str]) -> None:
        """Raise if the query names a field none of the documents had (``fields``: every field seen), as
        ``mask`` does on a whole corpus; ``analyze`` calls it once all documents have been read."""
        import pandas as pd

        if self.where:
            self._query(pd.DataFrame(columns=sorted(fields | {"doc_id", "id", "lang", "year"})), whole=True)

    def _query(self, frame: Any, whole: bool) -> Any:
        import pandas as pd

        assert self.where is not None
        added: list[str] = []
        while True:
            try:
                result = frame.eval(self.where, engine="python")
            except Exception as e:  # pandas raises UndefinedVariableError for a field no document has
                m = _UNDEFINED.search(str(e))
                if m and whole:
                    raise SelectionError(f"--where {self.where!r}: no document has the field {m.group(1)!r} "
                                         f"(fields: {', '.join(sorted(map(str, frame.columns)))})") from e  # fmt: skip
                if m and m.group(1) not in frame.columns and len(added) < 50:
                    added.append(m.group(1))
                    frame = frame.assign(**{m.group(1): pd.Series(None, index=frame.index, dtype=object)})
                    continue
                raise SelectionError(f"--where {self.where!r}: {type(e).__name__}: {e} (fields: "
                                     f"{', '.join(map(str, frame.columns))})") from e  # fmt: skip
            break
        if not isinstance(result, pd.Series) or result.dtype.kind != "b":
            if isinstance(result, pd.Series) and str(result.dtype) == "boolean":
                return result.fillna(False).astype(bool)
            raise SelectionError(f"--where {self.where!r} is not a condition (it gives {type(result).__name__})")
        return result


def _prepared(frame: Any) -> Any:
    """The frame a query sees: ``doc_id`` (and ``id``), ``year`` as nullable integers, ``lang``."""
    frame = frame.copy()
    if "doc_id" not in frame and "id" in frame:
        frame["doc_id"] = frame["id"]
    if "id" not in frame and "doc_id" in frame:
        frame["id"] = frame["doc_id"]
    if "year" in frame:
        frame["year"] = frame["year"].astype("Float64").round().astype("Int64") if frame["year"].dtype.kind == "f" \
            else frame["year"].astype("Int64")
    return frame.reset_index(drop=True)
