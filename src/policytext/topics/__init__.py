"""Policy areas: a taxonomy, a classifier for sentences/paragraphs/sections, shares by group, NMF exploration."""

from policytext.topics.classify import classify, load_model, save_model, shares, train, unit_frame
from policytext.topics.explore import explore
from policytext.topics.taxonomy import Area, load_taxonomy

__all__ = ["Area", "classify", "explore", "load_model", "load_taxonomy", "save_model", "shares", "train",
           "unit_frame"]  # fmt: skip
