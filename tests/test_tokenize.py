from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from policytext import BackendUnavailable, NormalizeOptions, load_corpus, tokenize
from policytext.corpus import load_document


def _assert_exact(doc_text: str, tokens: list) -> None:  # type: ignore[type-arg]
    assert tokens
    prev_end = 0
    for t in tokens:
        assert doc_text[t.start : t.end] == t.surface
        assert t.start >= prev_end or t.start == tokens[tokens.index(t) - 1].start
        prev_end = t.end
    covered = sum(len(t.surface.replace("\n", "").replace("\u200b", "")) for t in tokens)
    visible = sum(1 for c in doc_text if not c.isspace() and c not in "\u200b\ufeff")
    assert covered >= visible * 0.999  # every visible character is in some token


def test_whole_chinese_report_offsets_exact(gwr_dir: Path) -> None:
    doc = load_document(gwr_dir / "2025.txt")
    tokens = doc.tokens()
    _assert_exact(doc.text, tokens)
    surfaces = {t.norm for t in tokens}
    for term in ("新质生产力", "人工智能", "具身智能", "以旧换新", "低空经济", "未来产业", "专精特新"):
        assert term in surfaces, term
    assert all(t.upos for t in tokens)


def test_policy_dictionary_keeps_terms_whole() -> None:
    toks = tokenize("大力发展新质生产力，培育具身智能等未来产业，推进智能网联新能源汽车和低空经济。", "zh")
    words = [t.surface for t in toks]
    for term in ("新质生产力", "具身智能", "未来产业", "智能网联新能源汽车", "低空经济"):
        assert term in words


def test_word_broken_across_lines_is_one_token(gwr_dir: Path) -> None:
    doc = load_document(gwr_dir / "2021.txt")
    tokens = doc.tokens(pos=False)
    assert [t.norm for t in tokens[:3]] == ["政府", "工作", "报告"]
    assert tokens[2].surface == "报\n告" and doc.text[tokens[2].start : tokens[2].end] == "报\n告"


def test_traditional_report_with_t2s(gwr_dir: Path) -> None:
    doc = load_document(gwr_dir / "1954.txt")
    tokens = doc.tokens(normalize_options=NormalizeOptions(t2s=True), pos=False)
    _assert_exact(doc.text, tokens)
    econ = [t for t in tokens if t.norm == "经济"]
    assert econ and econ[0].surface == "經濟"


def test_hmm_off_changes_unknown_words() -> None:
    text = "推动人工智能大模型赋能千行百业，乡村振兴取得新进展。"
    on = [t.surface for t in tokenize(text, "zh", hmm=True)]
    off = [t.surface for t in tokenize(text, "zh", hmm=False)]
    assert "".join(on) == "".join(off) == text.replace(" ", "")


def test_korean_budget_address_offsets_exact_kiwi(budget_dir: Path) -> None:
    doc = load_document(budget_dir / "2008-10-27-1310285.txt")
    tokens = doc.tokens()
    _assert_exact(doc.text, tokens)
    contracted = [t for t in tokens if len(t.morphs) > 1]
    assert contracted and all(t.surface == doc.text[t.start : t.end] for t in contracted)
    assert {t.upos for t in tokens} >= {"NOUN", "VERB", "PUNCT"}


def test_crlf_bom_korean_file(nk_dir: Path) -> None:
    doc = load_document(nk_dir / "2016.txt")
    _assert_exact(doc.text, doc.tokens())


@pytest.mark.parametrize("backend", ["okt", "komoran", "hannanum", "kkma"])
def test_konlpy_backends_align_exactly(backend: str, budget_dir: Path) -> None:
    text = (budget_dir / "2008-10-27-1310285.txt").read_text(encoding="utf-8")[: 800 if backend == "kkma" else 3000]
    tokens = tokenize(text, "ko", ko_backend=backend)
    _assert_exact(text, tokens)


def test_mixed_korean_with_chinese_names_and_latin() -> None:
    text = "중국 인민은행 라오민(廖岷) 부부장은 “AI+ 행동”을 강조했다."
    toks = tokenize(text, "ko")
    by_surface = {t.surface: t for t in toks}
    assert by_surface["廖岷"].lang == "zh"
    assert by_surface["AI"].lang == "ko"
    assert by_surface["강조"].upos == "NOUN"


def test_korean_island_in_chinese() -> None:
    text = "韩国媒体称之为인공지능 산업政策。"
    toks = tokenize(text, "zh")
    langs = {t.surface: t.lang for t in toks}
    assert langs["인공지능"] == "ko" and langs["产业" if "产业" in langs else "政策"] == "zh"


def test_unknown_and_missing_backends_are_clear_errors() -> None:
    with pytest.raises(BackendUnavailable, match="unknown Korean backend"):
        tokenize("경제", "ko", ko_backend="nope")
    with pytest.raises(BackendUnavailable, match="unknown Chinese engine"):
        tokenize("经济增长", "zh", zh_engine="nope")


def test_missing_jvm_gives_one_clear_error() -> None:
    env = {k: v for k, v in os.environ.items() if k != "JAVA_HOME"}
    env["PATH"] = "/nonexistent"
    code = (
        "from policytext import tokenize\n"
        "try:\n    tokenize('경제 성장', 'ko', ko_backend='okt')\n"
        "except Exception as e:\n    print(type(e).__name__, e)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert r.stdout.startswith("BackendUnavailable") and "Java" in r.stdout and "kiwi" in r.stdout
    assert "Traceback" not in r.stderr


def test_kiet_brief_mixed_report(kiet_brief: Path) -> None:
    corpus = load_corpus(kiet_brief)
    doc = corpus[0]
    assert doc.lang == "ko"
    tokens = doc.tokens()
    _assert_exact(doc.text, tokens)
    assert any(t.lang == "zh" for t in tokens)
