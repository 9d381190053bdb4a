"""The command line: the only module that imports typer and rich."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn, track
from rich.table import Table
from spacy.language import Language

from . import read as reading
from .evaluate import SCORE_COLUMNS, Miss, Report, load_gold, read_predictions, score
from .frame import quote_summary, read_quotes
from .inputs import WORK_DIR, unique_sources, without_outputs
from .lock import FolderLocked, OutputLock
from .pipeline import DEFAULT_MODEL, ArticleResult, articles, extract_text, load_pipeline, process
from .read import INPUT_FORMATS, ReadError, Source, find_sources, input_format
from .run import Run, RunStats
from .settings import Settings, run_settings
from .types import KINDS
from .view import render_html
from .write import DEFAULT_FORMATS, Format, QuoteWriter

HELP = "Find every quotation in news articles and tell who said it."
app = typer.Typer(help=HELP, no_args_is_help=True, add_completion=False)
out = Console()
err = Console(stderr=True)

EXIT_FAILED_ARTICLES = 3
OUT_DIR = Path("data/out")
HELP_FORMAT = "Output format, repeatable: -f jsonl -f parquet (default: jsonl and csv)."
HELP_GLOB = "File pattern to search folders for (default: every suffix quotegrab reads)."
HELP_INPUT_FORMAT = "Read every file as text, markdown, html, json or jsonl (default: by suffix)."
HELP_SAVE_TEXT = "Also write articles.jsonl: the analysed texts the offsets point into."
HELP_MAX_BYTES = "Refuse input files bigger than this many bytes, before reading them."
HELP_CSV_SAFE = "Prefix CSV cells starting with = + - @ (tab, CR) with ' so spreadsheets show, not run, them."
HELP_FAST = "Parse only where quotes can be: faster, speakers slightly less accurate (README: Fast mode)."


class Engine(str, Enum):
    local = "local"
    dask = "dask"


def _error(message: str, console: Console = err) -> None:
    """One line on stderr, never wrapped, so that each bad file is one greppable line."""
    console.print(f"[red]error:[/] {escape(_one_line(message))}", soft_wrap=True, highlight=False)


def _one_line(text: str) -> str:
    """Control characters escaped (a newline as \\n): a file name cannot forge a second error line."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def _warn(message: str, console: Console = err) -> None:
    console.print(f"[yellow]warning:[/] {escape(message)}", soft_wrap=True, highlight=False)


def _fail(message: str) -> NoReturn:
    """Nothing could be run: say why and exit 1."""
    _error(message)
    raise typer.Exit(code=1)


ModelOption = Annotated[
    str, typer.Option("--model", "-m", help="Installed spaCy pipeline name or path, with a parser.")
]
IndirectOption = Annotated[
    bool,
    typer.Option("--indirect/--no-indirect", help="Extract indirect and mixed speech (reported clauses)."),
]
FastOption = Annotated[bool, typer.Option("--fast", help=HELP_FAST)]


def _load(model: str, indirect: bool = True, fast: bool = False) -> Language:
    try:
        return load_pipeline(model, indirect=indirect, fast=fast)
    except (OSError, ValueError, ImportError) as exc:
        _fail(f"cannot load model {model!r}: {exc}")


def _inputs(
    paths: list[Path], glob: str | None, forced: str | None, out_dir: Path
) -> list[Source | ReadError]:
    """The input sources, without the output folder's own files, each id from one file only."""
    try:
        sources = list(find_sources(paths, glob, forced))
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--input-format") from None
    sources = without_outputs(sources, paths, out_dir)
    if not any(isinstance(s, Source) for s in sources):
        for problem in sources:
            _error(str(problem))
        _fail(f"no input files matching {glob or ', '.join(sorted(INPUT_FORMATS))}")
    return list(unique_sources(sources))


@app.command()
def extract(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Article files, or folders searched recursively.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for the output files.")] = OUT_DIR,
    model: ModelOption = DEFAULT_MODEL,
    formats: Annotated[list[Format] | None, typer.Option("--format", "-f", help=HELP_FORMAT)] = None,
    glob: Annotated[str | None, typer.Option("--glob", "-g", help=HELP_GLOB)] = None,
    input_format: Annotated[str | None, typer.Option("--input-format", help=HELP_INPUT_FORMAT)] = None,
    text_field: Annotated[str, typer.Option(help="JSON/JSONL field holding the article text.")] = "text",
    id_field: Annotated[str, typer.Option(help="JSONL field holding the article id (file#id).")] = "id",
    save_text: Annotated[bool, typer.Option("--save-text", help=HELP_SAVE_TEXT)] = False,
    max_bytes: Annotated[int, typer.Option(min=1, help=HELP_MAX_BYTES)] = reading.DEFAULT_MAX_BYTES,
    csv_safe: Annotated[bool, typer.Option("--csv-safe", help=HELP_CSV_SAFE)] = False,
    workers: Annotated[
        int, typer.Option(min=1, help="Processes for spaCy (default: all cores).")
    ] = os.cpu_count() or 1,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per spaCy batch.")] = 64,
    indirect: IndirectOption = True,
    force: Annotated[
        bool, typer.Option("--force", help="Start over instead of resuming an earlier run.")
    ] = False,
    engine: Annotated[
        Engine, typer.Option(help="local (processes on this machine) or dask (a Dask cluster).")
    ] = Engine.local,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (tcp://host:8786); default: a new LocalCluster."),
    ] = None,
    fast: FastOption = False,
) -> None:
    """Extract attributed quotes into JSONL, CSV or Parquet; a rerun resumes, skipping what is done."""
    sources = _inputs(paths, glob, input_format, out_dir)
    sources = [dataclasses.replace(s, max_bytes=max_bytes) if isinstance(s, Source) else s for s in sources]
    guessed: list[str] = []  # files whose encoding was guessed (local engine: read here)
    _lock(ctx, out_dir)
    settings = run_settings(
        paths,
        model,
        indirect=indirect,
        fast=fast,
        csv_safe=csv_safe,
        input_format=input_format,
        text_field=text_field,
        id_field=id_field,
    )
    _check(out_dir, settings, force)
    nlp = _load(model, indirect, fast) if engine == Engine.local else None  # Dask workers load their own
    run = Run(out_dir, force=force)
    try:
        run.begin(settings)
        if nlp is None:
            _run_dask(run, sources, model, indirect, scheduler, workers, text_field, id_field, fast)
        else:
            _run_local(run, sources, nlp, workers, batch_size, text_field, id_field, guessed)
    except KeyboardInterrupt:
        err.print(
            f"[yellow]interrupted[/] after {run.stats.done + run.stats.failed} new articles;"
            " their work is kept. Run the same command again to resume.",
            soft_wrap=True,
        )
        raise typer.Exit(code=130) from None
    except OSError as exc:  # reading never raises (bad input is a ReadError): the work folder failed
        _fail(_unwritable(out_dir, exc))
    try:
        run.drop_unseen()
        chosen = [f.value for f in formats] if formats else DEFAULT_FORMATS
        writer = run.merge(chosen, save_text=save_text, csv_safe=csv_safe)
    except OSError as exc:
        _fail(_unwritable(out_dir, exc))
    out.print(_summary(run.stats, writer, len(guessed)))
    if writer.errors:
        err.print(
            f"[red]{writer.errors} input(s) failed[/] (see {escape(_one_line(str(writer.errors_target)))});"
            " the others were written.",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(code=EXIT_FAILED_ARTICLES)


def _lock(ctx: typer.Context, out_dir: Path) -> None:
    """Hold the output folder's lock until the command ends (its context releases it), or fail
    at once: a second run into the same folder would overwrite the first one's work."""
    try:
        ctx.with_resource(OutputLock(out_dir, out_dir / WORK_DIR))
    except FolderLocked as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(_unwritable(out_dir, exc))


def _check(out_dir: Path, settings: Settings, force: bool) -> None:
    """Refuse, before the model loads, to resume results that this run would not make."""
    reason = None if force else Run(out_dir).check(settings)
    if reason is not None:
        _fail(f"{out_dir}: {reason}. --force starts over, replacing them")


def _unwritable(out_dir: Path, exc: OSError) -> str:
    where = exc.filename if exc.filename is not None else out_dir
    return f"{out_dir}: cannot write the output: {where}: {exc.strerror or exc}"


def _run_local(
    run: Run,
    sources: Iterable[Source | ReadError],
    nlp: Language,
    workers: int,
    batch_size: int,
    text_field: str,
    id_field: str,
    guessed: list[str] | None = None,
) -> None:
    # One file may hold many articles (JSONL): then the bar counts articles without a total.
    files = [s for s in sources if isinstance(s, Source)]
    total = None if any(s.fmt == "jsonl" for s in files) else len(files)
    columns = (TextColumn("[bold]extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("extract", total=total)

        def report(result: ArticleResult) -> None:
            progress.advance(task)
            if result.error is not None:
                where = result.article_id if "#" in result.article_id else result.path
                _error(f"{where}: {result.error}", progress.console)

        def guess(path: str, encoding: str) -> None:  # its letters may be garbled: say so
            if guessed is not None:
                guessed.append(path)
            _warn(f"{path}: not UTF-8, encoding guessed as {encoding}", progress.console)

        stream = reading.note_guesses(articles(sources, text_field, id_field), guess)
        run.run(stream, nlp, batch_size=batch_size, n_process=workers, on_result=report)


def _run_dask(
    run: Run,
    sources: list[Source | ReadError],
    model: str,
    indirect: bool,
    scheduler: str | None,
    workers: int,
    text_field: str,
    id_field: str,
    fast: bool = False,
) -> None:
    try:
        from .distributed import run_dask
    except ImportError:
        _fail('the dask engine needs the dask extra: pip install "quotegrab[dask]"')
    where = f"Dask at {scheduler}" if scheduler else f"a LocalCluster of {workers} workers"
    try:
        with err.status(f"running on {where}"):
            dask = partial(run_dask, text_field=text_field, id_field=id_field, fast=fast)
            dask(run, sources, model, indirect, scheduler, workers)
    except (OSError, ValueError, ImportError) as exc:  # raised on a worker: the model did not load
        _fail(f"cannot load model {model!r} on the workers: {exc}")


def _summary(stats: RunStats, writer: QuoteWriter, guessed: int = 0) -> Table:
    counts = {"articles analysed": stats.done, "articles already done": stats.skipped}
    counts |= {"dropped, input gone": stats.dropped, "[yellow]encoding guessed": guessed}
    counts |= {"[red]failed": writer.errors, "articles written": writer.articles, "quotes": writer.rows}
    counts |= {f"  {kind}": writer.kinds[kind] for kind in KINDS}
    counts |= {"attributed": writer.attributed, "unattributed": writer.rows - writer.attributed}
    optional = ("articles already done", "[red]failed", "dropped, input gone", "[yellow]encoding guessed")
    shown = {k: v for k, v in counts.items() if v or k not in optional}
    table = _counts("quotegrab summary", None, shown)
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
        _fail(f"{file}: no such file")
    result = next(process(articles([Source(file, file.stem, input_format(file))]), _load(model)))
    if result.error is not None:
        _fail(f"{file}: {result.error}")
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
        _fail(str(exc))
    summary = quote_summary(frame, top)
    unresolved = summary["unresolved_articles"]
    out.print(_counts("totals", None, summary["totals"]))
    out.print(_counts("by kind", "kind", summary["kinds"]))
    out.print(_counts("by attribution", "attribution", summary["attributions"]))
    out.print(_counts(f"top {top} speakers", "speaker", summary["speakers"]))
    title = f"articles with quotes but no resolved speaker ({len(unresolved)})"
    out.print(_counts(title, "article", unresolved))


def _counts(title: str, header: str | None, counts: Mapping[str, object]) -> Table:
    """A two-column table of names and counts (of quotes, when it has a header)."""
    table = Table(title=title, show_header=header is not None)
    table.add_column(header or "what")
    table.add_column("quotes" if header else "count", justify="right")
    for name, value in counts.items():
        table.add_row(str(name), str(value))
    return table


def _quote_table(result: ArticleResult, width: int) -> Table:
    table = Table(title=f"{result.article_id}: {len(result.quotes)} quotes")
    for name in ("#", "kind", "speaker", "how", "cue", "quote"):
        table.add_column(name, overflow="fold" if name == "quote" else "ellipsis")
    for i, quote in enumerate(result.quotes):
        text = " ".join(quote.text.split())
        short = text if len(text) <= width else text[: width - 1] + "…"
        table.add_row(
            str(i), quote.kind, quote.speaker or "[dim]unknown", quote.attribution, quote.cue or "", short
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
    indirect: IndirectOption = True,
    misses: Annotated[int, typer.Option(help="How many misses to list (-1: all).")] = -1,
    fast: FastOption = False,
) -> None:
    """Score quote detection and speaker attribution against hand-labelled gold articles."""
    if not gold_dir.is_dir():
        _fail(f"{gold_dir}: no such folder")
    try:
        articles = load_gold(gold_dir)
    except (ValueError, OSError) as exc:  # a malformed gold file is one line, not a traceback
        _fail(str(exc))
    if not articles:
        _fail(f"{gold_dir}: no gold *.json files")
    if pred is not None:
        if not pred.is_file():
            _fail(f"{pred}: no such file")
        try:
            predictions = read_predictions(pred)
        except (ValueError, OSError) as exc:
            _fail(str(exc))
    else:
        nlp = _load(model, indirect=indirect, fast=fast)
        predictions = {}
        for article in track(articles, description="scoring", console=err, transient=True):
            predictions[article.doc_id] = [q.to_dict() for q in extract_text(article.text, nlp)]
    report = score(articles, predictions)
    tags = sorted({tag for article in articles for tag in article.phenomena}) if by_phenomenon else []
    groups = {tag: [a for a in articles if tag in a.phenomena] for tag in tags}
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
        short = text[:90] + ("…" if len(text) > 90 else "")
        table.add_row(
            miss.doc_id, miss.what, miss.kind, short, miss.gold_speaker or "", miss.predicted_speaker or ""
        )
    return table


def main() -> None:
    app()
