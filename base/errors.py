"""Typed errors with a Vietnamese message for the officer.

The core raises them; the GUI shows them through one ``show_error()``; the CLI prints the
message on stderr and exits with status 1.
"""

from __future__ import annotations


class CchcError(Exception):
    """An error the user can understand and act on. ``str(err)`` is the Vietnamese message."""

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return self.message


class DataDirError(CchcError):
    """The data folder cannot be created or written."""


class DatabaseError(CchcError):
    """The database file cannot be used as it is."""


class DatabaseTooNewError(DatabaseError):
    """The database was written by a newer version of the app."""


class CorruptDatabaseError(DatabaseError):
    """The database file is damaged or is not a Sổ CCHC database."""


class FileStoreError(CchcError):
    """A file cannot be read into or out of the file store."""


class MissingBlobError(FileStoreError):
    """A stored file is missing from the file store."""


class NotFoundError(CchcError):
    """A year, catalog, node or document that the user named does not exist."""


class ValidationError(CchcError):
    """Input that breaks a rule (points above max, bad date ...)."""


class BundleError(CchcError):
    """A bundle (gói tài liệu) cannot be read, verified or imported."""


class BundleWriteError(BundleError):
    """The target of a bundle refused it: full, write-protected, or removed mid-write."""


class BackupError(CchcError):
    """A backup cannot be made, read or restored."""


class FolderBusyError(CchcError):
    """Another program has the data folder and this work needs it (or needs it alone)."""


class RevisionMissingError(CorruptDatabaseError):
    """The database has the app's tables but no schema revision (``alembic_version`` emptied)."""


class WindowOpenError(FolderBusyError):
    """Another Sổ CCHC window has the data folder open."""
