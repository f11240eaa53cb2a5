"""Render the self-contained HTML report: Jinja2 template, inlined Chart.js, page script, CSS, a CJK font subset
and the results (gzip + base64), so the file opens offline and makes no network request."""

from __future__ import annotations

import base64
import gzip
import json
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

from policytext.errors import PolicytextError
from policytext.report.data import load_results
from policytext.report.font import cjk_subset_woff, wide_characters
from policytext.report.payload import build_payload

PARTS = ("corpus", "terms", "entities", "topics", "targets")
LANGS = ("en", "zh", "ko")


def _asset(name: str) -> str:
    return files("policytext.report").joinpath("assets", name).read_text("utf-8")


def _script_safe(text: str) -> str:
    """Text that cannot close the <script> element it is inlined in."""
    return text.replace("</", "<\\/")


def render_html(payload: dict[str, Any], lang: str = "en", font: bool = True) -> str:
    """The report page for a payload from ``build_payload``; ``font=False`` declares system CJK fonts instead
    of inlining a subset."""
    import jinja2

    from policytext import __version__

    if lang not in LANGS:
        raise PolicytextError(f"--lang must be one of {', '.join(LANGS)}, not {lang!r}")
    i18n = json.loads(_asset("i18n.json"))
    data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    page_text = [json.dumps(i18n, ensure_ascii=False), json.dumps(payload, ensure_ascii=False)]
    woff = cjk_subset_woff(wide_characters(page_text)) if font else b""
    env = jinja2.Environment(autoescape=False, undefined=jinja2.StrictUndefined)
    template = env.from_string(_asset("report.html.j2"))
    build = {"version": __version__, "lang": lang, "when": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")}
    return template.render(
        title="policytext report",
        parts=PARTS,
        css=_asset("report.css"),
        js=_script_safe(_asset("report.js")),
        chartjs=_script_safe(_asset("chart.umd.min.js")),
        chartjs_license=_asset("chart.js.LICENSE.txt").replace("--", "- -"),
        i18n_json=_script_safe(json.dumps(i18n, ensure_ascii=False)),
        build_json=_script_safe(json.dumps(build)),
        payload_gz_b64=base64.b64encode(gzip.compress(data, compresslevel=9, mtime=0)).decode("ascii"),
        font_woff_b64=base64.b64encode(woff).decode("ascii"),
    )


def write_report(results_dir: str | Path, output: str | Path, lang: str = "en", font: bool = True) -> Path:
    """Read an ``analyze`` results folder and write its report page to ``output``."""
    html = render_html(build_payload(load_results(results_dir)), lang=lang, font=font)
    out = Path(output)
    if out.parent and not out.parent.exists():
        out.parent.mkdir(parents=True)
    out.write_text(html, "utf-8")
    return out
