"""The numpy POS Viterbi gives posseg's own path and score on real report text."""

from __future__ import annotations

from pathlib import Path

import jieba.posseg as ps
import pytest

from policytext.tokenize.pos_hmm import pos_viterbi

GWR = Path(__file__).resolve().parents[1] / "corpora" / "gwr"


def _blocks() -> list[str]:
    text = (GWR / "2024.txt").read_text(encoding="utf-8")
    runs = ps.re_han_detail.findall(text)[:120]
    # whole runs, their prefixes (a buffer posseg's HMM sees) and single characters
    return [r for r in runs if r] + [r[:n] for r in runs[:40] for n in (1, 2, 5) if r[:n]]


@pytest.mark.parametrize("block", _blocks())
def test_same_path_and_score_as_posseg(block: str) -> None:
    ref = ps.viterbi(block, ps.char_state_tab_P, ps.start_P, ps.trans_P, ps.emit_P)
    assert pos_viterbi()(block) == ref


def test_unseen_characters_follow_posseg() -> None:
    for block in ("鿕鿖鿗", "龘靐齉", "𠀀𠀁"):
        ref = ps.viterbi(block, ps.char_state_tab_P, ps.start_P, ps.trans_P, ps.emit_P)
        assert pos_viterbi()(block) == ref
