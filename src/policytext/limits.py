"""The limits one input may use (characters, bytes, archive members, regex time), read from data/limits.yaml.

``max_chars`` can be raised per process with the environment variable ``POLICYTEXT_MAX_CHARS`` (set by
``policytext --max-chars``), which spawned worker processes inherit.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from policytext.errors import PolicytextError
from policytext.resources import data_yaml

ENV_MAX_CHARS = "POLICYTEXT_MAX_CHARS"


@dataclass(frozen=True)
class Limits:
    """What one document may cost; see data/limits.yaml for the defaults and why."""

    max_chars: int
    max_file_bytes: int
    max_archive_bytes: int
    max_xml_member_bytes: int
    max_archive_members: int
    regex_timeout_seconds: float

    @property
    def max_text_file_bytes(self) -> int:
        """A text file larger than this has more than ``max_chars`` characters (4 bytes per character at most)."""
        return min(self.max_file_bytes, 4 * self.max_chars)


def parse_max_chars(value: str | int, source: str) -> int:
    """A positive character limit from ``value``; a clear error naming ``source`` otherwise."""
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise PolicytextError(f"{source}: expected a whole number of characters, got {value!r}") from None
    if n <= 0:
        raise PolicytextError(f"{source}: must be positive, got {n}")
    return n


def limits(max_chars: int | None = None) -> Limits:
    """The limits in force: the data file's, ``max_chars`` (or $POLICYTEXT_MAX_CHARS) overriding its default."""
    raw = data_yaml("limits.yaml")
    if max_chars is None and os.environ.get(ENV_MAX_CHARS):
        max_chars = parse_max_chars(os.environ[ENV_MAX_CHARS], ENV_MAX_CHARS)
    return Limits(
        max_chars=int(max_chars if max_chars is not None else raw["max_chars"]),
        max_file_bytes=int(raw["max_file_bytes"]),
        max_archive_bytes=int(raw["max_archive_bytes"]),
        max_xml_member_bytes=int(raw["max_xml_member_bytes"]),
        max_archive_members=int(raw["max_archive_members"]),
        regex_timeout_seconds=float(raw["regex_timeout_seconds"]),
    )
