"""Entities: spaCy pipelines (rules + gazetteers + trained NER) for Chinese and Korean, exports, linking."""

from policytext.entities.extract import entities, harvest_aliases, summary
from policytext.entities.pipeline import LABELS, nlp

__all__ = ["LABELS", "entities", "harvest_aliases", "nlp", "summary"]
