"""Turn a results folder into the report's data: compact JSON-ready lists (documents, their texts, counts, the
offsets of every hit, entity mentions, topic units, target rows). The page aggregates them; every number it
shows is a set of rows here, so every number can list its passages."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pandas as pd

from policytext.report.data import Results, optional_int

ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "POLICY")  # the named ones; numbers and dates are in targets


def _int(v: Any) -> int | None:
    return optional_int(v)


def _met(v: Any) -> bool | None:
    return None if v is None or pd.isna(v) else bool(v)


def _num(v: Any) -> float | None:
    return None if v is None or pd.isna(v) else float(v)


def _provenance(res: Results) -> dict[str, Any]:
    run = res.run
    excluded = run.get("excluded_by_filter") or {}
    return {
        "folder": str(res.folder),
        "settings": run.get("settings", {}),
        "versions": run.get("versions", {}),
        "stage_keys": run.get("stage_keys", {}),
        "timings": run.get("timings", {}),
        "tables": {k: (None if v is None else len(v)) for k, v in res.tables.items()},
        "inputs": [{k: i.get(k) for k in ("doc_id", "sha256", "source")} for i in run.get("inputs", [])],
        "skipped": run.get("skipped", []),
        "dropped_duplicates": run.get("dropped_duplicates", []),
        "excluded": {"selection": excluded.get("selection"), "count": excluded.get("count", 0)},
    }


def _terms(res: Results, index: dict[str, int]) -> dict[str, Any] | None:
    counts = res.table("counts")
    if counts is None:
        return None
    counts = counts[counts["doc_id"].isin(index)]
    names = sorted(set(counts["term_or_concept"].astype(str)))
    t_index = {n: i for i, n in enumerate(names)}
    rows = [[t_index[str(t)], index[d], int(c)]
            for t, d, c in zip(counts["term_or_concept"], counts["doc_id"], counts["count"], strict=True)]  # fmt: skip
    hits = res.hits
    passages: list[list[int]] = [[] for _ in names]
    if hits is not None:
        for t, d, s, e in zip(hits["term_or_concept"], hits["doc_id"], hits["start"], hits["end"], strict=True):
            if str(t) in t_index and d in index:
                passages[t_index[str(t)]].extend((index[d], int(s), int(e)))
    labels = res.concept_labels
    rule = str(counts["rule"].iloc[0]) if "rule" in counts.columns and len(counts) else ""
    lexicon = str(counts["lexicon_version"].iloc[0]) if "lexicon_version" in counts.columns and len(counts) else ""
    return {"names": names, "labels": [labels.get(n, {}) for n in names], "rows": rows,
            "hits": passages if hits is not None else None, "rule": rule, "lexicon": lexicon}  # fmt: skip


def _entities(res: Results, index: dict[str, int]) -> dict[str, Any] | None:
    ents = res.table("entities")
    if ents is None:
        return None
    ents = ents[ents["label"].isin(ENTITY_LABELS) & ents["doc_id"].isin(index)]
    ids = ents["entity_id"].fillna("").astype(str) if "entity_id" in ents.columns else pd.Series("", index=ents.index)
    norm = ents["norm"].fillna(ents["surface"]).astype(str) if "norm" in ents.columns else ents["surface"].astype(str)
    keys = [i if i else f"{lab}:{n}" for i, lab, n in zip(ids, ents["label"], norm, strict=True)]
    names: dict[str, Counter[tuple[str, str]]] = {}
    label_of: dict[str, str] = {}
    for k, lab, surf, lang in zip(keys, ents["label"], ents["surface"], ents["lang"], strict=True):
        names.setdefault(k, Counter())[(str(lang), str(surf))] += 1
        label_of[k] = str(lab)
    key_list = sorted(names)
    k_index = {k: i for i, k in enumerate(key_list)}
    entities = []
    for k in key_list:
        by_lang: dict[str, str] = {}
        for (lang, surf), _ in names[k].most_common():
            by_lang.setdefault(lang, surf)
        entities.append({"id": k, "label": label_of[k], "linked": not k.startswith(f"{label_of[k]}:"),
                         "names": by_lang})  # fmt: skip
    rows = [[k_index[k], index[d], int(s), int(e)]
            for k, d, s, e in zip(keys, ents["doc_id"], ents["start"], ents["end"], strict=True)]  # fmt: skip
    return {"labels": list(ENTITY_LABELS), "entities": entities, "rows": rows}


def _topics(res: Results, index: dict[str, int]) -> dict[str, Any] | None:
    topics = res.table("topics")
    if topics is None:
        return None
    from policytext.topics.taxonomy import load_taxonomy

    topics = topics[topics["doc_id"].isin(index)]
    taxonomy = load_taxonomy()
    present = list(dict.fromkeys([a for a in taxonomy if a in set(topics["area"])] + sorted(set(topics["area"]))))
    a_index = {a: i for i, a in enumerate(present)}
    areas = [{"id": a, "names": taxonomy[a].names if a in taxonomy else {}} for a in present]
    cols = (topics["doc_id"], topics["start"], topics["end"], topics["area"])
    rows = [[index[d], int(s), int(e), a_index[a]] for d, s, e, a in zip(*cols, strict=True)]
    unit = str(topics["unit"].iloc[0]) if "unit" in topics.columns and len(topics) else ""
    return {"areas": areas, "rows": rows, "unit": unit}


def _target_row(r: Any, index: dict[str, int]) -> dict[str, Any]:
    """One year of a ``target_table`` with the (document, start, end) of its target and outcome figures."""
    found_t, found_o = r.target_status == "found", r.outcome_status == "found"
    return {
        "year": _int(r.year), "target": _num(r.target), "modifier": r.target_modifier if found_t else None,
        "low": _num(r.target_low), "high": _num(r.target_high), "target_status": r.target_status,
        "outcome": _num(r.outcome), "outcome_status": r.outcome_status, "gap": _num(r.gap), "met": _met(r.met),
        "target_src": [index.get(str(r.target_doc), -1), _int(r.target_start), _int(r.target_end)] if found_t else None,
        "outcome_src": [index.get(str(r.outcome_doc), -1), _int(r.outcome_start), _int(r.outcome_end)]
        if found_o else None,
    }  # fmt: skip


def _targets(res: Results, index: dict[str, int]) -> dict[str, Any] | None:
    figures = res.table("targets")
    if figures is None:
        return None
    from policytext.targets import load_indicators, target_table

    inds = load_indicators()
    docs = res.documents
    out: list[dict[str, Any]] = []
    langs = sorted(set(figures["lang"].dropna().astype(str))) if "lang" in figures.columns else [""]
    for lang in langs:  # one series per language (country): a Korean outcome never meets a Chinese target
        figs = figures[figures["lang"] == lang] if lang else figures
        years = sorted({int(y) for y in docs.loc[docs["lang"] == lang, "year"].dropna()} if lang else
                       {int(y) for y in docs["year"].dropna()})  # fmt: skip
        for ind in [i for i in inds if i in set(figs["indicator"])]:
            tab = target_table(figs, ind, years, inds[ind].better) if years else pd.DataFrame()
            rows = [_target_row(r, index) for r in tab.itertuples(index=False)
                    if r.target_status == "found" or r.outcome_status == "found"]  # fmt: skip
            if rows:
                out.append({"id": ind, "lang": lang, "names": inds[ind].names, "unit": inds[ind].unit, "rows": rows})
    paired = [sum(r["target_src"] is not None and r["outcome_src"] is not None for r in i["rows"]) for i in out]
    out = [i for _n, i in sorted(zip(paired, out, strict=True), key=lambda p: -p[0])]  # best-covered series first
    return {"indicators": out, "figures": len(figures)}


def build_payload(res: Results) -> dict[str, Any]:
    """Everything the page shows, as plain lists and dicts (JSON-serialisable)."""
    docs = res.documents
    index = {str(d): i for i, d in enumerate(docs["doc_id"])}
    doc_rows = [{"id": str(r.doc_id), "year": _int(r.year), "lang": r.lang, "kind": getattr(r, "kind", None),
                 "chars": _int(getattr(r, "chars", None)), "sentences": _int(getattr(r, "sentences", None))}
                for r in docs.itertuples(index=False)]  # fmt: skip
    terms, entities, topics, targets = (_terms(res, index), _entities(res, index), _topics(res, index),
                                        _targets(res, index))  # fmt: skip
    need_text = any(p is not None for p in (terms, entities, topics, targets))
    texts = [res.texts[str(d)].text for d in docs["doc_id"]] if need_text else []
    return {"docs": doc_rows, "texts": texts, "run": _provenance(res), "terms": terms, "entities": entities,
            "topics": topics, "targets": targets}  # fmt: skip
