"""What a run's results depend on, recorded beside them so that a rerun can tell whether the results
it would resume are the ones it would make now.

`OUT/.quotegrab/settings.json` holds the input paths and the options that shape the quotes: the
model and its version, --no-indirect, the input format and fields, the quotegrab version. A rerun
that differs in any of them is refused (unless --force) rather than silently mixing old and new
quotes, or one corpus with another. Workers, batch size, engine and output formats are left out:
they never change a quote.
"""

from __future__ import annotations

import importlib.metadata
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .storage import atomic_write

SETTINGS_NAME = "settings.json"


@dataclass(frozen=True)
class Settings:
    inputs: tuple[str, ...]  # resolved input paths, sorted: the order of the paths is no new corpus
    options: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"inputs": list(self.inputs), "options": self.options}


def run_settings(inputs: Iterable[str | Path], model: str, **options: Any) -> Settings:
    """The settings of a run over `inputs` with `model`; `options` are the others that shape quotes."""
    from . import __version__

    resolved = tuple(sorted(str(Path(p).resolve()) for p in inputs))
    every = {"model": model, "model_version": model_version(model), **options, "quotegrab": __version__}
    return Settings(resolved, every)


def model_version(model: str) -> str:
    """The version of an installed model package or a model folder, found without loading it (the
    driver of a Dask run never loads the model)."""
    meta = Path(model) / "meta.json"
    try:
        if meta.is_file():
            return str(json.loads(meta.read_text(encoding="utf-8")).get("version", "unknown"))
        return importlib.metadata.version(model)
    except (ValueError, OSError, importlib.metadata.PackageNotFoundError):
        return "unknown"


def load_settings(work_dir: Path) -> Settings | None:
    try:
        data = json.loads((work_dir / SETTINGS_NAME).read_text(encoding="utf-8"))
        return Settings(tuple(data["inputs"]), dict(data["options"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save_settings(work_dir: Path, settings: Settings) -> None:
    work_dir.mkdir(parents=True, exist_ok=True)
    atomic_write(work_dir / SETTINGS_NAME, json.dumps(settings.to_dict(), indent=1) + "\n")


def mismatch(recorded: Settings | None, settings: Settings) -> str | None:
    """Why results recorded with `recorded` cannot be resumed by a run with `settings`, or None."""
    if recorded is None:
        return "it holds results of an earlier quotegrab that did not record its settings"
    if recorded.inputs != settings.inputs:
        return (
            f"it holds the results of a run over {', '.join(recorded.inputs)},"
            f" not {', '.join(settings.inputs)}; use another --out"
        )
    keys = dict.fromkeys([*recorded.options, *settings.options])
    changed = [
        f"{key} {recorded.options.get(key)} -> {settings.options.get(key)}"
        for key in keys
        if recorded.options.get(key) != settings.options.get(key)
    ]
    if changed:
        return f"its results were made with other settings ({'; '.join(changed)})"
    return None
