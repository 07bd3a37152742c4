"""The errors a pipeline sees: a refused batch (``LogError`` with every problem), a lock that
stayed held, a write the disk refused, a push that kept failing. Each carries a ``code``; branch on
it (or on the class), never on the message text."""
from __future__ import annotations


class LogError(Exception):
    """``spog log`` refused the batch: ``problems`` lists every problem; nothing was written.

    ``code`` is "invalid" (a record's fields, an unknown model, version or metric, a timestamp in
    the future), "conflict" (a record with the identity of an existing line but another value),
    "lock-timeout", "write-failed" or "registry-format" (``RegistryFormatError``).
    """

    code = "invalid"

    def __init__(self, problems: list[str], summary: str | None = None) -> None:
        self.problems = list(problems)
        self.summary = summary if summary is not None else _nothing_written(len(self.problems))
        super().__init__("\n".join([*self.problems, self.summary]))


def _nothing_written(count: int) -> str:
    return f"nothing written ({count} problem{'' if count == 1 else 's'})"


class ConflictError(LogError):
    """A record repeats the identity (ts, version, name, slice, run) of a line or record with another value."""

    code = "conflict"

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems, "nothing written")


class LockTimeout(LogError):
    """A month file's lock stayed held by a live writer for longer than ``lock_timeout``; nothing written."""

    code = "lock-timeout"

    def __init__(self, message: str) -> None:
        super().__init__([message], "nothing written")


class WriteFailure(LogError):
    """The file system refused a write (a full disk, a read-only file system, a permission).

    ``errno_code`` is the cause ("ENOSPC", "EROFS", ...); the message says which file and what was left.
    """

    code = "write-failed"

    def __init__(self, message: str, errno_code: str) -> None:
        self.errno_code = errno_code
        super().__init__([message], "")
        self.args = (message,)

    def __str__(self) -> str:
        return self.problems[0]


class NotARegistry(FileNotFoundError):
    """The folder has no ``models/`` directory."""


class RegistryFormatError(LogError):
    """The registry's ``spog.yaml`` declares a ``format_version`` this spog-client does not read.

    ``found`` is the registry's format, ``supported`` the one this client reads
    (``spog.FORMAT_VERSION``). A newer registry needs a newer spog-client (the spog version in the
    registry repo's package.json); an older one needs ``npx --no-install spog migrate`` first.
    Raised by ``Registry(path)`` and by every write; nothing is written.
    """

    code = "registry-format"

    def __init__(self, message: str, found: int, supported: int) -> None:
        self.found = found
        self.supported = supported
        super().__init__([message], "")
        self.args = (message,)

    def __str__(self) -> str:
        return self.problems[0]


class PushError(RuntimeError):
    """``commit_and_push`` could not push after its last try; the message says why and what to do."""
