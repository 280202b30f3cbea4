"""What the use cases run against: the store and the settings of this process."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from bot.settings import Settings
from bot.store import Store


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


@dataclass
class Context:
    store: Store
    settings: Settings
    clock: Callable[[], datetime] = utcnow
