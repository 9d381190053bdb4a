"""First names that tell a person's gender, so that "he" skips "Hannah Lindqvist".

The names come from the `nomquamgender` package (MIT; Van Buskirk et al., "An open-source
cultural consensus approach to name-based gender classification", 2023): about 720,000
names, each with the share of its bearers that its sources record as women. Only names
that at least two sources agree on, nine times in ten or more, are used here.

Reading its 22 MB of JSON takes a second and 250 MB, so the names kept are written once
to a small tab-separated file in the user's cache folder (`$QUOTEGRAB_CACHE`, else
`$XDG_CACHE_HOME/quotegrab`, else `~/.cache/quotegrab`), which later processes and
workers read in a tenth of the time. Nothing is fetched: without the package installed,
no first name tells anything.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

_PACKAGE = "nomquamgender"
MIN_SOURCES = 2  # sources that must list a name
MIN_SHARE = 0.9  # share of one gender among its bearers


def _cache_dir() -> Path:
    if os.environ.get("QUOTEGRAB_CACHE"):
        return Path(os.environ["QUOTEGRAB_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "quotegrab"


def _source() -> tuple[Path, str] | None:
    """The package's name data and its version, found without importing the package."""
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    data = Path(next(iter(spec.submodule_search_locations))) / "name_data.json"
    return (data, importlib.metadata.version(_PACKAGE)) if data.is_file() else None


def _kept(data: Path) -> dict[str, str]:
    """name -> "female" or "male", for the names the sources agree on."""
    rows = json.loads(data.read_text(encoding="utf-8"))
    kept = {}
    for name, (sources, _, share, *_) in rows.items():
        if sources >= MIN_SOURCES and name.isalpha() and max(share, 1 - share) >= MIN_SHARE:
            kept[name] = "female" if share > 0.5 else "male"
    return kept


@lru_cache(maxsize=1)
def first_name_genders() -> dict[str, str]:
    """Lower-cased first name -> gender; empty when the package is not installed."""
    source = _source()
    if source is None:
        return {}
    data, version = source
    cache = _cache_dir() / f"first_names-{_PACKAGE}-{version}-{MIN_SOURCES}-{MIN_SHARE}.tsv"
    try:
        lines = cache.read_text(encoding="utf-8").splitlines()
        return dict(line.split("\t", 1) for line in lines if "\t" in line)
    except OSError:
        pass
    kept = _kept(data)
    try:  # written whole or not at all: a concurrent worker may be writing it too
        cache.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=cache.parent, delete=False) as tmp:
            tmp.writelines(f"{name}\t{gender}\n" for name, gender in sorted(kept.items()))
        os.replace(tmp.name, cache)
    except OSError:
        pass  # a read-only home: the names are kept in memory only
    return kept
