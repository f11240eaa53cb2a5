"""The rjieba (jieba-rs) engine gives Python jieba's tokens: every Token field, on real Chinese reports.

The suite compares a fixed subset (every fifth Government Work Report from 1957, every fourth provincial report) to stay
within a minute; scripts/compare_zh_engines.py compares all 79 reports (its output is in README).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from policytext import PolicytextError
from policytext.corpus import Document, load_document
from policytext.tokenize.chinese import JiebaTokenizer
from policytext.tokenize.jieba_rs import RJiebaEngine
from policytext.tokenize.registry import DEFAULT_CHINESE_ENGINE, get_tokenizer, tokenize_text, tokenize_view

from .conftest import CORPORA

GWR = sorted((CORPORA / "zh" / "gwr").glob("*.txt"))
PROVINCIAL = sorted((CORPORA / "zh" / "provincial-2025").glob("*.docx"))


@pytest.fixture(scope="module")
def documents() -> list[Document]:
    assert len(GWR) == 52 and len(PROVINCIAL) == 27
    return [load_document(p) for p in [*GWR[3::5], *PROVINCIAL[::4]]]


@pytest.mark.parametrize("pos", [True, False], ids=["pos", "no-pos"])
def test_engines_identical_on_reports(documents: list[Document], pos: bool) -> None:
    n = 0
    for doc in documents:
        view = doc.view()
        ref = tokenize_view(view, doc.lang, pos=pos, zh_engine="jieba")
        new = tokenize_view(view, doc.lang, pos=pos, zh_engine="rjieba")
        if new != ref:  # name the document and the first token that differs
            i = next((i for i, (a, b) in enumerate(zip(ref, new, strict=False)) if a != b), min(len(ref), len(new)))
            pytest.fail(f"{doc.id}: token {i} differs: jieba {ref[i : i + 3]} vs rjieba {new[i : i + 3]}")
        n += len(ref)
    assert n > 150_000


@pytest.mark.parametrize("pos", [True, False], ids=["pos", "no-pos"])
def test_engines_identical_without_hmm(pos: bool) -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in GWR[-6:])
    ref = JiebaTokenizer(hmm=False, pos=pos).cut(text)
    new = JiebaTokenizer(hmm=False, pos=pos, engine="rjieba").cut(text)
    assert new == ref
    assert len(ref[0]) > 50_000


def test_engines_identical_on_segmentation_gold_text() -> None:
    # news text with URLs, file names, model numbers and ranges: where jieba-rs's own HMM pass differs
    from policytext.evaluation.segmentation import read_conllu, read_pku

    seg = CORPORA.parent / "eval" / "seg"
    texts = [t for t, _ in read_pku(seg / "sighan2005-pku-test-gold.txt", seg / "sighan2005-pku-test-raw.txt")]
    texts += [t for t, _ in read_conllu(seg / "ud-zh-gsdsimp-test.conllu")]
    texts += ["名为happynewyear.txt.vbs的附件", "抛弃S-IVB推进器", "规划(2006-2020年)", "在㐀㐁中", "第1.2.3条"]
    for pos in (False, True):
        py, rs = JiebaTokenizer(pos=pos), JiebaTokenizer(pos=pos, engine="rjieba")
        assert [rs.cut(t) for t in texts] == [py.cut(t) for t in texts], pos
    assert len(texts) > 2400


def test_user_dictionary_words_and_tags_as_jieba(tmp_path: Path) -> None:
    # a new word with a tag, a new word with a frequency, a dictionary word re-added with a new tag
    # (jieba's total then grows by the word's frequency again) and letters-and-digits words
    d = tmp_path / "user.txt"
    d.write_text("首发经济 nz\n银发经济 50000\n改革 n\nAI芯片 20 nz\nG20 10 eng\n", encoding="utf-8")
    text = (CORPORA / "zh" / "gwr" / "2025.txt").read_text(encoding="utf-8")
    text += "发展首发经济和银发经济，深化改革，G20峰会、AI芯片与5G、C919和ABC123。"
    for hmm in (True, False):
        for pos in (True, False):
            ref = JiebaTokenizer(hmm=hmm, pos=pos, user_dicts=[d]).cut(text)
            new = JiebaTokenizer(hmm=hmm, pos=pos, user_dicts=[d], engine="rjieba").cut(text)
            assert new == ref, (hmm, pos)
    tok = JiebaTokenizer(user_dicts=[d], engine="rjieba")
    assert tok.cut("首发经济") == (["首发经济"], ["nz"])
    assert tok.cut("改革") == (["改革"], ["n"])  # jieba's dictionary says vn; the user word's tag wins


def test_settings_name_the_engine() -> None:
    rs = get_tokenizer("zh", zh_engine="rjieba").settings()
    py = get_tokenizer("zh", zh_engine="jieba").settings()
    assert rs["engine"] == "rjieba" and py["engine"] == "jieba"
    assert "engine_version" in rs and rs != py
    assert get_tokenizer("zh").settings()["engine"] == DEFAULT_CHINESE_ENGINE


def test_cli_tokenize_zh_engine() -> None:
    from typer.testing import CliRunner

    from policytext.cli import app

    text = "发展新质生产力，规划(2006-2020年)。"
    outs = [
        CliRunner().invoke(app, ["tokenize", "-", "--lang", "zh", "--zh-engine", e], input=text)
        for e in ("rjieba", "jieba")
    ]
    assert all(r.exit_code == 0 for r in outs) and outs[0].stdout == outs[1].stdout
    assert "\t新质生产力\t" in outs[0].stdout and "\t2006\t" in outs[0].stdout
    bad = CliRunner().invoke(app, ["tokenize", "-", "--lang", "zh", "--zh-engine", "pkuseg"], input=text)
    assert bad.exit_code != 0 and "unknown Chinese engine" in bad.output


def test_unknown_engine_and_unsupported_words_are_refused(tmp_path: Path) -> None:
    with pytest.raises(PolicytextError, match="unknown Chinese engine 'pkuseg'"):
        tokenize_text("人工智能", "zh", zh_engine="pkuseg")
    with pytest.raises(PolicytextError, match="frequency 0"):
        RJiebaEngine([("人工智能", 0, None)])
    with pytest.raises(PolicytextError, match="'%' or '-'"):
        RJiebaEngine([("新-质", None, None)])
