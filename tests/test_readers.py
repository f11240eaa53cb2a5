from __future__ import annotations

from pathlib import Path

import pytest

from policytext import ReaderError, load_corpus
from policytext.readers import read_file

from .fixtures import HTML_PAGE, make_hwpx, make_pdf

ZH = "政府工作报告：国内生产总值增长5%左右，发展新质生产力。\n"
KO = "정부는 인공지능 산업을 육성하고 경제성장률 목표를 5% 내외로 제시했습니다.\n"


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        (ZH, "utf-8", "utf-8"),
        (ZH, "utf-8-sig", "utf-8-sig"),
        (ZH, "gb18030", "gb18030"),
        (ZH, "gbk", "gb18030"),
        (KO, "cp949", "cp949"),
        (KO, "euc-kr", "cp949"),
        (ZH + KO, "utf-16", "utf-16-le"),
        (KO, "utf-16-be", "utf-16-be"),
        (ZH, "utf-16-le", "utf-16-le"),
    ],
)
def test_encodings_round_trip(tmp_path: Path, text: str, encoding: str, expected: str) -> None:
    p = tmp_path / "doc.txt"
    p.write_bytes(text.encode(encoding))
    r = read_file(p)
    assert r.text == text  # BOM removed, nothing else changed
    assert r.encoding == expected


def test_crlf_and_bom_kept_as_is(nk_dir: Path) -> None:
    r = read_file(nk_dir / "2016.txt")
    raw = (nk_dir / "2016.txt").read_bytes()
    assert r.encoding == "utf-8-sig" and "\r\n" in r.text
    assert r.text == raw.decode("utf-8-sig")


def test_real_gwr_decodes_unchanged(gwr_dir: Path) -> None:
    r = read_file(gwr_dir / "2025.txt")
    assert r.text == (gwr_dir / "2025.txt").read_text(encoding="utf-8")


def test_real_docx_provincial_report() -> None:
    from .conftest import CORPORA

    files = sorted((CORPORA / "zh" / "provincial-2025").glob("*.docx"))
    assert len(files) == 27
    r = read_file(files[0])
    assert r.reader == "docx" and len(r.text) > 5000 and "政府工作报告" in r.text
    for b in r.blocks[:50]:
        assert 0 <= b.start <= b.end <= len(r.text)


def test_pdf_pages_and_offsets(tmp_path: Path) -> None:
    p = make_pdf(tmp_path / "report.pdf", ["GDP growth target around 5 percent", "Second page on AI"])
    r = read_file(p)
    assert [b.number for b in r.blocks] == [1, 2]
    assert "GDP growth target" in r.text[r.blocks[0].start : r.blocks[0].end]
    assert "Second page on AI" in r.text[r.blocks[1].start : r.blocks[1].end]


def test_html_main_text_without_menus(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(HTML_PAGE, encoding="utf-8")
    r = read_file(p)
    assert "人工智能+" in r.text and "新质生产力" in r.text
    assert "导航菜单" not in r.text and "京ICP备" not in r.text


def test_hwpx_paragraphs(tmp_path: Path) -> None:
    p = make_hwpx(tmp_path / "brief.hwpx", ["중국 양회 분석", "인공지능 산업 육성 정책"])
    r = read_file(p)
    assert r.text == "중국 양회 분석\n인공지능 산업 육성 정책"
    assert [r.text[b.start : b.end] for b in r.blocks] == ["중국 양회 분석", "인공지능 산업 육성 정책"]


def test_bad_files_are_named_and_the_rest_loads(tmp_path: Path, gwr_dir: Path) -> None:
    (tmp_path / "2025.txt").write_bytes((gwr_dir / "2025.txt").read_bytes())
    (tmp_path / "corrupt.pdf").write_bytes(b"%PDF-1.4\nthis is not really a pdf\n%%EOF")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "notes.xyz").write_text("what is this", encoding="utf-8")
    (tmp_path / "old.hwp").write_bytes(b"\xd0\xcf\x11\xe0 binary hwp")
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    corpus = load_corpus(tmp_path)
    assert [d.id for d in corpus] == ["2025.txt"]
    reasons = {Path(s.path).name: s.reason for s in corpus.skipped}
    assert set(reasons) == {"corrupt.pdf", "empty.txt", "image.txt", "notes.xyz", "old.hwp", "broken.docx"}
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["image.txt"]
    assert "unsupported file type '.xyz'" in reasons["notes.xyz"]
    assert "pdf" in reasons["corrupt.pdf"].lower()
    with pytest.raises(ReaderError, match=r"corrupt\.pdf"):
        read_file(tmp_path / "corrupt.pdf")
    with pytest.raises(ReaderError, match=r"broken\.docx"):
        load_corpus(tmp_path, strict=True)
