"""The ``policytext`` command: a thin layer over the Python API (typer for arguments, rich for tables)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(
    help="Auditable keyword, entity and topic analysis of Chinese and Korean policy documents.",
    no_args_is_help=True,
    add_completion=False,
)
corpus_app = typer.Typer(help="Load and describe corpora.", no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")

out = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, width=None if sys.stderr.isatty() else 160)

PathsArg = Annotated[list[Path] | None, typer.Argument(help="Folders or files; none = the bundled corpus.")]
LangOpt = Annotated[str | None, typer.Option("--lang", help="Force the language of every document (zh, ko).")]
MetaOpt = Annotated[list[str] | None, typer.Option("--meta", help="Set metadata on every document: key=value.")]
ManifestOpt = Annotated[Path | None, typer.Option("--manifest", help="A manifest CSV/TOML to use.")]


def _parse_meta(items: list[str] | None) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    for item in items or []:
        if "=" not in item:
            raise typer.BadParameter(f"--meta expects key=value, got {item!r}")
        k, v = item.split("=", 1)
        meta[k.strip()] = v.strip()
    return meta


def _fail(message: str) -> None:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(2)


def _load(paths: list[Path] | None, lang: str | None, meta: list[str] | None, manifest: Path | None) -> Any:
    from policytext import PolicytextError, load_corpus

    try:
        corpus = load_corpus(paths or None, lang=lang, meta=_parse_meta(meta), manifest=manifest)
    except PolicytextError as e:
        _fail(str(e))
    for s in corpus.skipped:
        err.print(f"[yellow]skipped[/] {s.path}: {s.reason}", highlight=False)
    return corpus


def _print_frame(df: Any, title: str | None = None) -> None:
    table = Table(title=title, show_lines=False)
    for col in df.columns:
        table.add_column(str(col), justify="right" if df[col].dtype.kind in "iuf" else "left")
    for row in df.itertuples(index=False):
        table.add_row(*["" if (v is None or v != v) else str(v) for v in row])
    out.print(table)


@app.callback(invoke_without_command=True)
def _root(version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False) -> None:
    if version:
        from policytext import __version__

        out.print(f"policytext {__version__}")
        raise typer.Exit()


@corpus_app.command("info")
def corpus_info(
    paths: PathsArg = None,
    lang: LangOpt = None,
    meta: MetaOpt = None,
    manifest: ManifestOpt = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write the table (.csv .parquet ...).")] = None,
) -> None:
    """Describe a corpus: one row per document with language, year, country, type, size and file."""
    corpus = _load(paths, lang, meta, manifest)
    df = corpus.info()
    if output:
        from policytext.export import write_table

        write_table(df, output, kind="corpus_info")
        err.print(f"wrote {output}")
    shown = df.copy()
    shown["file"] = [Path(f).name if isinstance(f, str) else f for f in shown["file"]]
    _print_frame(
        shown,
        title=f"{len(df)} documents, {int(df['chars'].sum()):,} characters"
        + (f", {len(corpus.skipped)} skipped" if corpus.skipped else ""),
    )
    if corpus.skipped:
        raise typer.Exit(1 if not len(df) else 0)


@app.command()
def tokenize(
    source: Annotated[str, typer.Argument(help="A document file, or - for standard input.")],
    lang: LangOpt = None,
    backend: Annotated[
        str | None,
        typer.Option("--backend", help="Korean backend: kiwi (default), okt, komoran, hannanum, kkma, mecab."),
    ] = None,
    hmm: Annotated[bool, typer.Option("--hmm/--no-hmm", help="jieba HMM for unknown words.")] = True,
    pos: Annotated[bool, typer.Option("--pos/--no-pos", help="Part-of-speech tags (jieba posseg).")] = True,
    t2s: Annotated[bool, typer.Option("--t2s", help="Segment the Traditional→Simplified view.")] = False,
    fmt: Annotated[str, typer.Option("--format", help="table, tsv or jsonl.")] = "tsv",
) -> None:
    """Print tokens with part of speech and character offsets into the original text."""
    from policytext import NormalizeOptions, PolicytextError
    from policytext.corpus import document_from_text, load_document

    try:
        if source == "-":
            doc = document_from_text(sys.stdin.read(), "<stdin>", lang=lang)
        else:
            doc = load_document(source, lang=lang)
        tokens = doc.tokens(ko_backend=backend, hmm=hmm, pos=pos, normalize_options=NormalizeOptions(t2s=t2s))
    except PolicytextError as e:
        _fail(str(e))
    cols = ["start", "end", "surface", "tag", "upos", "lemma", "lang", "morphs"]
    if fmt == "jsonl":
        for t in tokens:
            sys.stdout.write(json.dumps(t.as_dict(), ensure_ascii=False) + "\n")
    elif fmt == "table":
        table = Table(*cols)
        for t in tokens:
            d = t.as_dict()
            table.add_row(*[str(d[c]) for c in cols])
        out.print(table)
    elif fmt == "tsv":
        sys.stdout.write("\t".join(cols) + "\n")
        for t in tokens:
            d = t.as_dict()
            sys.stdout.write("\t".join(str(d[c]).replace("\n", "\\n").replace("\t", "\\t") for c in cols) + "\n")
    else:
        _fail(f"unknown --format {fmt!r}: use table, tsv or jsonl")


@app.command()
def sentences(
    source: Annotated[str, typer.Argument(help="A document file, or - for standard input.")],
    lang: LangOpt = None,
) -> None:
    """Print sentences with their character offsets (tab-separated)."""
    from policytext import PolicytextError
    from policytext.corpus import document_from_text, load_document

    try:
        doc = (
            document_from_text(sys.stdin.read(), "<stdin>", lang=lang)
            if source == "-"
            else load_document(source, lang=lang)
        )
    except PolicytextError as e:
        _fail(str(e))
    sys.stdout.write("sent_id\tstart\tend\ttext\n")
    for s in doc.sentences():
        sys.stdout.write(f"{s.sent_id}\t{s.start}\t{s.end}\t{s.text.replace(chr(10), ' ')}\n")


evaluate_app = typer.Typer(help="Measure accuracy against gold data not used for training.", no_args_is_help=True)
app.add_typer(evaluate_app, name="evaluate")


@evaluate_app.command("seg")
def evaluate_seg(
    gold_dir: Annotated[Path, typer.Option("--gold", help="Folder with the segmentation gold files.")] = Path(
        "../shared/eval/seg"
    ),
    korean: Annotated[str, typer.Option("--korean", help="Comma-separated Korean backends to score.")] = (
        "kiwi,okt,komoran,hannanum,kkma"
    ),
    limit: Annotated[int | None, typer.Option("--limit", help="Score only the first N sentences of each set.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write the scores table.")] = None,
) -> None:
    """Segmentation accuracy: jieba on SIGHAN PKU and UD Chinese; Korean backends on UD Korean KAIST."""
    import pandas as pd

    from policytext import PolicytextError
    from policytext.evaluation.segmentation import evaluate_all

    if not gold_dir.is_dir():
        _fail(f"{gold_dir}: gold folder not found (expected ../shared/eval/seg)")
    try:
        scores = evaluate_all(gold_dir, [b for b in korean.split(",") if b], limit)
    except PolicytextError as e:
        _fail(str(e))
    df = pd.DataFrame([s.row() for s in scores])
    if output:
        from policytext.export import write_table

        write_table(df, output, kind="segmentation_scores")
    _print_frame(df, title="Segmentation accuracy (word-span F1 for zh, morpheme-multiset F1 for ko)")


def main() -> None:
    """Console-script entry point."""
    app()
