"""Small files the tests generate for formats with no real sample in ../shared (PDF, HTML, HWPX)."""

from __future__ import annotations

import zipfile
from pathlib import Path


def make_pdf(path: Path, pages: list[str]) -> Path:
    """A minimal valid PDF with one line of Latin text per page (Helvetica), xref offsets computed."""
    objects: list[bytes] = []
    n_pages = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n_pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {n_pages} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for i, line in enumerate(pages):
        content = f"BT /F1 12 Tf 72 720 Td ({line}) Tj ET".encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
            f"/Contents {5 + 2 * i} 0 R >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for num, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{num} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path


def make_hwpx(path: Path, paragraphs: list[str]) -> Path:
    """A minimal HWPX (OWPML) package: mimetype, one section with the given paragraphs."""
    hp = "http://www.hancom.co.kr/hwpml/2011/paragraph"
    hs = "http://www.hancom.co.kr/hwpml/2011/section"
    body = "".join(f"<hp:p><hp:run><hp:t>{t}</hp:t></hp:run></hp:p>" for t in paragraphs)
    section = f'<?xml version="1.0" encoding="UTF-8"?><hs:sec xmlns:hs="{hs}" xmlns:hp="{hp}">{body}</hs:sec>'
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/hwp+zip")
        zf.writestr("Contents/section0.xml", section)
    return path


HTML_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>政府工作报告</title></head>
<body><nav><ul><li><a href="/">首页</a></li><li><a href="/news">新闻中心</a></li><li>网站地图</li></ul></nav>
<header><div class="menu">导航菜单 登录 注册</div></header>
<article><h1>2025年政府工作报告</h1>
<p>过去一年，我国经济运行总体平稳、稳中有进，国内生产总值增长百分之五，就业物价总体稳定。</p>
<p>今年发展主要预期目标是：国内生产总值增长5%左右，城镇新增就业1200万人以上。</p>
<p>持续推进“人工智能+”行动，将数字技术与制造优势、市场优势更好结合起来，支持大模型广泛应用。</p>
<p>大力发展新质生产力，培育具身智能、6G等未来产业，建立未来产业投入增长机制。</p>
</article>
<footer>版权所有 联系我们 网站地图 京ICP备000000号</footer></body></html>"""
