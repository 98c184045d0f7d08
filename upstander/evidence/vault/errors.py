"""Exceptions shared by the vault modules.

Every message is written for the person who has to act on it (an operator, a DSL, a pupil whose
upload was refused), so the Django layer can show `str(exc)` as it is.
"""

from __future__ import annotations


class VaultError(Exception):
    """Base class for every error the vault raises on purpose."""


class MissingDependency(VaultError):
    """An optional package (boto3 for S3 storage) is needed but not installed."""


class UploadRefused(VaultError):
    """An upload we will not store, with the reason in plain words and what to change.

    `code` is a stable machine-readable name (for the API and for counting refusals); the message
    is for people.
    """

    def __init__(self, reason: str, *, code: str = "refused") -> None:
        # Defaults on keyword arguments keep the exception picklable (task results, multiprocessing).
        super().__init__(reason)
        self.reason = reason
        self.code = code
