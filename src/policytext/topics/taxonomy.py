"""The policy-area taxonomy (``data/topics/policy_areas.yaml``) and the units topics are assigned to."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from policytext.corpus import Document
from policytext.errors import PolicytextError
from policytext.resources import data_path

UNITS = ("sentence", "paragraph", "section")


@dataclass(frozen=True)
class Area:
    """One policy area: id, names, definition, CAP major topic, and the concept-lexicon areas it covers."""

    id: str
    names: dict[str, str]
    definition: str
    cap: int | None
    concept_areas: tuple[str, ...]


def load_taxonomy(path: str | Path | None = None) -> dict[str, Area]:
    """Areas from ``path`` (same YAML format as the bundled taxonomy), in file order."""
    p = Path(path) if path else data_path("topics", "policy_areas.yaml")
    try:
        raw: Any = yaml.safe_load(p.read_text(encoding="utf-8"))
        return {
            a["id"]: Area(
                id=a["id"],
                names={k: a[k] for k in ("zh", "ko", "en") if k in a},
                definition=a.get("definition", ""),
                cap=a.get("cap"),
                concept_areas=tuple(a.get("concept_areas") or ()),
            )
            for a in raw["areas"]
        }
    except (OSError, KeyError, TypeError, yaml.YAMLError) as e:
        raise PolicytextError(f"{p}: not a valid taxonomy ({e})") from e


def units(doc: Document, unit: str) -> list[tuple[int, int, int]]:
    """(unit_id, start, end) of every sentence, paragraph or numbered section of ``doc``."""
    if unit == "sentence":
        return [(s.sent_id, s.start, s.end) for s in doc.sentences()]
    if unit == "paragraph":
        return [(p.para_id, p.start, p.end) for p in doc.paragraphs()]
    if unit == "section":
        leaves = [s for s in doc.sections() if not any(o.parent == s.sec_id for o in doc.sections())]
        return [(s.sec_id, s.start, s.end) for s in leaves]
    raise PolicytextError(f"unknown unit {unit!r}: use one of {', '.join(UNITS)}")
