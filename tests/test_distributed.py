"""The Dask engine: the same quotes as a single-process run, on a LocalCluster of 2 workers."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotegrab.cli import app
from test_run import make_corpus

pytest.importorskip("dask.distributed", reason="the dask extra is part of the dev install")

runner = CliRunner()


def test_distributed_matches_local_run(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "in", 40)
    (corpus / "empty.txt").write_text("")
    local = runner.invoke(app, ["extract", str(corpus), "--out", str(tmp_path / "local"), "--workers", "1"])
    assert local.exit_code == 3, local.output
    args = ["extract", str(corpus), "--out", str(tmp_path / "dask"), "--engine", "dask", "--workers", "2"]
    distributed = runner.invoke(app, args)
    assert distributed.exit_code == 3, distributed.output
    for name in ("quotes.jsonl", "quotes.csv", "errors.jsonl"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()
    # a rerun on the cluster resumes: nothing is analysed again
    again = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert "already done" in again.stdout
    assert (tmp_path / "dask" / "quotes.jsonl").read_bytes() == (
        tmp_path / "local" / "quotes.jsonl"
    ).read_bytes()
