"""The indicator lexicon and kind cues of ``policytext targets`` (data files under ``data/targets``)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from policytext.errors import PolicytextError
from policytext.resources import data_path, data_yaml

# which figure units an indicator of a given unit accepts
COMPATIBLE_UNITS = {
    "percent": {"percent"},
    "persons": {"persons"},
    "kg": {"kg"},
    "CNY": {"CNY"},
    "KRW": {"KRW"},
    "USD": {"USD"},
}


@dataclass(frozen=True)
class Indicator:
    """One headline indicator: id, names, unit, the direction that is better, phrases per language."""

    id: str
    names: dict[str, str]
    unit: str
    better: str
    phrases: dict[str, tuple[str, ...]]
    context: dict[str, tuple[str, ...]] = field(default_factory=dict)
    default_kind: str | None = None

    def applies(self, sentence: str, lang: str) -> bool:
        """False when the indicator needs a context word (e.g. 예산 for 규모) that ``sentence`` lacks."""
        words = self.context.get(lang, ())
        return not words or any(w in sentence for w in words)


def load_indicators(path: str | Path | None = None) -> dict[str, Indicator]:
    """Indicators from ``path`` (same YAML format as the bundled ``data/targets/indicators.yaml``)."""
    p = Path(path) if path else data_path("targets", "indicators.yaml")
    try:
        raw: Any = yaml.safe_load(p.read_text(encoding="utf-8"))
        out = {}
        for item in raw["indicators"]:
            out[item["id"]] = Indicator(
                id=item["id"],
                names={k: item[k] for k in ("zh", "ko", "en") if k in item},
                unit=item["unit"],
                better=item.get("better", "none"),
                phrases={lang: tuple(v) for lang, v in (item.get("phrases") or {}).items()},
                context={lang: tuple(v) for lang, v in (item.get("context") or {}).items()},
                default_kind=item.get("default_kind"),
            )
    except (OSError, KeyError, TypeError, yaml.YAMLError) as e:
        raise PolicytextError(f"{p}: not a valid indicator lexicon ({e})") from e
    return out


def phrase_pattern(indicators: dict[str, Indicator], lang: str) -> tuple[re.Pattern[str], dict[str, list[str]]]:
    """One regex of every phrase in ``lang`` (longest first) and the map phrase → indicator ids."""
    owner: dict[str, list[str]] = {}
    for ind in indicators.values():
        for ph in ind.phrases.get(lang, ()):
            owner.setdefault(ph, []).append(ind.id)
    if not owner:
        return re.compile(r"(?!x)x"), owner
    alts = "|".join(re.escape(p) for p in sorted(owner, key=len, reverse=True))
    return re.compile(alts), owner


@lru_cache(maxsize=4)
def cues(lang: str) -> dict[str, Any]:
    """Kind cues, section defaults, blockers, not-set phrases and period words for ``lang``."""
    data: dict[str, Any] = data_yaml("targets", "cues.yaml")
    if lang not in data:
        raise PolicytextError(f"targets: no cue words for language {lang!r} (have {', '.join(data)})")
    return data[lang]  # type: ignore[no-any-return]


def indicator_table(indicators: dict[str, Indicator]) -> Any:
    """The indicator lexicon as a table: id, names in en/zh/ko, unit, which direction is better."""
    import pandas as pd

    return pd.DataFrame([{"id": i.id, "en": i.names.get("en"), "zh": i.names.get("zh"), "ko": i.names.get("ko"),
                          "unit": i.unit, "better": i.better} for i in indicators.values()])  # fmt: skip
