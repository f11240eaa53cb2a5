"""Turn reader notes ("idx| surface/L | surface/L#2") into span records with exact offsets, checked.

    python scripts/reader_spans.py LANG NOTES POOL OUT
    python scripts/reader_spans.py show LANG POOL START N

Notes: ``@done A B`` marks pool indices A..B-1 as read; a line ``i| ...`` lists sentence i's spans as
``surface/L`` (L: P PERSON, O ORG, G GPE, L LOC, Y POLICY, M MONEY, C PERCENT, Q QUANTITY, D DATE), ``#k`` for
the k-th occurrence of the surface; ``left[name]right/L`` marks the name inside a context string. A surface
occurring more than once without ``#k`` is an error.
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from pathlib import Path
from typing import Any

LABELS = {"P": "PERSON", "O": "ORG", "G": "GPE", "L": "LOC", "Y": "POLICY", "M": "MONEY", "C": "PERCENT",
          "Q": "QUANTITY", "D": "DATE"}  # fmt: skip
_ITEM = re.compile(r"^(?P<surface>.+)/(?P<label>[POGLYMCQD])(?:#(?P<occ>\d+))?$")


def occurrences(text: str, surface: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of ``surface`` in ``text``."""
    return [m.start() for m in re.finditer(f"(?={re.escape(surface)})", text)]


def parse(notes: Path, pool: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    """Spans per pool index for every index marked done; raises on any span that does not check."""
    done: set[int] = set()
    spans: dict[int, list[dict[str, Any]]] = {}
    errors = []
    for n, raw in enumerate(notes.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("//"):
            continue
        if line.startswith("@done"):
            a, b = map(int, line.split()[1:3])
            done |= set(range(a, b))
            continue
        idx_s, _, rest = line.partition("|")
        idx = int(idx_s)
        text = pool[idx]["text"]
        out = spans.setdefault(idx, [])
        for item in (x.strip() for x in rest.split(" | ") if x.strip()):
            m = _ITEM.match(item)
            if not m:
                errors.append(f"{notes}:{n}: bad item {item!r}")
                continue
            surface, occ = m["surface"], int(m["occ"] or 1)
            shift, inner = 0, ""
            if "[" in surface and "]" in surface:
                shift = surface.index("[")
                inner = surface[shift + 1 : surface.index("]")]
                surface = surface.replace("[", "").replace("]", "")
            starts = occurrences(text, surface)
            if not starts or occ > len(starts):
                errors.append(f"{notes}:{n}: {surface!r} (#{occ}) not in sentence {idx}: {text}")
                continue
            if len(starts) > 1 and not m["occ"]:
                errors.append(f"{notes}:{n}: {surface!r} occurs {len(starts)}x in sentence {idx}; give #k: {text}")
                continue
            s = starts[occ - 1]
            assert text[s : s + len(surface)] == surface
            if inner:
                s, surface = s + shift, inner
                assert text[s : s + len(surface)] == surface
            out.append({"start": s, "end": s + len(surface), "label": LABELS[m["label"]]})
    for idx, sp in spans.items():
        if idx not in done:
            errors.append(f"sentence {idx} has spans but is not marked done")
        sp.sort(key=lambda x: (x["start"], x["end"]))
        for left, right in itertools.pairwise(sp):
            if right["start"] < left["end"]:
                errors.append(f"sentence {idx}: overlapping spans {left} {right}")
    if errors:
        raise SystemExit("\n".join(errors))
    return {i: spans.get(i, []) for i in sorted(done)}


def main() -> None:
    if sys.argv[1] == "show":
        lang, pool_path, start, n = sys.argv[2], Path(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
        pool = [json.loads(x) for x in pool_path.read_text(encoding="utf-8").splitlines()]
        for i in range(start, min(start + n, len(pool))):
            print(f"{i}| {pool[i]['text']}")
        return
    lang, notes, pool_path, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
    pool = [json.loads(x) for x in pool_path.read_text(encoding="utf-8").splitlines()]
    done = parse(notes, pool)
    tmp = out.with_name(out.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for i, rec in enumerate(pool):
            if i in done:
                f.write(json.dumps({**rec, "spans": done[i]}, ensure_ascii=False) + "\n")
    tmp.replace(out)
    counts: dict[str, int] = {}
    for sp in done.values():
        for s in sp:
            counts[s["label"]] = counts.get(s["label"], 0) + 1
    print(f"{lang}: {len(done)} sentences, {sum(counts.values())} spans", dict(sorted(counts.items())))


if __name__ == "__main__":
    main()
