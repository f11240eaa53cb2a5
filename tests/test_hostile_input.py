"""Hostile and broken input (issue #15): every case ends without a traceback, names the file or row and the
reason, loads the good inputs with the right text, and keeps exit codes consistent (0 with skips when
something loaded, 1 when nothing loaded, 2 for a usage error). Hostile files are generated in tmp_path."""

from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path

import pandas as pd
import pytest

from policytext import load_corpus
from policytext.errors import PolicytextError, ReaderError
from policytext.readers import read_file
from tests.hostile import (
    cli,
    cli_process,
    docx_bytes,
    docx_xml,
    flat,
    flate_bomb_pdf,
    hwpx_bytes,
    peak_rss_mb,
    skipped_reasons,
    with_member,
)

GOOD = "2018.txt"


@pytest.fixture()
def folder(tmp_path: Path, gwr_dir: Path) -> Path:
    """A corpus folder with one good document (GWR 2018) to which each test adds something hostile."""
    d = tmp_path / "corpus"
    d.mkdir()
    (d / GOOD).write_bytes((gwr_dir / GOOD).read_bytes())
    return d


def assert_good_loaded(corpus, gwr_dir: Path) -> None:  # type: ignore[no-untyped-def]
    doc = corpus[GOOD]
    assert doc.text == (gwr_dir / GOOD).read_text(encoding="utf-8") and doc.year == 2018


# --- listing: special files and symbolic links ------------------------------------------------------------


def test_fifo_is_named_and_never_opened(folder: Path, gwr_dir: Path) -> None:
    os.mkfifo(folder / "a.txt")
    t0 = time.perf_counter()
    p = cli_process("corpus", "info", str(folder), timeout=60)  # opening it would block forever
    assert time.perf_counter() - t0 < 60
    said = flat(p.stderr)
    assert p.returncode == 0 and "a.txt" in said and "FIFO" in said and "not opened" in said
    assert_good_loaded(load_corpus(folder), gwr_dir)


def test_fifo_given_directly_is_skipped(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    r = cli("corpus", "info", str(tmp_path / "pipe.txt"))
    assert r.exit_code == 1 and "pipe.txt" in flat(r.output) and "FIFO" in flat(r.output)


def test_socket_is_named(folder: Path, gwr_dir: Path) -> None:
    s = socket.socket(socket.AF_UNIX)
    try:
        s.bind(str(folder / "s.txt"))
        corpus = load_corpus(folder)
    finally:
        s.close()
    assert "socket" in skipped_reasons(corpus)["s.txt"]
    assert_good_loaded(corpus, gwr_dir)


def test_character_device_is_named(tmp_path: Path) -> None:
    r = cli("corpus", "info", "/dev/zero")
    assert r.exit_code == 1 and "/dev/zero" in flat(r.output) and "character device" in flat(r.output)


def test_symlink_out_of_the_folder(folder: Path, gwr_dir: Path) -> None:
    (folder / "x.txt").symlink_to(gwr_dir / "2019.txt")
    corpus = load_corpus(folder)
    assert "outside the corpus folder" in skipped_reasons(corpus)["x.txt"]
    assert_good_loaded(corpus, gwr_dir)
    r = cli("corpus", "info", str(folder))
    assert r.exit_code == 0 and "x.txt" in flat(r.output) and "outside the corpus folder" in flat(r.output)


def test_symlink_loop(folder: Path, gwr_dir: Path) -> None:
    (folder / "l1.txt").symlink_to("l2.txt")
    (folder / "l2.txt").symlink_to("l1.txt")
    corpus = load_corpus(folder)
    reasons = skipped_reasons(corpus)
    assert "loop" in reasons["l1.txt"] and "loop" in reasons["l2.txt"]
    assert_good_loaded(corpus, gwr_dir)


def test_dangling_symlink(folder: Path, gwr_dir: Path) -> None:
    (folder / "gone.txt").symlink_to("nothere.txt")
    corpus = load_corpus(folder)
    assert "dangling" in skipped_reasons(corpus)["gone.txt"] and "nothere.txt" in skipped_reasons(corpus)["gone.txt"]
    assert_good_loaded(corpus, gwr_dir)


def test_symlinked_folder_is_not_descended(folder: Path, gwr_dir: Path, tmp_path: Path) -> None:
    (folder / "sub").symlink_to(folder)  # a folder loop through a link
    corpus = load_corpus(folder)
    assert "link to a folder" in skipped_reasons(corpus)["sub"]
    assert [d.id for d in corpus] == [GOOD]


def test_symlink_inside_the_folder_is_a_named_duplicate(folder: Path, gwr_dir: Path) -> None:
    (folder / "alias.txt").symlink_to(GOOD)
    corpus = load_corpus(folder)
    assert "duplicate document id" in skipped_reasons(corpus)["alias.txt"]
    assert_good_loaded(corpus, gwr_dir)


# --- archives: zip bombs and XML entities -------------------------------------------------------------------


def test_docx_zip_bomb_refused_before_decompressing(folder: Path, gwr_dir: Path) -> None:
    bomb = with_member(docx_bytes(["第一段"]), "word/media/image1.png", zeros=600 << 20)
    assert len(bomb) < 4 << 20  # 600 MB of zeros in under 4 MB
    (folder / "bomb.docx").write_bytes(bomb)
    peak, out = peak_rss_mb(f"from policytext import load_corpus\nc = load_corpus({str(folder)!r})\n"
                            "print([s.reason for s in c.skipped]); print([d.id for d in c])")  # fmt: skip
    assert "would decompress to" in out and "'2018.txt'" in out
    assert peak < 400, f"peak {peak:.0f} MB"  # stated bound: reading a hostile archive stays under 400 MB


def test_hwpx_xml_member_bomb(folder: Path, gwr_dir: Path) -> None:
    para = "<hp:p><hp:run><hp:t>" + "가" * 1000 + "</hp:t></hp:run></hp:p>"
    big = hwpx_bytes([], raw_body=para * 50_000)  # 150 MB of XML in one section
    (folder / "big.hwpx").write_bytes(big)
    corpus = load_corpus(folder)
    assert "Contents/section0.xml would decompress to" in skipped_reasons(corpus)["big.hwpx"]
    assert_good_loaded(corpus, gwr_dir)


def test_pdf_flate_bomb_is_named_and_bounded(folder: Path) -> None:
    flate_bomb_pdf(folder / "bomb.pdf", 300)  # 300 MB of zeros in one content stream
    peak, out = peak_rss_mb(f"from policytext import load_corpus\nc = load_corpus({str(folder)!r})\n"
                            "print([(s.path, s.reason) for s in c.skipped]); print([d.id for d in c])")  # fmt: skip
    assert "bomb.pdf" in out and "'2018.txt'" in out
    assert peak < 400, f"peak {peak:.0f} MB"  # pypdf stops inflating a stream at 75 MB


def test_docx_xxe_entity_is_not_resolved_and_text_is_kept(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    base = docx_bytes(["前文XXE后文", "第二段落"])
    xml = docx_xml(base).decode("utf-8")
    doctype = f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    xml = xml.replace("?>", "?>" + doctype, 1).replace("XXE", "&xxe;")
    p = tmp_path / "xxe.docx"
    p.write_bytes(with_member(base, "word/document.xml", xml.encode("utf-8")))
    r = read_file(p)
    assert "TOPSECRET" not in r.text
    assert "前文&xxe;后文" in r.text and "第二段落" in r.text  # the rest of the run is kept
    assert any("DOCTYPE" in n for n in r.notes)


def test_hwpx_billion_laughs_is_not_expanded(tmp_path: Path) -> None:
    ents = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    doctype = f"<!DOCTYPE hs:sec [{ents}]>"
    body = "<hp:p><hp:run><hp:t>앞 &lol9; 뒤</hp:t></hp:run></hp:p><hp:p><hp:run><hp:t>둘째 문단</hp:t></hp:run></hp:p>"
    p = tmp_path / "laughs.hwpx"
    p.write_bytes(hwpx_bytes([], doctype=doctype, raw_body=body))
    r = read_file(p)
    assert r.text == "앞 &lol9; 뒤\n둘째 문단" and r.notes


def test_html_external_entity_is_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET", encoding="utf-8")
    p = tmp_path / "x.html"
    p.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>\n<html><body>'
                 "<article><p>今年发展主要预期目标是国内生产总值增长百分之五左右，城镇新增就业一千二百万人以上。&xxe;</p>"
                 "<p>持续推进人工智能行动，将数字技术与制造优势更好结合起来，支持大模型广泛应用。</p></article></body></html>",
                 encoding="utf-8")  # fmt: skip
    r = read_file(p)
    assert "TOPSECRET" not in r.text and "城镇新增就业" in r.text and "支持大模型广泛应用" in r.text


def test_archive_with_too_many_members(tmp_path: Path) -> None:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("Contents/section0.xml", "<x/>")
        for i in range(10_001):
            zf.writestr(f"m/{i}", b"")
    p = tmp_path / "many.hwpx"
    p.write_bytes(buf.getvalue())
    with pytest.raises(ReaderError, match=r"many\.hwpx.*10,002 members"):
        read_file(p)


def test_archive_member_understating_its_size_is_named(tmp_path: Path) -> None:
    import struct

    data = bytearray(hwpx_bytes(["가나다라"] * 20))
    for marker, offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):  # central directory and local header
        i = data.find(marker)
        while i != -1:
            name_at = i + (46 if marker == b"PK\x01\x02" else 30)
            if data[name_at : name_at + 21] == b"Contents/section0.xml":
                data[i + offset : i + offset + 4] = struct.pack("<I", 10)
            i = data.find(marker, i + 4)
    p = tmp_path / "liar.hwpx"
    p.write_bytes(bytes(data))
    with pytest.raises(ReaderError, match=r"liar\.hwpx: not a readable hwpx file .*CRC"):
        read_file(p)  # decompression stops at the declared size: the lie cannot cost memory


def test_not_a_zip_docx_is_named(folder: Path, gwr_dir: Path) -> None:
    (folder / "fake.docx").write_bytes(b"PK\x03\x04 this is not a zip at all")
    corpus = load_corpus(folder)
    assert "not a valid docx file" in skipped_reasons(corpus)["fake.docx"]
    assert_good_loaded(corpus, gwr_dir)


# --- text: size limits, invalid bytes, mixed encodings --------------------------------------------------------


def test_huge_text_file_is_refused_before_reading(folder: Path) -> None:
    big = folder / "huge.txt"
    with big.open("wb") as f:
        line = ("经济发展" * 50 + "\n").encode("utf-8")
        for _ in range(200_000):  # 120 MB
            f.write(line)
    script = (f"import os; os.environ['POLICYTEXT_MAX_CHARS'] = '5000000'\nfrom policytext import load_corpus\n"
              f"c = load_corpus({str(folder)!r})\nprint([s.reason for s in c.skipped])\n"
              "print([d.id for d in c])")  # fmt: skip
    peak, out = peak_rss_mb(script)
    assert "file too large" in out and "--max-chars" in out and "'2018.txt'" in out
    assert peak < 400, f"peak {peak:.0f} MB"  # stated bound: a text file over the limit is never read whole


def test_text_longer_than_max_chars_is_named(folder: Path) -> None:
    (folder / "long.txt").write_text("a" * 30_000, encoding="utf-8")
    r = cli("--max-chars", "25000", "corpus", "info", str(folder))
    assert r.exit_code == 0 and "long.txt" in flat(r.output) and "text too long: 30,000 characters" in flat(r.output)
    assert "2018.txt" in flat(r.output)  # 21,135 characters: under the limit, loaded


def test_max_chars_must_be_positive() -> None:
    assert cli("--max-chars", "0", "corpus", "info").exit_code == 2


def test_one_invalid_utf8_byte_is_replaced_and_located(folder: Path) -> None:
    good = "中华人民共和国政府工作报告\n".encode()
    (folder / "bad.txt").write_bytes(good * 3 + b"\xff" + good)
    corpus = load_corpus(folder)
    doc = corpus["bad.txt"]
    assert doc.text == ("中华人民共和国政府工作报告\n" * 3) + "\ufffd" + "中华人民共和国政府工作报告\n"
    assert any("byte offsets 120" in n for n in doc.provenance.notes)


def test_truncated_last_character_is_replaced(tmp_path: Path) -> None:
    p = tmp_path / "cut.txt"
    p.write_bytes("政府工作报告\n".encode() * 5 + "经济".encode()[:-1])
    r = read_file(p)
    assert r.text.endswith("经\ufffd") and r.text.startswith("政府工作报告") and r.notes


def test_mixed_utf8_and_gb18030_lines(tmp_path: Path) -> None:
    p = tmp_path / "mixed.txt"
    p.write_bytes("第一行是UTF-8编码\n".encode() + "第二行是国标编码的中文\n".encode("gb18030") + "第三行\n".encode())
    r = read_file(p)
    assert r.text == "第一行是UTF-8编码\n第二行是国标编码的中文\n第三行\n"
    assert r.encoding == "utf-8+gb18030" and any("line" in n and "gb18030" in n for n in r.notes)


def test_mixed_utf8_and_cp949_lines(tmp_path: Path) -> None:
    p = tmp_path / "mixed-ko.txt"
    p.write_bytes("첫째 줄은 유니코드입니다\n".encode() + "둘째 줄은 완성형 한국어 문장입니다\n".encode("cp949"))
    r = read_file(p)
    assert r.text == "첫째 줄은 유니코드입니다\n둘째 줄은 완성형 한국어 문장입니다\n" and "cp949" in r.encoding


def test_whole_legacy_file_still_decodes_cleanly(tmp_path: Path, gwr_dir: Path) -> None:
    text = (gwr_dir / GOOD).read_text(encoding="utf-8")[:3000]
    p = tmp_path / "gbk.txt"
    p.write_bytes(text.encode("gb18030"))
    r = read_file(p)
    assert r.text == text and r.encoding == "gb18030" and not r.notes


def test_binary_and_nul_files_are_named(folder: Path, gwr_dir: Path) -> None:
    (folder / "nul.txt").write_bytes(b"abc\x00\x00\x00def" * 100 + b"\x00")
    (folder / "noise.md").write_bytes(bytes(range(256)) * 40)
    corpus = load_corpus(folder)
    reasons = skipped_reasons(corpus)
    assert "binary" in reasons["nul.txt"] and "binary" in reasons["noise.md"]
    assert_good_loaded(corpus, gwr_dir)


def test_empty_and_whitespace_files_are_named(folder: Path) -> None:
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b" \n\t\n")
    reasons = skipped_reasons(load_corpus(folder))
    assert "empty" in reasons["empty.txt"] and "empty" in reasons["blank.txt"]


def test_bad_bom_is_named(folder: Path) -> None:
    (folder / "bom.txt").write_bytes(b"\xef\xbb\xbf" + "正文".encode() + b"\xff\xfe\xfd")
    reason = skipped_reasons(load_corpus(folder))["bom.txt"]
    assert "byte-order mark" in reason and "position" in reason


# --- tables and manifests -------------------------------------------------------------------------------------


@pytest.fixture()
def table(tmp_path: Path) -> Path:
    p = tmp_path / "rows.csv"
    p.write_text("id,year,text\na,2019,中国经济发展\nb,abc,改革开放\nc,2020,脱贫攻坚\nd,,乡村振兴\n", encoding="utf-8")
    return p


@pytest.mark.parametrize("option", ["--year-col", "--text-col", "--id-col"])
def test_missing_named_column_is_an_error_before_any_work(table: Path, option: str) -> None:
    r = cli("corpus", "info", str(table), option, "nosuch")
    assert r.exit_code == 2 and f"{option} 'nosuch' is not a column" in flat(r.output) and "rows.csv" in flat(r.output)
    assert "columns: id, year, text" in flat(r.output)


def test_bad_year_skips_only_its_row(table: Path) -> None:
    corpus = load_corpus(table)
    assert [(d.id, d.year, d.text) for d in corpus] == [("a", 2019, "中国经济发展"), ("c", 2020, "脱贫攻坚"),
                                                         ("d", None, "乡村振兴")]  # fmt: skip
    [s] = corpus.skipped
    assert s.path.endswith("rows.csv#1") and "row 1 (b)" in s.reason and "'year'" in s.reason and "'abc'" in s.reason


def test_bad_year_in_jsonl(tmp_path: Path) -> None:
    p = tmp_path / "rows.jsonl"
    rows = [{"id": "a", "year": 2019, "text": "甲"}, {"id": "b", "year": "二〇二〇", "text": "乙"},
            {"id": "c", "year": 2021.0, "text": "丙"}]  # fmt: skip
    p.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    corpus = load_corpus(p)
    assert [(d.id, d.year) for d in corpus] == [("a", 2019), ("c", 2021)]
    assert "'二〇二〇'" in corpus.skipped[0].reason


def test_table_row_longer_than_max_chars(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLICYTEXT_MAX_CHARS", "100")
    p = tmp_path / "rows.csv"
    p.write_text("id,text\nshort,短文本\nlong," + "长" * 150 + "\n", encoding="utf-8")
    corpus = load_corpus(p)
    assert [d.id for d in corpus] == ["short"] and "row 1 (long): text too long" in corpus.skipped[0].reason


def test_ragged_csv_line_is_skipped_and_the_rest_loads(tmp_path: Path) -> None:
    p = tmp_path / "ragged.csv"
    p.write_text("id,text\na,甲\nb,乙,extra,fields\nc,丙\n", encoding="utf-8")
    corpus = load_corpus(p)
    assert [(d.id, d.text) for d in corpus] == [("a", "甲"), ("c", "丙")]
    [s] = corpus.skipped
    assert s.path == f"{p} line 3" and "expected 2 fields, saw 4" in s.reason


def test_bad_jsonl_lines_are_skipped_and_the_rest_loads(tmp_path: Path) -> None:
    p = tmp_path / "rows.jsonl"
    p.write_text('{"id": "a", "text": "甲"}\n{bad json\n[1, 2]\n\n{"id": "c", "text": "丙"}\n', encoding="utf-8")
    corpus = load_corpus(p)
    assert [(d.id, d.text) for d in corpus] == [("a", "甲"), ("c", "丙")]
    reasons = {s.path: s.reason for s in corpus.skipped}
    assert "not valid JSON" in reasons[f"{p} line 2"] and "not an object" in reasons[f"{p} line 3"]


@pytest.fixture()
def manifest_folder(folder: Path) -> Path:
    (folder / "manifest.csv").write_text(
        "file,id,year\n2018.txt,gwr-2018,abc\n../elsewhere.txt,x,2019\nmissing.txt,y,2019\n"
        "2018.txt,gwr-2018b,2018\nzzz.txt,gwr-2018,2017\n", encoding="utf-8")  # fmt: skip
    return folder


def test_bad_manifest_rows_are_warnings_naming_the_line(manifest_folder: Path) -> None:
    corpus = load_corpus(manifest_folder)
    problems = {s.path.rsplit(" ", 1)[-1]: s.reason for s in corpus.skipped if "manifest.csv" in s.path}
    assert "bad value 'abc'" in problems["2"] and "outside the manifest's folder" in problems["3"]
    assert "unknown file 'missing.txt'" in problems["4"] and "duplicate file '2018.txt'" in problems["5"]
    assert "duplicate id 'gwr-2018'" in problems["6"] or "unknown file" in problems["6"]
    [doc] = corpus.documents
    assert doc.id == "gwr-2018" and doc.year is None  # the bad year is unknown, said so, not guessed


def test_manifest_warnings_are_the_same_in_analyze(manifest_folder: Path, tmp_path: Path) -> None:
    r = cli("analyze", str(manifest_folder), "-o", str(tmp_path / "out"), "--stages", "documents", "-j", "1")
    assert r.exit_code == 0, r.output
    run = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    listed = {s["path"] for s in run["skipped"]}
    assert {f"{manifest_folder / 'manifest.csv'} line {n}" for n in (2, 3, 4, 5)} <= listed


def test_manifest_that_is_a_fifo_is_an_error_not_a_hang(folder: Path) -> None:
    os.mkfifo(folder / "manifest.csv")
    p = cli_process("corpus", "info", str(folder), timeout=60)
    assert p.returncode == 2 and "manifest.csv" in flat(p.stderr) and "FIFO" in flat(p.stderr)


def test_toml_manifest_bad_year_names_the_table(folder: Path) -> None:
    (folder / "manifest.toml").write_text('[[documents]]\nfile = "2018.txt"\nid = "g"\nyear = "twenty"\n',
                                          encoding="utf-8")  # fmt: skip
    corpus = load_corpus(folder)
    assert any("[[documents]] #1" in s.path and "'twenty'" in s.reason for s in corpus.skipped)


# --- arguments -----------------------------------------------------------------------------------------------


def test_since_after_until_is_an_error(folder: Path, tmp_path: Path) -> None:
    for args in (["corpus", "info", str(folder)], ["count", str(folder), "改革"],
                 ["analyze", str(folder), "-o", str(tmp_path / "o")]):  # fmt: skip
        r = cli(*args, "--since", "2020", "--until", "2010")
        assert r.exit_code == 2 and "--since 2020 is after --until 2010" in flat(r.output), args
    assert not (tmp_path / "o").exists()  # nothing was started


def test_negative_window_is_an_error(folder: Path) -> None:
    r = cli("kwic", str(folder), "改革", "--window", "-3")
    assert r.exit_code == 2 and "--window" in flat(r.output)


def test_unknown_by_field_lists_the_valid_ones(folder: Path) -> None:
    r = cli("count", str(folder), "改革", "--by", "nosuch")
    assert r.exit_code == 2 and "unknown --by field(s) 'nosuch'" in flat(r.output) and "year" in flat(r.output)


def test_entities_summary_by_unknown_field_fails_before_work(folder: Path) -> None:
    t0 = time.perf_counter()
    r = cli("entities", str(folder), "--summary", "--by", "nosuch")
    assert r.exit_code == 2 and "year, doc_id, lang" in flat(r.output)
    assert time.perf_counter() - t0 < 10  # no NER pipeline was loaded


def test_catastrophic_regex_times_out_with_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("a" * 40 + "b\n", encoding="utf-8")
    t0 = time.perf_counter()
    r = cli("count", str(tmp_path), "re:(a|aa)+$")
    assert r.exit_code == 2 and "took longer than 5 s on x.txt" in flat(r.output)
    assert time.perf_counter() - t0 < 30


def test_nested_quantifier_from_the_issue_runs_fast(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("a" * 40 + "b\n", encoding="utf-8")
    t0 = time.perf_counter()
    r = cli("count", str(tmp_path), "re:(a+)+$")
    assert r.exit_code == 0 and time.perf_counter() - t0 < 10


def test_bad_regex_is_an_error(folder: Path) -> None:
    r = cli("count", str(folder), "re:(改革")
    assert r.exit_code == 2 and "bad pattern 're:(改革'" in flat(r.output)


# --- exports: formula injection ------------------------------------------------------------------------------


@pytest.fixture()
def injected(tmp_path: Path) -> Path:
    d = tmp_path / "inj"
    d.mkdir()
    (d / "=cmd.txt").write_text('=HYPERLINK("http://evil.example")改革开放+@SUM(1)\n-改革\t改革\n', encoding="utf-8")
    return d


def test_kwic_xlsx_has_no_formulas(injected: Path, tmp_path: Path) -> None:
    import openpyxl

    out = tmp_path / "k.xlsx"
    assert cli("kwic", str(injected), "改革", "-o", str(out), "--window", "40").exit_code == 0
    ws = openpyxl.load_workbook(out)["kwic"]
    cells = [c for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = [c.value for c in cells if isinstance(c.value, str)]
    assert "'=cmd.txt" in values and any(v.startswith("'=HYPERLINK") for v in values)
    assert not [v for v in values if v[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_csv_is_escaped_and_parquet_keeps_raw_values(injected: Path, tmp_path: Path) -> None:
    assert cli("kwic", str(injected), "改革", "-o", str(tmp_path / "k.csv"), "--window", "40").exit_code == 0
    assert cli("kwic", str(injected), "改革", "-o", str(tmp_path / "k.parquet"), "--window", "40").exit_code == 0
    csv = pd.read_csv(tmp_path / "k.csv", keep_default_na=False)
    raw = pd.read_parquet(tmp_path / "k.parquet")
    assert set(csv["doc_id"]) == {"'=cmd.txt"} and set(raw["doc_id"]) == {"=cmd.txt"}
    assert raw["left"].iloc[0] == '=HYPERLINK("http://evil.example")' and raw["right"].iloc[0].startswith("开放+@SUM")
    assert csv["left"].iloc[0] == "'" + raw["left"].iloc[0]
    for col in ("doc_id", "left", "hit", "right"):
        assert not csv[col].astype(str).str.match(r"^[=+\-@\t\r]").any(), col


def test_xlsx_control_characters_do_not_crash(tmp_path: Path) -> None:
    import openpyxl

    from policytext.export import write_table

    write_table(pd.DataFrame({"text": ["bell\x07here", "=1+1"], "n": [-1, 2]}), tmp_path / "t.xlsx", kind="t")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx")["t"]
    assert [c.value for c in ws["A"]] == ["text", "bell\ufffdhere", "'=1+1"] and ws["B2"].value == -1


# --- models ---------------------------------------------------------------------------------------------------


def _doctored_model(tmp_path: Path, node: dict[str, object]) -> Path:
    import zipfile

    from policytext.resources import models_dir

    src = zipfile.ZipFile(models_dir() / "topics-zh" / "model.skops")
    d = tmp_path / "model"
    d.mkdir()
    with zipfile.ZipFile(d / "model.skops", "w") as z:
        for n in src.namelist():
            data = src.read(n)
            if n == "schema.json":
                schema = json.loads(data)
                schema["content"]["content"]["memory"] = node
                data = json.dumps(schema).encode()
            z.writestr(n, data)
    return d


@pytest.mark.parametrize("module,name", [("builtins", "print"), ("numpy", "runstring"), ("builtins", "eval")])
def test_model_naming_an_unlisted_type_is_refused(tmp_path: Path, module: str, name: str) -> None:
    from policytext.topics.classify import load_model

    d = _doctored_model(tmp_path, {"__class__": name, "__module__": module, "__loader__": "FunctionNode",
                                   "__id__": 1})  # fmt: skip
    with pytest.raises(PolicytextError, match=rf"model\.skops: refusing .*{module}\.{name}"):
        load_model(d)


def test_corrupt_model_is_an_error_naming_the_path(tmp_path: Path, folder: Path) -> None:
    d = tmp_path / "broken"
    d.mkdir()
    (d / "model.skops").write_bytes(b"PK\x03\x04 truncated")
    r = cli("topics", str(folder), "--model", str(d))
    assert r.exit_code == 2 and f"{d / 'model.skops'}: not a readable skops model" in flat(r.output)


def test_shipped_models_still_load() -> None:
    from policytext.resources import models_dir
    from policytext.topics.classify import load_model

    for lang in ("zh", "ko"):
        model, _ = load_model(models_dir() / f"topics-{lang}")
        assert type(model).__name__ == "Pipeline"


# --- fresh install ---------------------------------------------------------------------------------------------


def test_html_reader_dependencies_are_declared() -> None:
    import tomllib

    from tests.conftest import ROOT

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert any(d.startswith("lxml_html_clean") for d in deps) and any(d.startswith("regex") for d in deps)
    import lxml_html_clean  # noqa: F401 - what trafilatura needs with lxml >= 5.2


# --- exit codes: the same rule in every command ----------------------------------------------------------------


@pytest.fixture()
def all_bad(tmp_path: Path, gwr_dir: Path) -> Path:
    d = tmp_path / "bad"
    d.mkdir()
    os.mkfifo(d / "a.txt")
    (d / "b.txt").write_bytes(b"\x00\x01\x02")
    (d / "c.txt").symlink_to(gwr_dir / "2019.txt")
    return d


@pytest.mark.parametrize("command", [["corpus", "info"], ["count", "{}", "改革"], ["kwic", "{}", "改革"],
                                     ["entities", "{}"], ["topics", "{}"], ["keywords", "{}"],
                                     ["targets", "{}"]])  # fmt: skip
def test_nothing_readable_exits_1_in_every_command(all_bad: Path, command: list[str]) -> None:
    args = [a.format(all_bad) for a in command] if "{}" in command else [*command, str(all_bad)]
    r = cli(*args)
    assert r.exit_code == 1, r.output
    said = flat(r.output)
    assert "a.txt" in said and "FIFO" in said and "b.txt" in said and "c.txt" in said


def test_nothing_readable_exits_1_in_analyze(all_bad: Path, tmp_path: Path) -> None:
    r = cli("analyze", str(all_bad), "-o", str(tmp_path / "o"), "--stages", "documents", "-j", "1")
    assert r.exit_code == 1 and "no readable document (3 skipped)" in flat(r.output)


@pytest.mark.parametrize("command", [["count", "{}", "改革"], ["topics", "{}"], ["kwic", "{}", "改革"]])
def test_empty_selection_exits_1(folder: Path, command: list[str]) -> None:
    r = cli(*[a.format(folder) for a in command], "--since", "2090")
    assert r.exit_code == 1 and "no document matches" in flat(r.output)


def test_folder_given_to_a_one_file_command_is_named(folder: Path) -> None:
    r = cli("sentences", str(folder))
    assert r.exit_code == 2 and "is a folder" in flat(r.output)
