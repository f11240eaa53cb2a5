"""Which topic model files may be loaded: every type a skops file names must be on an explicit allow-list.

The allow-list (data/topics/model_types.txt) holds the exact types of the shipped models; no module prefix
is trusted, because ``builtins.``/``numpy.`` contain functions that run code. A file that is not a readable
skops archive is an error naming its path.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from policytext.errors import PolicytextError
from policytext.resources import data_path

_MAX_SCHEMA_BYTES = 160 << 20
"""A schema past this is refused unread; skops writes ~800 bytes per vocabulary entry, so the shipped Korean
model (87k n-grams) has a 72 MB schema."""


@lru_cache(maxsize=1)
def allowed_types() -> frozenset[str]:
    """The allow-list: one fully qualified type per line, ``#`` comments."""
    lines = data_path("topics", "model_types.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(s for line in lines if (s := line.split("#", 1)[0].strip()))


def _walk(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("__module__"), str) and isinstance(node.get("__class__"), str):
            yield f"{node['__module__']}.{node['__class__']}"
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


def model_types(path: Path, data: bytes | None = None) -> set[str]:
    """Every type and function a skops file names (read from its schema, nothing is loaded); ``data``: the
    file's bytes when already read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data) if data is not None else path) as zf:
            info = zf.getinfo("schema.json")
            if info.file_size > _MAX_SCHEMA_BYTES:
                raise PolicytextError(f"{path}: model schema is {info.file_size:,} bytes; not a policytext model")
            schema = json.loads(zf.read(info))
    except PolicytextError:
        raise
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise PolicytextError(f"{path}: not a readable skops model ({type(e).__name__}: {e}); restore the file or "
                              "train a new one with `policytext topics train`") from e  # fmt: skip
    return set(_walk(schema))


def trusted_types(path: Path, data: bytes | None = None) -> list[str]:
    """The types to pass to ``skops.io.load(trusted=...)``: every type the file names, each checked against
    the allow-list; a PolicytextError naming the file and every type outside it otherwise. skops audits the
    file again while loading and refuses any type it distrusts that is not passed here, so its own audit pass
    (``get_untrusted_types``, a second walk of the whole schema tree) is not run first. ``data``: the file's
    bytes when already read (a model is read from disk once)."""
    named = model_types(path, data)
    bad = sorted(named - allowed_types())
    if bad:
        raise PolicytextError(f"{path}: refusing to load a model naming types outside the allow-list "
                              f"(data/topics/model_types.txt): {', '.join(bad)}")  # fmt: skip
    return sorted(named)
