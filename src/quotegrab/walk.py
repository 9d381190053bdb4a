"""Folder -> the files in it, with every file it could not look at named, never skipped.

`os.scandir` by hand rather than `Path.rglob`, which passes over a broken symlink, a
symlink loop or a folder it may not list without a word. Symlinks to folders are followed;
one that leads back to a folder above it is a loop, reported once and not followed.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

# (path, None) for a file to read; (path, reason) for one that could not be looked at.
Found = tuple[Path, "str | None"]


def walk(folder: Path, wanted: Callable[[Path], bool], skip_hidden: bool = True) -> Iterator[Found]:
    """Every file under `folder` whose path relative to it is `wanted`, and every problem met."""
    yield from _walk(folder, folder, wanted, skip_hidden, frozenset())


def _walk(
    root: Path,
    folder: Path,
    wanted: Callable[[Path], bool],
    skip_hidden: bool,
    above: frozenset[tuple[int, int]],
) -> Iterator[Found]:
    try:
        info = os.stat(folder)
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        yield folder, f"cannot read folder: {exc.strerror or exc}"
        return
    above = above | {(info.st_dev, info.st_ino)}
    for entry in entries:
        if skip_hidden and entry.name.startswith("."):
            continue  # such as a run's own .quotegrab/
        path = Path(entry.path)
        try:
            target = os.stat(path)  # follows a symlink: raises for a broken or looping one
        except OSError as exc:
            # A dead link is reported if it could have been input: a wanted name, or no suffix (a folder).
            if entry.is_symlink() and (wanted(path.relative_to(root)) or not path.suffix):
                yield path, _link_problem(exc)
            continue
        if stat.S_ISDIR(target.st_mode):
            if (target.st_dev, target.st_ino) in above:
                yield path, "symlink loop: links back to a folder above it"
            else:
                yield from _walk(root, path, wanted, skip_hidden, above)
        elif stat.S_ISREG(target.st_mode) and wanted(path.relative_to(root)):
            yield path, None


def _link_problem(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if exc.errno == errno.ENOENT:
        return "broken symlink: its target does not exist"
    return f"cannot follow symlink: {exc.strerror or exc}"
