"""What a user is told when the database cannot be opened: that it is the database, which one, what to check.

"[Errno 111] Connect call failed" alone does not say that newsbot was trying its database, nor which
URL it read; a mistyped SQLite path must not quietly become a new folder and an empty database.
"""

from __future__ import annotations

import socket
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

SQLITE_PREFIX = "sqlite+aiosqlite:///"


class DatabaseProblem(Exception):
    """The configured database cannot be used; str() is the whole message."""


def safe_url(url: str) -> str:
    """The URL as it may be shown: the password replaced by ***."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(an unreadable database URL)"


def sqlite_file(url: str) -> Path | None:
    """The file an SQLite URL names, or None (PostgreSQL, in-memory)."""
    if not url.startswith(SQLITE_PREFIX):
        return None
    path = url[len(SQLITE_PREFIX):].partition("?")[0]
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    return Path(path).expanduser()


def check_sqlite_location(url: str) -> None:
    """An SQLite file may be new, its folder may not: a typo there must not create directories."""
    file = sqlite_file(url)
    if file is None:
        return
    folder = file.absolute().parent
    if not folder.is_dir():
        raise DatabaseProblem(
            f"the database folder {folder} does not exist ([database] url = {safe_url(url)}). "
            "Fix the path, or create the folder if it is right; newsbot creates the database file, "
            "not its folder.")


def explain_open_error(url: str, exc: BaseException) -> str:
    """One line for an error met while connecting to or migrating the database at `url`."""
    shown = safe_url(url)
    file = sqlite_file(url)
    if file is not None:
        detail = str(getattr(exc, "orig", None) or exc)
        return (f"cannot open the SQLite database {file.absolute()} ({detail}). Check that its folder is "
                "writable by this user and that the file is an SQLite database ([database] url).")
    if isinstance(exc, socket.gaierror):
        reason = "its host name does not resolve"
        check = "the host name in [database] url (or NEWSBOT_DATABASE__URL)"
    elif isinstance(exc, ConnectionRefusedError):
        reason = "nothing accepts connections at that host and port"
        check = "that PostgreSQL is running and listens there, and the host and port in [database] url"
    elif isinstance(exc, (TimeoutError, OSError)):
        reason = f"the connection failed ({exc.strerror or type(exc).__name__})" if isinstance(exc, OSError) \
            else "the connection timed out"
        check = "the network path to the server and the host and port in [database] url"
    else:
        reason = f"the server refused: {str(getattr(exc, 'orig', None) or exc).splitlines()[0]}"
        check = "the user, password (NEWSBOT_DATABASE__URL keeps it out of the file) and database name"
    return f"cannot reach the database at {shown}: {reason}. Check {check}."
