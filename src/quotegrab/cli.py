"""The command line: the only module that imports typer and rich."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn, track
from rich.table import Table
from spacy.language import Language

from .batch import BatchRun, RunStats
from .evaluate import SCORE_COLUMNS, GoldArticle, Miss, Report, load_gold, read_predictions, score
from .frame import quote_summary, read_quotes
from .pipeline import DEFAULT_MODEL, ArticleResult, articles, extract_text, load_pipeline, process
from .read import ReadError, Source, find_sources, input_format
from .types import KINDS
from .view import render_html
from .write import FORMATS, QuoteWriter

app = typer.Typer(
    help="Find every quotation in news articles and tell who said it.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)

EXIT_FAILED_ARTICLES = 3


def _error(message: str, console: Console = err) -> None:
    """One line on stderr, never wrapped, so that each bad file is one greppable line."""
    console.print(f"[red]error:[/] {escape(message)}", soft_wrap=True, highlight=False)


ModelOption = Annotated[
    str, typer.Option("--model", "-m", help="Installed spaCy pipeline name or path, with a parser.")
]


def _load(model: str, indirect: bool = True) -> Language:
    try:
        return load_pipeline(model, indirect=indirect)
    except (OSError, ValueError, ImportError) as exc:
        _error(f"cannot load model {model!r}: {exc}")
        raise typer.Exit(code=1) from None


def _formats(value: str) -> list[str]:
    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise typer.BadParameter(f"choose from {', '.join(FORMATS)}, comma-separated")
    return formats


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Article files, or folders searched recursively.")],
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for quotes.jsonl and quotes.csv.")
    ] = Path("data/out"),
    model: ModelOption = DEFAULT_MODEL,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="Output formats: jsonl, csv or both.")
    ] = "jsonl,csv",
    glob: Annotated[str, typer.Option("--glob", "-g", help="File pattern to search folders for.")] = "*.txt",
    input_format: Annotated[
        str | None,
        typer.Option(
            "--input-format",
            help="Read every file as text, markdown, html, json or jsonl (default: by suffix).",
        ),
    ] = None,
    text_field: Annotated[str, typer.Option(help="JSON/JSONL field holding the article text.")] = "text",
    id_field: Annotated[str, typer.Option(help="JSONL field holding the article id (file#id).")] = "id",
    save_text: Annotated[
        bool,
        typer.Option(
            "--save-text", help="Also write articles.jsonl: the analysed texts the offsets point into."
        ),
    ] = False,
    workers: Annotated[
        int, typer.Option(min=1, help="Processes for spaCy (default: all cores).")
    ] = os.cpu_count() or 1,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per spaCy batch.")] = 64,
    indirect: Annotated[
        bool, typer.Option("--indirect/--no-indirect", help="Extract indirect speech.")
    ] = True,
    force: Annotated[
        bool, typer.Option("--force", help="Start over instead of resuming an earlier run.")
    ] = False,
    engine: Annotated[
        str, typer.Option(help="local (processes on this machine) or dask (a Dask cluster).")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (tcp://host:8786); default: a new LocalCluster."),
    ] = None,
) -> None:
    """Extract attributed quotes into JSONL and CSV; a rerun resumes, skipping articles already done."""
    formats = _formats(fmt)
    try:
        sources = list(find_sources(paths, glob, input_format))
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--input-format") from None
    files = [s for s in sources if isinstance(s, Source)]
    if not files:
        for problem in sources:
            _error(str(problem))
        _error(f"no input files matching {glob!r}")
        raise typer.Exit(code=1)
    nlp = _load(model, indirect=indirect)
    # One file may hold many articles (JSONL): then the bar counts articles without a total.
    total = None if any(s.fmt == "jsonl" for s in files) else len(files)
    progress = Progress(
        TextColumn("[bold]extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    )
    run = BatchRun(out_dir, force=force)

    def report(result: ArticleResult) -> None:
        progress.advance(task)
        if result.error is not None:
            where = result.article_id if "#" in result.article_id else result.path
            _error(f"{where}: {result.error}", progress.console)

    if engine not in ("local", "dask"):
        raise typer.BadParameter("choose local or dask", param_hint="--engine")
    try:
        if engine == "dask":
            _run_dask(run, sources, model, indirect, scheduler, workers, text_field, id_field)
            stats = run.stats
        else:
            with progress:
                task = progress.add_task("extract", total=total)
                stream = articles(sources, text_field, id_field)
                stats = run.run(stream, nlp, batch_size=batch_size, n_process=workers, on_result=report)
    except KeyboardInterrupt:
        err.print(
            f"[yellow]interrupted[/] after {run.stats.done + run.stats.failed} new articles;"
            " their work is kept. Run the same command again to resume.",
            soft_wrap=True,
        )
        raise typer.Exit(code=130) from None
    writer = run.merge(formats, save_text=save_text)
    out.print(_summary(stats, writer))
    if writer.errors:
        err.print(
            f"[red]{writer.errors} input(s) failed[/] (see {writer.errors_target}); the others were written.",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(code=EXIT_FAILED_ARTICLES)


def _run_dask(
    run: BatchRun,
    sources: list[Source | ReadError],
    model: str,
    indirect: bool,
    scheduler: str | None,
    workers: int,
    text_field: str,
    id_field: str,
) -> None:
    try:
        from .distributed import run_dask
    except ImportError:
        _error('the dask engine needs the dask extra: pip install "quotegrab[dask]"')
        raise typer.Exit(code=1) from None
    where = f"Dask at {scheduler}" if scheduler else f"a LocalCluster of {workers} workers"
    with err.status(f"running on {where}"):
        run_dask(run, sources, model, indirect, scheduler, workers, text_field=text_field, id_field=id_field)


def _summary(stats: RunStats, writer: QuoteWriter) -> Table:
    table = Table(title="quotegrab summary", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles analysed", str(stats.done))
    if stats.skipped:
        table.add_row("articles already done", str(stats.skipped))
    if writer.errors:
        table.add_row("[red]failed", str(writer.errors))
    table.add_row("articles written", str(writer.articles))
    table.add_row("quotes", str(writer.rows))
    for kind in KINDS:
        table.add_row(f"  {kind}", str(writer.kinds[kind]))
    table.add_row("attributed", str(writer.attributed))
    table.add_row("unattributed", str(writer.rows - writer.attributed))
    for target in writer.targets.values():
        table.add_row("written", str(target))
    return table


@app.command()
def show(
    file: Annotated[Path, typer.Argument(help="One article file.")],
    model: ModelOption = DEFAULT_MODEL,
    width: Annotated[int, typer.Option(help="Characters of each quote to show.")] = 80,
    html_out: Annotated[
        Path | None, typer.Option("--html", help="Write the article as an HTML page with its quotes marked.")
    ] = None,
) -> None:
    """Print one article's quotes as a table, or write them marked up in an HTML page."""
    if not file.is_file():
        _error(f"{file}: no such file")
        raise typer.Exit(code=1)
    result = next(process(articles([Source(file, file.stem, input_format(file))]), _load(model)))
    if result.error is not None:
        _error(f"{file}: {result.error}")
        raise typer.Exit(code=1)
    if html_out is None:
        out.print(_quote_table(result, width))
        return
    page = render_html(result.text or "", result.quotes, title=result.article_id)
    html_out.parent.mkdir(parents=True, exist_ok=True)
    html_out.write_text(page, encoding="utf-8")
    out.print(f"wrote {html_out} ({len(result.quotes)} quotes)")


@app.command()
def stats(
    out_dir: Annotated[Path, typer.Argument(help="An output folder, or a quotes.jsonl / quotes.csv file.")],
    top: Annotated[int, typer.Option(help="How many top speakers to list.")] = 20,
) -> None:
    """Summarise extracted quotes: totals, kinds, attribution methods, top speakers, articles to check."""
    try:
        frame = read_quotes(out_dir)
    except (FileNotFoundError, ValueError, KeyError) as exc:
        _error(str(exc))
        raise typer.Exit(code=1) from None
    summary = quote_summary(frame, top)
    totals = Table(title="totals", show_header=False)
    for name, value in summary["totals"].items():
        totals.add_row(name, str(value))
    out.print(totals)
    for title, counts in (("by kind", summary["kinds"]), ("by attribution", summary["attributions"])):
        table = Table(title=title)
        table.add_column(title.split()[-1])
        table.add_column("quotes", justify="right")
        for name, value in counts.items():
            table.add_row(str(name), str(value))
        out.print(table)
    speakers = Table(title=f"top {top} speakers")
    speakers.add_column("speaker")
    speakers.add_column("quotes", justify="right")
    for name, value in summary["speakers"].items():
        speakers.add_row(str(name), str(value))
    out.print(speakers)
    unresolved = summary["unresolved_articles"]
    check = Table(title=f"articles with quotes but no resolved speaker ({len(unresolved)})")
    check.add_column("article")
    check.add_column("quotes", justify="right")
    for name, value in unresolved.items():
        check.add_row(str(name), str(value))
    out.print(check)


def _quote_table(result: ArticleResult, width: int) -> Table:
    table = Table(title=f"{result.article_id}: {len(result.quotes)} quotes")
    for name in ("#", "kind", "speaker", "how", "cue", "quote"):
        table.add_column(name, overflow="fold" if name == "quote" else "ellipsis")
    for i, quote in enumerate(result.quotes):
        text = " ".join(quote.text.split())
        short = text if len(text) <= width else text[: width - 1] + "…"
        table.add_row(
            str(i),
            quote.kind,
            quote.speaker or "[dim]unknown",
            quote.attribution,
            quote.cue or "",
            short,
        )
    return table


@app.command()
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold *.json files (tests/gold/README.md).")],
    pred: Annotated[
        Path | None, typer.Option("--pred", help="Score this quotes.jsonl instead of running the pipeline.")
    ] = None,
    by_phenomenon: Annotated[
        bool, typer.Option("--by-phenomenon", help="Also score each phenomenon tag.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    model: ModelOption = DEFAULT_MODEL,
    indirect: Annotated[
        bool, typer.Option("--indirect/--no-indirect", help="Extract indirect speech.")
    ] = True,
    misses: Annotated[int, typer.Option(help="How many misses to list (-1: all).")] = -1,
) -> None:
    """Score quote detection and speaker attribution against hand-labelled gold articles."""
    if not gold_dir.is_dir():
        _error(f"{gold_dir}: no such folder")
        raise typer.Exit(code=1)
    articles = load_gold(gold_dir)
    if not articles:
        _error(f"{gold_dir}: no gold *.json files")
        raise typer.Exit(code=1)
    if pred is not None:
        if not pred.is_file():
            _error(f"{pred}: no such file")
            raise typer.Exit(code=1)
        predictions = read_predictions(pred)
    else:
        nlp = _load(model, indirect=indirect)
        predictions = {}
        for article in track(articles, description="scoring", console=err, transient=True):
            predictions[article.doc_id] = [q.to_dict() for q in extract_text(article.text, nlp)]
    report = score(articles, predictions)
    groups = _phenomena(articles) if by_phenomenon else {}
    if as_json:
        data = report.to_dict()
        data["phenomena"] = {tag: score(arts, predictions).to_dict()["kinds"] for tag, arts in groups.items()}
        out.print_json(data=data)
        return
    out.print(_score_table(report, f"{report.articles} gold articles"))
    for tag, arts in groups.items():
        out.print(_score_table(score(arts, predictions), f"{tag} ({len(arts)} articles)"))
    shown = report.misses if misses < 0 else report.misses[:misses]
    if shown:
        out.print(_miss_table(report, shown))


def _phenomena(articles: list[GoldArticle]) -> dict[str, list[GoldArticle]]:
    groups: dict[str, list[GoldArticle]] = {}
    for article in articles:
        for tag in article.phenomena:
            groups.setdefault(tag, []).append(article)
    return dict(sorted(groups.items()))


def _score_table(report: Report, title: str) -> Table:
    table = Table(title=title)
    for name in SCORE_COLUMNS:
        table.add_column(name, justify="left" if name == "kind" else "right")
    for row in report.rows():
        table.add_row(*row.values())
    return table


def _miss_table(report: Report, shown: list[Miss]) -> Table:
    table = Table(title=f"misses ({len(shown)} of {len(report.misses)})")
    for name in ("article", "what", "kind", "quote", "gold speaker", "predicted"):
        table.add_column(name, overflow="fold")
    for miss in shown:
        text = " ".join(miss.text.split())
        table.add_row(
            miss.doc_id,
            miss.what,
            miss.kind,
            text[:90] + ("…" if len(text) > 90 else ""),
            miss.gold_speaker or "",
            miss.predicted_speaker or "",
        )
    return table


def main() -> None:
    app()
