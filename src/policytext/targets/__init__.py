"""Quantitative targets and outcomes: extraction, target-vs-outcome tables, claim verification."""

from policytext.targets.extract import extract_targets
from policytext.targets.indicators import Indicator, indicator_table, load_indicators
from policytext.targets.table import read_claims, target_table, verify_claims

__all__ = [
    "Indicator", "extract_targets", "indicator_table", "load_indicators", "read_claims", "target_table",
    "verify_claims",
]  # fmt: skip
