from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from spacy.language import Language

from quotegrab import load_pipeline

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "gold"
SPLITS = ("dev", "heldout")  # rules are written from dev only; heldout measures them
SEED_ID = "soundtrack-2-press-conference"


def load_gold(name: str) -> dict[str, Any]:
    (path,) = GOLD_DIR.rglob(f"{name}.json")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real default model with the quotegrab component, loaded once."""
    return load_pipeline()


@pytest.fixture(scope="session")
def fast_nlp() -> Language:
    """The default model in fast mode (tokenizer, then the quotegrab component), loaded once."""
    return load_pipeline(fast=True)


@pytest.fixture(scope="session")
def extract(nlp: Language):
    from quotegrab import extract_text

    def run(text: str):
        return extract_text(text, nlp)

    return run


# Property tests: a fixed example budget; derandomised on CI so that a run is repeatable.
settings.register_profile("default", max_examples=150, deadline=None)
settings.register_profile("ci", parent=settings.get_profile("default"), derandomize=True, print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "default")
