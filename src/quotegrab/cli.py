"""The command line: the only module that imports typer and rich."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from spacy.language import Language

from .pipeline import DEFAULT_MODEL, ArticleResult, load_pipeline, process
from .read import ReadError, Source, find_sources
from .types import KINDS
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


def _load(model: str, nested: bool = True) -> Language:
    try:
        return load_pipeline(model, nested=nested)
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
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per spaCy batch.")] = 64,
) -> None:
    """Extract attributed quotes from articles into JSONL and CSV."""
    formats = _formats(fmt)
    sources = list(find_sources(paths, glob))
    missing = [s for s in sources if isinstance(s, ReadError)]
    files = [s for s in sources if isinstance(s, Source)]
    for problem in missing:
        _error(str(problem))
    if not files:
        _error(f"no input files matching {glob!r}")
        raise typer.Exit(code=1)
    nlp = _load(model)
    kinds: Counter[str] = Counter()
    attributed = unattributed = failed = done = 0
    progress = Progress(
        TextColumn("[bold]extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    )
    try:
        with progress, QuoteWriter(out_dir, formats) as writer:
            task = progress.add_task("extract", total=len(files))
            for result in process(files, nlp, batch_size=batch_size):
                progress.advance(task)
                if result.error is not None:
                    failed += 1
                    _error(f"{result.path}: {result.error}", progress.console)
                    continue
                done += 1
                writer.write(result.article_id, result.quotes)
                for quote in result.quotes:
                    kinds[quote.kind] += 1
                    if quote.speaker is None:
                        unattributed += 1
                    else:
                        attributed += 1
    except KeyboardInterrupt:
        err.print(f"[yellow]interrupted[/] after {done} of {len(files)} articles; no output was written.")
        raise typer.Exit(code=130) from None
    failed += len(missing)
    out.print(_summary(done, failed, kinds, attributed, unattributed, writer))
    if failed:
        err.print(f"[red]{failed} input(s) failed[/]; the others were written.", highlight=False)
        raise typer.Exit(code=EXIT_FAILED_ARTICLES)


def _summary(
    done: int, failed: int, kinds: Counter[str], attributed: int, unattributed: int, writer: QuoteWriter
) -> Table:
    table = Table(title="quotegrab summary", show_header=False)
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles", str(done))
    if failed:
        table.add_row("[red]failed", str(failed))
    table.add_row("quotes", str(sum(kinds.values())))
    for kind in KINDS:
        table.add_row(f"  {kind}", str(kinds[kind]))
    table.add_row("attributed", str(attributed))
    table.add_row("unattributed", str(unattributed))
    for target in writer.targets.values():
        table.add_row("written", str(target))
    return table


@app.command()
def show(
    file: Annotated[Path, typer.Argument(help="One article file.")],
    model: ModelOption = DEFAULT_MODEL,
    width: Annotated[int, typer.Option(help="Characters of each quote to show.")] = 80,
) -> None:
    """Print one article's quotes as a table: kind, speaker, cue and the quote."""
    if not file.is_file():
        _error(f"{file}: no such file")
        raise typer.Exit(code=1)
    result = next(process([Source(file, file.stem)], _load(model)))
    if result.error is not None:
        _error(f"{file}: {result.error}")
        raise typer.Exit(code=1)
    out.print(_quote_table(result, width))


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


def main() -> None:
    app()
