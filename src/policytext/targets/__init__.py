"""Quantitative targets and outcomes: extraction, target-vs-outcome tables, claim verification."""

from policytext.targets.extract import extract_targets
from policytext.targets.indicators import Indicator, load_indicators
from policytext.targets.table import target_table, verify_claims

__all__ = ["Indicator", "extract_targets", "load_indicators", "target_table", "verify_claims"]
