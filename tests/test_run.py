"""Resumable runs: skip what is done, survive SIGKILL and Ctrl-C, end with identical outputs."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from spacy.language import Language

from quotegrab.pipeline import ArticleResult, articles
from quotegrab.read import find_sources
from quotegrab.run import Run

NAMES = ["Maria Lopez", "Tom Reed", "Anna Berg", "Kwame Mensah", "Priya Raman"]


def make_corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        name = NAMES[i % len(NAMES)]
        text = (
            f'"Phase {i} of the plan is ready to go," {name} said on Monday.\n\n'
            f"{name.split()[-1]} added that work on site {i} would start in spring.\n\n"
            f'"We have waited {i} months for this," {name.split()[-1]} said.'
        )
        (folder / f"story-{i:04d}.txt").write_text(text, encoding="utf-8")
    return folder


def cli(*args: str) -> subprocess.Popen[str]:
    code = "from quotegrab.cli import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def manifest_lines(out: Path) -> int:
    path = out / ".quotegrab" / "manifest.jsonl"
    return len(path.read_text().splitlines()) if path.exists() else 0


def wait_for_progress(out: Path, proc: subprocess.Popen[str], lines: int) -> None:
    deadline = time.monotonic() + 120
    while manifest_lines(out) < lines:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.05)


def interrupt(corpus: Path, out: Path, sig: signal.Signals, *args: str) -> subprocess.Popen[str]:
    """A CLI run into `out`, stopped by `sig` once 20 articles are recorded; returns it ended."""
    proc = cli("extract", str(corpus), "--out", str(out), *args)
    wait_for_progress(out, proc, 20)
    os.kill(proc.pid, sig)
    proc.wait(timeout=60)
    assert manifest_lines(out) < 240, "the run finished before it could be interrupted"
    assert not (out / "quotes.jsonl").exists()  # nothing final until the merge
    return proc


def run_here(corpus: Path, out: Path, nlp: Language, batch_size: int, merge: bool = True) -> Run:
    """A run of `corpus` into `out` in this process; merged into quotes.jsonl unless told not to."""
    run = Run(out)
    run.run(articles(find_sources([corpus])), nlp, batch_size=batch_size)
    if merge:
        run.merge(["jsonl"])
    return run


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("quotes.jsonl", "quotes.csv", "articles.jsonl")}


def test_run_rerun_skips_done_and_redoes_changed(nlp, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "in", 6)

    def run() -> Run:
        return run_here(corpus, tmp_path / "out", nlp, batch_size=4)

    first = run()
    assert (first.stats.done, first.stats.skipped) == (6, 0)
    before = (tmp_path / "out" / "quotes.jsonl").read_bytes()
    again = run()
    assert (again.stats.done, again.stats.skipped) == (0, 6)
    assert (tmp_path / "out" / "quotes.jsonl").read_bytes() == before
    (corpus / "story-0002.txt").write_text('"Changed," said Tom Reed.', encoding="utf-8")
    changed = run()
    assert (changed.stats.done, changed.stats.skipped) == (1, 5)
    assert b'"Changed,"' not in before and b"Changed," in (tmp_path / "out" / "quotes.jsonl").read_bytes()


def test_run_torn_manifest_line_is_ignored(nlp, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "in", 3)
    run_here(corpus, tmp_path / "out", nlp, batch_size=2, merge=False)
    with (tmp_path / "out" / ".quotegrab" / "manifest.jsonl").open("a") as handle:
        handle.write('{"article_id": "story-00')  # a kill mid-write
    resumed = run_here(corpus, tmp_path / "out", nlp, batch_size=2, merge=False)
    assert (resumed.stats.done, resumed.stats.skipped) == (0, 3)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["sigkill", "ctrl-c"])
def test_run_interrupted_then_resumed_equals_uninterrupted(tmp_path: Path, sig: signal.Signals) -> None:
    corpus = make_corpus(tmp_path / "in", 240)
    common = ["--batch-size", "2", "--workers", "1", "--save-text"]
    clean = cli("extract", str(corpus), "--out", str(tmp_path / "clean"), *common)
    assert clean.wait(timeout=300) == 0, clean.communicate()

    out = tmp_path / "interrupted"
    proc = interrupt(corpus, out, sig, *common)
    code = proc.returncode
    _, stderr = proc.communicate()
    if sig == signal.SIGKILL:
        assert code == -signal.SIGKILL
    else:
        assert code == 130
        assert "Run the same command again to resume" in " ".join(stderr.split())

    resumed = cli("extract", str(corpus), "--out", str(out), *common)
    stdout, _ = resumed.communicate(timeout=300)
    assert resumed.returncode == 0
    assert "already done" in stdout
    assert outputs(out) == outputs(tmp_path / "clean")


def test_run_two_runs_without_the_lock_never_share_a_part(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first, second = Run(out), Run(out)  # opened together, as two unlocked runs would be
    first.commit([ArticleResult("a", "in/a.txt", text="Text of a.")])
    second.commit([ArticleResult("b", "other/b.txt", text="Text of b.")])
    assert len(list((out / ".quotegrab" / "parts").iterdir())) == 2
    Run(out).merge(["jsonl"], save_text=True)
    saved = [json.loads(line)["article_id"] for line in (out / "articles.jsonl").read_text().splitlines()]
    assert sorted(saved) == ["a", "b"]  # both kept; the order of two concurrent runs is not defined


def worker_pids(pid: int) -> list[int]:
    """The multiprocessing workers that the process `pid` has started."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            if ppid == pid and b"spawn_main" in (stat.parent / "cmdline").read_bytes():
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue  # a process that ended while we looked
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers through /proc")
def test_run_ctrl_c_while_workers_start_is_one_line(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "in", 40)
    code = "from quotegrab.cli import main; main()"
    args = ["extract", str(corpus), "--out", str(tmp_path / "out"), "--workers", "2"]
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, which a terminal's Ctrl-C goes to whole
    )
    deadline = time.monotonic() + 120
    while len(worker_pids(proc.pid)) < 2:
        assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()
        time.sleep(0.02)
    time.sleep(0.2)  # the workers are importing spaCy and unpickling the model
    os.killpg(proc.pid, signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    (line,) = [line for line in stderr.splitlines() if line.strip()]
    assert line.startswith("interrupted")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the workers through /proc")
def test_run_workers_end_when_the_driver_is_killed_while_they_start(tmp_path: Path) -> None:
    """A driver killed while its workers unpickle the model leaves no worker behind."""
    corpus = make_corpus(tmp_path / "in", 40)
    code = "from quotegrab.cli import main; main()"
    args = ["extract", str(corpus), "--out", str(tmp_path / "out"), "--workers", "2"]
    proc = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    while len(workers := worker_pids(proc.pid)) < 2:
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.02)
    proc.kill()  # SIGKILL: no handler of the driver runs
    proc.wait()
    deadline = time.monotonic() + 120
    while [w for w in workers if b"spawn_main" in _cmdline(w)]:
        assert time.monotonic() < deadline, "a worker outlived its driver"
        time.sleep(0.2)


def _cmdline(pid: int) -> bytes:
    """A process's command line; empty once it has ended."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""
