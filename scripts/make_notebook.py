"""Write notebooks/explore_quotes.ipynb from the cells below, outputs cleared.

Edit the cells here, then run: python scripts/make_notebook.py
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

CELLS = [
    new_markdown_cell(
        "# Exploring quotegrab output\n\n"
        "An analyst's first hour with the quotes that `make run` writes to `data/out/`. "
        "Every number here comes from the `quotegrab` package; the notebook only calls it."
    ),
    new_code_cell(
        "import os\n"
        "from pathlib import Path\n\n"
        "import matplotlib.pyplot as plt\n\n"
        "from quotegrab import quote_summary, read_quotes\n\n"
        "# The output folder of `quotegrab extract`; QUOTEGRAB_OUT overrides it.\n"
        'OUT = Path(os.environ.get("QUOTEGRAB_OUT", "../data/out"))\n'
        "quotes = read_quotes(OUT)\n"
        "quotes.dtypes"
    ),
    new_markdown_cell("## Quotes per article"),
    new_code_cell(
        'per_article = quotes.groupby("article_id", observed=True).size().sort_values(ascending=False)\n'
        "per_article"
    ),
    new_markdown_cell("## Top speakers"),
    new_code_cell('top_speakers = quotes["speaker"].value_counts().head(15)\ntop_speakers'),
    new_markdown_cell(
        "## How speakers were found\n\n"
        "The share of quotes with a resolved speaker, by attribution method: `explicit` names, "
        "`name_part` surnames resolved to full names, `pronoun`, `role`, `continuation`, or `none`."
    ),
    new_code_cell(
        'by_method = quotes.groupby("attribution", observed=False).agg(\n'
        '    quotes=("text", "size"), resolved=("speaker", lambda s: s.notna().mean())\n'
        ")\n"
        "by_method"
    ),
    new_code_cell('quote_summary(quotes)["totals"]'),
    new_markdown_cell("## Plots"),
    new_code_cell(
        "fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4))\n"
        'top_speakers.sort_values().plot.barh(ax=left, title="Top speakers")\n'
        'per_article.plot.bar(ax=right, title="Quotes per article")\n'
        'right.set_xlabel("")\n'
        "fig.tight_layout()"
    ),
    new_markdown_cell("## One speaker's quotes"),
    new_code_cell(
        "speaker = top_speakers.index[0]\n"
        'quotes.loc[quotes["speaker"] == speaker, ["article_id", "kind", "cue", "text"]]'
    ),
]


def main() -> None:
    notebook = new_notebook(cells=CELLS)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = Path(__file__).resolve().parent.parent / "notebooks" / "explore_quotes.ipynb"
    nbformat.write(notebook, path)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
