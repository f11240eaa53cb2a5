"""policytext: auditable analysis of Chinese and Korean policy documents.

Public API:
    load_corpus(path)      -> Corpus of Documents (the bundled Government Work Reports when path is None)
    Corpus, Document       -> documents with ``text``, ``meta``, ``sentences()`` and ``tokens()``
    tokenize(text, lang)   -> list of Token with exact character offsets
    normalize(text)        -> NormalizedView whose offsets map back to the original text
"""

from __future__ import annotations

from policytext.corpus import Corpus, Document, document_from_text, load_corpus
from policytext.errors import BackendUnavailable, PolicytextError, ReaderError
from policytext.text.normalize import NormalizeOptions, normalize
from policytext.tokenize import Token
from policytext.tokenize import tokenize_text as tokenize

__version__ = "0.1.0"

__all__ = [
    "BackendUnavailable",
    "Corpus",
    "Document",
    "NormalizeOptions",
    "PolicytextError",
    "ReaderError",
    "Token",
    "__version__",
    "document_from_text",
    "load_corpus",
    "normalize",
    "tokenize",
]
