"""Exceptions policytext raises: each names the file or component and says what to do."""

from __future__ import annotations

from pathlib import Path


class PolicytextError(Exception):
    """Base class for every error policytext raises on purpose."""


class ReaderError(PolicytextError):
    """A file could not be read as a document; the message names the file and the problem."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class BackendUnavailable(PolicytextError):
    """A tokenizer backend cannot run here (missing package, missing JVM); says what to install."""
