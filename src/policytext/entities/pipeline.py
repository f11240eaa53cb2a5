"""The entity pipeline: ``policytext.nlp("zh" | "ko")`` → a spaCy Language whose ``doc.ents`` carry our labels.

Components, in order: the tokenizer (``spacy_lang``), the statistical NER shipped in ``models/ner-<lang>``
(spaCy's own format, loaded from disk; skipped with a warning if absent), and ``policytext_entities``,
which adds the rule layer and merges. Precedence, deterministic: (1) numbers and dates from the rules
(MONEY, PERCENT, QUANTITY, DATE, with normalised values) win over anything they overlap; (2) among the
rest, the longer span wins; (3) at equal length a gazetteer hit (or an alias harvested from the
document's parentheticals, ``rule:alias``) wins over the model, then the earlier start. Before the merge the
precision filters of ``entities.filters`` drop spans that are not whole words, Korean common nouns as
PERSON/ORG and Chinese model ORGs without an organisation ending, and add names split by a layout space
(李　强, ``rule:name``). Measured on the policy test split (scripts/ner_components.py) the gazetteer is
the most precise name source (P 0.89 zh, 0.92 ko; the model alone 0.71, 0.55), so it keeps its place
before the model at equal length. Every entity
records its source (``rule:number``, ``rule:date``, ``rule:gazetteer``, ``rule:alias``, ``rule:name``, ``model``),
normalised form and canonical id (``Span._.source``, ``._.norm``, ``._.entity_id``).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from thinc.api import use_ops

from policytext.entities.filters import korean_filter, spaced_names, whole_zh_words
from policytext.entities.labels import to_label
from policytext.entities.rules import RuleSpan, gazetteer_matcher, resolve, rule_spans
from policytext.entities.spacy_lang import blank, non_overlapping
from policytext.resources import models_dir

log = logging.getLogger(__name__)

LABELS = ("PERSON", "ORG", "GPE", "LOC", "POLICY", "MONEY", "PERCENT", "DATE", "QUANTITY")

for _name in ("source", "norm", "entity_id"):
    if not Span.has_extension(_name):
        Span.set_extension(_name, default="")


def _merge(rules: list[RuleSpan], model: list[RuleSpan]) -> list[RuleSpan]:
    """Rule and model spans merged by the one resolver: numbers and dates first, then longer spans, rules
    before the model at equal length."""
    return resolve(rules + model, key=lambda x: (0 if x.source in ("rule:number", "rule:date") else 1,
                                                 -(x.end - x.start), 0 if x.source.startswith("rule:") else 1,
                                                 x.start))  # fmt: skip


@Language.factory("policytext_entities", default_config={"lang": "zh"})
def make_entities(nlp: Language, name: str, lang: str) -> Any:
    """Rule layer + merge + linking by alias, as a spaCy component."""

    def component(doc: Doc) -> Doc:
        _, owner = gazetteer_matcher()
        year = doc.user_data.get("year")
        model = []
        for ent in doc.ents:
            label = to_label(ent.label_)
            eid = owner.get(ent.text, ("", ""))[1]
            model.append(RuleSpan(ent.start_char, ent.end_char, label, ent.text, eid, "model"))
        text = doc.text  # built from the tokens at each access: once per Doc
        rules = rule_spans(text, lang, year if isinstance(year, int) else None)
        if lang == "zh":
            rules += spaced_names(text)
        extra: dict[str, tuple[str, str]] = doc.user_data.get("aliases") or {}
        for alias, (label, eid) in extra.items():  # names harvested from this document's parentheticals
            start = text.find(alias)
            while start >= 0:
                rules.append(RuleSpan(start, start + len(alias), label, alias, eid, "rule:alias"))
                start = text.find(alias, start + len(alias))
        if lang == "zh":
            rules, model = whole_zh_words(rules, doc), whole_zh_words(model, doc)
        else:
            rules, model = korean_filter(rules, doc), korean_filter(model, doc)
        merged = _merge(rules, model)
        ents = []
        for r in merged:
            span = doc.char_span(r.start, r.end, label=r.label, alignment_mode="contract")
            if span is None or len(span) == 0:
                span = doc.char_span(r.start, r.end, label=r.label, alignment_mode="expand")
            if span is None:
                continue
            span._.source = r.source
            span._.norm = r.norm
            span._.entity_id = r.entity_id
            ents.append(span)
        doc.ents = non_overlapping(ents)
        return doc

    return component


def inference() -> Any:
    """The context to run the NER in: one BLAS thread. The models run their matrix products with NumPy's
    BLAS (thinc's ``NumpyOps(use_blis=False)``), about 5x blis's speed on this machine's CPU (60 vs 12
    GFLOPS single-threaded at the tok2vec's shapes) with the same entities; one thread, because ``analyze``
    runs a worker per core and OpenBLAS threads crash a process that runs konlpy's JVM (topics.threads)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


@lru_cache(maxsize=4)
def nlp(lang: str, model: bool = True) -> Language:
    """The entity pipeline for ``lang``; ``model=False`` gives the rules-and-gazetteer pipeline alone."""
    import spacy

    path = models_dir() / f"ner-{lang}"
    if model and (path / "config.cfg").is_file():
        import policytext.entities.spacy_lang  # noqa: F401  (registers the Korean tokenizer)

        with use_ops("numpy", use_blis=False):  # NumPy's BLAS for the matrix products (see ``inference``)
            pipe = spacy.load(path)
    else:
        if model:
            log.warning("no NER model in %s: using rules and gazetteers only", path)
        pipe = blank(lang, tag_norm=lang == "ko")  # morpheme tags for the gazetteer check
    pipe.add_pipe("policytext_entities", config={"lang": lang}, last=True)
    return pipe
