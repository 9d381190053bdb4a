"""What the command line prints: one-line errors and warnings, and the rich tables (run
summaries, counts, quotes, scores, misses).

Part of the command line: with `cli`, the only modules that import rich.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from spacy.language import Language

from .evaluate import SCORE_COLUMNS, Miss, Report
from .pipeline import ArticleResult, articles
from .read import ReadError, Source, note_guesses
from .run import Run, RunStats
from .types import KINDS
from .write import QuoteWriter

out = Console()
err = Console(stderr=True)


def error_line(message: str, console: Console = err) -> None:
    """One line on stderr, never wrapped, so that each bad file is one greppable line."""
    console.print(f"[red]error:[/] {escape(one_line(message))}", soft_wrap=True, highlight=False)


def one_line(text: str) -> str:
    """Control characters escaped (a newline as \\n): a file name cannot forge a second error line."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def warn_line(message: str, console: Console = err) -> None:
    console.print(f"[yellow]warning:[/] {escape(message)}", soft_wrap=True, highlight=False)


def summary_table(stats: RunStats, writer: QuoteWriter, guessed: int = 0) -> Table:
    counts = {"articles analysed": stats.done, "articles already done": stats.skipped}
    counts |= {"dropped, input gone": stats.dropped, "[yellow]encoding guessed": guessed}
    counts |= {"[red]failed": writer.errors, "articles written": writer.articles, "quotes": writer.rows}
    counts |= {f"  {kind}": writer.kinds[kind] for kind in KINDS}
    counts |= {"attributed": writer.attributed, "unattributed": writer.rows - writer.attributed}
    optional = ("articles already done", "[red]failed", "dropped, input gone", "[yellow]encoding guessed")
    shown = {k: v for k, v in counts.items() if v or k not in optional}
    table = counts_table("quotegrab summary", None, shown)
    for target in writer.targets.values():
        table.add_row("written", str(target))
    return table


def counts_table(title: str, header: str | None, counts: Mapping[str, object]) -> Table:
    """A two-column table of names and counts (of quotes, when it has a header)."""
    table = Table(title=title, show_header=header is not None)
    table.add_column(header or "what")
    table.add_column("quotes" if header else "count", justify="right")
    for name, value in counts.items():
        table.add_row(str(name), str(value))
    return table


def quote_table(result: ArticleResult, width: int) -> Table:
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


def score_table(report: Report, title: str) -> Table:
    table = Table(title=title)
    for name in SCORE_COLUMNS:
        table.add_column(name, justify="left" if name == "kind" else "right")
    for row in report.rows():
        table.add_row(*row.values())
    return table


def miss_table(report: Report, shown: list[Miss]) -> Table:
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


def run_local(
    run: Run,
    sources: Iterable[Source | ReadError],
    nlp: Language,
    workers: int,
    batch_size: int,
    text_field: str,
    id_field: str,
    guessed: list[str] | None = None,
) -> None:
    """Articles through the run engine in this process (and its workers), under a progress bar."""
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
                error_line(f"{where}: {result.error}", progress.console)

        def guess(path: str, encoding: str) -> None:  # its letters may be garbled: say so
            if guessed is not None:
                guessed.append(path)
            warn_line(f"{path}: not UTF-8, encoding guessed as {encoding}", progress.console)

        stream = note_guesses(articles(sources, text_field, id_field), guess)
        run.run(stream, nlp, batch_size=batch_size, n_process=workers, on_result=report)
