"""Readings of a claim, proposed from its own words before anything is counted.

In order: the claim's terms as the source names them; the concepts its quote and passage name (found by
matching them against the concept lexicon's zh/ko/en aliases, each translated into the corpus language
through the lexicon); the lexicon concept of the term; the lexicon area of that concept; then the readings
the claim file lists. None is chosen or changed after counting; a proposed reading identical to an
earlier one or to a listed one is dropped.
"""

from __future__ import annotations

from policytext.claims.schema import Claim, Reading
from policytext.keywords.lexicon import Concept, Lexicon, load_lexicon
from policytext.keywords.match import SurfaceMatcher
from policytext.text.normalize import NormalizeOptions, normalize


def passage_concepts(text: str, lexicon: Lexicon) -> list[Concept]:
    """Concepts the text names, by any zh/ko/en alias, in order of first mention."""
    opts = NormalizeOptions(casefold=True)

    def fold(s: str) -> str:
        return normalize(s, opts).text

    matcher = SurfaceMatcher(
        ((c.id, fold(a)) for c in lexicon.concepts for a in c.all_aliases()),
        ((c.id, fold(x)) for c in lexicon.concepts for x in c.exclude),
    )
    first: dict[str, int] = {}
    for m in matcher.find(fold(text)):
        first.setdefault(m.key, m.start)
    return [lexicon[cid] for cid in sorted(first, key=lambda k: first[k])]


def term_concepts(terms: tuple[str, ...], lexicon: Lexicon) -> list[Concept]:
    """Concepts one of whose aliases (any language) is one of the terms, case-folded."""
    wanted = {a.casefold() for t in terms for a in t.split("|")}
    return [c for c in lexicon.concepts if wanted & {a.casefold() for a in c.all_aliases()}]


def _translated(concepts: list[Concept], lang: str) -> tuple[str, ...]:
    """The corpus-language aliases of the concepts, as one query (each mention once, longest alias first)."""
    aliases = sorted({a for c in concepts for a in c.aliases.get(lang, ())}, key=lambda a: (-len(a), a))
    return ("|".join(aliases),) if aliases else ()


def propose(claim: Claim, lexicon: Lexicon | None = None) -> list[Reading]:
    """Every reading of a term claim, stated before counting (see the module docstring)."""
    lex = lexicon or load_lexicon()
    out: list[Reading] = []
    if claim.terms:
        if claim.kind == "cooccurrence" or isinstance(claim.published_value, list):
            out.append(Reading(f"{' + '.join(claim.terms)} (the claim's terms, each on its own, surface)", "claim",
                               "surface", claim.terms))  # fmt: skip
        else:
            joined = "|".join(claim.terms)
            out.append(Reading(f"{joined} (the claim's terms, surface)", "claim", "surface", (joined,)))
    named = passage_concepts(f"{claim.quote}\n{claim.passage}", lex)
    if named and claim.kind != "cooccurrence":
        query = _translated(named, claim.lang)
        if query:
            ids = ", ".join(c.id for c in named)
            out.append(Reading(f"what the passage names: {ids} (in {claim.lang}, surface, each mention once)",
                               "passage", "surface", query))  # fmt: skip
    own = term_concepts(claim.terms, lex)
    if claim.kind == "cooccurrence":
        per_term = [term_concepts((t,), lex) for t in claim.terms]
        if all(per_term):
            pair = tuple("|".join(a for c in cs for a in c.all_aliases()) for cs in per_term)
            label = " + ".join(",".join(c.id for c in cs) for cs in per_term)
            out.append(Reading(f"concepts {label} (all aliases, surface)", "concept", "surface", pair))
    elif own:
        out.append(Reading(f"concept {', '.join(c.id for c in own)} (lexicon)", "concept", "concept",
                           concepts=tuple(c.id for c in own)))  # fmt: skip
        areas = sorted({c.area for c in own if c.area})
        for area in areas:
            members = [c for c in lex.concepts if c.area == area]
            union = "|".join(sorted({a for c in members for a in c.all_aliases()}, key=lambda a: (-len(a), a)))
            out.append(Reading(f"area {area}: any of its {len(members)} concepts (surface, each mention once)",
                               "area", "surface", (union,)))  # fmt: skip
    # Proposed readings are kept once each and always before the file's: the verdict reads the first reading as
    # the claim's own terms. Every listed reading is shown as the file states it, even when a proposed one
    # counts the same way.
    seen: set[tuple[str, tuple[str, ...], tuple[str, ...]]] = set()
    unique = []
    for r in out:
        key = (r.rule, r.terms, r.concepts)
        if key not in seen:
            seen.add(key)
            unique.append(r)
    return unique + list(claim.readings)
