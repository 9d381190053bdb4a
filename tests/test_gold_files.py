"""Every gold file is well formed: offsets match text, kinds and tags are known."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import GOLD_DIR, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from check_gold import check

GOLD_FILES = sorted(GOLD_DIR.rglob("*.json"))


def test_gold_files_present() -> None:
    assert any(p.stem == "soundtrack-2-press-conference" for p in GOLD_FILES)
    assert {p.parent.name for p in GOLD_FILES} == {"dev", "heldout"}
    assert len({p.stem for p in GOLD_FILES}) == len(GOLD_FILES)  # ids are unique across splits


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.stem)
def test_gold_file_valid(path: Path) -> None:
    assert check(path) == []
