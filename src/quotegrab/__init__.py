"""quotegrab: find every quotation in news articles and tell who said it."""

from .clean import Cleaned, clean, clean_text
from .component import QuoteFinder, find_doc_quotes, make_quote_finder
from .evaluate import load_gold, score
from .frame import extract_frame, quote_summary, read_quotes
from .pipeline import DEFAULT_MODEL, ArticleResult, extract_text, load_pipeline, process
from .quotes import find_quotes, is_speech
from .read import ReadError, Source, decode, find_sources, read_text
from .types import RECORD_FIELDS, Cue, DocQuote, Quote, QuoteRecord, QuoteSpan
from .view import render_html
from .write import QuoteWriter

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_MODEL",
    "RECORD_FIELDS",
    "ArticleResult",
    "Cleaned",
    "Cue",
    "DocQuote",
    "Quote",
    "QuoteFinder",
    "QuoteRecord",
    "QuoteSpan",
    "QuoteWriter",
    "ReadError",
    "Source",
    "__version__",
    "clean",
    "clean_text",
    "decode",
    "extract_frame",
    "extract_text",
    "find_doc_quotes",
    "find_quotes",
    "find_sources",
    "is_speech",
    "load_gold",
    "load_pipeline",
    "make_quote_finder",
    "process",
    "quote_summary",
    "read_quotes",
    "read_text",
    "render_html",
    "score",
]
