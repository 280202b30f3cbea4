"""Refusals as values with a reason: front ends show `message`, never a traceback."""

from __future__ import annotations

from bot.app.message import Message, Value


class Refused(Exception):
    """A request newsbot will not carry out, and why, in words the user can act on."""

    def __init__(self, template: str, **values: Value) -> None:
        self.message = Message(template, values)
        super().__init__(self.message.plain())


class NotAllowed(Refused):
    """The caller may not do this here (not an admin, not inside a server or workspace)."""


class NotFound(Refused):
    """No such topic or feed among the ones this caller can see."""


class BadQuery(Refused):
    """A topic query that does not parse; `column` points at the problem (1-based)."""

    def __init__(self, template: str, *, column: int, query: str = "", **values: Value) -> None:
        super().__init__(template, **values)
        self.column = column
        self.query = query


class TooSoon(Refused):
    """A rate limit: the caller should wait `retry_after_s` seconds."""

    def __init__(self, template: str, *, retry_after_s: float, **values: Value) -> None:
        super().__init__(template, **values)
        self.retry_after_s = retry_after_s
