"""policytext: auditable analysis of Chinese and Korean policy documents.

Public API:
    load_corpus(path)      -> Corpus of Documents (both bundled corpora when path is None)
    Corpus, Document       -> documents with ``text``, ``meta``, ``sentences()`` and ``tokens()``
    tokenize(text, lang)   -> list of Token with exact character offsets
    normalize(text)        -> NormalizedView whose offsets map back to the original text
    find_hits, count, kwic, compare, keywords, collocations, load_lexicon
                           -> keyword analysis as pandas DataFrames (loaded on first use)
    extract_targets, target_table, verify_claims
                           -> stated targets and outcomes, per year, checked against claims
    topics(docs, unit), topic_shares(assigned, by)
                           -> policy area of every sentence/paragraph/section, and shares per group
    entities(docs), nlp("zh" | "ko")
                           -> entity mentions with offsets, labels, normalised values and canonical ids;
                              the spaCy pipeline behind them
    stages.make(name, **options).run(docs), stages.fingerprint(config)
                           -> any analysis as a frozen config and one function documents -> DataFrame,
                              the one the commands and ``analyze`` run; its fingerprint (cache key, settings)
    analyze(paths, out_dir, settings=Settings.of(...))
                           -> every stage over a whole corpus: parallel, cached, resumable
    Selection(where, since, until)
                           -> the one document filter of every command (``Corpus.filter`` uses it)
"""

from __future__ import annotations

from policytext.corpus import Corpus, Document, document_from_text, load_corpus
from policytext.errors import BackendUnavailable, PolicytextError, ReaderError
from policytext.text.normalize import NormalizeOptions, normalize
from policytext.tokenize import Token
from policytext.tokenize import tokenize_text as tokenize

__version__ = "0.1.0"

_LAZY = {
    "find_hits": "policytext.keywords.count",
    "count": "policytext.keywords.count",
    "kwic": "policytext.keywords.kwic",
    "compare": "policytext.keywords.compare",
    "keywords": "policytext.keywords.extract",
    "collocations": "policytext.keywords.collocations",
    "load_lexicon": "policytext.keywords.lexicon",
    "extract_targets": "policytext.targets",
    "target_table": "policytext.targets",
    "verify_claims": "policytext.targets",
    "topics": "policytext.topics.api",
    "topic_shares": "policytext.topics.api",
    "entities": "policytext.entities",
    "nlp": "policytext.entities",
    "analyze": "policytext.batch",
    "Settings": "policytext.batch",
    "Selection": "policytext.selection",
}


def __getattr__(name: str) -> object:
    """Load the analysis functions on first use, so ``import policytext`` stays light."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'policytext' has no attribute {name!r}")


__all__ = [
    "BackendUnavailable",
    "Corpus",
    "Document",
    "NormalizeOptions",
    "PolicytextError",
    "ReaderError",
    "Selection",
    "Settings",
    "Token",
    "__version__",
    "analyze",
    "collocations",
    "compare",
    "count",
    "document_from_text",
    "entities",
    "extract_targets",
    "find_hits",
    "keywords",
    "kwic",
    "load_corpus",
    "load_lexicon",
    "nlp",
    "normalize",
    "target_table",
    "tokenize",
    "topic_shares",
    "topics",
    "verify_claims",
]
