from __future__ import annotations

import itertools

from policytext import load_corpus
from policytext.text.sentences import split_sentences


def test_chinese_rules() -> None:
    text = "各位代表：\n\n现在，我代表国务院报告。他说：“要发展！”我们同意；是吗？好\n一、回顾"
    sents = [s.text for s in split_sentences(text, "zh")]
    assert sents == [
        "各位代表：",
        "现在，我代表国务院报告。",
        "他说：“要发展！”",
        "我们同意；",
        "是吗？",
        "好",
        "一、回顾",
    ]


def test_korean_rules_keep_numbering() -> None:
    text = "1. 경제 정책\n가. 성장률은 3%입니다. 물가는 2.5% 내외로 예상됩니다! 정말요?\n○ 수출 확대"
    sents = [s.text for s in split_sentences(text, "ko")]
    assert sents == [
        "1. 경제 정책",
        "가. 성장률은 3%입니다.",
        "물가는 2.5% 내외로 예상됩니다!",
        "정말요?",
        "○ 수출 확대",
    ]


def test_sentences_slice_original_on_real_reports(gwr_dir, nk_dir, budget_dir) -> None:  # type: ignore[no-untyped-def]
    corpus = load_corpus([gwr_dir / "2021.txt", nk_dir / "2016.txt", budget_dir / "2008-10-27-1310285.txt"])
    assert len(corpus) == 3 and not corpus.skipped
    for doc in corpus:
        sents = doc.sentences()
        assert len(sents) > 50
        for s in sents:
            assert doc.text[s.start : s.end] == s.text and s.text.strip() == s.text
        assert all(a.end <= b.start for a, b in itertools.pairwise(sents))
    gwr = corpus[0]
    joined = [s for s in gwr.sentences() if "政府工作报\n告" in s.text]
    assert joined, "a word broken across lines stays inside one sentence"
