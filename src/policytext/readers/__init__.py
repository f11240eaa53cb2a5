"""Readers turn one file into plain text plus provenance; one module per format, chosen by suffix."""

from policytext.readers.base import Block, ReadResult, read_file, reader_for, supported_suffixes

__all__ = ["Block", "ReadResult", "read_file", "reader_for", "supported_suffixes"]
