"""The one label map: gold-set and model labels (PER, PS, OG, LC, GPE) to policytext's (data/entities/labels.yaml)."""

from __future__ import annotations

from policytext.resources import data_yaml

_DATA = data_yaml("entities", "labels.yaml")
#: every known label → policytext's label
LABEL_MAP: dict[str, str] = {str(k): str(v) for k, v in _DATA["to_policytext"].items()}
#: the labels the NER models are trained on
TRAINED: frozenset[str] = frozenset(_DATA["trained"])
#: gold labels that become training labels
TRAIN_LABELS: dict[str, str] = {k: v for k, v in LABEL_MAP.items() if v in TRAINED}


def to_label(label: str) -> str:
    """A gold or model label as policytext's label (unknown labels unchanged)."""
    return LABEL_MAP.get(label, label)
