"""Content hashes and atomic files: what a run needs to survive a kill at any moment.

A file is written beside its target under a temporary name, fsynced, and only then renamed
onto the target, so a reader sees either the old file or the whole new one, never a torn one.
"""

from __future__ import annotations

import errno
import hashlib
import os
import tempfile
from pathlib import Path
from typing import IO, Any


def sha256(text: str) -> str:
    """The content hash by which a run recognises an article it has already done."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_mode() -> int:
    """The mode a plainly created file gets (mkstemp would leave 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class AtomicFile:
    """A temporary file beside `target`, renamed onto it by commit(), removed by discard()."""

    def __init__(self, target: Path, binary: bool = False) -> None:
        self.target = target
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        self.tmp = Path(tmp)
        # newline="": CSV and JSONL rows carry their own line ends, kept exactly on every OS
        self.handle: IO[Any] = (
            os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="")
        )

    def finish(self) -> None:
        """Everything on disk under the temporary name, and the target checked: commit() then only
        renames, so that outputs finished together are renamed together or not at all."""
        if not self.handle.closed:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
            os.chmod(self.tmp, file_mode())
        if self.target.is_dir():
            raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(self.target))

    def commit(self) -> None:
        self.finish()
        os.replace(self.tmp, self.target)

    def discard(self) -> None:
        self.handle.close()
        self.tmp.unlink(missing_ok=True)


def atomic_write(target: Path, text: str) -> None:
    """Write `text` to `target` all at once or not at all."""
    file = AtomicFile(target)
    try:
        file.handle.write(text)
    except BaseException:
        file.discard()
        raise
    file.commit()
