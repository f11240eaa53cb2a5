"""The ``policytext`` command: a thin layer over the Python API (typer for arguments, rich for tables)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from typer.core import TyperGroup

app = typer.Typer(
    help="Auditable keyword, entity and topic analysis of Chinese and Korean policy documents.",
    no_args_is_help=True,
    add_completion=False,
)
corpus_app = typer.Typer(help="Load and describe corpora.", no_args_is_help=True)
app.add_typer(corpus_app, name="corpus")

out = Console(width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True, width=None if sys.stderr.isatty() else 160)

PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Folders, files or tables; none = the bundled corpora ('bundled:gwr' or 'bundled:ko-budget' for one)."
    ),
]
LangOpt = Annotated[str | None, typer.Option("--lang", help="Force the language of every document (zh, ko).")]
MetaOpt = Annotated[list[str] | None, typer.Option("--meta", help="Set metadata on every document: key=value.")]
ManifestOpt = Annotated[Path | None, typer.Option("--manifest", help="A manifest CSV/TOML to use.")]

CorpusArg = Annotated[
    str,
    typer.Argument(
        help="A corpus folder or file; 'bundled' (both bundled corpora), 'bundled:gwr' or 'bundled:ko-budget'."
    ),
]
TermsArg = Annotated[list[str] | None, typer.Argument(help="Terms; 'a|b' counts either spelling as one term.")]
ByOpt = Annotated[list[str] | None, typer.Option("--by", help="Group by metadata field(s): year, decade, ...")]
RuleOpt = Annotated[str, typer.Option("--rule", help="surface, token or concept (see README: counting rules).")]
ConceptsOpt = Annotated[
    str | None, typer.Option("--concepts", help="Count concepts of a lexicon: a YAML path, or 'default'.")
]
OutOpt = Annotated[Path | None, typer.Option("-o", "--output", help="Write the long table: .csv .xlsx .parquet .jsonl")]
T2sOpt = Annotated[bool, typer.Option("--t2s", help="Match in the Traditional→Simplified view.")]
SectionOpt = Annotated[
    str | None,
    typer.Option(
        "--section",
        help="Count only inside sections whose heading matches: tasks, review, "
        "heading text, or re:REGEX (see data/sections.yaml).",
    ),
]
HanjaOpt = Annotated[
    bool,
    typer.Option("--hanja", help="Korean documents: match Hanja by Hangul reading (經濟 → 경제), 읍니다 → 습니다."),
]
LemmaOpt = Annotated[bool, typer.Option("--lemma", help="Token rule: match Korean tokens by lemma.")]
BackendOpt = Annotated[str | None, typer.Option("--backend", help="Korean backend for the token rule.")]


WhereOpt = Annotated[
    str | None,
    typer.Option(
        "--where",
        help="Keep documents matching a metadata query: \"kind == '신년사'\", \"president in ['노무현', '문재인']\".",
    ),
]
SinceOpt = Annotated[int | None, typer.Option("--since", help="Keep documents from this year on.")]
UntilOpt = Annotated[int | None, typer.Option("--until", help="Keep documents up to this year.")]
TextColOpt = Annotated[str | None, typer.Option("--text-col", help="Table corpora: the text column.")]
NamePatternOpt = Annotated[
    str | None,
    typer.Option(
        "--name-pattern",
        help="Metadata from file names: a regex with named groups, "
        "e.g. '(?P<year>\\d{4})年(?P<province>.+?)政府工作报告'.",
    ),
]




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


def _resolve(p: Path) -> Path:
    """A CORPUS argument: 'bundled' or 'bundled:NAME' is a bundled corpus, anything else a path."""
    from policytext.resources import bundled_corpora

    kind, _, name = str(p).partition(":")
    return Path(bundled_corpora(name or None)) if kind == "bundled" else Path(p)


def _load(paths: list[Path] | None, lang: str | None, meta: list[str] | None, manifest: Path | None,
          **table: Any) -> Any:  # fmt: skip
    from policytext import PolicytextError, load_corpus

    try:
        resolved = [_resolve(p) for p in paths or []]
        corpus = load_corpus(resolved or None, lang=lang, meta=_parse_meta(meta), manifest=manifest, **table)
    except PolicytextError as e:
        _fail(str(e))
    for s in corpus.skipped:
        err.print(f"[yellow]skipped[/] {s.path}: {s.reason}", highlight=False)
    return corpus


def _print_frame(df: Any, title: str | None = None) -> None:
    import pandas as pd

    table = Table(title=title, show_lines=False)
    for col in df.columns:
        table.add_column(str(col), justify="right" if df[col].dtype.kind in "iuf" else "left")
    for row in df.itertuples(index=False):
        table.add_row(*["" if v is None or (not isinstance(v, list | tuple) and pd.isna(v)) else str(v) for v in row])
    out.print(table)


@app.callback(invoke_without_command=True)
def _root(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
    max_chars: Annotated[int | None, typer.Option("--max-chars", min=1, help="Longest document to read, in "
                                                  "characters (default 20,000,000); longer ones are skipped.")] = None,
) -> None:
    if max_chars is not None:  # an environment variable, so that spawned analyze workers see it too
        import os

        from policytext.limits import ENV_MAX_CHARS

        os.environ[ENV_MAX_CHARS] = str(max_chars)
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
    text_col: TextColOpt = None,
    id_col: Annotated[str | None, typer.Option("--id-col", help="Table corpora: the id column.")] = None,
    year_col: Annotated[str | None, typer.Option("--year-col", help="Table corpora: the year column.")] = None,
    name_pattern: NamePatternOpt = None,
    where: WhereOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    tokens: Annotated[bool, typer.Option("--tokens", help="Also count tokens and paragraphs (tokenizes).")] = False,
    backend: BackendOpt = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write the table (.csv .parquet ...).")] = None,
) -> None:
    """Describe a corpus: one row per document with language, year, country, type, size and file.

    Folders and files (txt md html pdf docx hwpx), or tables with one document per row (parquet csv tsv jsonl xlsx).
    """
    from policytext import PolicytextError
    from policytext.corpus import INFO_COLUMNS

    corpus = _load(paths, lang, meta, manifest, text_col=text_col, id_col=id_col, year_col=year_col,
                   name_pattern=name_pattern)  # fmt: skip
    try:
        corpus = corpus.filter(where, since, until)
    except PolicytextError as e:
        _fail(str(e))
    config = _stage("documents", tokens=tokens, ko_backend=backend)
    df = _run(config, list(corpus))
    _write(df, output, "documents", config)
    shown = df[[c for c in df.columns if c in INFO_COLUMNS or c in ("n_tokens", "n_paragraphs")]].copy()
    shown["file"] = [Path(f).name if isinstance(f, str) else f for f in shown["file"]]
    _print_frame(
        shown,
        title=f"{len(df)} documents, {int(df['chars'].sum()):,} characters"
        + (f", {len(corpus.skipped)} skipped" if corpus.skipped else ""),
    )
    if corpus.skipped:
        raise typer.Exit(1 if not len(df) else 0)


@corpus_app.command("dupes")
def corpus_dupes(
    paths: PathsArg = None,
    threshold: Annotated[float, typer.Option("--threshold", help="Least Jaccard similarity of 5-char shingles.")] = 0.8,
    text_col: TextColOpt = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write the pairs table.")] = None,
    where: WhereOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
) -> None:
    """List near-duplicate documents (pairs with their similarity, grouped)."""
    from policytext import PolicytextError
    from policytext.dedupe import near_duplicates

    corpus = _load(paths, None, None, None, text_col=text_col)
    try:
        corpus = corpus.filter(where, since, until)
    except PolicytextError as e:
        _fail(str(e))
    df = near_duplicates(list(corpus), threshold=threshold)
    _write(df, output, "near_duplicates")
    _print_frame(df, title=f"{len(df)} near-duplicate pairs in {df['group'].nunique() if len(df) else 0} groups "
                           f"among {len(corpus)} documents (Jaccard ≥ {threshold})")  # fmt: skip


ZhEngineOpt = Annotated[
    str | None,
    typer.Option("--zh-engine", help="Chinese engine: rjieba (jieba-rs, default) or jieba (Python, the reference)."),
]


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
    zh_engine: ZhEngineOpt = None,
) -> None:
    """Print tokens with part of speech and character offsets into the original text."""
    from policytext import NormalizeOptions, PolicytextError
    from policytext.corpus import document_from_text, load_document

    try:
        if source == "-":
            doc = document_from_text(sys.stdin.read(), "<stdin>", lang=lang)
        else:
            doc = load_document(source, lang=lang)
        tokens = doc.tokens(
            ko_backend=backend, hmm=hmm, pos=pos, normalize_options=NormalizeOptions(t2s=t2s), zh_engine=zh_engine
        )
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


def _corpus_arg(corpus: str, where: str | None = None, since: int | None = None, until: int | None = None,
                text_col: str | None = None, name_pattern: str | None = None) -> Any:  # fmt: skip
    """Load the CORPUS argument (a path, 'bundled' or 'bundled:NAME') and apply the filters."""
    from policytext import PolicytextError

    loaded = _load([Path(corpus)], None, None, None, text_col=text_col, name_pattern=name_pattern)
    if not len(loaded) and loaded.skipped:  # every input skipped: exit 1, as `corpus info` does
        err.print(f"[bold red]error:[/] no readable document in {corpus} ({len(loaded.skipped)} skipped)",
                  highlight=False)  # fmt: skip
        raise typer.Exit(1)
    try:
        filtered = loaded.filter(where, since, until)
    except PolicytextError as e:
        _fail(str(e))
    if where or since is not None or until is not None:
        err.print(f"{len(filtered)} of {len(loaded)} documents selected", highlight=False)
        if not len(filtered):  # nothing to analyse: exit 1, as when every input is skipped
            err.print("[bold red]error:[/] no document matches --where/--since/--until", highlight=False)
            raise typer.Exit(1)
    return filtered


def _stage(name: str, **options: Any) -> Any:
    """A stage config from command options; a bad option value ends the command with its message."""
    from policytext import PolicytextError
    from policytext.stages import make

    try:
        return make(name, **options)
    except PolicytextError as e:
        _fail(str(e))


def _run(config: Any, docs: list[Any]) -> Any:
    """Run a stage config on documents; an analysis error ends the command with its message."""
    from policytext import PolicytextError

    try:
        return config.run(docs)
    except PolicytextError as e:
        _fail(str(e))


def _by(by: list[str] | None, default: tuple[str, ...] = ("year",)) -> tuple[str, ...]:
    from policytext.grouping import parse_by

    return parse_by(by, default=default)


def _check_by(fields: tuple[str, ...], docs: list[Any]) -> None:
    """A grouping field no document has is an error listing the valid ones (exit 2), not one "unknown" group."""
    from policytext import PolicytextError
    from policytext.corpus import CORE_FIELDS
    from policytext.grouping import check_fields

    try:
        check_fields(fields, (d.meta for d in docs), CORE_FIELDS)
    except PolicytextError as e:
        _fail(str(e))


def _write(df: Any, output: Path | None, kind: str, config: Any = None) -> None:
    """Write a table by its suffix; with the stage config, the sidecar carries its full fingerprint record."""
    if output:
        from policytext.export import write_table
        from policytext.stages import fingerprint

        extra = {"fingerprint": fingerprint(config).record} if config is not None else None
        try:
            write_table(df, output, kind=kind, extra=extra)
        except OSError as e:
            _fail(f"{output}: cannot write ({e.strerror or e}); choose another -o")
        err.print(f"wrote {len(df)} rows to {output}")


def _matching(terms: list[str] | None, concepts: str | None, rule: str, t2s: bool, hanja: bool, lemma: bool,
              backend: str | None, section: str | None) -> dict[str, Any]:  # fmt: skip
    """The options of the stages that find mentions (hits, kwic, counts), as given on the command line."""
    return {"terms": tuple(terms or ()), "concepts": concepts, "rule": rule, "t2s": t2s, "hanja": hanja,
            "lemma": lemma, "ko_backend": backend, "section": section}  # fmt: skip


@app.command()
def count(
    corpus: CorpusArg,
    where: WhereOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    text_col: TextColOpt = None,
    name_pattern: NamePatternOpt = None,
    terms: TermsArg = None,
    by: ByOpt = None,
    rule: RuleOpt = "surface",
    concepts: ConceptsOpt = None,
    t2s: T2sOpt = False,
    hanja: HanjaOpt = False,
    section: SectionOpt = None,
    lemma: LemmaOpt = False,
    backend: BackendOpt = None,
    output: OutOpt = None,
    hits_out: Annotated[Path | None, typer.Option("--hits", help="Also write every counted hit.")] = None,
    plot: Annotated[Path | None, typer.Option("--plot", help="Draw counts or rates over groups to a PNG.")] = None,
    value: Annotated[str, typer.Option("--value", help="What --plot draws: count or rate_per_10k.")] = "count",
) -> None:
    """Count terms or concepts per group: counts, rates per 10,000 characters, document frequency."""
    from policytext.grouping import labels

    opts = _matching(terms, concepts, rule, t2s, hanja, lemma, backend, section)
    config = _stage("counts", **opts, by=_by(by))
    docs = list(_corpus_arg(corpus, where, since, until, text_col, name_pattern))
    _check_by(config.by, docs)
    df = _run(config, docs)
    _write(df, output, "counts", config)
    if hits_out:
        hits_config = _stage("hits", **opts)
        _write(_run(hits_config, docs), hits_out, "hits", hits_config)
    lex = config.concepts is not None
    shown = df if not lex else df[df["term_or_concept"].isin(df.loc[df["count"] > 0, "term_or_concept"])]
    shown = shown.assign(group=labels(shown, "term_or_concept"))
    pivot = shown.pivot_table(index="group", columns="term_or_concept", values="count", sort=False, aggfunc="sum")
    pivot.insert(0, "n_chars", shown.groupby("group", sort=False)["n_chars"].first())
    _print_frame(pivot.reset_index(), title=f"counts, rule={config.rule} ({int(df['count'].sum())} hits; rates and "
                                            "doc_freq in -o)")  # fmt: skip
    if plot:
        from policytext.report.plots import trend_plot

        trend_plot(shown, plot, value=value)
        err.print(f"wrote {plot}")


@app.command()
def kwic(
    corpus: CorpusArg,
    where: WhereOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    text_col: TextColOpt = None,
    name_pattern: NamePatternOpt = None,
    terms: TermsArg = None,
    window: Annotated[int, typer.Option("--window", min=0, help="Characters of context either side.")] = 30,
    rule: RuleOpt = "surface",
    concepts: ConceptsOpt = None,
    t2s: T2sOpt = False,
    hanja: HanjaOpt = False,
    section: SectionOpt = None,
    lemma: LemmaOpt = False,
    backend: BackendOpt = None,
    output: OutOpt = None,
) -> None:
    """Every hit in context: document, year, offsets, left context, hit, right context (same rows as count)."""
    config = _stage("kwic", **_matching(terms, concepts, rule, t2s, hanja, lemma, backend, section), window=window)
    docs = list(_corpus_arg(corpus, where, since, until, text_col, name_pattern))
    df = _run(config, docs)
    _write(df, output, "kwic", config)
    shown = df.copy()
    for col in ("left", "hit", "right"):
        shown[col] = shown[col].str.replace("\r", "").str.replace("\n", "⏎")
    _print_frame(shown[["doc_id", "year", "start", "left", "hit", "right", "term_or_concept"]],
                 title=f"{len(df)} hits, rule={config.rule}")  # fmt: skip


@app.command()
def compare(
    corpus: CorpusArg,
    where: WhereOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    text_col: TextColOpt = None,
    name_pattern: NamePatternOpt = None,
    terms: TermsArg = None,
    by: ByOpt = None,
    ref: Annotated[str | None, typer.Option("--ref", help="Reference group (default: the one before target).")] = None,
    target: Annotated[str | None, typer.Option("--target", help="Target group (default: the last).")] = None,
    rule: RuleOpt = "surface",
    concepts: ConceptsOpt = None,
    t2s: T2sOpt = False,
    hanja: HanjaOpt = False,
    section: SectionOpt = None,
    top: Annotated[int, typer.Option("--top", help="Rows to print.")] = 30,
    output: OutOpt = None,
) -> None:
    """Compare groups: counts and rates, change, first appearance, keyness (G2, p, log ratio) of target vs ref."""
    from policytext import PolicytextError
    from policytext.keywords.compare import compare as compare_fn

    concepts = concepts if concepts or terms else "default"
    config = _stage("counts", **_matching(terms, concepts, rule, t2s, hanja, False, None, section), by=_by(by))
    docs = list(_corpus_arg(corpus, where, since, until, text_col, name_pattern))
    _check_by(config.by, docs)
    try:
        df = compare_fn(_run(config, docs), ref, target)
    except PolicytextError as e:
        _fail(str(e))
    _write(df, output, "compare", config)
    shown = df.head(top).copy()
    shown["p_value"] = shown["p_value"].map(lambda p: f"{p:.3g}")
    shown["rel_change"] = shown["rel_change"].map(lambda x: f"{x:+.0%}" if x == x and abs(x) != float("inf") else "new")
    _print_frame(
        shown.drop(columns=["ref", "target"]),
        title=f"{df['target'].iloc[0] if len(df) else target} vs {df['ref'].iloc[0] if len(df) else ref}",
    )


@app.command()
def reproduce(
    claims: Annotated[str | None, typer.Argument(help="A bundled claim set (kiet-2025, published), 'all' (default: "
                                                 "every bundled set) or a claim YAML file.")] = None,
    corpus: Annotated[list[str] | None, typer.Option("--corpus", help="NAME=PATH: read corpus NAME (gwr, speeches, "
                                                     "budget, ...) from PATH instead.")] = None,
    readings: Annotated[bool, typer.Option("--readings", help="Also print each reading's value and evidence.")] = False,
    hits: Annotated[bool, typer.Option("--hits", help="Also print every counted hit with its sentence.")] = False,
    output: OutOpt = None,
) -> None:
    """Check published claims against the texts under every stated reading: one verdict per claim, with evidence.

    -o FILE writes the verdict table; FILE-readings and FILE-hits (same suffix) the readings and every hit.
    """
    from policytext import PolicytextError
    from policytext.claims.engine import reproduce as reproduce_fn
    from policytext.claims.rules import tolerance_lines
    from policytext.claims.verdict import short as verdict_category

    overrides = {}
    for item in corpus or []:
        name, sep, path = item.partition("=")
        if not sep or not name or not path:
            _fail(f"--corpus {item!r}: expected NAME=PATH")
        overrides[name] = list(_corpus_arg(path))
    try:
        report = reproduce_fn(claims, corpora=overrides)
    except PolicytextError as e:
        _fail(str(e))
    out.print("[bold]rules[/] (data/claims_rules.yaml):", highlight=False)
    for line in tolerance_lines():
        out.print(f"  {line}", highlight=False, markup=False)
    _print_frame(report.table.drop(columns=["file", "lang", "corpus"]),
                 title="claims checked against the texts (ours: the value under each reading; --readings for all)")
    tally = report.table["verdict"].map(verdict_category)
    out.print("  ".join(f"{k}: {n}" for k, n in tally.value_counts().items()), highlight=False)
    if readings:
        _print_frame(report.readings.drop(columns=["file", "terms"]), title="every reading")
    if hits:
        _print_frame(report.hits.drop(columns=["file"]), title="every counted hit")
    if output:
        _write(report.table, output, "reproduce")
        _write(report.readings, output.with_name(f"{output.stem}-readings{output.suffix}"), "reproduce_readings")
        _write(report.hits, output.with_name(f"{output.stem}-hits{output.suffix}"), "reproduce_hits")


@app.command()
def keywords(
    corpus: CorpusArg,
    where: WhereOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    text_col: TextColOpt = None,
    name_pattern: NamePatternOpt = None,
    by: Annotated[
        list[str] | None, typer.Option("--by", help="Group: id (each document, default), year, decade, ...")
    ] = None,
    top: Annotated[int, typer.Option("--top", help="Keywords per group and method.")] = 20,
    method: Annotated[list[str] | None, typer.Option("--method", help="freq, tfidf, textrank (default: all).")] = None,
    output: OutOpt = None,
) -> None:
    """Top keywords of each document or group: raw frequency, TF-IDF across groups, TextRank."""
    from policytext.grouping import labels

    methods = tuple(method or ("freq", "tfidf", "textrank"))
    config = _stage("keywords", by=_by(by, ("doc_id",)), top=top, methods=methods)
    docs = list(_corpus_arg(corpus, where, since, until, text_col, name_pattern))
    _check_by(config.by, docs)
    df = _run(config, docs)
    _write(df, output, "keywords", config)
    shown = df.assign(group=labels(df, "method"))
    wide = shown.pivot_table(index=["group", "rank"], columns="method", values="term", aggfunc="first", sort=False)
    _print_frame(wide.reset_index(), title=f"top {top} keywords per {', '.join(by or ['document'])}")


@app.command()
def collocations(
    corpus: CorpusArg,
    term: Annotated[str, typer.Argument(help="The node term (matched as whole tokens).")],
    where: WhereOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    text_col: TextColOpt = None,
    name_pattern: NamePatternOpt = None,
    window: Annotated[int, typer.Option("--window", min=1, help="Content words either side.")] = 5,
    by: Annotated[list[str] | None, typer.Option("--by", help="Group by metadata field(s).")] = None,
    min_freq: Annotated[int, typer.Option("--min-freq", help="Least co-occurrences to list.")] = 2,
    top: Annotated[int, typer.Option("--top", help="Collocates per group.")] = 20,
    output: OutOpt = None,
) -> None:
    """Words that co-occur with a term: frequency, PMI and log-likelihood, per group."""
    config = _stage("collocations", term=term, window=window, by=_by(by, ()), min_freq=min_freq, top=top)
    docs = list(_corpus_arg(corpus, where, since, until, text_col, name_pattern))
    _check_by(config.by, docs)
    df = _run(config, docs)
    _write(df, output, "collocations", config)
    _print_frame(df.drop(columns=["window", "node", "settings"]),
                 title=f"collocates of {term} (±{window} content words)")  # fmt: skip


evaluate_app = typer.Typer(help="Measure accuracy against gold data not used for training.", no_args_is_help=True)
app.add_typer(evaluate_app, name="evaluate")


@evaluate_app.command("ner")
def evaluate_ner_cmd(
    gold_dir: Annotated[Path, typer.Option("--gold", help="Folder with the NER gold.")] = Path("../shared/eval/ner"),
    lang: Annotated[list[str] | None, typer.Option("--lang", help="zh and/or ko (default both).")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="Score only the first N sentences of each set.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write the scores table.")] = None,
) -> None:
    """NER P/R/F1 per label and test set, bootstrap 95% F1 intervals and chars/s: pipeline, model, rules-only
    (the no-training baseline) and a POS-tagger baseline."""
    import pandas as pd

    from policytext.evaluation.ner import evaluate_ner

    if not gold_dir.is_dir():
        _fail(f"{gold_dir}: gold folder not found (expected ../shared/eval/ner)")
    df = pd.DataFrame(list(evaluate_ner(gold_dir, tuple(lang or ("zh", "ko")), limit, Path("annotations/entities"))))
    _write(df, output, "ner_scores")
    overall = df[df["label"].isin(["ALL", "untyped"])]
    _print_frame(overall, title="NER on held-out test sets (exact spans; per-label rows in -o)")


@evaluate_app.command("targets")
def evaluate_targets_cmd(
    dev: Annotated[list[Path] | None, typer.Argument(help="Development gold CSVs (default: annotations/targets/).")]
    = None,
    held_out: Annotated[list[Path] | None, typer.Option("--gold", help="Held-out gold CSV, scored apart (repeatable).")]
    = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write the scores per slice and document.")]
    = None,
    errors: Annotated[Path | None, typer.Option("--errors", help="Write the misses and false positives (CSV).")] = None,
    corpus: Annotated[str, typer.Option("--corpus", help="Corpus holding the gold documents.")] = "bundled",
) -> None:
    """Strict and lenient precision/recall of `policytext targets` on hand-built gold, per slice and document."""
    import pandas as pd

    from policytext import PolicytextError
    from policytext.evaluation.targets import evaluate_gold_set

    sets = {"dev": dev or sorted(Path("annotations/targets").glob("gold-*.csv"))}
    sets.update({f"held-out {p.name}": [p] for p in held_out or []})
    if not sets["dev"]:
        _fail("no gold files given and none in annotations/targets/")
    docs = _corpus_arg(corpus)
    try:
        results = [evaluate_gold_set(name, files, docs) for name, files in sets.items()]
    except PolicytextError as e:
        _fail(str(e))
    scores = pd.concat([r.scores for r in results], ignore_index=True)
    per_doc = pd.concat([r.documents for r in results], ignore_index=True)
    _write(pd.concat([scores, per_doc.rename(columns={"doc_id": "slice"})], ignore_index=True), output,
           "target_scores")  # fmt: skip
    if errors:
        _write(pd.concat([r.errors for r in results], ignore_index=True), errors, "target_errors")
    cols = ["set", "gold", "predicted", "precision", "recall", "f1", "lenient_precision", "lenient_recall",
            "lenient_f1"]  # fmt: skip
    short = {"lenient_precision": "len P", "lenient_recall": "len R", "lenient_f1": "len F1"}
    _print_frame(per_doc[["doc_id", *cols]].rename(columns=short), title="per document")
    _print_frame(scores[["slice", *cols]].rename(columns=short),
                 title="targets vs gold (strict: document, indicator, kind, period, value, modifier; "
                       "lenient: without kind and period)")  # fmt: skip


@evaluate_app.command("seg")
def evaluate_seg(
    gold_dir: Annotated[Path, typer.Option("--gold", help="Folder with the segmentation gold files.")] = Path(
        "../shared/eval/seg"
    ),
    korean: Annotated[str, typer.Option("--korean", help="Comma-separated Korean backends to score.")] = (
        "kiwi,mecab,okt,komoran,hannanum,kkma"
    ),
    limit: Annotated[int | None, typer.Option("--limit", help="Score only the first N sentences of each set.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write the scores table.")] = None,
    zh_engine: Annotated[
        str, typer.Option("--zh-engine", help="Comma-separated Chinese engines to score (rjieba, jieba).")
    ] = "rjieba,jieba",
) -> None:
    """Segmentation accuracy: jieba on SIGHAN PKU and UD Chinese; Korean backends on UD Korean KAIST."""
    import pandas as pd

    from policytext import PolicytextError
    from policytext.evaluation.segmentation import evaluate_all

    if not gold_dir.is_dir():
        _fail(f"{gold_dir}: gold folder not found (expected ../shared/eval/seg)")
    try:
        scores = evaluate_all(
            gold_dir, [b for b in korean.split(",") if b], limit, zh_engines=[e for e in zh_engine.split(",") if e]
        )
    except PolicytextError as e:
        _fail(str(e))
    df = pd.DataFrame([s.row() for s in scores])
    if output:
        from policytext.export import write_table

        write_table(df, output, kind="segmentation_scores")
    _print_frame(df, title="Segmentation accuracy (word-span F1 for zh, morpheme-multiset F1 for ko)")


def _default_group(default: str) -> type[TyperGroup]:
    """A command group whose first argument, when it names no sub-command, goes to ``default``: so
    ``policytext topics CORPUS`` still runs ``topics assign CORPUS`` beside ``topics train`` and the others."""

    class DefaultGroup(TyperGroup):
        def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # typer's own click Context
            if not args or (args[0] not in self.commands and args[0] not in ("-h", "--help")):
                args = [default, *args]
            return super().parse_args(ctx, args)

    return DefaultGroup


targets_app = typer.Typer(cls=_default_group("extract"), no_args_is_help=False,
                          context_settings={"help_option_names": ["-h", "--help"]},
                          help="Stated targets and outcomes: extract (default), verify claims.")  # fmt: skip
app.add_typer(targets_app, name="targets")


@targets_app.command("extract")
def targets_extract(
    corpus: Annotated[str | None, typer.Argument(help="A corpus (as for count).", show_default=False)] = None,
    where: WhereOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    indicator: Annotated[str | None, typer.Option("--indicator", help="One indicator id (see --list).")] = None,
    table: Annotated[bool, typer.Option("--table", help="Year-by-year target vs outcome for --indicator.")] = False,
    plot: Annotated[Path | None, typer.Option("--plot", help="Draw target vs outcome (needs --table).")] = None,
    indicators: Annotated[Path | None, typer.Option("--indicators", help="Your own indicator lexicon.")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the indicators and exit.")] = False,
    output: OutOpt = None,
) -> None:
    """Targets and outcomes a report states (one row per figure), or a target-vs-outcome table per year.

    policytext targets CORPUS [-o targets.csv]; policytext targets CORPUS --indicator gdp_growth --table
    [--plot t.png]; policytext targets --list.
    """
    from policytext import PolicytextError
    from policytext.targets import indicator_table, load_indicators, target_table
    from policytext.targets.extract import RULE

    try:
        inds = load_indicators(indicators)
    except PolicytextError as e:
        _fail(str(e))
    if list_:
        _print_frame(indicator_table(inds))
        return
    if corpus is None:
        _fail("give a CORPUS (or --list)")
        return
    if table and indicator is None:
        _fail("--table needs --indicator (e.g. --indicator gdp_growth)")
    config = _stage("targets", indicators=str(indicators) if indicators else None, indicator=indicator)
    docs = list(_corpus_arg(corpus, where, since, until))
    figures = _run(config, docs)
    if table and indicator is not None:
        try:
            tab = target_table(figures, indicator, _years(docs), inds[indicator].better)
        except PolicytextError as e:
            _fail(str(e))
        _write(tab, output, "target_table", config)
        shown = tab[["year", "target", "target_modifier", "target_high", "target_status", "outcome",
                     "outcome_status", "gap", "met", "target_doc"]]  # fmt: skip
        _print_frame(shown, title=f"{indicator}: target (report of the year) vs outcome (report of the next)")
        if plot:
            from policytext.report.plots import target_plot

            target_plot(tab, plot)
            err.print(f"wrote {plot}")
        return
    _write(figures, output, "targets", config)
    cols = ["doc_id", "year", "indicator", "surface", "value", "unit", "modifier", "kind", "period", "start", "end"]
    _print_frame(figures[cols], title=f"{len(figures)} figures (rule {RULE}; sentences in -o)")


@targets_app.command("verify")
def targets_verify(
    claims: Annotated[Path, typer.Argument(help="CSV with columns indicator, year, kind, value, modifier.")],
    corpus: Annotated[str, typer.Argument(help="A corpus (as for count).")],
    where: WhereOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    indicators: Annotated[Path | None, typer.Option("--indicators", help="Your own indicator lexicon.")] = None,
    output: OutOpt = None,
) -> None:
    """Check claimed targets and outcomes against the texts: agrees / value differs / not found / no report."""
    from policytext import PolicytextError
    from policytext.targets import read_claims, verify_claims

    try:
        table = read_claims(claims)
    except PolicytextError as e:
        _fail(str(e))
    config = _stage("targets", indicators=str(indicators) if indicators else None)
    docs = list(_corpus_arg(corpus, where, since, until))
    try:
        res = verify_claims(table, _run(config, docs), _years(docs))
    except PolicytextError as e:
        _fail(str(e))
    _write(res, output, "target_verification", config)
    _print_frame(res.drop(columns=["sentence", "start", "end"]), title=f"claims checked against {corpus}")


def _years(docs: list[Any]) -> list[int]:
    return sorted({d.year for d in docs if d.year is not None})


@app.command()
def analyze(
    paths: PathsArg = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder for the tables and run.json.")] = Path(
        "results"
    ),
    jobs: Annotated[int, typer.Option("-j", "--jobs", help="Worker processes (default: all cores).")] = 0,
    engine: Annotated[str, typer.Option("--engine", help="local (process pool) or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address.")] = None,
    stages: Annotated[str, typer.Option("--stages", help="Comma-separated stages to run (documents, hits, kwic, "
                                        "counts, keywords, collocations, entities, topics, targets).")] = (
        "documents,counts,keywords,entities,topics"
    ),
    terms: Annotated[list[str] | None, typer.Option("--term", help="A term to find (repeat); default: the "
                                                    "concepts of --concepts.")] = None,
    concepts: ConceptsOpt = None,
    rule: RuleOpt = "surface",
    t2s: T2sOpt = False,
    hanja: HanjaOpt = False,
    section: SectionOpt = None,
    lemma: LemmaOpt = False,
    backend: BackendOpt = None,
    window: Annotated[int, typer.Option("--window", help="kwic: characters of context either side.")] = 30,
    label: Annotated[list[str] | None, typer.Option("--label", help="entities: keep only these labels.")] = None,
    unit: Annotated[str, typer.Option("--unit", help="Topic unit: sentence, paragraph or section.")] = "sentence",
    top: Annotated[int, typer.Option("--top", help="keywords: keywords per document.")] = 20,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Recompute everything; write no cache.")] = False,
    rules_only: Annotated[bool, typer.Option("--rules-only", help="Entities without the trained NER.")] = False,
    where: WhereOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    dedupe: Annotated[
        bool, typer.Option("--dedupe", help="Keep the first of each group of near-duplicates (Jaccard ≥ 0.8).")
    ] = False,
    report_path: Annotated[
        Path | None, typer.Option("--report", help="Also write the HTML report of the results to this file.")
    ] = None,
) -> None:
    """Every analysis over a whole corpus: parallel, cached, resumable; tables (Parquet + CSV) and run.json.

    Each table equals what the matching command writes with -o for the same documents and options, with counts
    and keywords per document (`count --by doc_id`, `keywords --method freq`) and documents with token counts.
    """
    import os

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from policytext import PolicytextError
    from policytext.batch import Settings
    from policytext.batch import analyze as run_analyze
    from policytext.selection import Selection

    stage_list = tuple(s.strip() for s in stages.split(",") if s.strip())
    options = _matching(terms, concepts, rule, t2s, hanja, lemma, backend, section) | {
        "window": window, "labels": tuple(label or ()), "unit": unit, "top": top, "model": not rules_only}  # fmt: skip
    try:
        settings = Settings.of(stage_list, dedupe=dedupe, **options)
        selection = Selection(where, since, until)
    except PolicytextError as e:
        _fail(str(e))
        return
    flat = [_resolve(p) for p in paths or []]
    columns = (TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[cached]} cached"), TimeRemainingColumn())  # fmt: skip
    with Progress(*columns, console=err, transient=False) as bar:
        tasks = {s: bar.add_task(s, total=None, cached=0) for s in stage_list}

        def tick(res: Any, names: tuple[str, ...]) -> None:
            for s in names:
                hit = s in getattr(res, "cached", [])
                bar.update(tasks[s], advance=1, cached=bar.tasks[tasks[s]].fields["cached"] + int(hit))

        try:
            record = run_analyze(flat or None, output, settings=settings, jobs=jobs or os.cpu_count() or 1,
                                 engine=engine, scheduler=scheduler, cache=not no_cache, progress=tick,
                                 selection=selection)  # fmt: skip
        except PolicytextError as e:
            _fail(str(e))
            return
        except OSError as e:  # the output folder: read-only, full, gone
            _fail(f"{e.filename or output}: {e.strerror or e}; choose another -o folder")
            return
        except KeyboardInterrupt:
            err.print("interrupted: the documents finished so far are in the cache; run the same command to resume")
            raise typer.Exit(130) from None
    for s in record["skipped"]:
        err.print(f"[yellow]skipped[/] {s['path']}: {s['reason']}", highlight=False)
    for w in record.get("cache_warnings", []):
        err.print(f"[yellow]warning[/] {w}", highlight=False)
    for s in record.get("stage_skipped", []):
        err.print(f"[yellow]{s['stage']} skipped[/] {s['reason']}", highlight=False)
    if not record["timings"]["documents"] and record["skipped"]:  # every input skipped: exit 1, as `corpus info`
        err.print(f"[bold red]error:[/] no readable document ({len(record['skipped'])} skipped)", highlight=False)
        raise typer.Exit(1)
    for d in record["dropped_duplicates"]:
        err.print(f"[yellow]dropped[/] {d['doc_id']}: near-duplicate ({d['similarity']}) of {d['kept']}")
    if record["excluded_by_filter"]["count"]:
        err.print(f"{record['excluded_by_filter']['count']} documents left out by the filters (run.json lists them)")
    t = record["timings"]
    err.print(f"{t['documents']} documents ({t['computed']} computed, the rest from the cache) "
              f"in {t['wall_seconds']} s; tables and run.json in {output}")  # fmt: skip
    if report_path is not None:  # the HTML report of this run (policytext report)
        report(output, report_path)


@app.command()
def report(
    results: Annotated[Path, typer.Argument(help="The -o folder of `policytext analyze`.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")] = Path("report.html"),
    lang: Annotated[str, typer.Option("--lang", help="Page language at opening: en, zh or ko.")] = "en",
    system_font: Annotated[
        bool, typer.Option("--system-font", help="Declare system CJK fonts instead of inlining a font subset.")
    ] = False,
) -> None:
    """One self-contained HTML page (opens offline) of an analyze run: corpus, terms, entities, topics, targets."""
    import time

    from policytext import PolicytextError
    from policytext.report.html import write_report

    started = time.perf_counter()
    err.print(f"building the report of {results} …")
    try:
        path = write_report(results, output, lang=lang, font=not system_font)
    except PolicytextError as e:
        _fail(str(e))
        return
    size = path.stat().st_size / 1e6
    err.print(f"report ({size:.1f} MB, {time.perf_counter() - started:.1f} s): {path.resolve()}")
    print(path.resolve())


ENTITY_GROUPS = ("year", "doc_id", "lang")


@app.command()
def entities(
    corpus: CorpusArg,
    where: WhereOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    text_col: TextColOpt = None,
    summary_: Annotated[bool, typer.Option("--summary", help="Print an entity x group frequency table.")] = False,
    by: Annotated[str, typer.Option("--by", help="Group for --summary: year, doc_id or lang.")] = "year",
    label: Annotated[list[str] | None, typer.Option("--label", help="Keep only these labels (PERSON, ORG…).")] = None,
    rules_only: Annotated[bool, typer.Option("--rules-only", help="Gazetteers and rules, no trained model.")] = False,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help=".jsonl, .csv, .parquet, .xlsx, .conll or .spacy (DocBin).")
    ] = None,
) -> None:
    """Entity mentions (PERSON, ORG, GPE, LOC, POLICY, MONEY, PERCENT, DATE, QUANTITY) with offsets and ids."""
    from policytext import PolicytextError
    from policytext.entities import summary
    from policytext.entities.export import write_mentions
    from policytext.stages import fingerprint

    config = _stage("entities", model=not rules_only, labels=tuple(label or ()))
    docs = list(_corpus_arg(corpus, where, since, until, text_col))
    if summary_ and by not in ENTITY_GROUPS:
        _fail(f"entities --summary --by {by!r}: use one of {', '.join(ENTITY_GROUPS)}")
    df = _run(config, docs)
    if output:
        try:
            write_mentions(df, {d.id: d for d in docs}, output, extra={"fingerprint": fingerprint(config).record})
        except (OSError, PolicytextError) as e:
            _fail(f"{output}: cannot write ({e})")
        err.print(f"wrote {len(df)} mentions to {output}")
    if summary_:
        _print_frame(summary(df, by), title=f"entities by {by} (top 30; canonical id where linked)")
        return
    cols = ["doc_id", "year", "start", "end", "surface", "label", "norm", "entity_id", "source"]
    _print_frame(df[cols].head(40), title=f"{len(df)} mentions (first 40; all in -o)")


topics_app = typer.Typer(cls=_default_group("assign"), no_args_is_help=False,
                         context_settings={"help_option_names": ["-h", "--help"]},
                         help="Policy areas: assign (the default; --shares: shares per group), train, evaluate, "
                              "explore.")  # fmt: skip
app.add_typer(topics_app, name="topics")


@topics_app.command("assign")
def topics_assign(
    corpus: CorpusArg,
    unit: Annotated[str, typer.Option("--unit", help="sentence, paragraph or section.")] = "sentence",
    shares_: Annotated[bool, typer.Option("--shares", help="Print the share of units per area per group.")] = False,
    by: ByOpt = None,
    where: WhereOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    section: SectionOpt = None,
    model: Annotated[Path | None, typer.Option("--model", help="A model directory (default: the shipped one).")] = None,
    plot: Annotated[Path | None, typer.Option("--plot", help="--shares: a stacked bar chart to PNG.")] = None,
    output: OutOpt = None,
) -> None:
    """Policy area of every sentence/paragraph/section (policytext topics CORPUS), or shares per group.

    policytext topics CORPUS [--unit paragraph] [-o topics.csv]; policytext topics CORPUS --shares --by year
    [--plot shares.png].
    """
    from policytext import PolicytextError
    from policytext.grouping import labels
    from policytext.topics import shares

    config = _stage("topics", unit=unit, model_dir=str(model) if model else None, section=section)
    docs = list(_corpus_arg(corpus, where, since, until))
    assigned = _run(config, docs)
    if not shares_:
        _write(assigned, output, "topics", config)
        _print_frame(assigned[["doc_id", "year", "unit_id", "area", "prob", "runner_up", "runner_up_prob"]].head(40),
                     title=f"{len(assigned)} {unit}s classified (first 40; all in -o)")  # fmt: skip
        return
    _check_by(_by(by), docs)
    try:
        tab = shares(assigned, _by(by), docs)
    except PolicytextError as e:
        _fail(str(e))
    _write(tab, output, "topic_shares", config)
    shown = tab.assign(group=labels(tab, "area"))
    pivot = shown.pivot_table(index="area", columns="group", values="share", sort=False, fill_value=0)
    _print_frame((pivot * 100).round(1).reset_index(), title=f"% of {unit}s per area (character shares in -o)")
    if plot:
        from policytext.report.plots import share_plot

        share_plot(shown, plot)
        err.print(f"wrote {plot}")


LabelCorpusOpt = Annotated[
    list[Path] | None,
    typer.Option("--corpus", help="Documents the labels refer to, besides the bundled corpora (repeatable)."),
]


@topics_app.command("train")
def topics_train(
    labels_: Annotated[list[Path], typer.Argument(help="Label CSV files (doc_id, start, end, label).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Directory for the model.")],
    corpus_: LabelCorpusOpt = None,
) -> None:
    """Train a topic model on your own labels (units of the bundled corpora and --corpus) and save it."""
    from policytext import PolicytextError
    from policytext.evaluation.topics import attach_units, labelled_corpus, read_labels
    from policytext.topics import save_model, train

    extra = [str(p) for p in corpus_ or []]
    try:
        units = attach_units(read_labels([str(p) for p in labels_]), labelled_corpus(extra))
        m = train(units)
    except PolicytextError as e:
        _fail(str(e))
    words = ["policytext topics train", *map(str, labels_), *(f"--corpus {p}" for p in extra), f"-o {output}"]
    command = " ".join(words)
    save_model(m, output, {"data": [str(a) for a in labels_], "documents": extra, "n_units": len(units),
                           "command": command})
    err.print(f"trained on {len(units)} units ({units['label'].nunique()} areas); wrote {output}")


@topics_app.command("evaluate")
def topics_evaluate(
    labels_: Annotated[list[Path] | None, typer.Argument(help="Label files (default: annotations/topics/).")] = None,
    corpus_: LabelCorpusOpt = None,
    output: OutOpt = None,
) -> None:
    """Macro-F1 on held-out years/documents/decades: the classifier beside the majority and keyword baselines."""
    from policytext import PolicytextError
    from policytext.evaluation.topics import (
        DEFAULT_LABELS,
        LABELS_DIR,
        evaluate_topics,
        labelled_corpus,
        score_table,
        write_confusions,
    )

    files = [str(p) for p in labels_ or []]
    zh = [a for a in files if "zh" in Path(a).name] or [str(LABELS_DIR / f) for f in DEFAULT_LABELS["zh"]]
    ko = [a for a in files if "ko" in Path(a).name] or [str(LABELS_DIR / f) for f in DEFAULT_LABELS["ko"]]
    try:
        res = evaluate_topics(zh, ko, labelled_corpus([str(p) for p in corpus_ or []]))
    except PolicytextError as e:
        _fail(str(e))
    for name, r in res.items():
        out.print(f"[bold]{name}[/]: per-class F1 {r['per_class_f1']}", highlight=False)
        out.print(f"per held-out fold (classifier): {r['per_fold']['classifier']}", highlight=False)
        if "per_decade" in r:
            out.print(f"per decade of the held-out years: {r['per_decade']}", highlight=False)
    df = score_table(res)
    _write(df, output, "topic_scores")
    if output:
        for path in write_confusions(res, output):
            err.print(f"wrote {path}")
    _print_frame(df, title="topics: macro-F1 on held-out years/documents (classifier vs baselines)")


@topics_app.command("explore")
def topics_explore(
    corpus: CorpusArg,
    k: Annotated[int, typer.Option("-k", help="Number of topics.")] = 12,
    unit: Annotated[str, typer.Option("--unit", help="paragraph or section.")] = "paragraph",
    where: WhereOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    output: OutOpt = None,
) -> None:
    """NMF topic discovery: top terms per topic and topic weights per document."""
    from policytext import PolicytextError
    from policytext.topics import explore

    docs = list(_corpus_arg(corpus, where, since, until))
    try:
        terms, weights = explore(docs, k=k, unit=unit)
    except PolicytextError as e:
        _fail(str(e))
    top = terms.groupby("topic")["term"].apply(lambda t: " ".join(t)).reset_index()
    _print_frame(top, title=f"NMF, {k} topics: top terms")
    _write(weights, output, "topic_weights")
    _print_frame(weights.head(30), title="topic weight per document (first 30; all in -o)")


@app.command()
def sections(
    source: Annotated[str, typer.Argument(help="A document file.")],
    lang: LangOpt = None,
) -> None:
    """Print the outline of a report: numbered headings with their level and character span."""
    from policytext import PolicytextError
    from policytext.corpus import load_document

    try:
        doc = load_document(source, lang=lang)
    except PolicytextError as e:
        _fail(str(e))
    sys.stdout.write("sec_id\tlevel\tstart\tend\ttitle\n")
    for sec in doc.sections():
        sys.stdout.write(f"{sec.sec_id}\t{sec.level}\t{sec.start}\t{sec.end}\t{'  ' * (sec.level - 1)}{sec.title}\n")


def main() -> None:
    """Console-script entry point."""
    app()
