"""Keywords: auditable term and concept counts, KWIC, comparisons across groups, keyness, extraction."""

from policytext.keywords.compare import compare
from policytext.keywords.count import Query, count, find_hits
from policytext.keywords.kwic import kwic
from policytext.keywords.lexicon import Concept, Lexicon, load_lexicon

__all__ = ["Concept", "Lexicon", "Query", "compare", "count", "find_hits", "kwic", "load_lexicon"]
