"""The command line: with `cli_output`, the only modules that import typer and rich."""

from __future__ import annotations

import dataclasses
import os
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.markup import escape
from rich.progress import track
from spacy.language import Language

from . import read as reading
from .cli_output import (
    counts_table,
    err,
    error_line,
    miss_table,
    one_line,
    out,
    quote_table,
    run_local,
    score_table,
    summary_table,
)
from .evaluate import load_gold, read_predictions, score
from .frame import quote_summary, read_quotes
from .inputs import WORK_DIR, unique_sources, without_outputs
from .lock import FolderLocked, OutputLock
from .pipeline import BATCH_SIZE, DEFAULT_MODEL, articles, extract_text, load_pipeline, process
from .read import INPUT_FORMATS, ReadError, Source, find_sources, input_format
from .run import Run
from .settings import Settings, run_settings
from .view import render_html
from .write import DEFAULT_FORMATS, Format

HELP = "Find every quotation in news articles and tell who said it."
app = typer.Typer(help=HELP, no_args_is_help=True, add_completion=False)

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


def _fail(message: str) -> NoReturn:
    """Nothing could be run: say why and exit 1."""
    error_line(message)
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
            error_line(str(problem))
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
    batch_size: Annotated[
        int, typer.Option(min=1, help="Articles per spaCy batch (a batch also closes at 150,000 characters).")
    ] = BATCH_SIZE,
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
            run_local(run, sources, nlp, workers, batch_size, text_field, id_field, guessed)
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
    out.print(summary_table(run.stats, writer, len(guessed)))
    if writer.errors:
        err.print(
            f"[red]{writer.errors} input(s) failed[/] (see {escape(one_line(str(writer.errors_target)))});"
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
        out.print(quote_table(result, width))
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
    out.print(counts_table("totals", None, summary["totals"]))
    out.print(counts_table("by kind", "kind", summary["kinds"]))
    out.print(counts_table("by attribution", "attribution", summary["attributions"]))
    out.print(counts_table(f"top {top} speakers", "speaker", summary["speakers"]))
    title = f"articles with quotes but no resolved speaker ({len(unresolved)})"
    out.print(counts_table(title, "article", unresolved))


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
    out.print(score_table(report, f"{report.articles} gold articles"))
    for tag, arts in groups.items():
        out.print(score_table(score(arts, predictions), f"{tag} ({len(arts)} articles)"))
    shown = report.misses if misses < 0 else report.misses[:misses]
    if shown:
        out.print(miss_table(report, shown))


def main() -> None:
    app()
