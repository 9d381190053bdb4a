"""quotegrab output <-> pandas DataFrames, for analysts.

`read_quotes` loads quotes.jsonl, quotes.csv, quotes.parquet or an output folder into a
DataFrame with proper dtypes. A folder whose run has not finished yet is read through the
run engine: the latest result of every article done so far. The CSV round-trips without
loss because no nullable field is ever the empty string, so an empty cell can only mean null.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd
from spacy.language import Language

from .pipeline import extract_text
from .run import Run
from .types import RECORD_FIELDS, to_record
from .write import CATEGORIES, FORMATS, INT_COLUMNS, TEXT_COLUMNS

NULLABLE_TEXT = ("speaker", "speaker_mention", "cue")


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a quotes frame its dtypes: categories, nullable integers and strings, in column order."""
    frame = frame.reindex(columns=list(RECORD_FIELDS))
    for column in INT_COLUMNS:
        frame[column] = pd.to_numeric(frame[column], errors="raise").astype("Int64")
    for column, values in CATEGORIES.items():
        frame[column] = pd.Categorical(frame[column], categories=list(values))
    for column in TEXT_COLUMNS:
        frame[column] = frame[column].astype("string")
    return frame


def _output_files(folder: Path) -> list[Path]:
    """The final outputs in `folder`, of the first format found (jsonl, csv, parquet)."""
    for fmt in FORMATS:
        found = sorted(folder.glob(f"quotes*.{fmt}"))
        if found:
            return found
    return []


def _read_run(folder: Path) -> pd.DataFrame:
    """The quotes of every article a (perhaps interrupted) run in `folder` has done so far."""
    rows = [
        to_record(result.article_id, index, quote)
        for result in Run(folder).results()
        if result.error is None
        for index, quote in enumerate(result.quotes)
    ]
    return pd.DataFrame(rows, columns=list(RECORD_FIELDS))


def _read_one(path: Path) -> pd.DataFrame:
    if path.suffix == ".parquet":
        return pd.read_parquet(path)
    if path.suffix == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8")
        for column in (*NULLABLE_TEXT, "speaker_start", "speaker_end", "cue_start", "cue_end"):
            frame[column] = frame[column].where(frame[column] != "", None)
        return frame
    with path.open(encoding="utf-8") as handle:  # json, not read_json: no type guessing
        rows = [json.loads(line) for line in handle if line.strip()]
    return pd.DataFrame(rows, columns=list(RECORD_FIELDS))


def read_quotes(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Load quotegrab output (a .jsonl, .csv or .parquet file, or an output folder) as a typed DataFrame."""
    path = Path(path)
    if path.is_dir():
        files = _output_files(path)
        if not files:
            if not Run(path).recorded():
                raise FileNotFoundError(
                    f"{path}: no quotes.jsonl, .csv or .parquet and no run in this folder"
                )
            return typed(_read_run(path))
    elif path.is_file():
        files = [path]
    else:
        raise FileNotFoundError(f"{path}: no such file or folder")
    frames = [_read_one(f) for f in files]
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return typed(frame)


def extract_frame(texts: Iterable[str] | pd.Series, nlp: Language | None = None) -> pd.DataFrame:
    """Run the pipeline in memory over texts; a Series' index becomes the article_id."""
    if isinstance(texts, pd.Series):
        items = [(str(i), t) for i, t in texts.items()]
    else:
        items = [(str(i), t) for i, t in enumerate(texts)]
    rows = [
        to_record(article_id, n, quote)
        for article_id, text in items
        for n, quote in enumerate(extract_text(text, nlp))
    ]
    return typed(pd.DataFrame(rows, columns=list(RECORD_FIELDS)))


def quote_summary(frame: pd.DataFrame, top: int = 20) -> dict[str, dict[str, float]]:
    """Counts an analyst looks at first, as plain dicts."""
    resolved = frame["speaker"].notna()
    per_article = frame.groupby("article_id", observed=True)
    any_resolved = per_article["speaker"].apply(lambda s: s.notna().any())
    unresolved = per_article.size()[~any_resolved]
    return {
        "totals": {
            "articles": int(frame["article_id"].nunique()),
            "quotes": len(frame),
            "speakers": int(frame["speaker"].nunique()),
            "resolved share %": round(100 * float(resolved.mean()), 1) if len(frame) else 0,
        },
        "kinds": {str(k): int(v) for k, v in frame["kind"].value_counts(sort=False).items()},
        "attributions": {str(k): int(v) for k, v in frame["attribution"].value_counts(sort=False).items()},
        "speakers": {str(k): int(v) for k, v in frame["speaker"].value_counts().head(top).items()},
        "unresolved_articles": {str(k): int(v) for k, v in unresolved.items()},
    }
