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

PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Folders, files or tables; none = the bundled corpora ('bundled:gwr' or 'bundled:ko-budget' for one)."
    ),
]
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


def _load(paths: list[Path] | None, lang: str | None, meta: list[str] | None, manifest: Path | None,
          **table: Any) -> Any:  # fmt: skip
    from policytext import PolicytextError, load_corpus
    from policytext.resources import bundled_corpora

    try:
        resolved = [
            bundled_corpora(str(p).partition(":")[2] or None) if str(p).partition(":")[0] == "bundled" else p
            for p in paths or []
        ]
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
    text_col: Annotated[str | None, typer.Option("--text-col", help="Table corpora: the text column.")] = None,
    id_col: Annotated[str | None, typer.Option("--id-col", help="Table corpora: the id column.")] = None,
    year_col: Annotated[str | None, typer.Option("--year-col", help="Table corpora: the year column.")] = None,
    name_pattern: NamePatternOpt = None,
    where: Annotated[str | None, typer.Option("--where", help="Keep documents matching a metadata query.")] = None,
    since: Annotated[int | None, typer.Option("--since", help="Keep documents from this year on.")] = None,
    until: Annotated[int | None, typer.Option("--until", help="Keep documents up to this year.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write the table (.csv .parquet ...).")] = None,
) -> None:
    """Describe a corpus: one row per document with language, year, country, type, size and file.

    Folders and files (txt md html pdf docx hwpx), or tables with one document per row (parquet csv tsv jsonl xlsx).
    """
    from policytext import PolicytextError

    corpus = _load(paths, lang, meta, manifest, text_col=text_col, id_col=id_col, year_col=year_col,
                   name_pattern=name_pattern)  # fmt: skip
    try:
        corpus = corpus.filter(where, since, until)
    except PolicytextError as e:
        _fail(str(e))
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


@corpus_app.command("dupes")
def corpus_dupes(
    paths: PathsArg = None,
    threshold: Annotated[float, typer.Option("--threshold", help="Least Jaccard similarity of 5-char shingles.")] = 0.8,
    text_col: Annotated[str | None, typer.Option("--text-col", help="Table corpora: the text column.")] = None,
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


def _corpus_arg(corpus: str, where: str | None = None, since: int | None = None, until: int | None = None,
                text_col: str | None = None, name_pattern: str | None = None) -> Any:  # fmt: skip
    """Load the CORPUS argument (a path, 'bundled' or 'bundled:NAME') and apply the filters."""
    from policytext import PolicytextError

    loaded = _load([Path(corpus)], None, None, None, text_col=text_col, name_pattern=name_pattern)
    try:
        filtered = loaded.filter(where, since, until)
    except PolicytextError as e:
        _fail(str(e))
    if where or since is not None or until is not None:
        err.print(f"{len(filtered)} of {len(loaded)} documents selected", highlight=False)
    return filtered


def _lexicon(concepts: str | None) -> Any:
    if concepts is None:
        return None
    from policytext.keywords.lexicon import load_lexicon

    return load_lexicon(None if concepts == "default" else concepts)


def _by(by: list[str] | None) -> list[str]:
    fields = [f.strip() for item in (by or ["year"]) for f in item.split(",") if f.strip()]
    return fields


def _write(df: Any, output: Path | None, kind: str) -> None:
    if output:
        from policytext.export import write_table

        write_table(df, output, kind=kind)
        err.print(f"wrote {len(df)} rows to {output}")


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
    from policytext import PolicytextError
    from policytext.keywords.count import count as count_fn
    from policytext.keywords.count import find_hits

    docs = list(_corpus_arg(corpus, where, since, until, text_col, name_pattern))
    try:
        lex = _lexicon(concepts)
        rule_used = "concept" if lex is not None else rule
        hits = find_hits(docs, terms, lexicon=lex, rule=rule_used, t2s=t2s, lemma=lemma, ko_backend=backend,
                         hanja=hanja, section=section)  # fmt: skip
        df = count_fn(docs, terms, by=_by(by), lexicon=lex, rule=rule_used, t2s=t2s, lemma=lemma,
                      ko_backend=backend, hanja=hanja, section=section, hits=hits)  # fmt: skip
    except PolicytextError as e:
        _fail(str(e))
    _write(df, output, "counts")
    _write(hits, hits_out, "hits")
    shown = df if lex is None else df[df["term_or_concept"].isin(df.loc[df["count"] > 0, "term_or_concept"])]
    pivot = shown.pivot_table(index="group", columns="term_or_concept", values="count", sort=False, aggfunc="sum")
    pivot.insert(0, "n_chars", shown.groupby("group", sort=False)["n_chars"].first())
    _print_frame(pivot.reset_index(), title=f"counts, rule={rule_used} ({len(hits)} hits; rates and doc_freq in -o)")
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
    window: Annotated[int, typer.Option("--window", help="Characters of context either side.")] = 30,
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
    from policytext import PolicytextError
    from policytext.keywords.count import find_hits
    from policytext.keywords.kwic import kwic as kwic_fn

    docs = list(_corpus_arg(corpus, where, since, until, text_col, name_pattern))
    try:
        lex = _lexicon(concepts)
        hits = find_hits(docs, terms, lexicon=lex, rule="concept" if lex is not None else rule, t2s=t2s,
                         lemma=lemma, ko_backend=backend, hanja=hanja, section=section)  # fmt: skip
    except PolicytextError as e:
        _fail(str(e))
    df = kwic_fn(docs, hits, window)
    _write(df, output, "kwic")
    shown = df.copy()
    for col in ("left", "hit", "right"):
        shown[col] = shown[col].str.replace("\r", "").str.replace("\n", "⏎")
    _print_frame(shown[["doc_id", "year", "start", "left", "hit", "right", "term_or_concept"]],
                 title=f"{len(df)} hits, rule={hits['rule'].iloc[0] if len(hits) else rule}")  # fmt: skip


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
    from policytext.keywords.count import count as count_fn

    docs = list(_corpus_arg(corpus, where, since, until, text_col, name_pattern))
    try:
        lex = _lexicon(concepts if concepts or terms else "default")
        counts = count_fn(docs, terms, by=_by(by), lexicon=lex, rule="concept" if lex is not None else rule, t2s=t2s,
                          hanja=hanja, section=section)  # fmt: skip
        df = compare_fn(counts, ref, target)
    except PolicytextError as e:
        _fail(str(e))
    _write(df, output, "compare")
    shown = df.head(top).copy()
    shown["p_value"] = shown["p_value"].map(lambda p: f"{p:.3g}")
    shown["rel_change"] = shown["rel_change"].map(lambda x: f"{x:+.0%}" if x == x and abs(x) != float("inf") else "new")
    _print_frame(
        shown.drop(columns=["ref", "target"]),
        title=f"{df['target'].iloc[0] if len(df) else target} vs {df['ref'].iloc[0] if len(df) else ref}",
    )


@app.command()
def reproduce(
    claims: Annotated[str, typer.Argument(help="A bundled claim set (kiet-2025) or a claim YAML file.")] = "kiet-2025",
    corpus: Annotated[str, typer.Option("--corpus", help="Corpus to check against.")] = "bundled:gwr",
    window: Annotated[int, typer.Option("--window", help="Context characters in the KWIC lines.")] = 25,
    output: OutOpt = None,
) -> None:
    """Reproduce a published claim from the texts under every counting rule, with every hit in context."""
    from policytext import PolicytextError
    from policytext.reproduce import reproduce as reproduce_fn

    docs = list(_corpus_arg(corpus))
    try:
        results = reproduce_fn(docs, claims, window)
    except PolicytextError as e:
        _fail(str(e))
    for r in results:
        out.print(f"\n[bold]{r.claim['id']}[/]: {r.claim['quote']}", highlight=False)
        _print_frame(r.table)
        out.print(f"[bold]verdict:[/] {r.verdict}", highlight=False)
        shown = r.hits.copy()
        for col in ("left", "hit", "right"):
            shown[col] = shown[col].str.replace("\n", "⏎")
        cols = [c for c in ("reading", "doc_id", "start", "left", "hit", "right") if c in shown.columns]
        _print_frame(shown[cols], title="every counted hit")
        if output:
            _write(r.hits, output.with_name(f"{output.stem}-{r.claim['id']}{output.suffix}"), "reproduce")


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
    from policytext.keywords.extract import METHODS
    from policytext.keywords.extract import keywords as keywords_fn

    methods = method or list(METHODS)
    bad = [m for m in methods if m not in METHODS]
    if bad:
        _fail(f"unknown --method {', '.join(bad)}: use {', '.join(METHODS)}")
    docs = list(_corpus_arg(corpus, where, since, until, text_col, name_pattern))
    df = keywords_fn(docs, by=_by(by or ["id"]), top=top, methods=methods)
    _write(df, output, "keywords")
    wide = df.pivot_table(index=["group", "rank"], columns="method", values="term", aggfunc="first", sort=False)
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
    window: Annotated[int, typer.Option("--window", help="Content words either side.")] = 5,
    by: Annotated[list[str] | None, typer.Option("--by", help="Group by metadata field(s).")] = None,
    min_freq: Annotated[int, typer.Option("--min-freq", help="Least co-occurrences to list.")] = 2,
    top: Annotated[int, typer.Option("--top", help="Collocates per group.")] = 20,
    output: OutOpt = None,
) -> None:
    """Words that co-occur with a term: frequency, PMI and log-likelihood, per group."""
    from policytext.keywords.collocations import collocations as collocations_fn

    docs = list(_corpus_arg(corpus, where, since, until, text_col, name_pattern))
    df = collocations_fn(docs, term, window=window, by=_by(by) if by else [], min_freq=min_freq, top=top)
    _write(df, output, "collocations")
    _print_frame(df.drop(columns=["window", "node"]), title=f"collocates of {term} (±{window} content words)")


evaluate_app = typer.Typer(help="Measure accuracy against gold data not used for training.", no_args_is_help=True)
app.add_typer(evaluate_app, name="evaluate")


@evaluate_app.command("ner")
def evaluate_ner_cmd(
    gold_dir: Annotated[Path, typer.Option("--gold", help="Folder with the NER gold.")] = Path("../shared/eval/ner"),
    lang: Annotated[list[str] | None, typer.Option("--lang", help="zh and/or ko (default both).")] = None,
    limit: Annotated[int | None, typer.Option("--limit", help="Score only the first N sentences of each set.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write the scores table.")] = None,
) -> None:
    """NER precision/recall/F1 per label on the test splits: pipeline, model, rules and the no-training baseline."""
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
    gold: Annotated[list[Path] | None, typer.Argument(help="Gold CSV files (default: annotations/targets/).")] = None,
    lenient: Annotated[bool, typer.Option("--lenient", help="Ignore kind and period when matching.")] = False,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write the scores table.")] = None,
) -> None:
    """Precision and recall of `policytext targets` on hand-built gold, on the bundled corpora."""
    import pandas as pd

    from policytext import PolicytextError, load_corpus
    from policytext.evaluation.targets import evaluate_targets

    files = gold or sorted(Path("annotations/targets").glob("gold-*.csv"))
    if not files:
        _fail("no gold files given and none in annotations/targets/")
    try:
        scores = evaluate_targets(files, load_corpus(), strict=not lenient)
    except PolicytextError as e:
        _fail(str(e))
    df = pd.DataFrame([{"slice": s.slice, "gold": s.gold, "predicted": s.predicted, "matched": s.matched,
                        "precision": round(s.precision, 3), "recall": round(s.recall, 3), "f1": round(s.f1, 3)}
                       for s in scores if s.gold or s.predicted])  # fmt: skip
    _write(df, output, "target_scores")
    key = "document, indicator, modifier, value" + ("" if lenient else ", kind, period")
    _print_frame(df, title=f"targets vs gold (match on {key})")


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


@app.command(context_settings={"help_option_names": ["-h", "--help"]})
def targets(
    args: Annotated[list[str], typer.Argument(help="CORPUS, or: verify CLAIMS.csv CORPUS.", show_default=False)],
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
    """Targets and outcomes a report states (one row per figure), a target-vs-outcome table, or verify claims.

    policytext targets CORPUS [-o targets.csv]; policytext targets CORPUS --indicator gdp_growth --table
    [--plot t.png]; policytext targets verify CLAIMS.csv CORPUS (columns indicator, year, kind, value,
    modifier).
    """
    import pandas as pd

    from policytext import PolicytextError
    from policytext.targets import extract_targets, load_indicators, target_table, verify_claims

    try:
        inds = load_indicators(indicators)
    except PolicytextError as e:
        _fail(str(e))
    if list_:
        _print_frame(pd.DataFrame([{"id": i.id, "en": i.names.get("en"), "zh": i.names.get("zh"),
                                    "ko": i.names.get("ko"), "unit": i.unit, "better": i.better}
                                   for i in inds.values()]))  # fmt: skip
        return
    verify = args[0] == "verify"
    if (verify and len(args) != 3) or (not verify and len(args) != 1):
        _fail("usage: policytext targets CORPUS [options] | policytext targets verify CLAIMS.csv CORPUS")
    if indicator is not None and indicator not in inds:
        _fail(f"unknown indicator {indicator!r}; known: {', '.join(inds)}")
    corpus = _corpus_arg(args[-1], where, since, until)
    years = sorted({d.meta["year"] for d in corpus if isinstance(d.meta.get("year"), int)})
    try:
        figures = extract_targets(corpus, inds, indicator=indicator)
        if verify:
            claims_path = Path(args[1])
            if not claims_path.is_file():
                _fail(f"{claims_path}: claims file not found")
            try:
                claims = pd.read_csv(claims_path)
            except (ValueError, OSError) as e:
                _fail(f"{claims_path}: not a readable CSV ({e})")
            res = verify_claims(claims, figures, years)
            _write(res, output, "target_verification")
            _print_frame(res.drop(columns=["sentence", "start", "end"]), title=f"claims checked against {args[-1]}")
            return
        if table:
            if indicator is None:
                _fail("--table needs --indicator (e.g. --indicator gdp_growth)")
                return
            tab = target_table(figures, indicator, years, inds[indicator].better)
            _write(tab, output, "target_table")
            shown = tab[["year", "target", "target_modifier", "target_high", "target_status", "outcome",
                         "outcome_status", "gap", "met", "target_doc"]]  # fmt: skip
            _print_frame(shown, title=f"{indicator}: target (report of the year) vs outcome (report of the next)")
            if plot:
                from policytext.report.plots import target_plot

                target_plot(tab, plot)
                err.print(f"wrote {plot}")
            return
    except PolicytextError as e:
        _fail(str(e))
    _write(figures, output, "targets")
    cols = ["doc_id", "year", "indicator", "surface", "value", "unit", "modifier", "kind", "period", "start", "end"]
    _print_frame(figures[cols], title=f"{len(figures)} figures (rule targets-v1; sentences in -o)")


@app.command()
def analyze(
    paths: PathsArg = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="Folder for the tables and run.json.")] = Path(
        "results"
    ),
    jobs: Annotated[int, typer.Option("-j", "--jobs", help="Worker processes (default: all cores).")] = 0,
    engine: Annotated[str, typer.Option("--engine", help="local (process pool) or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address.")] = None,
    stages: Annotated[str, typer.Option("--stages", help="Comma-separated stages to run.")] = (
        "documents,counts,keywords,entities,topics"
    ),
    backend: BackendOpt = None,
    unit: Annotated[str, typer.Option("--unit", help="Topic unit: sentence, paragraph or section.")] = "sentence",
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Recompute everything; write no cache.")] = False,
    rules_only: Annotated[bool, typer.Option("--rules-only", help="Entities without the trained NER.")] = False,
    where: WhereOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    dedupe: Annotated[
        bool, typer.Option("--dedupe", help="Keep the first of each group of near-duplicates (Jaccard ≥ 0.8).")
    ] = False,
) -> None:
    """Every analysis over a whole corpus: parallel, cached, resumable; tables (Parquet + CSV) and run.json."""
    import os

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from policytext import PolicytextError
    from policytext.batch import Selection, Settings
    from policytext.batch import analyze as run_analyze
    from policytext.resources import bundled_corpora

    stage_list = tuple(s.strip() for s in stages.split(",") if s.strip())
    settings = Settings(stages=stage_list, ko_backend=backend, topic_unit=unit, ner_model=not rules_only,
                        dedupe=dedupe)  # fmt: skip
    resolved = [
        bundled_corpora(str(p).partition(":")[2] or None) if str(p).partition(":")[0] == "bundled" else p
        for p in paths or []
    ]
    flat = [Path(r) for r in resolved]
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
                                 selection=Selection(where, since, until))  # fmt: skip
        except PolicytextError as e:
            _fail(str(e))
            return
    for s in record["skipped"]:
        err.print(f"[yellow]skipped[/] {s['path']}: {s['reason']}", highlight=False)
    for d in record["dropped_duplicates"]:
        err.print(f"[yellow]dropped[/] {d['doc_id']}: near-duplicate ({d['similarity']}) of {d['kept']}")
    if record["excluded_by_filter"]["count"]:
        err.print(f"{record['excluded_by_filter']['count']} documents left out by the filters (run.json lists them)")
    t = record["timings"]
    err.print(f"{t['documents']} documents ({t['computed']} computed, the rest from the cache) "
              f"in {t['wall_seconds']} s; tables and run.json in {output}")  # fmt: skip


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
    from policytext.entities import entities as find_entities
    from policytext.entities import summary

    docs = list(_corpus_arg(corpus, where, since, until, text_col))
    try:
        df = find_entities(docs, model=not rules_only)
    except PolicytextError as e:
        _fail(str(e))
        return
    if label:
        df = df[df["label"].isin([x.upper() for x in label])].reset_index(drop=True)
    if output:
        from policytext.entities import export

        suffix = output.suffix.lower()
        byid = {d.id: d for d in docs}
        if suffix == ".jsonl":
            export.write_jsonl(df, output)
        elif suffix == ".conll":
            export.write_conll(df, byid, output)
        elif suffix == ".spacy":
            export.write_docbin(df, byid, output)
        else:
            _write(df, output, "entities")
        err.print(f"wrote {len(df)} mentions to {output}")
    if summary_:
        _print_frame(summary(df, by), title=f"entities by {by} (top 30; canonical id where linked)")
        return
    cols = ["doc_id", "year", "start", "end", "surface", "label", "norm", "entity_id", "source"]
    _print_frame(df[cols].head(40), title=f"{len(df)} mentions (first 40; all in -o)")


@app.command(context_settings={"help_option_names": ["-h", "--help"]})
def topics(
    args: Annotated[
        list[str], typer.Argument(help="CORPUS, or: train LABELS.csv… | evaluate | explore CORPUS.", show_default=False)
    ],
    unit: Annotated[str, typer.Option("--unit", help="sentence, paragraph or section.")] = "sentence",
    shares_: Annotated[bool, typer.Option("--shares", help="Print the share of units per area per group.")] = False,
    by: ByOpt = None,
    where: WhereOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    section: SectionOpt = None,
    model: Annotated[Path | None, typer.Option("--model", help="A model directory (default: the shipped one).")] = None,
    k: Annotated[int, typer.Option("-k", help="explore: number of topics.")] = 12,
    plot: Annotated[Path | None, typer.Option("--plot", help="--shares: a stacked bar chart to PNG.")] = None,
    output: OutOpt = None,
) -> None:
    """Policy area of every sentence/paragraph/section, shares per year, training, evaluation and NMF exploration.

    policytext topics CORPUS [--unit paragraph] [-o topics.csv]; policytext topics CORPUS --shares --by year
    [--plot shares.png]; policytext topics train LABELS.csv -o models/topics-xx; policytext topics evaluate;
    policytext topics explore CORPUS -k 12.
    """
    import pandas as pd

    from policytext import PolicytextError, load_corpus
    from policytext.topics import classify, explore, save_model, shares, train

    verb = args[0] if args[0] in ("train", "evaluate", "explore") else None
    try:
        if verb == "train":
            from policytext.evaluation.topics import attach_units, read_labels

            if output is None:
                _fail("topics train needs -o DIRECTORY for the model")
                return
            units = attach_units(read_labels(args[1:]), load_corpus())
            m = train(units)
            save_model(m, output, {"data": [str(a) for a in args[1:]], "n_units": len(units),
                                   "command": "policytext topics train " + " ".join(args[1:]) + f" -o {output}"})
            err.print(f"trained on {len(units)} units ({units['label'].nunique()} areas); wrote {output}")
            return
        if verb == "evaluate":
            from policytext.evaluation.topics import evaluate_topics

            zh = [a for a in args[1:] if "zh" in Path(a).name] or ["annotations/topics/zh-sentences.csv"]
            ko = [a for a in args[1:] if "ko" in Path(a).name] or ["annotations/topics/ko-paragraphs.csv"]
            res = evaluate_topics(zh, ko, load_corpus())
            rows = []
            for name, r in res.items():
                rows.append({"evaluation": name, "units": r["n"], **{f"macro_f1 {s}": v for s, v in
                                                                     r["macro_f1"].items()}})  # fmt: skip
                out.print(f"[bold]{name}[/]: per-class F1 {r['per_class_f1']}", highlight=False)
                out.print(f"per held-out fold (classifier): {r['per_fold']['classifier']}", highlight=False)
            df = pd.DataFrame(rows)
            _write(df, output, "topic_scores")
            if output:
                for name, r in res.items():
                    slug = name.split(" ")[0].rstrip(",") + ("-shared" if "shared" in name else "")
                    conf = output.with_name(f"{output.stem}.confusion-{slug}.csv")
                    r["confusion"].rename_axis("gold \\ predicted").to_csv(conf)
                    err.print(f"wrote {conf}")
            _print_frame(df, title="topics: macro-F1 on held-out years/documents (classifier vs baselines)")
            return
        corpus = _corpus_arg(args[1] if verb else args[0], where, since, until)
        docs = list(corpus)
        if verb == "explore":
            terms, weights = explore(docs, k=k, unit="paragraph" if unit == "sentence" else unit)
            top = terms.groupby("topic")["term"].apply(lambda t: " ".join(t)).reset_index()
            _print_frame(top, title=f"NMF, {k} topics: top terms")
            _write(weights, output, "topic_weights")
            _print_frame(weights.head(30), title="topic weight per document (first 30; all in -o)")
            return
        assigned = classify(docs, unit, model)
        if section:
            assigned = assigned[_in_section(docs, assigned, section)].reset_index(drop=True)
        if shares_:
            tab = shares(assigned, _by(by), docs)
            _write(tab, output, "topic_shares")
            pivot = tab.pivot_table(index="area", columns="group", values="share", sort=False, fill_value=0)
            pivot = (pivot * 100).round(1)
            _print_frame(pivot.reset_index(), title=f"% of {unit}s per area (character shares in -o)")
            if plot:
                from policytext.report.plots import share_plot

                share_plot(tab, plot)
                err.print(f"wrote {plot}")
            return
    except PolicytextError as e:
        _fail(str(e))
        return
    _write(assigned, output, "topics")
    _print_frame(assigned[["doc_id", "year", "unit_id", "area", "prob", "runner_up", "runner_up_prob"]].head(40),
                 title=f"{len(assigned)} {unit}s classified (first 40; all in -o)")  # fmt: skip


def _in_section(docs: list[Any], assigned: Any, pattern: str) -> list[bool]:
    """Which assigned units sit inside a section whose title matches ``pattern``."""
    spans = {d.id: d.section_spans(pattern) for d in docs}
    return [any(s <= r.start and r.end <= e for s, e in spans[r.doc_id]) for r in assigned.itertuples()]


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
