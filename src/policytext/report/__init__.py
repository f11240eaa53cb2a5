"""Plots (and later reports) drawn from the analysis tables."""
