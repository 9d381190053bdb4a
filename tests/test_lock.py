"""One run at a time per output folder: a second run fails at once and names the first."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from typer.testing import CliRunner

from quotegrab.cli import app
from quotegrab.lock import OutputLock
from test_run import cli, make_corpus, wait_for_progress

runner = CliRunner()


def test_lock_second_run_fails_at_once_naming_folder_and_pid(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = cli("extract", str(make_corpus(tmp_path / "in", 120)), "--out", str(out), "--batch-size", "2")
    try:
        wait_for_progress(out, first, 2)
        other = make_corpus(tmp_path / "other", 2)
        started = time.monotonic()
        second = runner.invoke(app, ["extract", str(other), "--out", str(out), "--workers", "1"])
        assert time.monotonic() - started < 5  # refused before the model loads
        assert first.poll() is None, "the first run ended before the second started"
    finally:
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=60)
    assert second.exit_code == 1
    (line,) = second.stderr.splitlines()
    assert line.startswith("error:") and str(out) in line and f"pid {first.pid}" in line
    # the kernel let go of the killed run's lock: a resume needs no clean-up
    with OutputLock(out, out / ".quotegrab"):
        pass
