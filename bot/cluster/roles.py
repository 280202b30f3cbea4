"""`[run]`: what one `newsbot run` process does (`--role` overrides it), and its leases.

all: everything (the default, and the only sensible choice on SQLite); poll: fetch feeds and queue
alerts; deliver: send the outbox; frontend: the chat connections that answer slash commands.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.durations import parse_duration

Role = Literal["all", "poll", "deliver", "frontend"]


class RunSettings(BaseModel):
    """`lease`: how long a process keeps the feeds and deliveries it took; renewed every third of it
    while it lives, so a process that stops answering has its work taken over after one lease."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Role = "all"
    lease: float = Field(30.0, ge=3)

    _d = field_validator("lease", mode="before")(classmethod(lambda cls, v: parse_duration(v)))

    @property
    def polls(self) -> bool:
        return self.role in ("all", "poll")

    @property
    def delivers(self) -> bool:
        return self.role in ("all", "deliver")

    @property
    def serves_chat(self) -> bool:
        return self.role in ("all", "frontend")
