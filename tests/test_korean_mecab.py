"""The mecab Korean backend (python-mecab-ko) on real budget addresses: exact offsets, morphemes, UPOS."""

from __future__ import annotations

from pathlib import Path

import pytest

from policytext import BackendUnavailable, tokenize
from policytext.corpus import load_document
from policytext.tokenize.registry import get_tokenizer


def test_mecab_tokens_on_budget_addresses(budget_dir: Path) -> None:
    for path in (*sorted(budget_dir.glob("2009-*.txt")), *sorted(budget_dir.glob("2021-*.txt"))):
        doc = load_document(path)
        toks = doc.tokens(ko_backend="mecab")
        assert len(toks) > 2000
        assert all(doc.text[t.start : t.end] == t.surface for t in toks)
        assert sum(t.lang == "ko" for t in toks) > len(toks) * 0.95
        visible = sum(1 for c in doc.text if not c.isspace())
        assert sum(len(t.surface) for t in toks) >= visible * 0.999  # every visible character is in a token
        upos = {t.upos for t in toks}
        assert {"NOUN", "VERB", "PUNCT", "NUM", "PART", "ADP"} <= upos
        # every mecab-ko-dic tag is mapped; X only where the Sejong mapping means it (affixes, foreign words)
        assert {t.tag for t in toks if t.upos == "X"} <= {"XPN", "XSN", "SL", "SH", "UNKNOWN", ""}
        kiwi = {(t.start, t.end) for t in doc.tokens(ko_backend="kiwi")}
        same = sum((t.start, t.end) in kiwi for t in toks) / len(toks)
        assert same > 0.8, same  # two analysers of the same language mostly agree on spans


def test_mecab_inflected_forms_carry_their_morphemes() -> None:
    toks = tokenize("정부는 내년 예산안을 편성했습니다.", "ko", ko_backend="mecab")
    by_surface = {t.surface: t for t in toks}
    hae = by_surface["했"]
    assert hae.morphs == (("하", "XSV"), ("았", "EP")) and hae.lemma == "하다" and hae.upos == "VERB"
    assert by_surface["예산안"].upos == "NOUN" and by_surface["."].upos == "PUNCT"
    assert [f for f, _ in get_tokenizer("ko", "mecab").morphemes("편성했다")] == ["편성", "하", "았", "다"]


def test_mecab_settings_and_user_dictionaries(tmp_path: Path) -> None:
    s = get_tokenizer("ko", "mecab").settings()
    assert s["backend"] == "mecab" and s["version"]
    d = tmp_path / "user.txt"
    d.write_text("디지털플랫폼정부\tNNP\n", encoding="utf-8")
    with pytest.raises(BackendUnavailable, match=r"mecab.*user dictionar"):
        tokenize("디지털플랫폼정부", "ko", ko_backend="mecab", ko_user_dicts=[d])
