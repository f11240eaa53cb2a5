"""Draw the pool of Chinese report sentences for topic labelling over the decades (issue #20, part 2).

Units are policytext sentences (``policytext.topics.taxonomy.units(doc, "sentence")``) of documents loaded
with ``load_corpus``, as for ``annotations/topics/zh-sentences.csv``. Per document a fixed number of
sentences of at least ``MIN_CHARS`` characters is drawn with seed ``SEED``: the eligible sentences are cut
into equal consecutive strata and one is drawn from each, so the sample spreads over the whole report.
``overlap`` marks a random 20% of each document's units for the second reader.

Usage: python scripts/sample_zh_topic_units.py [--out /work/topics-pool/zh-units.csv]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import tempfile
from pathlib import Path

from policytext.corpus import load_corpus
from policytext.errors import PolicytextError
from policytext.topics.taxonomy import units

SEED = 20260
MIN_CHARS = 8
OVERLAP_SHARE = 0.2
ROOT = Path(__file__).resolve().parent.parent
NATIONAL = ROOT / "corpora" / "gwr"
PROVINCIAL = ROOT.parent / "shared" / "corpora" / "zh" / "provincial-2025"
# (doc_id, kind, sentences to draw): one national report per decade before 2000, two of the 2000s,
# two provincial reports of 2025.
PLAN: list[tuple[str, str, int]] = [
    ("gwr-1956", "national", 200),
    ("gwr-1978", "national", 200),
    ("gwr-1983", "national", 200),
    ("gwr-1988", "national", 200),
    ("gwr-1998", "national", 200),
    ("gwr-2004", "national", 150),
    ("gwr-2009", "national", 150),
    ("2025年北京市政府工作报告.docx", "provincial", 150),
    ("2025年贵州省政府工作报告.docx", "provincial", 150),
]
COLUMNS = ["unit_id", "doc_id", "kind", "year", "sent_id", "start", "end", "text", "overlap"]


def stratified(items: list[tuple[int, int, int]], n: int, rng: random.Random) -> list[tuple[int, int, int]]:
    """One random item from each of ``n`` equal consecutive strata of ``items`` (kept in document order)."""
    if len(items) < n:
        raise PolicytextError(f"only {len(items)} eligible sentences, {n} wanted")
    bounds = [round(i * len(items) / n) for i in range(n + 1)]
    return [items[rng.randrange(bounds[i], bounds[i + 1])] for i in range(n)]


def draw(out: Path) -> int:
    """Write the pool to ``out`` atomically; return the number of units."""
    docs = {d.id: d for d in load_corpus(NATIONAL)}
    docs.update({d.id: d for d in load_corpus(PROVINCIAL)})
    rng = random.Random(SEED)
    rows: list[dict[str, object]] = []
    for doc_id, kind, n in PLAN:
        if doc_id not in docs:
            raise PolicytextError(f"{doc_id}: not found in {NATIONAL} or {PROVINCIAL}")
        doc = docs[doc_id]
        eligible = [u for u in units(doc, "sentence") if len(doc.text[u[1]:u[2]]) >= MIN_CHARS]
        picked = stratified(eligible, n, rng)
        overlap = set(rng.sample(range(n), round(n * OVERLAP_SHARE)))
        for i, (sent_id, start, end) in enumerate(picked):
            rows.append({"unit_id": f"{doc_id}:{sent_id}", "doc_id": doc_id, "kind": kind,
                         "year": doc.year, "sent_id": sent_id, "start": start, "end": end,
                         "text": doc.text[start:end], "overlap": i in overlap})
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=".zh-units-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    os.chmod(tmp, 0o644)
    os.replace(tmp, out)
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/work/topics-pool/zh-units.csv"))
    args = parser.parse_args()
    print(f"{draw(args.out)} units -> {args.out}")


if __name__ == "__main__":
    main()
