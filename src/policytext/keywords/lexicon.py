"""Concept lexicons: a YAML file mapping concept ids to labels and zh/ko/en aliases, with exclusions.

The bundled lexicon ``data/lexicons/policy_concepts.yaml`` is merged with the policy-term table
``data/policy_terms.csv``: every term whose ``concept`` column names a lexicon concept becomes one of that
concept's zh aliases, so the jieba dictionary and the concept lexicon cannot drift apart.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from policytext.errors import PolicytextError
from policytext.resources import data_path, safe_yaml
from policytext.tokenize.dictionary import POLICY_TERMS, read_policy_terms

BUNDLED = "lexicons/policy_concepts.yaml"
LANGS = ("zh", "ko", "en")


@dataclass(frozen=True)
class Concept:
    """One concept: id, labels per language, aliases per language, exclusion strings, policy area."""

    id: str
    labels: dict[str, str]
    aliases: dict[str, tuple[str, ...]]
    exclude: tuple[str, ...] = ()
    area: str | None = None

    def all_aliases(self) -> list[str]:
        """Every alias in every language, de-duplicated, longest first."""
        seen: dict[str, None] = {}
        for lang in LANGS:
            for a in self.aliases.get(lang, ()):
                seen.setdefault(a, None)
        return sorted(seen, key=lambda a: (-len(a), a))


@dataclass(frozen=True)
class Lexicon:
    """A versioned set of concepts loaded from one file."""

    name: str
    version: str
    concepts: tuple[Concept, ...]
    source: str = ""
    sha256: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, cid: str) -> Concept:
        for c in self.concepts:
            if c.id == cid:
                return c
        raise KeyError(cid)

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.concepts]

    def subset(self, ids: list[str]) -> Lexicon:
        """The lexicon restricted to ``ids`` (in that order); unknown ids are an error."""
        unknown = [i for i in ids if i not in self.ids]
        if unknown:
            raise PolicytextError(f"{self.source}: unknown concept id(s) {', '.join(unknown)}")
        return Lexicon(self.name, self.version, tuple(self[i] for i in ids), self.source, self.sha256)


def _as_list(v: Any) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    return [str(x) for x in v]


def load_lexicon(path: str | Path | None = None, *, merge_policy_terms: bool | None = None) -> Lexicon:
    """Load a concept lexicon (YAML); the bundled one, merged with the policy-term table, by default."""
    p = Path(path) if path else data_path(BUNDLED)
    merge = (path is None) if merge_policy_terms is None else merge_policy_terms
    try:
        raw_bytes = p.read_bytes()
        data = safe_yaml(raw_bytes.decode("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise PolicytextError(f"{p}: cannot read lexicon ({e})") from e
    if not isinstance(data, dict) or not isinstance(data.get("concepts"), list):
        raise PolicytextError(f"{p}: a lexicon needs a top-level 'concepts' list")
    terms_by_concept: dict[str, list[str]] = {}
    content = hashlib.sha256(raw_bytes)
    if merge:
        content.update(data_path(POLICY_TERMS).read_bytes())
        for row in read_policy_terms():
            if row.get("concept") and row.get("zh"):
                terms_by_concept.setdefault(row["concept"], []).append(row["zh"])
    concepts: list[Concept] = []
    seen: set[str] = set()
    for i, item in enumerate(data["concepts"]):
        if not isinstance(item, dict) or not item.get("id"):
            raise PolicytextError(f"{p}: concept #{i + 1} has no id")
        cid = str(item["id"])
        if cid in seen:
            raise PolicytextError(f"{p}: duplicate concept id {cid!r}")
        seen.add(cid)
        raw_aliases = item.get("aliases") or {}
        if not isinstance(raw_aliases, dict):
            raw_aliases = {"any": raw_aliases}
        aliases: dict[str, tuple[str, ...]] = {}
        for lang, vals in raw_aliases.items():
            aliases[str(lang)] = tuple(a for a in _as_list(vals) if a.strip())
        extra_zh = [t for t in terms_by_concept.get(cid, []) if t not in aliases.get("zh", ())]
        if extra_zh:
            aliases["zh"] = (*aliases.get("zh", ()), *extra_zh)
        if not any(aliases.values()):
            raise PolicytextError(f"{p}: concept {cid!r} has no aliases")
        labels = {str(k): str(v) for k, v in (item.get("labels") or {}).items()}
        concepts.append(Concept(cid, labels, aliases, tuple(_as_list(item.get("exclude"))), item.get("area")))
    return Lexicon(
        name=p.stem,
        version=str(data.get("version", "unversioned")),
        concepts=tuple(concepts),
        source=str(p),
        sha256=content.hexdigest()[:16],  # of the YAML and, when merged, of the policy-term table
    )
