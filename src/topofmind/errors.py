"""Errors meant for people.

Every class here is shown to the user as one line by the edges (the CLI prints it
and exits with status 2; the web app renders it on its error page). The message
says what is wrong and how to fix it in words that fit every edge; where the fix is
an input to give, the error names its ``field`` and the edge says how to give it.
Deep code raises these; only the edges turn them into output.
"""

from __future__ import annotations


class TomError(Exception):
    """Base of every error shown to the user as one line.

    ``field`` names the input the error is about (``with``, ``organization``), in words
    that fit any edge, so each edge can add how to fix it: the CLI names its option, the
    web form marks its field."""

    exit_code = 2

    def __init__(self, *args: object, field: str | None = None) -> None:
        super().__init__(*args)
        self.field = field


class NotFound(TomError):
    """Shown to the user: nothing matches what they named."""


class UnknownPerson(NotFound):
    """Shown to the user: no person matches the name, id or address given."""


class UnknownOrganization(NotFound):
    """Shown to the user: no organization matches the name or id given."""


class UnknownOpportunity(NotFound):
    """Shown to the user: no opportunity matches the name or id given."""


class UnknownAction(NotFound):
    """Shown to the user: no current action has the id given."""


class NotDraftable(TomError):
    """Shown to the user: the action is not done by writing to someone, so it has no draft."""


class DeliveryFailed(TomError):
    """Shown to the user: a draft could not be delivered (no address, server refused, ...)."""


class UnknownRecord(NotFound):
    """Shown to the user: no record of that kind has that id."""


class AmbiguousName(TomError):
    """Shown to the user: a name matches several records; the message lists them."""


class InvalidValue(TomError):
    """Shown to the user: a value (a date, a stage, a kind, a number) is not valid."""


class DuplicateAddress(TomError):
    """Shown to the user: an email address already belongs to another person."""


class AlreadyExists(TomError):
    """Shown to the user: a record with that identity is already there."""


class NotADatabase(TomError):
    """Shown to the user: the file given as the database is not a topofmind database."""


class DatabaseTooNew(TomError):
    """Shown to the user: the database was written by a newer topofmind."""


class DatabaseUnreachable(TomError):
    """Shown to the user: the database server cannot be reached."""


class DatabaseBusy(TomError):
    """Shown to the user: another program holds the SQLite file's write lock."""


class DatabaseNotMigrated(TomError):
    """Shown to the user: a PostgreSQL database needs `tom db upgrade` first."""


class NotEmpty(TomError):
    """Shown to the user: an operation needs an empty database."""


class NoProfile(TomError):
    """Shown to the user: `tom init` has not been run on this database."""


class BadFile(TomError):
    """Shown to the user: a file is not what it claims to be, or cannot be read."""


class FetchFailed(TomError):
    """Shown to the user: a URL (a feed, a calendar, a posting) could not be fetched."""


class UploadTooLarge(TomError):
    """Shown to the user: an upload is larger than the ``upload_mb`` setting allows."""


class SettingsError(TomError):
    """Shown to the user: the settings file has an unknown name or a bad value."""


def did_you_mean(kind: str, query: str, candidates: list[tuple[int, str]]) -> str:
    """One line listing the candidates for an ambiguous or near-miss name."""
    shown = ", ".join(f"{name} (#{id_})" for id_, name in candidates[:6])
    more = f" and {len(candidates) - 6} more" if len(candidates) > 6 else ""
    return (
        f"'{query}' matches several {kind}: {shown}{more}. Use the id or a longer part of the name."
    )
