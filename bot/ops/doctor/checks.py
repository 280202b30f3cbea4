"""What one doctor check reports: a row of the table, with the fix when something is wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    area: str              # config, database, feed, discord, slack
    subject: str           # what was checked (a feed's name, a channel id, a token's variable)
    ok: bool
    detail: str
    fix: str = ""

    @classmethod
    def good(cls, area: str, subject: str, detail: str) -> "Check":
        return cls(area, subject, True, detail)

    @classmethod
    def bad(cls, area: str, subject: str, detail: str, fix: str) -> "Check":
        return cls(area, subject, False, detail, fix)
