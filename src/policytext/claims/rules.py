"""The stated rules of claim checking (``data/claims_rules.yaml``): corpora, tolerances, views, ranking."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from policytext.errors import PolicytextError
from policytext.resources import data_path, safe_yaml

RULES_FILE = "claims_rules.yaml"


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    """The bundled rules, checked for the sections the engine reads."""
    p = data_path(RULES_FILE)
    data = safe_yaml(p.read_text(encoding="utf-8"))
    for key in ("corpora", "tolerance", "korean_hanja_view_before", "ranking", "length", "near_duplicates",
                "target_modifiers"):
        if not isinstance(data, dict) or key not in data:
            raise PolicytextError(f"{p}: missing section {key!r}")
    return dict(data)


def tolerance_lines() -> list[str]:
    """The tolerance rules as printable lines (printed with every verdict table)."""
    r = rules()
    lines = [f"{k}: {' '.join(str(v).split())}" for k, v in r["tolerance"].items()]
    lines[lines.index(f"total_chars_relative: {r['tolerance']['total_chars_relative']}")] = (
        f"total: a length stated without modifier within {float(r['tolerance']['total_chars_relative']):.0%}")
    lines.append(f"Korean texts: Hanja/spelling view for claims reaching before {r['korean_hanja_view_before']}")
    lines.append(f"ranking: {' '.join(str(r['ranking']['rule']).split())}")
    lines.append("ranking readings: " + "; ".join(f"{x['label']} = {x['means']}" for x in r["ranking"]["readings"]))
    lines.append("length readings: " + "; ".join(f"{x['label']} = {x['means']}" for x in r["length"]))
    return lines
