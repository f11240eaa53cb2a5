"""Builders of hostile inputs for tests/test_hostile_input.py and tests/test_faults.py (generated in tmp_path)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from policytext.cli import app

runner = CliRunner()

HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"
HS = "http://www.hancom.co.kr/hwpml/2011/section"


def flat(text: str) -> str:
    """``text`` with runs of white space made one space (rich wraps long messages at the console width)."""
    return " ".join(text.split())


def cli(*args: str, env: dict[str, str] | None = None) -> Any:
    """Run the CLI in process; a traceback (an exception other than exit) fails the test right here."""
    # CliRunner restores the variables named in env after the call: `--max-chars` sets one, keep it from leaking
    kept = {"POLICYTEXT_MAX_CHARS": os.environ.get("POLICYTEXT_MAX_CHARS")}
    r = runner.invoke(app, list(args), env={**kept, **(env or {})})
    assert r.exception is None or isinstance(r.exception, SystemExit), (r.output, r.exception)
    assert "Traceback" not in r.output, r.output
    return r


def cli_process(*args: str, timeout: float = 120,
                env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """Run the CLI in a fresh process (for hangs, signals and memory); stderr never holds a traceback."""
    code = "from policytext.cli import main; main()"
    p = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=timeout,
                       env={**os.environ, **(env or {})})  # fmt: skip
    assert "Traceback" not in p.stderr, p.stderr
    return p


def peak_rss_mb(script: str, timeout: float = 120) -> tuple[float, str]:
    """Peak resident memory (MB) of a fresh Python process running ``script``, and its stdout.

    Measured with ``resource.getrusage(RUSAGE_CHILDREN)`` in a small intermediate process: Linux keeps
    ``ru_maxrss`` across exec, so a process forked straight from a large pytest would report pytest's size.
    """
    inner = [sys.executable, "-c", script]
    outer = ("import resource, subprocess, sys\n"
             f"p = subprocess.run({inner!r}, capture_output=True, text=True, timeout={timeout})\n"
             "sys.stdout.write(p.stdout); sys.stderr.write(p.stderr)\n"
             "print('PEAK', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
             "sys.exit(p.returncode)\n")  # fmt: skip
    p = subprocess.run([sys.executable, "-c", outer], capture_output=True, text=True, timeout=timeout + 10)
    assert p.returncode == 0, p.stderr
    peak = next(int(line.split()[1]) for line in p.stdout.splitlines() if line.startswith("PEAK"))
    scale = 1024 if sys.platform == "darwin" else 1  # ru_maxrss: bytes on macOS, KiB on Linux
    return peak / 1024 / scale, p.stdout


def hwpx_bytes(paragraphs: list[str], *, doctype: str = "", raw_body: str | None = None) -> bytes:
    """An HWPX package (one section) as bytes; ``doctype`` goes before the root, ``raw_body`` replaces the text."""
    body = raw_body if raw_body is not None else "".join(
        f"<hp:p><hp:run><hp:t>{t}</hp:t></hp:run></hp:p>" for t in paragraphs)  # fmt: skip
    section = f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<hs:sec xmlns:hs="{HS}" xmlns:hp="{HP}">{body}</hs:sec>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("mimetype", "application/hwp+zip")
        zf.writestr("Contents/section0.xml", section)
    return buf.getvalue()


def docx_bytes(paragraphs: list[str]) -> bytes:
    """A real .docx made by python-docx."""
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def with_member(archive: bytes, name: str, content: bytes | None = None, *, zeros: int = 0) -> bytes:
    """``archive`` with member ``name`` replaced by ``content`` or added as ``zeros`` zero bytes (streamed, so
    a bomb of hundreds of MB costs a few MB here)."""
    src = zipfile.ZipFile(io.BytesIO(archive))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info in src.infolist():
            if info.filename != name:
                out.writestr(info.filename, src.read(info))
        if content is not None:
            out.writestr(name, content)
        else:
            block = bytes(1 << 22)
            with out.open(name, "w", force_zip64=True) as f:
                left = zeros
                while left > 0:
                    f.write(block[: min(left, len(block))])
                    left -= len(block)
    return buf.getvalue()


def docx_xml(archive: bytes) -> bytes:
    """The main document part of a .docx."""
    return zipfile.ZipFile(io.BytesIO(archive)).read("word/document.xml")


def skipped_reasons(corpus: Any) -> dict[str, str]:
    """{file name: reason} of a Corpus's skipped entries."""
    return {Path(s.path).name: s.reason for s in corpus.skipped}


def flate_bomb_pdf(path: Path, megabytes: int) -> Path:
    """A one-page PDF whose content stream inflates to ``megabytes`` MB of zero bytes (a few hundred KB here)."""
    import zlib

    co = zlib.compressobj(9)
    z = b"".join(co.compress(bytes(1 << 20)) for _ in range(megabytes)) + co.flush()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(z) + z + b"\nendstream"]  # fmt: skip
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
    return path
