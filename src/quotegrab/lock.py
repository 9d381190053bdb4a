"""One run at a time per output folder: an exclusive lock that says who holds it.

The lock is the kernel's (`flock`), so it ends with its process, even on SIGKILL: a killed run
never leaves a stale lock behind, and resuming needs no clean-up. The lock file holds the pid
and host of the run that holds it, so that a refused run can name it. POSIX only (fcntl).
"""

from __future__ import annotations

import fcntl
import os
import socket
from pathlib import Path
from types import TracebackType

LOCK_NAME = "lock"


class FolderLocked(Exception):
    """Another run holds the output folder."""

    def __init__(self, folder: Path, owner: str) -> None:
        self.folder = folder
        self.owner = owner
        super().__init__(f"{folder}: another quotegrab run ({owner}) is writing to this folder")


class OutputLock:
    """The exclusive lock on an output folder, held in the file `work_dir/lock`.

    The file is never deleted: unlinking a lock file while another process waits on it would let
    two runs hold "the" lock at once.
    """

    def __init__(self, out_dir: Path, work_dir: Path) -> None:
        self.out_dir = out_dir
        self.path = work_dir / LOCK_NAME
        self.fd: int | None = None

    def acquire(self) -> None:
        """Take the lock, or raise FolderLocked at once (never wait), or OSError if unwritable."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)  # no O_TRUNC: the owner's pid stays
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            owner = os.pread(fd, 256, 0).decode("utf-8", "replace").strip() or "pid unknown"
            os.close(fd)
            raise FolderLocked(self.out_dir, owner) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} on {socket.gethostname()}\n".encode(), 0)
        self.fd = fd

    def release(self) -> None:
        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None

    def __enter__(self) -> OutputLock:
        self.acquire()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()
