"""Short public names for the topic functions (``policytext.topics(...)``, ``policytext.topic_shares``)."""

from policytext.topics.classify import classify as topics
from policytext.topics.classify import shares as topic_shares

__all__ = ["topic_shares", "topics"]
