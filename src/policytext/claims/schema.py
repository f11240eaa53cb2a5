"""Claim files: load and validate the published-claims YAML format, one error naming file, claim and field."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from policytext.errors import PolicytextError
from policytext.resources import data_path

KINDS = (
    "count", "rate", "change", "first_appearance", "last_appearance", "ranking", "cooccurrence", "target",
    "total",
)  # fmt: skip
LANGS = ("zh", "ko")
DIRECTIONS = ("up", "down", "same", "doubled", "halved")
READING_RULES = ("surface", "token", "concept")
FIELDS = {
    "id", "lang", "corpus", "source", "quote", "passage", "kind", "terms", "year", "years", "since", "until",
    "compared_to", "published_value", "direction", "group", "method", "note", "readings", "indicator", "figure",
    "modifier", "unit", "concept", "rank", "ranked_by", "compared_rank", "target_kind", "date", "counts", "share",
    "documents",
}  # fmt: skip
MODIFIERS = ("point", "around", "more_than", "less_than", "at_least", "at_most", "range")
_ID = re.compile(r"^[a-z0-9][a-z0-9.-]*$")
_DATE = re.compile(r"^(\d{4})(?:[-./](\d{1,2})(?:[-./](\d{1,2}))?)?$")


def norm_date(v: Any) -> str | None:
    """A date as ``YYYY-MM-DD`` (or ``YYYY-MM`` / ``YYYY``), from 2018-01-10, 2018.01.10 or 2018/1/10; else None."""
    m = _DATE.match(str(v).strip()) if v is not None else None
    if not m:
        return None
    return "-".join([m.group(1), *(f"{int(g):02d}" for g in m.groups()[1:] if g)])


@dataclass(frozen=True)
class Reading:
    """One stated way to count a claim: a label, where it came from, a rule and the terms or concepts."""

    label: str
    origin: str  # claim | passage | concept | area | file
    rule: str = "surface"
    terms: tuple[str, ...] = ()  # each a query (``a|b`` = one term with two spellings)
    concepts: tuple[str, ...] = ()  # lexicon concept ids (rule ``concept``)


@dataclass(frozen=True)
class Claim:
    """One published claim, validated: what it says, about which texts, and the source's own words."""

    file: str
    id: str
    kind: str
    lang: str
    corpus: str
    quote: str
    passage: str = ""
    terms: tuple[str, ...] = ()
    year: int | None = None
    years: tuple[int, ...] = ()
    since: int | None = None
    until: int | None = None
    compared_to: int | None = None
    published_value: Any = None
    direction: str | None = None
    group: dict[str, tuple[str, ...]] = field(default_factory=dict)  # metadata filters; date_from/date_to: a range
    since_date: str | None = None  # since/until given as dates (speeches of a term in office)
    until_date: str | None = None
    date: str | None = None  # the date the source gives for the document (information only)
    counts: tuple[float, ...] = ()  # ranking: the published counts of the ranked words, in order
    share: float | None = None
    documents: int | None = None
    source: dict[str, Any] = field(default_factory=dict)
    method: str = ""
    note: str = ""
    readings: tuple[Reading, ...] = ()
    indicator: str | None = None
    figure: str = "target"
    modifier: str | None = None
    unit: str | None = None
    rank: Any = None  # ranking: 1, [1, 2], "longest" / "shortest"
    ranked_by: str | None = None  # ranking: "document length (characters)"; default word frequency
    compared_rank: int | None = None

    @property
    def counts_documents(self) -> bool:
        """A total about the number of documents (unit: reports/documents), not their length."""
        return any(w in (self.unit or "") for w in ("report", "document"))

    @property
    def by_length(self) -> bool:
        """A ranking of documents by length, not of words by frequency."""
        return "length" in (self.ranked_by or "")

    @property
    def by_mentions(self) -> bool:
        """A ranking of documents by how often they mention the claim's term ("the speech naming X most")."""
        return "count" in (self.ranked_by or "") and bool(self.terms)

    @property
    def by_target(self) -> bool:
        """A ranking of years by a stated target ("the lowest GDP target since 2000")."""
        return bool(self.indicator) and self.kind == "ranking"

    def span(self) -> tuple[int | None, int | None]:
        """The first and last year the claim is about (None: open)."""
        ys = [y for y in (self.year, self.compared_to, *self.years) if y is not None]
        lo = min([*ys, *([self.since] if self.since is not None else [])], default=None)
        hi = max([*ys, *([self.until] if self.until is not None else [])], default=None)
        return (self.since if self.since is not None else lo), (self.until if self.until is not None else hi)


@dataclass(frozen=True)
class ClaimSet:
    """A claim file: its id, description and claims."""

    id: str
    path: str
    description: str
    claims: tuple[Claim, ...]


def _err(path: Path | str, cid: str | None, fld: str, problem: str) -> PolicytextError:
    where = f"claim {cid!r}, " if cid else ""
    return PolicytextError(f"{path}: {where}field {fld!r}: {problem}")


def _year(path: Path, cid: str, fld: str, v: Any) -> int | None:
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, int) or not 1900 <= v <= 2100:
        raise _err(path, cid, fld, f"must be a year (1900-2100), not {v!r}")
    return v


def _year_or_date(path: Path, cid: str, fld: str, v: Any) -> tuple[int | None, str | None]:
    """since/until: a year, or a date whose year bounds the span and whose day filters the documents."""
    if isinstance(v, str):
        d = norm_date(v)
        if d is None:
            raise _err(path, cid, fld, f"must be a year or a date (YYYY-MM-DD), not {v!r}")
        return int(d[:4]), d
    return _year(path, cid, fld, v), None


def _group(path: Path, cid: str, v: Any) -> dict[str, tuple[str, ...]]:
    if v is None:
        return {}
    if not isinstance(v, dict):
        raise _err(path, cid, "group", "must be a mapping of metadata field to value(s)")
    out: dict[str, tuple[str, ...]] = {}
    for k, val in v.items():
        vals = val if isinstance(val, list) else [val]
        if not vals or not all(isinstance(x, str | int | float) and not isinstance(x, bool) for x in vals):
            raise _err(path, cid, f"group.{k}", f"must be a value or a list of values, not {val!r}")
        out[str(k)] = tuple(str(x) for x in vals)
    return out


def _strings(path: Path, cid: str, fld: str, v: Any) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
        raise _err(path, cid, fld, f"must be a list of non-empty strings, not {v!r}")
    return tuple(x.strip() for x in v)


def _readings(path: Path, cid: str, v: Any) -> tuple[Reading, ...]:
    if v is None:
        return ()
    if not isinstance(v, list):
        raise _err(path, cid, "readings", "must be a list of {label, rule, terms}")
    out = []
    for i, r in enumerate(v):
        if not isinstance(r, dict) or not isinstance(r.get("label"), str):
            raise _err(path, cid, f"readings[{i}]", "needs a label")
        rule = r.get("rule", "surface")
        if rule not in READING_RULES:
            raise _err(path, cid, f"readings[{i}].rule", f"{rule!r} is not one of {', '.join(READING_RULES)}")
        terms = _strings(path, cid, f"readings[{i}].terms", r.get("terms"))
        if not terms:
            raise _err(path, cid, f"readings[{i}].terms", "is empty")
        concepts = terms if rule == "concept" else ()
        out.append(Reading(r["label"], "file", rule, () if concepts else terms, concepts))
    return tuple(out)


def _needs(path: Path, c: dict[str, Any], cid: str, kind: str) -> None:
    """The fields each kind cannot do without."""
    need: dict[str, tuple[str, ...]] = {
        "count": ("terms", "published_value"), "rate": ("terms", "published_value"),
        "change": ("terms", "year", "direction"), "first_appearance": ("terms", "published_value"),
        "last_appearance": ("terms", "published_value"), "ranking": ("published_value",),
        "cooccurrence": ("terms", "published_value"), "target": ("indicator", "year", "published_value"),
        "total": ("published_value",),
    }  # fmt: skip
    for fld in need[kind]:
        if c.get(fld) in (None, "", []) and not (fld == "terms" and c.get("readings")):
            raise _err(path, cid, fld, f"is required for a {kind} claim")
    if kind in ("count", "rate", "ranking", "cooccurrence") and not (c.get("year") or c.get("years")
                                                                    or c.get("since") or c.get("until")):
        raise _err(path, cid, "year", f"a {kind} claim needs year, years or since/until")  # fmt: skip
    if kind == "change" and not (c.get("compared_to") or c.get("years")):
        raise _err(path, cid, "compared_to", "a change claim needs compared_to or years")
    if kind == "cooccurrence" and len(c.get("terms") or []) != 2:
        raise _err(path, cid, "terms", "a cooccurrence claim names exactly two terms")
    if kind == "change" and c.get("direction") not in DIRECTIONS:
        raise _err(path, cid, "direction", f"{c.get('direction')!r} is not one of {', '.join(DIRECTIONS)}")
    pv = c.get("published_value")

    def number(v: Any) -> bool:
        return isinstance(v, int | float) and not isinstance(v, bool)

    numeric = ("count", "rate", "cooccurrence", "target", "total", "first_appearance", "last_appearance")
    if (kind == "total" and c.get("modifier") == "range") or (kind == "change" and isinstance(pv, list)):
        if not (isinstance(pv, list) and len(pv) == 2 and all(number(v) for v in pv)):
            raise _err(path, cid, "published_value", f"must be two numbers, not {pv!r}")
    elif kind == "count" and isinstance(pv, list):  # one count per term
        if not (len(pv) == len(c.get("terms") or []) and all(number(v) for v in pv)):
            raise _err(path, cid, "published_value", f"a list of counts needs one number per term, not {pv!r}")
    elif kind in numeric and not number(pv):
        raise _err(path, cid, "published_value", f"must be a number for a {kind} claim, not {pv!r}")
    if c.get("modifier") is not None and c["modifier"] not in MODIFIERS:
        raise _err(path, cid, "modifier", f"{c['modifier']!r} is not one of {', '.join(MODIFIERS)}")
    if kind == "ranking":
        words = isinstance(pv, list) and pv and all(isinstance(v, str) for v in pv)
        if not (isinstance(pv, str) or words or (number(pv) and (c.get("terms") or c.get("ranked_by")))):
            raise _err(path, cid, "published_value", "a ranking gives the top word(s), a rank with terms, or a year")
        if c.get("counts") is not None and not (isinstance(c["counts"], list) and all(number(v) for v in c["counts"])):
            raise _err(path, cid, "counts", "must be a list of numbers")
    if kind == "change" and c.get("years") and len(c["years"]) < 2:
        raise _err(path, cid, "years", "a change over years names at least two")


def parse_claim(path: Path, c: Any, i: int, default_corpus: str | None) -> Claim:
    """One claim from its YAML mapping; every problem names the file, the claim and the field."""
    if not isinstance(c, dict):
        raise _err(path, f"#{i + 1}", "claims", "each claim must be a mapping")
    cid = c.get("id")
    if not isinstance(cid, str) or not _ID.match(cid):
        raise _err(path, f"#{i + 1}", "id", f"must be lowercase letters, digits, dots and hyphens, not {cid!r}")
    unknown = sorted(set(c) - FIELDS)
    if unknown:
        raise _err(path, cid, unknown[0], f"unknown field (known: {', '.join(sorted(FIELDS))})")
    kind = c.get("kind")
    if kind not in KINDS:
        raise _err(path, cid, "kind", f"{kind!r} is not one of {', '.join(KINDS)}")
    lang = c.get("lang", "zh")
    if lang not in LANGS:
        raise _err(path, cid, "lang", f"{lang!r} is not one of {', '.join(LANGS)}")
    corpus = c.get("corpus", default_corpus)
    from policytext.claims.rules import rules

    known = list(rules()["corpora"])
    if not isinstance(corpus, str) or corpus not in known:
        raise _err(path, cid, "corpus", f"{corpus!r} is not one of {', '.join(known)}")
    if not isinstance(c.get("quote"), str) or not c["quote"].strip():
        raise _err(path, cid, "quote", "is required: the source's exact words")
    for fld in ("passage", "method", "note", "indicator", "modifier", "unit", "ranked_by"):
        if c.get(fld) is not None and not isinstance(c[fld], str):
            raise _err(path, cid, fld, f"must be text, not {c[fld]!r}")
    for fld in ("source",):
        if c.get(fld) is not None and not isinstance(c[fld], dict):
            raise _err(path, cid, fld, "must be a mapping")
    _needs(path, c, cid, kind)
    if "figure" in c:
        raise _err(path, cid, "figure", "is not used: write target_kind (target or outcome)")
    figure = c.get("target_kind", "target")
    if figure not in ("target", "outcome"):
        raise _err(path, cid, "target_kind", f"{figure!r} is not target or outcome")
    ranked_by = c.get("ranked_by") or ""
    if c.get("readings") and (kind in ("target", "total") or (kind == "ranking" and not (
            "count" in ranked_by and c.get("terms")))):  # the rules file's readings count these kinds
        raise _err(path, cid, "readings", f"readings: not used for kind {kind}"
                   + (" (except ranked_by counts with terms)" if kind == "ranking" else ""))  # fmt: skip
    years = c.get("years") or []
    if not isinstance(years, list):
        raise _err(path, cid, "years", "must be a list of years")
    since = _year_or_date(path, cid, "since", c.get("since"))
    until = _year_or_date(path, cid, "until", c.get("until"))
    return Claim(
        file=str(path), id=cid, kind=kind, lang=lang, corpus=corpus, quote=c["quote"].strip(),
        passage=(c.get("passage") or "").strip(), terms=_strings(path, cid, "terms", c.get("terms")),
        year=_year(path, cid, "year", c.get("year")),
        years=tuple(y for y in (_year(path, cid, "years", y) for y in years) if y is not None),
        since=since[0], until=until[0], since_date=since[1], until_date=until[1],
        compared_to=_year(path, cid, "compared_to", c.get("compared_to")), published_value=c.get("published_value"),
        direction=c.get("direction"), group=_group(path, cid, c.get("group")),
        source=dict(c.get("source") or {}), method=c.get("method") or "", note=c.get("note") or "",
        readings=_readings(path, cid, c.get("readings")), indicator=c.get("indicator"), figure=figure,
        modifier=c.get("modifier"), unit=c.get("unit"), rank=c.get("rank"), ranked_by=c.get("ranked_by"),
        compared_rank=c.get("compared_rank"), date=norm_date(c.get("date")),
        counts=tuple(c.get("counts") or ()), share=c.get("share"), documents=c.get("documents"),
    )  # fmt: skip


def load_claim_file(path: str | Path) -> ClaimSet:
    """A claim file, validated; ids must be unique within it."""
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise PolicytextError(f"{p}: cannot read claim file ({e})") from e
    if not isinstance(data, dict) or not isinstance(data.get("claims"), list):
        raise PolicytextError(f"{p}: a claim file needs a top-level 'claims' list")
    default_corpus = data.get("corpus")
    claims = [parse_claim(p, c, i, default_corpus) for i, c in enumerate(data["claims"])]
    seen: set[str] = set()
    for c in claims:
        if c.id in seen:
            raise _err(p, c.id, "id", "duplicate id in this file")
        seen.add(c.id)
    return ClaimSet(str(data.get("id") or p.stem), str(p), str(data.get("description") or data.get("source") or ""),
                    tuple(claims))  # fmt: skip


def bundled_claim_files() -> list[Path]:
    """Every bundled claims file, ``data/claims/*.yaml``, by name."""
    return sorted(data_path("claims").glob("*.yaml"))


def resolve(name_or_path: str | None) -> list[Path]:
    """Claim files for a name: none or ``all`` = every bundled file; a bundled id; or a path."""
    if name_or_path in (None, "", "all"):
        return bundled_claim_files()
    p = Path(name_or_path)
    if p.is_file():
        return [p]
    q = data_path("claims", f"{name_or_path}.yaml")
    if q.is_file():
        return [q]
    names = ", ".join(f.stem for f in bundled_claim_files())
    raise PolicytextError(f"no claim file {name_or_path!r} (bundled: all, {names})")
