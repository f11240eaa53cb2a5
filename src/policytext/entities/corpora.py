"""The NER training corpora named in data/entities/train_sources.yaml, read with their labels mapped.

Each record keeps the gold format of ../shared/eval/ner; spans get the label their corpus maps them to,
and spans of classes marked ``missing`` get the label ``MISSING`` (unknown to the model, not outside).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from policytext.entities.training import read_jsonl
from policytext.errors import PolicytextError
from policytext.resources import data_yaml

MISSING = "MISSING"


def sources(lang: str) -> dict[str, dict[str, Any]]:
    """The training corpora of ``lang`` with their paths, licences and label maps."""
    table: dict[str, dict[str, dict[str, Any]]] = data_yaml("entities", "train_sources.yaml")
    if lang not in table:
        raise PolicytextError(f"train_sources.yaml: no training corpora for language {lang!r}")
    return table[lang]


def read_source(gold_dir: str | Path, lang: str, name: str) -> Iterator[dict[str, Any]]:
    """The records of one corpus, spans relabelled (dropped classes removed, unknown ones ``MISSING``)."""
    table = sources(lang)
    if name not in table:
        raise PolicytextError(f"train_sources.yaml: no corpus {name!r} for {lang} (have {', '.join(table)})")
    spec = table[name]
    labels: dict[str, str] = spec["labels"]
    missing = set(spec.get("missing", []))
    path = Path(gold_dir) / spec["path"]
    if not path.is_file():
        raise PolicytextError(f"{path}: training corpus {name!r} not found")
    for r in read_jsonl(path):
        spans = []
        for sp in r["spans"]:
            if sp["label"] in labels:
                spans.append({**sp, "label": labels[sp["label"]]})
            elif sp["label"] in missing:
                spans.append({**sp, "label": MISSING})
        yield {**r, "spans": spans, "source": name}
