"""spog-client: log production metrics and feature windows to a spog registry from Python, as
``spog log`` and ``spog log-features`` do (the same checks, the same bytes, the same lock files),
and commit and push them.

    from spog import Registry, commit_and_push
    reg = Registry("registry")
    reg.log_metrics([{"model": "churn", "ts": "2026-10-31T06:00:00Z", "version": "v3",
                      "metric": "auc", "value": 0.838, "n": 5120, "run": "nightly-2026-10-31"}])
    commit_and_push(".", "churn: metrics for 2026-10-31", paths=["registry"])
"""
from __future__ import annotations

from .errors import ConflictError, LockTimeout, LogError, NotARegistry, PushError, RegistryFormatError, WriteFailure
from .git import commit_and_push
from .registry import FORMAT_VERSION, FileResult, LogResult, Registry

__all__ = [
    "Registry", "LogResult", "FileResult", "LogError", "ConflictError", "LockTimeout", "WriteFailure", "NotARegistry",
    "RegistryFormatError", "PushError", "commit_and_push", "FORMAT_VERSION",
]
__version__ = "0.2.0"
