"""The checker of each kind of claim: documents, readings and lexicon in, outcomes and hits out."""

from __future__ import annotations

from collections.abc import Callable

from policytext.claims.common import HIT_EXPORT, KindResult, Outcome
from policytext.claims.counting import appearance, cooccurrence, count_like
from policytext.claims.lengths import total, total_readings
from policytext.claims.ranking import ranking, ranking_readings
from policytext.claims.schema import Claim, Reading
from policytext.claims.target_claims import target
from policytext.corpus import Document
from policytext.keywords.lexicon import Lexicon

__all__ = ["CHECKERS", "HIT_EXPORT", "KindResult", "Outcome", "Reading", "ranking", "ranking_readings",
           "total_readings"]  # fmt: skip

CHECKERS: dict[str, Callable[[Claim, list[Document], list[Reading], Lexicon], KindResult]] = {
    "count": count_like, "rate": count_like, "change": count_like, "first_appearance": appearance,
    "last_appearance": appearance, "cooccurrence": cooccurrence, "ranking": ranking, "target": target,
    "total": total,
}  # fmt: skip
