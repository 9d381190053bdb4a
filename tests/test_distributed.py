"""The Dask engine: the same quotes as a single-process run, on a LocalCluster of 2 workers."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotegrab.cli import app
from test_cli import rows_of
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


def test_distributed_driver_never_loads_the_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the driver of a Dask run loaded the model")

    # Only this process is patched: the LocalCluster's workers are processes of their own.
    for target in ("quotegrab.cli.load_pipeline", "quotegrab.pipeline.load_pipeline", "spacy.load"):
        monkeypatch.setattr(target, refuse)
    corpus = make_corpus(tmp_path / "in", 4)
    args = ["extract", str(corpus), "--out", str(tmp_path / "out"), "--engine", "dask", "--workers", "1"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    speakers = {row["speaker"] for row in rows_of(tmp_path / "out" / "quotes.jsonl")}
    assert speakers == {"Maria Lopez", "Tom Reed", "Anna Berg", "Kwame Mensah"}
