from __future__ import annotations

from pathlib import Path

from policytext import count, find_hits, load_corpus
from policytext.corpus import load_document
from policytext.text.sections import find_sections


def test_government_work_report_outline(gwr_dir: Path) -> None:
    doc = load_document(gwr_dir / "2025.txt")
    secs = doc.sections()
    top = [s for s in secs if s.level == 1]
    assert [s.title for s in top] == [
        "一、2024年工作回顾",
        "二、2025年经济社会发展总体要求和政策取向",
        "三、2025年政府工作任务",
    ]
    tasks = top[2]
    subs = [s for s in secs if s.parent == tasks.sec_id]
    assert len(subs) == 10 and subs[0].title.startswith("（一）") and subs[-1].title.startswith("（十）")
    assert all(tasks.start <= s.start and s.end <= tasks.end for s in subs)
    for s in secs:
        assert doc.text[s.start : s.start + len(s.title)] == s.title
    assert doc.section_spans("tasks") == [(tasks.start, tasks.end)]


def test_counts_inside_the_tasks_section(gwr_dir: Path) -> None:
    docs = list(load_corpus([gwr_dir / "2024.txt", gwr_dir / "2025.txt"]))
    hits = find_hits(docs, ["人工智能"], section="tasks")
    everywhere = find_hits(docs, ["人工智能"])
    assert 0 < len(hits) < len(everywhere)
    counts = count(docs, ["人工智能"], section="tasks")
    assert counts["count"].sum() == len(hits)
    for d in docs:
        ((a, b),) = d.section_spans("tasks")
        row = counts[counts["year"] == d.year].iloc[0]
        assert row["n_chars"] == b - a
        assert all(a <= s < b for s in hits.loc[hits["doc_id"] == d.id, "start"])
    assert hits["section"].str.startswith("（").all()  # innermost heading: a numbered task


def test_korean_markers() -> None:
    text = "Ⅰ. 경제 여건\n1. 성장\n가. 수출 확대\n내용입니다.\n2. 물가\n▣ 별첨\n"
    secs = find_sections(text, "ko")
    assert [(s.level, s.title) for s in secs] == [(1, "Ⅰ. 경제 여건"), (2, "1. 성장"), (3, "가. 수출 확대"),
                                                  (2, "2. 물가"), (1, "▣ 별첨")]  # fmt: skip
    assert secs[2].parent == secs[1].sec_id and secs[1].parent == secs[0].sec_id
